"""Merged open data: one CSV, JSON and XLSX per table over every agency, with an 执法机关
column, and a Frictionless data package describing them.

Every cell comes from an agency's published file unchanged: a CSV cell keeps the
agency's formula guard (a leading '), a JSON value its type, and the workbook is
written from the JSON values with every text cell stored as text, so Excel never
runs one as a formula. Rows follow the configured order of agencies, then each
agency's own order. The union of the agencies' withdrawal registers is simply the
merge of that resource, when agencies publish one.

The agency column is 执法机关, or 所属执法机关 in a table that has an 执法机关 column of
its own (其他执法决定).
"""

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as ILLEGAL_XML
from openpyxl.utils import get_column_letter

from .cores import map_on_cores
from .errors import PortalError

AGENCY_COLUMN = "执法机关"
# A table that has an 执法机关 column of its own (其他执法决定, whose standard has one, and
# where it may name a sub-unit) gets the agency under this name instead.
AGENCY_COLUMN_IF_TAKEN = "所属执法机关"


def agency_column(header):
    for name in (AGENCY_COLUMN, AGENCY_COLUMN_IF_TAKEN):
        if name not in header:
            return name
    raise PortalError(f"表中已有“{AGENCY_COLUMN}”和“{AGENCY_COLUMN_IF_TAKEN}”两列，平台无法注明记录所属的机关。")


def agency_field(name):
    return {"name": name, "type": "string", "description": "公开该记录的执法机关（平台按该机关公开的数据包注明）。",
            "constraints": {"required": True}}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class MergedTable:
    name: str
    title: str
    resource: dict  # the first agency's resource entry
    header: list  # with 执法机关 first
    rows: int
    per_agency: dict  # agency slug → rows


def _csv_text(text):
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def group_tables(outputs):
    """{resource name: [(AgencyOutput, Table)]}, refusing an agency whose columns differ from the first's."""
    groups = {}
    for output in outputs:
        for name, table in output.tables.items():
            groups.setdefault(name, []).append((output, table))
    for name, members in groups.items():
        first_output, first = members[0]
        for output, table in members[1:]:
            if table.header != first.header:
                agency = output.agency
                raise PortalError(
                    f"机关“{agency.name}”（{agency.slug}）的 {name} 表的列与“{first_output.agency.name}”的不同"
                    f"（两者用了不同版本的生成器？）。各机关须用同一版本生成，平台才能合并；请该机关更新后重新生成。")
    return groups


def write_csv(target, header, members):
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([agency_column(header)] + header)
        for output, table in members:
            agency = _csv_text(output.agency.name)
            for row in table.csv_rows():
                writer.writerow([agency] + row)


def write_json(target, header, members):
    column = agency_column(header)
    with target.open("w", encoding="utf-8") as handle:
        handle.write("[")
        first = True
        for output, table in members:
            for row in table.json_rows():
                handle.write(("\n" if first else ",\n") + json.dumps({column: output.agency.name, **row}, ensure_ascii=False))
                first = False
        handle.write("\n]\n")


SHEET = "xl/worksheets/sheet1.xml"
# openpyxl's limit for a cell's text; longer text is cut there, as openpyxl cuts it.
CELL_TEXT_LIMIT = 32767


def _cell_xml(ref, value):
    """One <c> element, byte for byte as openpyxl's write-only writer stores it with every text
    cell forced to text: a JSON string as an inline string (never a formula), a number as a
    number, null as no cell. Written here because openpyxl's cell-by-cell writer took most of
    the portal's time over a city's decisions."""
    if value is None:
        return ""
    if isinstance(value, str):
        # Control characters cannot be stored in a worksheet; the CSV and JSON keep them.
        text = ILLEGAL_XML.sub("", value)[:CELL_TEXT_LIMIT]
        if text == "":
            return f'<c r="{ref}" t="inlineStr" />'
        stripped = text.strip()
        space = ' xml:space="preserve"' if stripped and stripped != text else ""
        return f'<c r="{ref}" t="inlineStr"><is><t{space}>{xml_escape(text)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}" t="n"><v>{"%.16g" % value}</v></c>'
    raise PortalError(f"表格单元格的值 {value!r} 不是文本或数字，无法写入 XLSX。")


def _rows_xml(header, members):
    """The data rows' XML, row 2 on, a few hundred rows a piece: the agency, then each value
    of the agency's JSON row."""
    letters = [get_column_letter(index) for index in range(1, len(header) + 2)]
    agency_letter, value_letters = letters[0], list(zip(letters[1:], header))
    number = 1
    for output, table in members:
        agency = output.agency.name
        parts = []
        for row in table.json_rows():
            number += 1
            cells = _cell_xml(f"{agency_letter}{number}", agency) + "".join(
                _cell_xml(f"{letter}{number}", row.get(name)) for letter, name in value_letters)
            parts.append(f'<row r="{number}">{cells}</row>')
            if len(parts) == ROWS_PER_PIECE:
                yield "".join(parts)
                parts = []
        yield "".join(parts)


ROWS_PER_PIECE = 500


def write_xlsx(target, title, header, members, as_of):
    """openpyxl writes the workbook with its header row; the data rows are streamed into its sheet,
    so a city's table is never held whole in memory."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])

    def cell(value):
        written = WriteOnlyCell(sheet, value=value)
        written.data_type = "s"  # text, even "=…": a workbook cell is never a formula here
        return written

    sheet.append([cell(agency_column(header))] + [cell(name) for name in header])
    raw = io.BytesIO()
    book.save(raw)
    _reproducible_zip(raw, target, as_of, {SHEET: lambda xml: _with_rows(xml, _rows_xml(header, members))})


def _with_rows(sheet_xml, rows):
    """The sheet's bytes, piece by piece, with rows inserted at the end of its sheetData."""
    text = sheet_xml.decode("utf-8")
    end = text.index("</sheetData>")
    yield text[:end].encode("utf-8")
    for piece in rows:
        yield piece.encode("utf-8")
    yield text[end:].encode("utf-8")


def _reproducible_zip(raw, path, as_of, streamed):
    """The workbook openpyxl saved into raw, written to path with the members in streamed
    ({name: function of the saved bytes giving the new bytes in pieces}) replaced.
    openpyxl stamps the save time into the workbook and its zip entries; the same input
    and date must give the same bytes, so both become the portal's date."""
    stamp = f"{as_of.isoformat()}T00:00:00Z"
    with zipfile.ZipFile(raw) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("dcterms:created", "dcterms:modified"):
                    start = text.find(f"<{tag}")
                    if start != -1:
                        open_end = text.index(">", start) + 1
                        close = text.index(f"</{tag}>", open_end)
                        text = text[:open_end] + stamp + text[close:]
                data = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=(as_of.year, as_of.month, as_of.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            pieces = streamed[info.filename](data) if info.filename in streamed else (data,)
            with target.open(entry, "w") as member:
                for piece in pieces:
                    member.write(piece)


def merged_schema(resource):
    schema = json.loads(json.dumps(resource.get("schema", {})))
    column = agency_column([f["name"] for f in schema.get("fields", [])])
    schema["fields"] = [agency_field(column)] + schema.get("fields", [])
    key = schema.get("primaryKey")
    if key:
        schema["primaryKey"] = [column] + ([key] if isinstance(key, str) else list(key))
    return schema


# What the forked writers read: set by merge_tables just before they start.
_WRITING = None


def _write_files(task):
    """One table's CSV and JSON, or its workbook (the slowest file, written beside them)."""
    kind, name = task
    groups, folder, as_of = _WRITING
    members = groups[name]
    first = members[0][1]
    if kind == "xlsx":
        write_xlsx(folder / f"{name}.xlsx", first.title, first.header, members, as_of)
    else:
        write_csv(folder / f"{name}.csv", first.header, members)
        write_json(folder / f"{name}.json", first.header, members)


def merge_tables(outputs, folder, as_of, workers=None):
    """Write every table's merged files into folder, the tables' files side by side on the
    cores, the largest first; return [MergedTable]."""
    global _WRITING
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    groups = group_tables(outputs)
    largest_first = sorted(groups, key=lambda name: -sum(t.rows for _, t in groups[name]))
    _WRITING = (groups, folder, as_of)
    try:
        map_on_cores(_write_files, [(kind, name) for name in largest_first for kind in ("xlsx", "text")], workers)
    finally:
        _WRITING = None
    merged = []
    for name, members in groups.items():
        first = members[0][1]
        merged.append(MergedTable(
            name, first.title, first.resource, [agency_column(first.header)] + first.header,
            sum(t.rows for _, t in members), {o.agency.slug: t.rows for o, t in members},
        ))
    return merged


def datapackage(merged, outputs, settings, as_of):
    builds = "；".join(f"{o.agency.name} {o.as_of.isoformat()}" for o in outputs)
    return {
        "name": "city-xingzheng-zhifa-gongshi",
        "title": f"{settings['PORTAL_NAME']}行政执法公示数据（汇总）",
        "description": (f"汇总各执法机关专栏公开的数据，每条记录注明{AGENCY_COLUMN}；平台只复制各机关已公开的记录，"
                        f"不读取原始数据。各机关的生成日期：{builds}。"),
        "created": f"{as_of.isoformat()}T00:00:00+08:00",
        "licenses": [{"name": "public-information", "title": "政府信息公开"}],
        "resources": [
            {**{k: v for k, v in table.resource.items() if k not in ("schema", "path")},
             "path": f"{table.name}.csv", "schema": merged_schema(table.resource)}
            for table in merged
        ],
    }


def write_package(merged, outputs, settings, as_of, folder):
    package = datapackage(merged, outputs, settings, as_of)
    (Path(folder) / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return package
