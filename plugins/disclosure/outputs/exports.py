"""Open data: CSV, JSON, XLSX and a Frictionless Data Package, written only from the gate's published, masked records.

CSV files are UTF-8 with a BOM (Excel on a Chinese Windows opens them without
garbling), RFC 4180 quoting, CRLF line ends, the schema's column order (for
decisions the national 双公示 order, so credit platforms can import them),
ISO 8601 dates and plain decimal amounts. The Table Schemas are written from
the same schema declaration that validated the input.

Decisions get two columns the agency's data does not have, after the standard's:
链接 (the decision page's full address) and 公示截止 (the last day of publicity,
as the gate computed it; empty when there is none).

A CSV is opened in a spreadsheet, which runs a text cell starting with =, +, -,
@, tab or carriage return as a formula (CSV injection): such cells get a leading
' (OWASP's advice). Number columns are numbers, never formulas, and stay as
they are; the JSON files are data, not spreadsheets, and keep every value. The
XLSX files keep every value too: a text cell is stored as text (never a formula,
so an 18-digit code never becomes 9.1E+17), and one that starts like a formula is
also marked "quote prefix", so that editing it in Excel keeps it text.
"""

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as ILLEGAL_XML
from openpyxl.utils import get_column_letter

from ..data import schema
from .field_notes import note

DATA_FOLDER = "data"

FRICTIONLESS_TYPES = {
    schema.TEXT: "string", schema.DATE: "date", schema.NUMBER: "number",
    schema.ENUM: "string", schema.MULTI_ENUM: "string", schema.USCC: "string",
}

LINK = schema.Column("链接", "决定页面的完整网址（生成时写入）。")
PUBLIC_UNTIL = schema.Column("公示截止", "公示的最后一天（生成时按公开规则算出）。", schema.DATE)
DECISION_EXTRA_COLUMNS = (LINK, PUBLIC_UNTIL)

@dataclass
class DataFile:
    table: object
    csv_path: str
    json_path: str
    rows: int
    csv_bytes: int
    json_bytes: int
    xlsx_path: str = ""
    xlsx_bytes: int = 0

    @property
    def fields(self):
        """(column, reader's description) of every column in the download, for the data-download page."""
        return [(column, note(self.table, column)) for column in export_columns(self.table)]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(column, text):
    """The text as a CSV cell a spreadsheet shows and never runs: `'=1+1` for `=1+1`.

    A number in a number column (even -5) is a value, not a formula, and stays a number.
    """
    if not text.startswith(FORMULA_STARTS) or (column.type == schema.NUMBER and _is_number(text)):
        return text
    return "'" + text


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def json_value(column, text):
    if text == "":
        return None
    if column.type == schema.NUMBER:
        number = float(text)
        return int(number) if number.is_integer() else number
    return text


def export_columns(table):
    """The columns of a table's download, in order: the public columns, then (decisions) 链接 and 公示截止."""
    return table.public_columns + (list(DECISION_EXTRA_COLUMNS) if table.kind == "decision" else [])


def site_base(settings):
    """Where the site is published, for full addresses: https://host/path/."""
    return f"{settings['SITE_ORIGIN']}{settings['SITEURL']}/"


def row_values(record, base):
    """{column name: text} of one record's download row."""
    values = {c.name: record.values.get(c.name, "") for c in record.table.public_columns}
    if record.table.kind == "decision":
        values[LINK.name] = base + record.url
        values[PUBLIC_UNTIL.name] = record.public_until.isoformat() if record.public_until else ""
    return values


def record_as_json(record, base, values=None):
    """values: the record's row_values, when the caller has them already."""
    values = values or row_values(record, base)
    return {c.name: json_value(c, values[c.name]) for c in export_columns(record.table)}


# rows: the records' row_values, worked out once for the CSV, JSON and XLSX of a table.

def _write_csv(target, table, records, base, rows=None):
    columns = export_columns(table)
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([c.name for c in columns])
        for values in rows or (row_values(record, base) for record in records):
            writer.writerow([spreadsheet_cell(c, values[c.name]) for c in columns])


def _write_json(target, records, base, rows=None):
    rows = rows or [row_values(record, base) for record in records]
    with target.open("w", encoding="utf-8") as handle:
        handle.write("[\n")
        for index, (record, values) in enumerate(zip(records, rows)):
            separator = ",\n" if index < len(records) - 1 else "\n"
            handle.write(json.dumps(record_as_json(record, base, values), ensure_ascii=False) + separator)
        handle.write("]\n")


# -- XLSX -------------------------------------------------------------------------

def display_width(text):
    """Excel column width units: a CJK character is about two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


# Widths are read from the first rows only: enough to size a column, and a 100,000-row
# table costs nothing more. Long free text is capped and wraps nowhere: the cell holds it all.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 50


def column_widths(columns, rows):
    widths = []
    for column in columns:
        sample = [display_width(row[column.name]) for row in rows[:WIDTH_SAMPLE_ROWS]]
        wanted = max([display_width(column.name)] + sample) + 2
        widths.append(max(MIN_WIDTH, min(MAX_WIDTH, wanted)))
    return widths


# A plain decimal, as the gate writes amounts: nothing else becomes a number cell.
DECIMAL = re.compile(r"-?\d+(\.\d+)?")
EXCEL_EPOCH = date(1899, 12, 30)
SHEET = "xl/worksheets/sheet1.xml"
# The one prototype row openpyxl writes (a date cell, a quote-prefixed text cell), whose
# style numbers the data rows reuse; it is replaced by the data rows.
PROTOTYPE_ROW = re.compile(r'<row r="2"[^>]*>.*?</row>', re.S)
PROTOTYPE_STYLE = re.compile(r'<c r="([AB])2" s="(\d+)"')


def _cell_xml(ref, column, text, date_style, quoted_style):
    """One <c> element: numbers as numbers, dates as dates, everything else as text.

    Text is stored as an inline string, never a formula, so "=1+1" and an 18-digit code are
    shown as written; a text starting like a formula also gets Excel's quote prefix (the style
    quoted_style), so that editing the cell in Excel does not turn it into a formula.
    """
    if text == "":
        return ""
    if column.type == schema.NUMBER and DECIMAL.fullmatch(text):
        return f'<c r="{ref}" t="n"><v>{text}</v></c>'
    if column.type == schema.DATE:
        serial = (date.fromisoformat(text) - EXCEL_EPOCH).days
        return f'<c r="{ref}" s="{date_style}" t="n"><v>{serial}</v></c>'
    style = f' s="{quoted_style}"' if text.startswith(FORMULA_STARTS) else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{xml_escape(text)}</t></is></c>'


def _rows_xml(columns, rows, date_style, quoted_style):
    letters = [get_column_letter(index) for index in range(1, len(columns) + 1)]
    names = [column.name for column in columns]
    parts = []
    for number, values in enumerate(rows, start=2):
        texts = [values[name] for name in names]
        # Control characters (other than tab and line breaks) cannot be stored in a worksheet
        # at all; the CSV and JSON keep them, the workbook drops them rather than fail the
        # build. One look per row finds the rare row that has one.
        if ILLEGAL_XML.search("".join(texts)):
            texts = [ILLEGAL_XML.sub("", text) for text in texts]
        cells = "".join(_cell_xml(f"{letter}{number}", column, text, date_style, quoted_style)
                        for letter, column, text in zip(letters, columns, texts))
        parts.append(f'<row r="{number}">{cells}</row>')
    return "".join(parts)


def reproducible_zip(raw, stamp, replaced):
    """The same workbook with every member dated stamp and the members in replaced ({name: bytes})
    swapped in: the same data gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, replaced.get(info.filename) or source.read(info.filename))
    return out.getvalue()


def _write_xlsx(target, table, records, base, settings, as_of, rows=None):
    """openpyxl writes the workbook (header, styles, frozen row, widths, properties); the data rows,
    a million cells for a city's decisions, are written straight into the sheet: openpyxl's own
    cell-by-cell writer takes a minute there, and the result is the same."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.xml.constants import ARC_CORE
    from openpyxl.xml.functions import tostring

    columns = export_columns(table)
    rows = rows or [row_values(record, base) for record in records]
    book = Workbook(write_only=True)
    stamp = datetime(as_of.year, as_of.month, as_of.day)
    book.properties.creator = settings["AGENCY_NAME"]
    book.properties.title = f"{settings['AGENCY_NAME']}{table.title}"
    book.properties.created = stamp
    sheet = book.create_sheet(table.title[:31])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(column_widths(columns, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, column.name)
        cell.font = bold
        cell.data_type = "s"
        header.append(cell)
    sheet.append(header)
    dated = WriteOnlyCell(sheet, stamp)
    dated.number_format = "yyyy-mm-dd"
    quoted = WriteOnlyCell(sheet, "=")
    quoted.data_type = "s"
    quoted.quotePrefix = True
    sheet.append([dated, quoted])
    raw = io.BytesIO()
    book.save(raw)
    with zipfile.ZipFile(raw) as archive:
        sheet_xml = archive.read(SHEET).decode("utf-8")
    styles = dict(PROTOTYPE_STYLE.findall(sheet_xml))
    data_rows = _rows_xml(columns, rows, styles["A"], styles["B"])
    sheet_xml = PROTOTYPE_ROW.sub(lambda _: data_rows, sheet_xml, count=1)
    # Saving stamps "modified" with the clock; the document properties are written again without it.
    book.properties.modified = stamp
    replaced = {ARC_CORE: tostring(book.properties.to_tree()), SHEET: sheet_xml.encode("utf-8")}
    target.write_bytes(reproducible_zip(raw.getvalue(), stamp, replaced))


# -- the data package ---------------------------------------------------------------

def table_schema(table):
    fields = []
    for column in export_columns(table):
        field = {"name": column.name, "type": FRICTIONLESS_TYPES[column.type], "description": note(table, column)}
        if column.type == schema.DATE:
            field["format"] = "%Y-%m-%d"
        if column is LINK:
            field["format"] = "uri"
        constraints = {}
        if column.required or column is LINK:
            constraints["required"] = True
        if column.type == schema.ENUM:
            constraints["enum"] = list(column.choices)
        if column.type == schema.NUMBER:
            constraints["minimum"] = 0
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    described = {"fields": fields, "missingValues": [""]}
    if table.column(table.id_column).required:
        # An optional id column (其他执法决定 without 文书号) has empty cells: not a key.
        described["primaryKey"] = [table.id_column]
    return described


def terms_of_use(settings):
    """The downloads' terms of use (setting DISCLOSURE_TERMS_OF_USE), stated in place of a licence."""
    return settings["DISCLOSURE_TERMS_OF_USE"].replace("{agency}", settings["AGENCY_NAME"])


def datapackage(files, settings, as_of, extra_resources=()):
    # No "licenses": government information carries no licence to name; the terms are in the description.
    return {
        "name": "xingzheng-zhifa-gongshi",
        "title": f"{settings['AGENCY_NAME']}行政执法公示数据",
        "description": f"按 {as_of.isoformat()} 的公开规则生成，只含正在公开的记录；自然人姓名、证件号码等个人信息已按规定隐去。"
                       f"\n\n使用条件：{terms_of_use(settings)}",
        "homepage": site_base(settings) + f"{DATA_FOLDER}/index.html",
        "sources": [{"title": f"{settings['AGENCY_NAME']}行政执法公示专栏", "path": site_base(settings) + "index.html"}],
        "created": f"{as_of.isoformat()}T00:00:00+08:00",
        "resources": [
            {
                "name": f.table.key,
                "title": f.table.title,
                "description": f.table.description,
                "path": Path(f.csv_path).name,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": table_schema(f.table),
            }
            for f in files
        ] + list(extra_resources),
    }


def export_tables(result, output_path, settings, extra_resources=()):
    """Write every published table as CSV, JSON and XLSX, plus datapackage.json; return [DataFile]."""
    folder = Path(output_path) / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    base = site_base(settings)
    files = []
    for table in schema.ALL_TABLES:
        records = result.published.get(table.key, [])
        csv_target, json_target = folder / f"{table.key}.csv", folder / f"{table.key}.json"
        xlsx_target = folder / f"{table.key}.xlsx"
        rows = [row_values(record, base) for record in records]
        _write_csv(csv_target, table, records, base, rows)
        _write_json(json_target, records, base, rows)
        _write_xlsx(xlsx_target, table, records, base, settings, result.as_of, rows)
        files.append(DataFile(
            table, f"{DATA_FOLDER}/{csv_target.name}", f"{DATA_FOLDER}/{json_target.name}", len(records),
            csv_target.stat().st_size, json_target.stat().st_size,
            f"{DATA_FOLDER}/{xlsx_target.name}", xlsx_target.stat().st_size,
        ))
    (folder / "datapackage.json").write_text(
        json.dumps(datapackage(files, settings, result.as_of, extra_resources), ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    return files


def record_json_path(record):
    return f"{record.table.key}/{record.slug}.json"


def export_records(records, output_path, as_of, settings):
    """The one-row downloads linked from each decision page ("下载本条数据"): each folder made
    once, the JSON written by the C encoder (json.dumps with indent runs in Python) in exactly
    the bytes of json.dumps(indent=1)."""
    folders = set()
    generated = json.dumps(as_of.isoformat(), ensure_ascii=False)
    base = site_base(settings)
    for record in records:
        target = Path(output_path) / record_json_path(record)
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(_indented_payload(generated, record_as_json(record, base)))


def _indented_payload(generated, values):
    """json.dumps({"数据生成日期": …, "数据": values}, ensure_ascii=False, indent=1) + "\n"."""
    if values:
        lines = [f"  {_quoted(key)}: {_json_scalar(value)}" for key, value in values.items()]
        body = "{\n" + ",\n".join(lines) + "\n }"
    else:
        body = "{}"
    return f'{{\n "数据生成日期": {generated},\n "数据": {body}\n}}\n'


_quoted = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes for a str


def _json_scalar(value):
    if type(value) is str:
        return _quoted(value)
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)
