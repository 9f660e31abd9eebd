"""The withdrawal deadline in the compliance report: 状态变更日期 + 3 working days.

行政处罚法 第四十八条第二款 (withdraw 在三日内 and make the reason public) and 第八十五条
(those 三日 are working days, 不含法定节假日).
"""

import json
from datetime import date

import pytest

from conftest import ROOT, assert_built, build_site
from disclosure.data import schema
from test_input_errors import rewrite_csv

AS_OF = "2026-12-31"
WEEKEND = "示发改罚〔2025〕3号"  # withdrawn Friday 13 November 2026
NATIONAL_DAY = "示发改罚〔2025〕1号"  # withdrawn Wednesday 30 September 2026
NEW_YEAR = "示发改罚〔2025〕2号"  # withdrawn Wednesday 30 December 2026
WARNING_2027 = "2027年的放假和调休安排"


def _withdraw(rows):
    header = rows[0]
    for row in rows[1:]:
        changes = {
            WEEKEND: "2026-11-13", NATIONAL_DAY: "2026-09-30", NEW_YEAR: "2026-12-30",
        }
        status_date = changes.get(row[header.index("行政处罚决定书文号")])
        if status_date:
            row[header.index("状态")] = "撤销"
            row[header.index("状态变更日期")] = status_date
            row[header.index("状态说明")] = "经行政复议决定撤销。"
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from disclosure.testing.synthetic import write_dataset

    folder = tmp_path_factory.mktemp("withdrawal-deadline")
    data = folder / "data"
    write_dataset(data, n_decisions=24, seed=7)
    rewrite_csv(data / schema.PENALTIES.path, _withdraw)
    process = build_site(folder / "output", data, as_of=AS_OF)
    assert_built(process)
    report = json.loads((folder / "reports" / "compliance.json").read_text(encoding="utf-8"))
    page = (folder / "reports" / "compliance.html").read_text(encoding="utf-8")
    return process, report, page


def _withdrawal(report, record_id):
    return next(w for w in report["withdrawals"] if w["table"] == "penalties" and w["id"] == record_id)


def test_deadline_across_a_weekend(built):
    _, report, page = built
    # Friday 13 November: Monday 16 (1), Tuesday 17 (2), Wednesday 18 (3).
    withdrawal = _withdrawal(report, WEEKEND)
    assert withdrawal["status_date"] == "2026-11-13" and withdrawal["deadline"] == "2026-11-18"
    assert withdrawal["deadline_workdays"] == 3
    assert withdrawal["basis"] == "行政处罚法第四十八条第二款、第八十五条"
    # Built on 31 December: this build takes it down 31 working days late, if no earlier build did.
    assert withdrawal["finding"] == "deadline_passed" and withdrawal["workdays_past_deadline"] == 31
    assert "2026-11-18" in page and f"如果本次生成（{AS_OF}）才撤下，超过期限 31 个工作日" in page


def test_deadline_across_a_statutory_holiday_and_a_make_up_saturday(built):
    _, report, _ = built
    # 30 September 2026: 1–7 October off (国庆, 中秋), Thursday 8 (1), Friday 9 (2), Saturday 10 worked (3).
    withdrawal = _withdrawal(report, NATIONAL_DAY)
    assert withdrawal["deadline"] == "2026-10-10" and withdrawal["finding"] == "deadline_passed"


def test_deadline_into_a_year_without_notice_uses_the_statutory_new_year_and_warns(built):
    process, report, page = built
    # 30 December 2026: 31 December (1), 1 January 2027 元旦 off, 2–3 January weekend, 4 (2), 5 (3).
    withdrawal = _withdrawal(report, NEW_YEAR)
    assert withdrawal["deadline"] == "2027-01-05"
    assert withdrawal["finding"] == "in_time" and withdrawal["workdays_past_deadline"] == 0
    assert "期限未到" in page
    # Only the deadline reached 2027: the warning still shows, once, in the build output and the report.
    assert process.stderr.count(WARNING_2027) == 1
    assert sum(WARNING_2027 in w for w in report["warnings"]) == 1
    assert page.count(WARNING_2027) == 1


def test_every_withdrawal_is_listed_and_late_ones_are_counted(built):
    _, report, page = built
    withdrawn = {(r["table"], r["id"]) for r in report["records"] if r["state"] == "withdrawn"}
    assert {(w["table"], w["id"]) for w in report["withdrawals"]} == withdrawn
    assert report["withdrawals_past_deadline"] == sum(w["finding"] == "deadline_passed" for w in report["withdrawals"])
    assert report["withdrawals_past_deadline"] >= 2
    assert all(w["reason_given"] for w in report["withdrawals"])
    assert "撤下的决定及撤回期限" in page and "实际撤下时间未知" in page
    assert f"期限已过的 <strong>{report['withdrawals_past_deadline']}</strong> 条" in page


def test_a_withdrawal_before_publication_needs_no_take_down(tmp_path, small_data):
    from pelican.settings import read_settings

    from disclosure import pipeline
    from disclosure.checks.compliance import build_report

    def withdraw_the_scheduled_one(rows):
        header = rows[0]
        for row in rows[1:]:
            if row[header.index("行政处罚决定书文号")] == "示发改罚〔2026〕99号":  # to be published 27 Nov 2026
                row[header.index("状态")] = "撤销"
                row[header.index("状态变更日期")] = "2026-11-20"
                row[header.index("状态说明")] = "经复核撤销。"
        return rows

    rewrite_csv(small_data / schema.PENALTIES.path, withdraw_the_scheduled_one)
    settings = read_settings(str(ROOT / "publishconf.py"))
    report = build_report(pipeline.run(settings, small_data, date(2026, 11, 25)), settings)
    withdrawal = _withdrawal(report, "示发改罚〔2026〕99号")
    assert withdrawal["finding"] == "never_public" and withdrawal["deadline"] is None
