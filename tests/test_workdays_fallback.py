"""Years without a State Council notice: statutory holidays (lunar ones computed) plus weekends.

《全国年节及纪念日放假办法》第二条 (国务院令第795号): 元旦 1 day, 春节 4 days (除夕 to 正月初三),
清明 1 day (the solar term), 劳动节 5/1-5/2, 端午 1 day, 中秋 1 day, 国庆 10/1-10/3.
"""

import json
from datetime import date, timedelta

import pytest
from pelican.settings import read_settings

from conftest import ROOT, assert_built, build_site
from disclosure.data import schema
from disclosure.data.problems import DisclosureDataError
from disclosure.rules.workdays import WorkdayCalendar
from test_input_errors import rewrite_csv

SETTINGS = read_settings(str(ROOT / "publishconf.py"))
WARNING_2027 = "2027年的放假和调休安排"


def calendar(overrides=None):
    return WorkdayCalendar(overrides, SETTINGS["DISCLOSURE_STATUTORY_HOLIDAYS"])


def test_2027_spring_festival_runs_from_new_years_eve_for_four_days():
    # 农历正月初一 2027 is 6 February (Saturday): 除夕 5 Feb (Fri) to 初三 8 Feb (Mon).
    days = calendar()
    assert dict(days.statutory.of_year(2027))["春节"] == [
        date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7), date(2027, 2, 8),
    ]
    assert not days.is_workday(date(2027, 2, 5)) and not days.is_workday(date(2027, 2, 8))
    assert days.is_workday(date(2027, 2, 4)) and days.is_workday(date(2027, 2, 9))


def test_2027_decision_before_spring_festival_is_due_after_it():
    # Decided Wednesday 3 Feb 2027: 4 Feb (1), 9–12 Feb (2–5), 15–16 Feb (6–7). Counting the
    # festival as working days would give 12 Feb.
    days = calendar()
    assert days.add_workdays(date(2027, 2, 3), 7) == date(2027, 2, 16)
    warning = days.warnings()[0]
    assert WARNING_2027 in warning and "春节2月5日至8日" in warning and "调休" in warning
    assert "国务院令第795号" in warning and "data/holidays.csv" in warning


def test_every_statutory_holiday_of_2027_and_2028_is_off():
    days = calendar()
    off_2027 = {
        date(2027, 1, 1), date(2027, 4, 5),  # 元旦 (Fri), 清明 (Mon)
        date(2027, 5, 1), date(2027, 5, 2),  # 劳动节 (Sat, Sun)
        date(2027, 6, 9), date(2027, 9, 15),  # 端午 (Wed), 中秋 (Wed)
        date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3),
    }
    assert off_2027 <= days.statutory.days_off(2027)
    assert not any(days.is_workday(d) for d in off_2027)
    # 2028: 正月初一 26 January, so 除夕 is 25 January; 清明 4 April; 中秋 3 October, inside 国庆.
    holidays_2028 = dict(days.statutory.of_year(2028))
    festival_2028 = [date(2028, 1, 25) + timedelta(days=i) for i in range(4)]
    assert holidays_2028["春节"] == festival_2028 and holidays_2028["清明节"] == [date(2028, 4, 4)]
    assert holidays_2028["中秋节"] == [date(2028, 10, 3)] and date(2028, 10, 3) in holidays_2028["国庆节"]
    assert not any(days.is_workday(d) for d in festival_2028 + [date(2028, 4, 4)])
    assert days.is_workday(date(2028, 1, 24)) and days.is_workday(date(2028, 1, 31))


def test_the_warning_is_given_once_per_year():
    days = calendar()
    days.add_workdays(date(2027, 1, 4), 200)
    days.add_workdays(date(2027, 3, 1), 20)
    assert [w for w in days.warnings() if WARNING_2027 in w] == [days.warnings()[0]]
    assert len(days.warnings()) == 1


def test_years_chinesecalendar_knows_ignore_the_table():
    # 2026: 国庆 1–7 October off, Saturday 10 October worked (the State Council's notice).
    days = calendar()
    assert not days.is_workday(date(2026, 10, 5)) and days.is_workday(date(2026, 10, 10))
    assert days.warnings() == []


def test_holidays_file_rows_override_the_fallback_and_silence_the_warning():
    # An admin's copy of a (hypothetical) 2027 notice: 春节 4–11 February off, Sunday 14 February worked.
    rows = {date(2027, 2, 4) + timedelta(days=i): False for i in range(8)}
    rows[date(2027, 2, 14)] = True
    days = calendar(rows)
    assert days.add_workdays(date(2027, 2, 3), 7) == date(2027, 2, 19)
    assert days.is_workday(date(2027, 2, 14))
    # Days the rows do not mention still follow the statutory table (清明 falls on a Monday).
    assert not days.is_workday(date(2027, 4, 5))
    assert days.warnings() == []


def test_a_malformed_holiday_table_stops_the_build_in_chinese():
    table = {"basis": "测试", "holidays": [{"name": "元旦", "solar": (1, 1), "lunar": (1, 1), "days": 1}]}
    with pytest.raises(DisclosureDataError) as error:
        WorkdayCalendar(None, table)
    assert "DISCLOSURE_STATUTORY_HOLIDAYS" in str(error.value) and "元旦" in str(error.value)
    table = {"basis": "测试", "holidays": [{"name": "国庆节", "solar": "10-01", "days": 3}]}
    with pytest.raises(DisclosureDataError, match="国庆节"):
        WorkdayCalendar(None, table)
    table = {"basis": "测试", "holidays": [{"name": "清明节", "solar_term": "清明节", "days": 1}]}
    with pytest.raises(DisclosureDataError, match="不是节气名称"):
        WorkdayCalendar(None, table).is_workday(date(2027, 3, 1))


# -- the same, in a built site --------------------------------------------------------------

def _set(rows, number, **values):
    header = rows[0]
    for column, value in values.items():
        if column in header:
            rows[number][header.index(column)] = value


def _decision_near_spring_festival(rows):
    """One penalty decided on 3 Feb 2027 and published on 15 Feb; another withdrawn on 3 Feb 2027."""
    _set(rows, 7, **{
        "行政处罚决定书文号": "示发改罚〔2027〕1号", "处罚决定日期": "2027-02-03", "公开日期": "2027-02-15",
        "处罚有效期": "", "公示截止期": "", "状态": "有效", "状态变更日期": "", "状态说明": "",
        "是否重大执法决定": "否", "法制审核日期": "", "程序类型": "普通",
    })
    _set(rows, 5, **{"状态": "撤销", "状态变更日期": "2027-02-03", "状态说明": "经行政复议决定撤销。"})
    return rows


def _build_2027(tmp_path, small_data, holidays=None):
    rewrite_csv(small_data / schema.PENALTIES.path, _decision_near_spring_festival)
    if holidays:
        (small_data / "holidays.csv").write_text(holidays, encoding="utf-8")
    process = build_site(tmp_path / "output", small_data, as_of="2027-02-20")
    assert_built(process)
    report = json.loads((tmp_path / "reports" / "compliance.json").read_text(encoding="utf-8"))
    records = {r["id"]: r for r in report["records"] if r["table"] == "penalties"}
    withdrawals = {w["id"]: w for w in report["withdrawals"]}
    return process, report, records, withdrawals


def test_built_2027_site_counts_spring_festival_as_holidays_and_warns(tmp_path, small_data):
    process, report, records, withdrawals = _build_2027(tmp_path, small_data)
    decision = records["示发改罚〔2027〕1号"]
    assert decision["state"] == "published"
    assert decision["due_date"] == "2027-02-16" and decision["late_workdays"] == 0
    assert "示发改罚〔2027〕1号" not in {r["id"] for r in report["late_publications"]}
    # Withdrawn on 3 Feb: 4 Feb (1), 9 Feb (2), 10 Feb (3).
    assert withdrawals["示发改罚〔2025〕4号"]["deadline"] == "2027-02-10"
    # The warning: once in the build output, once in the report (JSON and page).
    assert process.stderr.count(WARNING_2027) == 1
    assert [w for w in report["warnings"] if WARNING_2027 in w] and sum(WARNING_2027 in w for w in report["warnings"]) == 1
    page = (tmp_path / "reports" / "compliance.html").read_text(encoding="utf-8")
    assert page.count(WARNING_2027) == 1 and "调休上班日和补假日期" in page


def test_built_2027_site_follows_holidays_csv_over_the_fallback(tmp_path, small_data):
    holidays = "日期,类型,说明\n" + "".join(
        f"{date(2027, 2, 4) + timedelta(days=i)},休,春节\n" for i in range(8)
    ) + "2027-02-14,班,春节调休上班\n"
    process, report, records, withdrawals = _build_2027(tmp_path, small_data, holidays)
    # 12 Feb (1), Sunday 14 Feb worked (2), 15–19 Feb (3–7).
    assert records["示发改罚〔2027〕1号"]["due_date"] == "2027-02-19"
    assert withdrawals["示发改罚〔2025〕4号"]["deadline"] == "2027-02-15"
    assert withdrawals["示发改罚〔2025〕4号"]["workdays_past_deadline"] == 4
    assert WARNING_2027 not in process.stderr
    assert not any(WARNING_2027 in w for w in report["warnings"])
