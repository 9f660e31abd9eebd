"""The working-day calendar against the State Council's published arrangements."""

from datetime import date

from disclosure.rules.workdays import WorkdayCalendar


def test_seventh_working_day_after_national_day_eve():
    # 2025: 10月1日–8日 放假, 9月28日(日) and 10月11日(六) 调休上班.
    assert WorkdayCalendar().add_workdays(date(2025, 9, 30), 7) == date(2025, 10, 16)


def test_start_on_a_holiday_is_not_one_day_late():
    # chinesecalendar's own find_workday gives 2025-10-17 here.
    assert WorkdayCalendar().add_workdays(date(2025, 10, 1), 7) == date(2025, 10, 16)


def test_make_up_saturday_counts_as_a_working_day():
    calendar = WorkdayCalendar()
    assert calendar.is_workday(date(2025, 10, 11))  # 调休上班的星期六
    assert calendar.add_workdays(date(2025, 10, 10), 1) == date(2025, 10, 11)


def test_decision_day_itself_does_not_count():
    assert WorkdayCalendar().add_workdays(date(2026, 3, 2), 1) == date(2026, 3, 3)


def test_unknown_year_without_a_holiday_table_falls_back_to_weekends_and_warns():
    calendar = WorkdayCalendar()
    # 2026-12-28 is a Monday; with neither 2027 data nor the statutory table (the setting
    # DISCLOSURE_STATUTORY_HOLIDAYS, see test_workdays_fallback.py) 1月1日 counts as a working day.
    due = calendar.add_workdays(date(2026, 12, 28), 7)
    assert due == date(2027, 1, 6)
    assert any("2027年" in w and "holidays.csv" in w for w in calendar.warnings())


def test_holidays_file_rows_decide_unknown_years():
    overrides = {date(2027, 1, 1): False, date(2027, 1, 2): False, date(2027, 1, 3): False}
    calendar = WorkdayCalendar(overrides)
    assert calendar.add_workdays(date(2026, 12, 28), 7) == date(2027, 1, 7)
    assert calendar.warnings() == []


def test_workdays_between_counts_late_days():
    calendar = WorkdayCalendar()
    assert calendar.workdays_between(date(2025, 10, 16), date(2025, 10, 20)) == 2
    assert calendar.workdays_between(date(2025, 10, 16), date(2025, 10, 16)) == 0


def test_due_date_of_a_late_december_decision_with_and_without_holidays_csv(small_data):
    from pelican.settings import read_settings

    from conftest import ROOT
    from disclosure import pipeline
    from disclosure.data import schema
    from test_input_errors import rewrite_csv

    def decide_on_2026_12_28(rows):
        header = rows[0]
        rows[1][header.index("处罚决定日期")] = "2026-12-28"
        for column in ("公开日期", "法制审核日期", "状态变更日期"):
            rows[1][header.index(column)] = ""
        rows[1][header.index("是否重大执法决定")] = "否"
        rows[1][header.index("状态")] = "有效"
        return rows

    rewrite_csv(small_data / schema.PENALTIES.path, decide_on_2026_12_28)
    settings = read_settings(str(ROOT / "publishconf.py"))

    def due_and_warnings():
        result = pipeline.run(settings, small_data, date(2027, 1, 15))
        first_row = next(s for s in result.states if s.table == "penalties" and s.decision_date == date(2026, 12, 28))
        return first_row.due_date, result.warnings

    # No 2027 notice: 元旦 (Friday 1 January, 放假办法 第二条) is off, and the build warns.
    due, warnings = due_and_warnings()
    assert due == date(2027, 1, 7)
    assert any("2027年" in w and "调休" in w for w in warnings)

    # The admin's rows for 2027 decide (here a 补假 on Monday 4 January) and silence the warning.
    (small_data / "holidays.csv").write_text(
        "日期,类型,说明\n2027-01-01,休,元旦\n2027-01-02,休,元旦\n2027-01-03,休,元旦\n2027-01-04,休,补假\n",
        encoding="utf-8",
    )
    due, warnings = due_and_warnings()
    assert due == date(2027, 1, 8)
    assert not any("2027年" in w for w in warnings)
