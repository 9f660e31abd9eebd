"""The working-day calendar against the State Council's published arrangements."""

from datetime import date

from disclosure.workdays import WorkdayCalendar


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


def test_unknown_year_falls_back_to_weekends_and_warns():
    calendar = WorkdayCalendar()
    # 2026-12-28 is a Monday; without 2027 data 1月1日 counts as a working day.
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
