"""Decision pages read by the public: plain labels, no empty rows, where to object, 信用修复."""

import csv
import html
import re
from pathlib import Path

import pytest

from conftest import ROOT, assert_built, build_site, settings_with_content
from disclosure.data import schema
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.testing.synthetic import LANDMARKS

ROW = re.compile(r"<dt[^>]*>(.*?)：</dt><dd>(.*?)</dd>", re.S)
OBJECTION = re.compile(r'<aside class="objection"[^>]*>(.*?)</aside>', re.S)
INTERNAL_NAMES = [c.name for t in schema.DECISION_TABLES for c in t.columns if c.display_label != c.name]
# Columns only the publication gate needs: the same value on every published decision.
GATE_ONLY = ("状态", "程序类型", "涉及未成年人", "状态变更日期", "状态说明", "新决定文书号")


def page_of(site, key):
    landmark = LANDMARKS[key]
    table = schema.TABLES_BY_KEY[landmark["table"]]
    return (Path(site) / table.key / f"{record_slug(table, landmark['id'], PUBLIC_URL_KEY)}.html").read_text(encoding="utf-8")


def rows_of(page):
    return [(html.unescape(label), html.unescape(value)) for label, value in ROW.findall(page)]


def decision_pages(site, table):
    pages = [p.read_text(encoding="utf-8") for p in sorted((Path(site) / table.key).glob("*.html"))]
    return [p for p in pages if '<dl class="record">' in p]


def data_row(table, record_id):
    with open(ROOT / "data" / table.path, encoding="utf-8-sig", newline="") as handle:
        return next(r for r in csv.DictReader(handle) if r[table.id_column] == record_id)


def test_the_schema_gives_each_party_code_its_meaning_as_a_label():
    assert schema.PENALTIES.column("行政相对人代码_1").display_label == "统一社会信用代码"
    assert schema.PERMITS.column("行政相对人代码_3").display_label == "组织机构代码"
    assert schema.PENALTIES.column("处罚机关").display_label == "处罚机关"


def test_decision_pages_use_labels_in_plain_words(example_site):
    rows = dict(rows_of(page_of(example_site, "penalty_published")))
    code = data_row(schema.PENALTIES, LANDMARKS["penalty_published"]["id"])["行政相对人代码_1"]
    assert rows["统一社会信用代码"] == code
    for table in schema.DECISION_TABLES:
        pages = decision_pages(example_site, table)
        assert len(pages) >= 5, table.key
        for page in pages:
            labels = [label for label, _ in rows_of(page)]
            assert labels and not [name for name in INTERNAL_NAMES if name in page], labels
            assert not [label for label in labels if label in GATE_ONLY], labels


def test_empty_columns_and_zero_amounts_are_not_shown(example_site):
    record_id = LANDMARKS["penalty_published"]["id"]
    row = data_row(schema.PENALTIES, record_id)
    rows = dict(rows_of(page_of(example_site, "penalty_published")))
    empty = [c for c in schema.PENALTIES.public_columns if not row.get(c.name, "").strip()]
    assert empty, "the example row should leave some column empty"
    for column in empty:
        assert column.display_label not in rows
    for table in schema.DECISION_TABLES:
        for page in decision_pages(example_site, table):
            for label, value in rows_of(page):
                assert value.strip(), label
                if "金额" in label:
                    assert float(value) != 0, label


def test_every_decision_page_says_where_to_object(example_site):
    target = Path(example_site) / "pages" / "jiandu-jiuji.html"
    assert "监督方式和救济渠道" in target.read_text(encoding="utf-8")
    for table in schema.DECISION_TABLES:
        for page in decision_pages(example_site, table):
            box = OBJECTION.search(page)
            assert box, table.key
            assert "如对本决定有异议" in box.group(1)
            assert 'href="/pages/jiandu-jiuji.html">监督方式和救济渠道</a>' in box.group(1)
            assert "行政复议" in box.group(1) and "行政诉讼" in box.group(1)


def test_penalties_and_only_penalties_explain_credit_repair(example_site):
    for table in schema.DECISION_TABLES:
        for page in decision_pages(example_site, table):
            line = "《信用修复管理办法》（国家发展改革委令第36号）" in page and 'class="credit-repair"' in page
            assert line == (table is schema.PENALTIES), table.key
    page = page_of(example_site, "penalty_published")
    assert "信用中国" in page and "0000-12345678" in page.split('class="credit-repair"')[1]


@pytest.fixture(scope="module")
def site_with_own_wording(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wording")
    settings = Path(settings_with_content(folder, ROOT / "content"))
    with settings.open("a", encoding="utf-8") as handle:
        handle.write("DISCLOSURE_CREDIT_REPAIR = '信用修复请到示例省信用网站办理。'\n")
    output = folder / "output"
    assert_built(build_site(output, settings=str(settings)))
    return output


def test_credit_repair_wording_is_a_setting(site_with_own_wording):
    page = page_of(site_with_own_wording, "penalty_published")
    assert "信用修复请到示例省信用网站办理。" in page
    assert "国家发展改革委令第36号" not in page
