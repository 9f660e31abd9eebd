"""The shortcuts that make a 100,000-decision build cheaper must not change a byte.

- the gate masks each distinct cell once (rules/gate.py, Gate._mask_cell);
- masking skips str.translate when no character changes (rules/masking.py, normalize);
- decision pages take their listed columns from pages.decision_fields and cn_date from a
  Python twin of the macro (outputs/pages.py), instead of Jinja work per column and per date.
"""

import csv
import sys
from datetime import date
from pathlib import Path

import jinja2
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from disclosure import pipeline  # noqa: E402
from disclosure.data import schema  # noqa: E402
from disclosure.outputs.pages import HIDDEN_ON_DECISION_PAGE, cn_date, decision_fields, shown_columns  # noqa: E402
from disclosure.rules import gate as gate_module  # noqa: E402
from disclosure.rules import masking  # noqa: E402
from disclosure.rules.gate import PUBLIC_URL_KEY, PublicRecord  # noqa: E402
from disclosure.testing.synthetic import write_dataset  # noqa: E402


@pytest.fixture(scope="module")
def settings():
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "publishconf.py"))


def test_cn_date_is_the_macro(settings):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=True)
    macro = env.get_template("macros.html").module.cn_date
    for day in (date(2026, 3, 5), date(2025, 12, 31), date(2024, 1, 1), None):
        assert cn_date(day) == str(macro(day))
    assert cn_date(date(2026, 3, 5)) == "2026年3月5日"


def _penalty(values):
    full = {c.name: "" for c in schema.PENALTIES.public_columns}
    full.update(values)
    return PublicRecord(schema.PENALTIES, "示罚〔2026〕1号", "abc", full, date(2026, 3, 5))


def test_decision_fields_leave_out_empty_hidden_and_zero():
    record = _penalty({
        "行政相对人名称": "示例科技有限公司", "处罚依据": "《某法》第一条", "罚款金额（万元）": "0",
        "没收违法所得、没收非法财物的金额（万元）": "2.5", "状态": "有效", "公开日期": "2026-03-06",
    })
    fields = {field.label: field.value for field in decision_fields(shown_columns(schema.PENALTIES), record)}
    assert fields["行政相对人名称"] == "示例科技有限公司"
    assert fields["处罚依据"] == "《某法》第一条"
    assert fields["没收违法所得、没收非法财物的金额（万元）"] == "2.5"
    assert "罚款金额（万元）" not in fields  # a zero amount
    assert "状态" not in fields and "公开日期" not in fields  # the gate's own, and a date shown below
    assert "备注" not in fields  # empty
    assert not set(fields) & HIDDEN_ON_DECISION_PAGE


def test_decision_fields_use_labels_in_schema_order():
    record = _penalty({"行政相对人代码_1": "91110000100000000X", "行政相对人名称": "甲公司"})
    fields = [(field.label, field.value) for field in decision_fields(shown_columns(schema.PENALTIES), record)]
    assert fields == [("行政相对人名称", "甲公司"), ("统一社会信用代码", "91110000100000000X")]


def test_normalize_shortcut_agrees_with_translate_on_every_character():
    changed = [code for code in range(0x110000)
               if masking.normalize(chr(code)) != chr(code).translate(masking._TABLE)]
    assert changed == []
    assert masking.normalize("王\u3000芳１３８\u200b") == "王 芳138 "


def test_gate_masks_each_cell_as_without_the_memo(tmp_path, settings, monkeypatch):
    """The same published values and the same over-masking report, record by record, as when
    every cell is masked on its own: two companies' decisions with the same 违法事实 naming a
    natural person are both listed."""
    write_dataset(tmp_path, n_decisions=600, seed=7)
    _name_a_person_in_two_companies_facts(tmp_path / schema.PENALTIES.path)
    as_of = date(2026, 11, 20)
    memo = pipeline.run(settings, data_dir=tmp_path, as_of=as_of)

    def unremembered(self, text, names, matcher):
        found = []
        return gate_module.mask_free_text(text, names, matcher, found), tuple(found)

    monkeypatch.setattr(gate_module.Gate, "_mask_cell", unremembered)
    plain = pipeline.run(settings, data_dir=tmp_path, as_of=as_of)
    assert memo.url_key == plain.url_key == PUBLIC_URL_KEY
    assert memo.masked_names == plain.masked_names
    assert len({record for _, record, column, _ in memo.masked_names if column == "违法事实"}) >= 2
    for key in plain.published:
        assert [(r.id, r.values) for r in memo.published[key]] == [(r.id, r.values) for r in plain.published[key]]
    assert [(n.url, n.reason, n.authority) for n in memo.notices] == [(n.url, n.reason, n.authority) for n in plain.notices]


def _name_a_person_in_two_companies_facts(path):
    """The 违法事实 of the first two companies' penalties, the same text naming a natural-person party."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    person = next(r["行政相对人名称"] for r in rows if r["行政相对人类别"] == schema.NATURAL_PERSON)
    companies = [r for r in rows if r["行政相对人类别"] != schema.NATURAL_PERSON and r["状态"] in ("", "有效")][:2]
    for row in companies:
        row["违法事实"] = f"经查，当事人雇用的{person}未持证上岗。"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
