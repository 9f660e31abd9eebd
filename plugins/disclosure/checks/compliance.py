"""The compliance report for admins: what is public, what is late, what changes next.

Written outside the public output (reports/ by default): it names withdrawn
and withheld records, which the public site must never do.
"""

import html
import json
from datetime import timedelta
from pathlib import Path

from ..data.schema import TABLES_BY_KEY
from ..rules.gate import PUBLISHED, SCHEDULED, STATE_LABELS, WITHDRAWN, record_slug

EXPIRY_NOTICE_DAYS = 30

# How a withdrawal stands against its deadline (DISCLOSURE_WITHDRAWAL_DEADLINES).
IN_TIME = "in_time"  # the deadline has not passed: this build takes it down in time if published by then
PASSED = "deadline_passed"  # this build takes it down after the deadline; earlier builds are unknown
NEVER_PUBLIC = "never_public"  # its publication date is after the status change: nothing to take down
NO_DEADLINE = "no_deadline"  # the settings set no deadline for its table
WITHDRAWAL_FINDINGS = {
    IN_TIME: "期限未到：本次生成已撤下，在期限当天或之前发布即按期撤回",
    PASSED: "期限已过，实际撤下时间未知",
    NEVER_PUBLIC: "状态变更前尚未公开，无需撤回",
    NO_DEADLINE: "未设置撤回期限",
}


def _iso(day):
    return day.isoformat() if day else None


def withdrawal_deadlines(result, deadlines):
    """Every withdrawn decision with its take-down deadline: 状态变更日期 + N working days.

    The report knows only this build: a decision withdrawn in the data leaves the site
    with the first build made after the change. When that build comes after the
    deadline, the decision may have been taken down by hand, or by an earlier build
    that is not this one: the report says the true take-down time is unknown.
    """
    notices = {(n.table.key, n.slug): n for n in result.notices}
    withdrawals = []
    for state in result.states:
        if state.state != WITHDRAWN:
            continue
        notice = notices.get((state.table, record_slug(TABLES_BY_KEY[state.table], state.id, result.url_key)))
        if notice is None:
            continue  # removed without a notice at its old URL: not a 第四十八条 withdrawal
        rule = deadlines.get(state.table)
        entry = {
            "table": state.table, "id": state.id, "status": notice.status,
            "status_date": _iso(notice.status_date), "publish_date": _iso(state.publish_date),
            "deadline": None, "deadline_workdays": None, "basis": None, "workdays_past_deadline": 0,
            "reason_given": bool((notice.reason or "").strip()),
        }
        if state.publish_date and notice.status_date < state.publish_date:
            entry["finding"] = NEVER_PUBLIC
        elif rule is None:
            entry["finding"] = NO_DEADLINE
        else:
            deadline = result.workdays.add_workdays(notice.status_date, rule["workdays"])
            entry.update(deadline=_iso(deadline), deadline_workdays=rule["workdays"], basis=rule["basis"])
            if result.as_of <= deadline:
                entry["finding"] = IN_TIME
            else:
                entry["finding"] = PASSED
                entry["workdays_past_deadline"] = result.workdays.workdays_between(deadline, result.as_of)
        withdrawals.append(entry)
    withdrawals.sort(key=lambda w: (w["deadline"] or "", w["table"], w["id"]))
    return withdrawals


def _calendar_warnings(result):
    """Warnings for years the deadlines reached and the gate did not (once per year)."""
    return [w for w in result.workdays.warnings() if w not in result.warnings]


def add_calendar_warnings(result, settings):
    """Add to result.warnings what build_report adds, without building the report: the build
    writes the report in another process (generator.py) and prints result.warnings in its own."""
    withdrawal_deadlines(result, settings["DISCLOSURE_WITHDRAWAL_DEADLINES"])
    result.warnings += _calendar_warnings(result)


def build_report(result, settings):
    withdrawals = withdrawal_deadlines(result, settings["DISCLOSURE_WITHDRAWAL_DEADLINES"])
    # The build prints result.warnings after this report is written: a year first reached
    # by a withdrawal deadline is warned about there too.
    result.warnings += _calendar_warnings(result)
    soon = result.as_of + timedelta(days=EXPIRY_NOTICE_DAYS)
    records, late, expiring = [], [], []
    for state in result.states:
        entry = {
            "table": state.table, "id": state.id, "state": state.state, "reason": state.reason,
        }
        if state.decision_date:
            entry.update(
                decision_date=_iso(state.decision_date), due_date=_iso(state.due_date),
                publish_date=_iso(state.publish_date), late_workdays=state.late_workdays,
                public_until=_iso(state.public_until),
            )
            overdue = state.state == SCHEDULED and state.due_date < result.as_of
            if state.state in (PUBLISHED, SCHEDULED) and (state.late_workdays or overdue):
                late.append({**entry, "overdue": overdue})
        elif state.table == "officers":
            entry["valid_until"] = _iso(state.public_until)
            if state.state == PUBLISHED and state.public_until <= soon:
                expiring.append(entry)
        records.append(entry)
    return {
        "as_of": _iso(result.as_of),
        "next_change": _iso(result.next_change),
        "counts": result.counts(),
        "warnings": list(result.warnings),
        "late_publications": late,
        "withdrawals": withdrawals,
        "withdrawals_past_deadline": sum(w["finding"] == PASSED for w in withdrawals),
        "certificates_expiring": expiring,
        "records": records,
        "publicity_profile": result.profile_title,
        "publish_date_unknown": [
            {"table": r["table"], "id": r["id"]} for r in records
            if r.get("decision_date") and r["state"] == PUBLISHED and not r.get("publish_date")
        ],
        "minors_to_review": [
            {"table": table, "id": record_id, "names_given": names_given}
            for table, record_id, names_given in result.minors_review
        ],
        "names_masked_elsewhere": [
            {"table": table, "id": record_id, "column": column, "name": name}
            for table, record_id, column, name in result.masked_names
        ],
    }


def write_report(report, folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "compliance.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8",
    )
    (folder / "compliance.html").write_text(render_html(report), encoding="utf-8")


def _table(caption, headers, rows):
    if not rows:
        return f"<h2>{caption}</h2><p>无。</p>"
    head = "".join(f"<th scope=col>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<h2>{caption}</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _withdrawal_finding(withdrawal, as_of):
    text = WITHDRAWAL_FINDINGS[withdrawal["finding"]]
    if withdrawal["finding"] == PASSED:
        text += f"：如果本次生成（{as_of}）才撤下，超过期限 {withdrawal['workdays_past_deadline']} 个工作日"
    return text


def render_html(report):
    title = f"公开情况报告（{report['as_of']}）"
    counts = [
        [TABLES_BY_KEY[key].title] + [n for n in by_state.values()]
        for key, by_state in report["counts"].items()
    ]
    states = next(iter(report["counts"].values()), {}).keys()
    late = [
        [TABLES_BY_KEY[r["table"]].title, r["id"], r["decision_date"], r["due_date"], r["publish_date"],
         "逾期未公开" if r["overdue"] else f"迟延 {r['late_workdays']} 个工作日"]
        for r in report["late_publications"]
    ]
    expiring = [[r["id"], r["valid_until"]] for r in report["certificates_expiring"]]
    withdrawals = [
        [TABLES_BY_KEY[w["table"]].title, w["id"], w["status"], w["status_date"], w["deadline"] or "—",
         w["basis"] or "—", _withdrawal_finding(w, report["as_of"]), "是" if w["reason_given"] else "否（未公开说明理由）"]
        for w in report["withdrawals"]
    ]
    withheld = [
        [TABLES_BY_KEY[r["table"]].title, r["id"], STATE_LABELS[r["state"]], r["reason"]]
        for r in report["records"] if r["state"] != PUBLISHED
    ]
    parts = [
        "<!DOCTYPE html><html lang=zh-CN><head><meta charset=utf-8>",
        "<meta name=viewport content='width=device-width, initial-scale=1'>",
        f"<title>{title}</title><style>body{{font-family:sans-serif;margin:1rem auto;max-width:70rem;padding:0 1rem}}"
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3rem;text-align:left}</style>",
        f"</head><body><h1>{title}</h1><p>本报告供网站管理员使用，不要放到公开网站上。</p>",
        f"<p>下次内容变化日期：<strong>{report['next_change'] or '无'}</strong>（须在当天重新生成网站）。</p>",
        "<h2>警告</h2>" + ("<ul>" + "".join(f"<li>{html.escape(w)}</li>" for w in report["warnings"]) + "</ul>"
                          if report["warnings"] else "<p>无。</p>"),
        _table("各表记录状态", ["数据"] + [STATE_LABELS[s] for s in states], counts),
        _table("迟延或逾期公开的决定", ["数据", "文书号", "决定日期", "公开期限", "公开日期", "情况"], late),
        "<h2>撤回期限</h2>"
        f"<p>撤下的决定应当在状态变更日期后的规定工作日内撤回并公开说明理由；期限已过的 <strong>{report['withdrawals_past_deadline']}</strong> 条。"
        "数据中填写撤下状态后的第一次生成才撤下该决定、换上撤下说明；本报告只知道本次生成，"
        "此前生成、发布的网站是否已撤下无从得知，所以期限已过的只能写“实际撤下时间未知”。"
        "请保存每次生成的报告，作为按期撤回的记录。</p>",
        _table("撤下的决定及撤回期限", ["数据", "文书号", "状态", "状态变更日期", "撤回期限", "依据", "情况", "说明理由"], withdrawals),
        _table(f"{EXPIRY_NOTICE_DAYS}天内到期的执法证件", ["执法证号", "有效期至"], expiring),
        _table("未公开的记录", ["数据", "编号", "状态", "原因"], withheld),
        f"<p>行政处罚适用的公示规则：{html.escape(report['publicity_profile'])}（见 docs/公开规则.md）。</p>",
        "<p>下表的决定涉及未成年人，已公开，“未成年人姓名”列中的姓名已在所有公开内容中隐去。请人工复核文字中是否还有"
        "学校、住址、监护人等能认出未成年人的内容（未成年人保护法第一百零三条）。</p>",
        _table("涉及未成年人、须人工复核的决定", ["数据", "编号", "是否填写了未成年人姓名"],
               [[TABLES_BY_KEY[m["table"]].title, m["id"], "是" if m["names_given"] else "否（请补填或复核）"]
                for m in report["minors_to_review"]]),
        _table("没有记录公开日期的已公开决定（网页不显示公开日期，也不计算是否按时）", ["数据", "编号"],
               [[TABLES_BY_KEY[m["table"]].title, m["id"]] for m in report["publish_date_unknown"]]),
        "<p>下表列出在<strong>其他记录</strong>的自由文本中隐去的自然人姓名（每个自然人当事人的姓名在所有记录中都隐去）。"
        "两个字的姓名可能与普通词语相同而被误隐去，请核对；如确属误隐去，可在文本中改用其他说法。</p>",
        _table("在其他记录中隐去的姓名", ["数据", "编号", "列", "姓名"],
               [[TABLES_BY_KEY[m["table"]].title, m["id"], m["column"], m["name"]]
                for m in report["names_masked_elsewhere"]]),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"
