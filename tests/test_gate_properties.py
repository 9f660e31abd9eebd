"""Property: on any dataset and any as-of date, a real build publishes exactly what the gate allows.

Hypothesis draws a dataset (synthetic rows, then per-row states, dates and
personal numbers planted in free text), builds the real site, runs the leak
scanner, and checks every published record is present.
"""

import csv
import io
from datetime import date, timedelta

import pandas as pd
from hypothesis import HealthCheck, given, settings, strategies as st
from pelican.settings import read_settings

from conftest import ROOT, assert_built, build_site
from disclosure import pipeline
from disclosure.data import schema
from disclosure.checks import scanner
from disclosure.data.validation import split_multi
from disclosure.testing.synthetic import write_dataset

STATUS_CHOICES = ("", "有效") + schema.WITHDRAWING_STATUSES
FREE_TEXT_PLANTS = ("", " 联系电话13800138000。", " 身份证号11010519491231002X。", " 账户6222021234567890128。")


def mutate_decisions(path, table, draw):
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    free_text = table.free_text_columns[0]
    for row in rows[1:]:
        decided = date.fromisoformat(row[col[table.date_column]])
        status = draw(st.sampled_from(STATUS_CHOICES))
        row[col["状态"]] = status
        row[col["新决定文书号"]] = ""
        row[col["状态变更日期"]] = (decided + timedelta(days=draw(st.integers(1, 60)))).isoformat() if status not in ("", "有效") else ""
        row[col["公开日期"]] = draw(st.one_of(st.just(""), st.integers(0, 40).map(lambda d: (decided + timedelta(days=d)).isoformat())))
        row[col["程序类型"]] = draw(st.sampled_from(("普通", "普通", "简易", "")))
        row[col["涉及未成年人"]] = draw(st.sampled_from(("否", "否", "是", "")))
        if "公示截止期" in col:  # always given, so the oracle below needs no default periods
            row[col["公示截止期"]] = (decided + timedelta(days=draw(st.integers(0, 900)))).isoformat()
        row[col[free_text]] += draw(st.sampled_from(FREE_TEXT_PLANTS))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return [dict(zip(header, row)) for row in rows[1:]]


# The example agency's profile (credit: 国办发〔2025〕22号, 令第36号), restated: 轻微 penalties are
# not published; severe ones never count as 轻微.
SEVERE = {"吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业"}
LOW_FINE_YUAN = {"自然人": 5000, "个体工商户": 5000, "法人及非法人组织": 50000}


def is_minor_penalty(row):
    kinds = set(split_multi(row["处罚类别"]))
    if kinds & SEVERE:
        return False
    if row["程序类型"] == "简易" or kinds <= {"警告", "通报批评"}:
        return True
    fine_yuan = round(float(row["罚款金额（万元）"] or 0) * 10000, 2)
    return "罚款" in kinds and kinds <= {"警告", "通报批评", "罚款"} and fine_yuan < LOW_FINE_YUAN[row["行政相对人类别"]]


def party_is_under_age(table, row):
    number = row.get("证件号码", "")
    if row.get(table.party_type_column) != "自然人" or len(number) != 18:
        return False
    born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    decided = date.fromisoformat(row[table.date_column])
    return (decided.year - born.year - ((decided.month, decided.day) < (born.month, born.day))) < 18


def should_publish(table, row, as_of):
    """The rules, restated independently of the gate's code."""
    if row["状态"] not in ("", "有效") or party_is_under_age(table, row):
        return False
    if table is schema.PENALTIES:
        if is_minor_penalty(row):
            return False
    elif row["程序类型"] == "简易":
        return False
    publish = date.fromisoformat(row["公开日期"] or row[table.date_column])
    if publish > as_of:
        return False
    return not row.get("公示截止期") or date.fromisoformat(row["公示截止期"]) >= as_of


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 10**6),
    size=st.integers(4, 40),
    as_of=st.dates(date(2025, 1, 1), date(2027, 3, 31)),
    draw=st.data(),
)
def test_build_publishes_exactly_the_gated_records(tmp_path_factory, seed, size, as_of, draw):
    folder = tmp_path_factory.mktemp("property")
    data = folder / "data"
    write_dataset(data, n_decisions=size, seed=seed, landmarks=False)
    rows = {t: mutate_decisions(data / t.path, t, draw.draw) for t in schema.DECISION_TABLES}
    output = folder / "output"
    assert_built(build_site(output, data, as_of=as_of.isoformat()))

    site_settings = read_settings(str(ROOT / "publishconf.py"))
    assert scanner.check_site(output, site_settings, data, as_of) == []

    published = pipeline.run(site_settings, data, as_of).published
    withheld = {}
    for table, table_rows in rows.items():
        expected = {r[table.id_column] for r in table_rows if should_publish(table, r, as_of)}
        exported = pd.read_csv(output / "data" / f"{table.key}.csv", dtype=str, keep_default_na=False)
        assert set(exported[table.id_column]) == expected, table.key
        pages = {r.id: r for r in published[table.key]}
        assert set(pages) == expected
        for record in pages.values():
            assert record.id in (output / record.url).read_text(encoding="utf-8")
        withheld.update({r[table.id_column]: "withheld" for r in table_rows if r[table.id_column] not in expected})
    assert scanner.scan(output, withheld) == []
