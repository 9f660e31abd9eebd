"""Data for journalists: a link and the end of publicity per decision, an XLSX per table that
Excel cannot garble, readable JSON, and a data package with terms of use and readers' descriptions."""

import dataclasses
import json
import re
import zipfile
from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from pelican.settings import read_settings

from conftest import EXAMPLE_AS_OF, ROOT
from disclosure import pipeline
from disclosure.data import schema
from disclosure.outputs import field_notes
from disclosure.outputs.exports import export_columns, site_base
from disclosure.testing.synthetic import LANDMARKS
from test_csv_formulas import FREE_TEXT_COLUMNS, PAYLOADS, formula_site  # noqa: F401 (a fixture)

ORIGIN = "https://fgw.example.gov.cn/"


@pytest.fixture(scope="module")
def gate_result():
    settings = read_settings(str(ROOT / "publishconf.py"))
    return pipeline.run(settings, ROOT / "data", date.fromisoformat(EXAMPLE_AS_OF))


def copy_of(record):
    """A published record a test may change without changing the module's gate result."""
    return dataclasses.replace(record, values=dict(record.values))


def read_csv(site, table):
    return pd.read_csv(site / "data" / f"{table.key}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def sheet_rows(site, table):
    book = load_workbook(site / "data" / f"{table.key}.xlsx")
    assert book.sheetnames == [table.title]
    return book[table.title]


# -- 链接 and 公示截止 ------------------------------------------------------------------------

@pytest.mark.parametrize("table", schema.DECISION_TABLES, ids=lambda t: t.key)
def test_every_decisions_link_opens_its_own_page_in_the_built_site(example_site, gate_result, table):
    frame = read_csv(example_site, table)
    assert list(frame.columns[-2:]) == ["链接", "公示截止"]
    assert len(frame) == len(gate_result.published[table.key]) > 0
    for _, row in frame.iterrows():
        link = row["链接"]
        assert link.startswith(ORIGIN), link
        page = example_site / link[len(ORIGIN):]
        assert page.is_file(), link
        assert row[table.id_column] in page.read_text(encoding="utf-8")


def test_link_carries_the_sites_path_prefix(gate_result):
    settings = read_settings(str(ROOT / "publishconf.py"))
    settings["SITEURL"] = "/zfgs"
    assert site_base(settings) == "https://fgw.example.gov.cn/zfgs/"


@pytest.mark.parametrize("table", schema.DECISION_TABLES, ids=lambda t: t.key)
def test_end_of_publicity_is_what_the_gate_computed(example_site, gate_result, table):
    frame = read_csv(example_site, table)
    wanted = [r.public_until.isoformat() if r.public_until else "" for r in gate_result.published[table.key]]
    assert list(frame["公示截止"]) == wanted
    rows = json.loads((example_site / "data" / f"{table.key}.json").read_text(encoding="utf-8"))
    assert [r["公示截止"] or "" for r in rows] == wanted


def test_penalties_without_an_end_in_the_data_get_the_computed_one(example_site, gate_result):
    frame = read_csv(example_site, schema.PENALTIES)
    computed = frame[frame["公示截止期"] == ""]
    assert len(computed) > 0 and (computed["公示截止"].str.fullmatch(r"\d{4}-\d{2}-\d{2}")).all()
    record = next(r for r in gate_result.published["penalties"] if r.id == LANDMARKS["penalty_published"]["id"])
    row = frame[frame["行政处罚决定书文号"] == record.id].iloc[0]
    # Settings: 36 months from the publication date (or 3 for a minor penalty), the day before.
    assert date.fromisoformat(row["公示截止"]) > record.publish_date
    assert row["公示截止"] == record.public_until.isoformat()


def test_per_record_json_has_the_link_and_the_end_in_plain_utf8(example_site, gate_result):
    record = next(r for r in gate_result.published["penalties"] if r.id == LANDMARKS["penalty_published"]["id"])
    text = (example_site / "penalties" / f"{record.slug}.json").read_text(encoding="utf-8")
    row = json.loads(text)["数据"]
    assert row["链接"] == f"{ORIGIN}{record.url}" and row["公示截止"] == record.public_until.isoformat()
    assert record.id in text and "行政相对人名称" in text


# -- readable JSON everywhere -----------------------------------------------------------------

def test_every_json_file_in_the_site_is_readable_utf8(example_site):
    files = sorted(example_site.rglob("*.json"))
    assert len(files) > 200
    chinese = 0
    for path in files:
        text = path.read_bytes().decode("utf-8")
        json.loads(text)
        assert not re.search(r"\\u[0-9a-fA-F]{4}", text), path
        chinese += bool(re.search(r"[\u4e00-\u9fff]", text))
    assert chinese > 200


# -- XLSX ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", schema.ALL_TABLES, ids=lambda t: t.key)
def test_xlsx_holds_the_same_rows_as_the_csv(example_site, table):
    sheet = sheet_rows(example_site, table)
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [c.name for c in export_columns(table)]
    frame = read_csv(example_site, table)
    assert len(rows) - 1 == len(frame)
    columns = export_columns(table)
    for values, (_, expected) in zip(rows[1:], frame.iterrows()):
        for column, value in zip(columns, values):
            text = expected[column.name]
            if column.type == schema.DATE:
                assert value == (datetime.fromisoformat(text) if text else None), column.name
            elif column.type == schema.NUMBER:
                assert value == (float(text) if text else None), column.name
                assert value is None or isinstance(value, (int, float))
            else:
                assert (value or "") == text, column.name


def test_xlsx_header_is_frozen_bold_and_columns_are_sized(example_site):
    sheet = sheet_rows(example_site, schema.PENALTIES)
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    widths = {letter: d.width for letter, d in sheet.column_dimensions.items()}
    assert len(widths) == len(export_columns(schema.PENALTIES))
    assert all(8 <= w <= 50 for w in widths.values())
    header = [c.value for c in sheet[1]]
    code = widths[sheet.cell(1, header.index("行政相对人代码_1") + 1).column_letter]
    kind = widths[sheet.cell(1, header.index("行政相对人类别") + 1).column_letter]
    facts = widths[sheet.cell(1, header.index("违法事实") + 1).column_letter]
    assert code >= 20 and facts > kind  # an 18-digit code shows whole; long text gets more room


def test_an_18_digit_code_stays_text_in_xlsx(example_site):
    sheet = sheet_rows(example_site, schema.PENALTIES)
    header = [c.value for c in sheet[1]]
    codes = [row[header.index("行政相对人代码_1")] for row in sheet.iter_rows(min_row=2)]
    digits = [c for c in codes if c.value and re.fullmatch(r"\d{18}", str(c.value))]
    filled = [c for c in codes if c.value]
    assert filled and all(c.data_type == "s" and isinstance(c.value, str) for c in filled)
    authority = [row[header.index("处罚机关统一社会信用代码")] for row in sheet.iter_rows(min_row=2)]
    assert all(c.data_type == "s" and len(c.value) == 18 for c in authority)
    # All-digit codes are the ones Excel used to turn into 9.1E+17: if the example has one, it is text too.
    assert all(c.data_type == "s" for c in digits)


def test_an_all_digit_code_is_text_in_a_written_workbook(tmp_path, gate_result):
    from disclosure.outputs import exports

    record = copy_of(gate_result.published["penalties"][0])
    record.values["行政相对人代码_2"] = "123456789012345678"
    settings = read_settings(str(ROOT / "publishconf.py"))
    target = tmp_path / "p.xlsx"
    exports._write_xlsx(target, schema.PENALTIES, [record], site_base(settings), settings, gate_result.as_of)
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(2, header.index("行政相对人代码_2") + 1)
    assert cell.value == "123456789012345678" and cell.data_type == "s"


def test_control_characters_cannot_stop_the_workbook(tmp_path, gate_result):
    from disclosure.outputs import exports

    record = copy_of(gate_result.published["penalties"][0])
    record.values["违法事实"] = "开头\x01中间\x0b结尾\t制表"
    settings = read_settings(str(ROOT / "publishconf.py"))
    target = tmp_path / "p.xlsx"
    exports._write_xlsx(target, schema.PENALTIES, [record], site_base(settings), settings, gate_result.as_of)
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("违法事实") + 1).value == "开头中间结尾\t制表"


def test_formula_like_text_is_text_in_xlsx_never_a_formula(formula_site):  # noqa: F811
    planted = {p.strip() for p in PAYLOADS}
    seen = set()
    for table, columns in FREE_TEXT_COLUMNS.items():
        path = formula_site / "data" / f"{table.key}.xlsx"
        with zipfile.ZipFile(path) as archive:
            sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert "<f>" not in sheet_xml and "<f " not in sheet_xml
        sheet = load_workbook(path).active
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            for column in columns:
                cell = row[header.index(column)]
                assert cell.data_type == "s" and cell.value in planted, (table.key, column, cell.value)
                assert cell.quotePrefix, (table.key, column)  # editing it in Excel keeps it text
                seen.add(cell.value)
    assert seen == planted


def test_xlsx_is_dated_by_the_as_of_date_not_the_clock(example_site):
    with zipfile.ZipFile(example_site / "data" / "penalties.xlsx") as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2026, 11, 20)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert core.count("2026-11-20T00:00:00Z") == 2


# -- the data package and the download page ------------------------------------------------------

def test_data_package_is_valid_and_states_terms_of_use_instead_of_a_licence(example_site):
    from frictionless import validate

    path = example_site / "data" / "datapackage.json"
    report = validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads(path.read_text(encoding="utf-8"))
    assert "public-information" not in path.read_text(encoding="utf-8")
    assert "licenses" not in package
    assert "使用条件" in package["description"] and "政府信息公开条例" in package["description"]
    assert "个人信息保护法" in package["description"]


def test_data_package_describes_fields_for_readers(example_site):
    package = json.loads((example_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    penalties = next(r for r in package["resources"] if r["name"] == "penalties")
    fields = {f["name"]: f for f in penalties["schema"]["fields"]}
    assert list(fields)[-2:] == ["链接", "公示截止"]
    assert fields["链接"]["format"] == "uri" and fields["公示截止"]["type"] == "date"
    # Input hints (what to type, what is refused) stay in the admin docs, not in the package.
    for name, field in fields.items():
        assert field["description"], name
        for hint in ("填", "表头", "请写", "生成时提示", "不接受"):
            assert hint not in field["description"], (name, field["description"])
    assert fields["行政相对人类别"]["description"] != schema.PENALTIES.column("行政相对人类别").description
    fielddocs = (ROOT / "docs" / "数据字段.md").read_text(encoding="utf-8")
    assert "不接受 01–04 之类的数字代码" in fielddocs


@pytest.mark.parametrize("table", schema.ALL_TABLES, ids=lambda t: t.key)
def test_every_published_column_has_a_readers_note(table):
    missing = [c.name for c in export_columns(table)
               if (table.key, c.name) not in field_notes.TABLE_NOTES and c.name not in field_notes.NOTES]
    assert not missing, f"outputs/field_notes.py has no note for {missing} of {table.key}"


def test_download_page_offers_xlsx_and_states_the_terms(example_site):
    page = (example_site / "data" / "index.html").read_text(encoding="utf-8")
    for table in schema.ALL_TABLES:
        assert f'href="/data/{table.key}.xlsx"' in page
    assert "使用条件" in page and "政府信息公开条例" in page
    assert field_notes.NOTES["公示截止"] in page
    assert "不接受 01–04" not in page


def test_a_second_reader_sees_the_same_workbook(example_site):
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(example_site / "data" / "permits.xlsx")).get_sheet_by_index(0).to_python()
    frame = read_csv(example_site, schema.PERMITS)
    assert rows[0] == list(frame.columns) and len(rows) - 1 == len(frame)
    code = list(frame.columns).index("行政相对人代码_1")
    assert [r[code] for r in rows[1:]] == list(frame["行政相对人代码_1"])
