"""The portal's fast paths keep their promises: the workbook rows written as text are the
cells openpyxl itself writes, and the agencies' packages validated side by side give the
same refusals, in the configured order, as one after the other."""

import io
import json
import zipfile
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from disclosure.portal import build, merge
from disclosure.portal.errors import PortalError
from disclosure.portal.settings import Agency
from disclosure.portal.validation import validation_problems

AS_OF = date(2026, 11, 20)
HEADER = ["文书号", "事实", "罚款金额（万元）", "有效"]
ROWS = [
    {"文书号": "=1+1", "事实": "  前后有空格  ", "罚款金额（万元）": 3.28, "有效": True},
    {"文书号": "+86 手机", "事实": "a < b & c > d", "罚款金额（万元）": 10, "有效": False},
    {"文书号": "#N/A", "事实": "", "罚款金额（万元）": None, "有效": None},
    {"文书号": "@SUM(A1)", "事实": "\u3000全角空格", "罚款金额（万元）": 0.1 + 0.2, "有效": None},
    {"文书号": "-5", "事实": "换行\n中间", "罚款金额（万元）": 12345678901234567890, "有效": None},
]


def members(rows_per_agency):
    """[(AgencyOutput-like, Table-like)] as merge.write_xlsx reads them."""
    return [(SimpleNamespace(agency=SimpleNamespace(name=name)), SimpleNamespace(json_rows=lambda rows=rows: rows))
            for name, rows in rows_per_agency]


def sheet_xml(path):
    with zipfile.ZipFile(path) as archive:
        return archive.read(merge.SHEET)


def openpyxl_sheet_xml(header, parts):
    """The sheet as openpyxl's own write-only writer stores it, every text cell forced to text."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("表")

    def cell(value):
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"
        return written

    sheet.append([cell(merge.agency_column(header))] + [cell(name) for name in header])
    for name, rows in parts:
        for row in rows:
            sheet.append([cell(name)] + [cell(row.get(column)) for column in header])
    raw = io.BytesIO()
    book.save(raw)
    with zipfile.ZipFile(raw) as archive:
        return archive.read(merge.SHEET)


def test_workbook_rows_are_the_cells_openpyxl_writes(tmp_path):
    parts = [("甲局", ROWS[:3]), ("乙局", ROWS[3:]), ("丙局", [])]
    target = tmp_path / "penalties.xlsx"
    merge.write_xlsx(target, "表", HEADER, members(parts), AS_OF)
    assert sheet_xml(target) == openpyxl_sheet_xml(HEADER, parts)
    cells = [list(row) for row in load_workbook(target).active.iter_rows(values_only=True)]
    assert cells[0] == ["执法机关"] + HEADER
    assert [row[0] for row in cells[1:]] == ["甲局"] * 3 + ["乙局"] * 2
    assert cells[1][1] == "=1+1" and cells[4][1] == "@SUM(A1)", "a text that looks like a formula stays text"
    assert cells[1][2] == "  前后有空格  " and cells[2][2] == "a < b & c > d" and cells[5][2] == "换行\n中间"
    assert cells[1][3] == 3.28 and cells[2][3] == 10 and cells[1][4] is True and cells[2][4] is False


def test_workbook_is_the_same_bytes_for_the_same_input(tmp_path):
    parts = [("甲局", ROWS * 300)]  # more rows than one streamed piece
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    merge.write_xlsx(first, "表", HEADER, members(parts), AS_OF)
    merge.write_xlsx(second, "表", HEADER, members(parts), AS_OF)
    assert first.read_bytes() == second.read_bytes()
    assert sheet_xml(first) == openpyxl_sheet_xml(HEADER, parts)
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 20, 0, 0, 0)}
        assert b"2026-11-20T00:00:00Z" in archive.read("docProps/core.xml")


def test_a_control_character_is_left_out_of_the_workbook_only(tmp_path):
    target = tmp_path / "t.xlsx"
    merge.write_xlsx(target, "表", HEADER, members([("甲局", [{"文书号": "A\x01B", "事实": "\x02"}])]), AS_OF)
    cells = list(load_workbook(target).active.iter_rows(values_only=True))
    assert cells[1][1] == "AB" and cells[1][2] in ("", None)


def test_a_value_that_is_neither_text_nor_number_is_refused(tmp_path):
    with pytest.raises(PortalError, match="不是文本或数字"):
        merge.write_xlsx(tmp_path / "t.xlsx", "表", HEADER, members([("甲局", [{"文书号": ["列表"]}])]), AS_OF)


SCHEMA = {"fields": [{"name": "文书号", "type": "string", "constraints": {"required": True}},
                     {"name": "处罚决定日期", "type": "date", "format": "%Y-%m-%d"},
                     {"name": "类别", "type": "string", "constraints": {"enum": ["简易", "普通"]}}],
          "missingValues": [""], "primaryKey": ["文书号"]}


def published(folder, slug, rows):
    """A minimal published output: a data package of one table, as an agency's build writes it."""
    agency = Agency(slug, f"{slug}执法局", Path(folder) / slug, f"/{slug}")
    data = agency.output / "data"
    data.mkdir(parents=True)
    lines = ["文书号,处罚决定日期,类别"] + [",".join(row) for row in rows]
    (data / "penalties.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    package = {"name": "xingzheng-zhifa-gongshi", "title": f"{agency.name}行政执法公示数据",
               "created": "2026-11-20T00:00:00+08:00",
               "resources": [{"name": "penalties", "path": "penalties.csv", "format": "csv", "encoding": "utf-8-sig",
                              "schema": SCHEMA}]}
    (data / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    return agency


GOOD = [("罚1号", "2026-11-01", "普通"), ("罚2号", "2026-11-02", "简易")]


def test_packages_validated_side_by_side_give_the_refusals_of_one_by_one(tmp_path):
    agencies = [
        published(tmp_path, "a", GOOD),
        published(tmp_path, "b", GOOD + [("罚3号", "2026-02-30", "普通")]),
        published(tmp_path, "c", GOOD),
        published(tmp_path, "d", GOOD + [("罚1号", "2026-11-03", "口头")]),
        published(tmp_path, "e", GOOD),
    ]
    together = validation_problems(agencies, workers=2)
    assert together == validation_problems(agencies, workers=1)
    assert [p is None for p in together] == [True, False, True, False, True]
    assert "机关“b执法局”（b，" in together[1]
    assert "penalties（第4行，“处罚决定日期”列）：“2026-02-30”不是YYYY-MM-DD 格式的日期" in together[1]
    assert "机关“d执法局”（d，" in together[3]
    assert "“口头”不符合该列的约束" in together[3] and "主键重复" in together[3]


def test_every_refusal_is_listed_in_the_configured_order(tmp_path):
    agencies = [
        published(tmp_path, "a", GOOD + [("罚3号", "2026-13-01", "普通")]),
        Agency("b", "b执法局", tmp_path / "missing", "/b"),
        published(tmp_path, "c", GOOD + [("", "2026-11-03", "普通")]),
    ]
    with pytest.raises(PortalError) as refused:
        build.read_all(agencies, AS_OF, 2)
    message = str(refused.value)
    assert message.startswith("有 3 个机关的公开数据不能用于平台")
    first, second, third = (message.index(f"  {i}. 机关“{slug}执法局”") for i, slug in ((1, "a"), (2, "b"), (3, "c")))
    assert first < second < third
    assert "目录不存在" in message[second:third]


class FakeTable:
    """A Table as merge reads it: the header, the CSV cells and the JSON rows of one agency."""

    def __init__(self, rows):
        self.title, self.resource, self.header, self.rows = "行政处罚", {"schema": {"fields": []}}, HEADER, len(rows)
        self._rows = rows

    def csv_rows(self):
        return [["" if row.get(name) is None else str(row.get(name)) for name in HEADER] for row in self._rows]

    def json_rows(self):
        return self._rows


def test_tables_written_side_by_side_are_the_files_written_one_by_one(tmp_path):
    outputs = [SimpleNamespace(agency=SimpleNamespace(name=f"{i}局", slug=f"a{i}"),
                               tables={"penalties": FakeTable(ROWS * (i + 1)), "permits": FakeTable(ROWS[i:])})
               for i in range(3)]
    alone, together = tmp_path / "alone", tmp_path / "together"
    merge.merge_tables(outputs, alone, AS_OF, workers=1)
    merged = merge.merge_tables(outputs, together, AS_OF, workers=2)
    names = sorted(p.name for p in alone.iterdir())
    assert names == sorted(f"{t}.{s}" for t in ("penalties", "permits") for s in ("csv", "json", "xlsx"))
    assert names == sorted(p.name for p in together.iterdir())
    assert all((alone / name).read_bytes() == (together / name).read_bytes() for name in names)
    assert [(t.name, t.rows) for t in merged] == [("penalties", 30), ("permits", 12)]
    assert json.loads((together / "permits.json").read_text(encoding="utf-8"))[0] == {"执法机关": "0局", **ROWS[0]}
