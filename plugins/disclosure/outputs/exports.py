"""Open data: CSV, JSON and a Frictionless Data Package, written only from the gate's published, masked records.

CSV files are UTF-8 with a BOM (Excel on a Chinese Windows opens them without
garbling), RFC 4180 quoting, CRLF line ends, the schema's column order (for
decisions the national 双公示 order, so credit platforms can import them),
ISO 8601 dates and plain decimal amounts. The Table Schemas are written from
the same schema declaration that validated the input.

A CSV is opened in a spreadsheet, which runs a text cell starting with =, +, -,
@, tab or carriage return as a formula (CSV injection): such cells get a leading
' (OWASP's advice). Number columns are numbers, never formulas, and stay as
they are; the JSON files are data, not spreadsheets, and keep every value.
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from ..data import schema

DATA_FOLDER = "data"

FRICTIONLESS_TYPES = {
    schema.TEXT: "string", schema.DATE: "date", schema.NUMBER: "number",
    schema.ENUM: "string", schema.MULTI_ENUM: "string", schema.USCC: "string",
}


@dataclass
class DataFile:
    table: object
    csv_path: str
    json_path: str
    rows: int
    csv_bytes: int
    json_bytes: int


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


def record_as_json(record):
    return {c.name: json_value(c, record.values.get(c.name, "")) for c in record.table.public_columns}


def _write_csv(target, table, records):
    columns = table.public_columns
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([c.name for c in columns])
        for record in records:
            writer.writerow([spreadsheet_cell(c, record.values.get(c.name, "")) for c in columns])


def _write_json(target, records):
    with target.open("w", encoding="utf-8") as handle:
        handle.write("[\n")
        for index, record in enumerate(records):
            separator = ",\n" if index < len(records) - 1 else "\n"
            handle.write(json.dumps(record_as_json(record), ensure_ascii=False) + separator)
        handle.write("]\n")


def table_schema(table):
    fields = []
    for column in table.public_columns:
        field = {"name": column.name, "type": FRICTIONLESS_TYPES[column.type], "description": column.description}
        if column.type == schema.DATE:
            field["format"] = "%Y-%m-%d"
        constraints = {}
        if column.required:
            constraints["required"] = True
        if column.type == schema.ENUM:
            constraints["enum"] = list(column.choices)
        if column.type == schema.NUMBER:
            constraints["minimum"] = 0
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return {"fields": fields, "primaryKey": [table.id_column], "missingValues": [""]}


def datapackage(files, settings, as_of):
    return {
        "name": "xingzheng-zhifa-gongshi",
        "title": f"{settings['AGENCY_NAME']}行政执法公示数据",
        "description": f"按 {as_of.isoformat()} 的公开规则生成，只含正在公开的记录；自然人姓名、证件号码等个人信息已按规定隐去。",
        "created": f"{as_of.isoformat()}T00:00:00+08:00",
        "licenses": [{"name": "public-information", "title": "政府信息公开"}],
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
        ],
    }


def export_tables(result, output_path, settings):
    """Write every published table as CSV and JSON, plus datapackage.json; return [DataFile]."""
    folder = Path(output_path) / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for table in schema.ALL_TABLES:
        records = result.published.get(table.key, [])
        csv_target, json_target = folder / f"{table.key}.csv", folder / f"{table.key}.json"
        _write_csv(csv_target, table, records)
        _write_json(json_target, records)
        files.append(DataFile(
            table, f"{DATA_FOLDER}/{csv_target.name}", f"{DATA_FOLDER}/{json_target.name}", len(records),
            csv_target.stat().st_size, json_target.stat().st_size,
        ))
    (folder / "datapackage.json").write_text(
        json.dumps(datapackage(files, settings, result.as_of), ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    return files


def record_json_path(record):
    return f"{record.table.key}/{record.slug}.json"


def export_record(record, output_path, as_of):
    """The one-row download linked from each decision page ("下载本条数据")."""
    target = Path(output_path) / record_json_path(record)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"数据生成日期": as_of.isoformat(), "数据": record_as_json(record)}
    target.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def export_records(records, output_path, as_of):
    """export_record for many records: each folder made once, the JSON written by the C encoder
    (json.dumps with indent runs in Python) in exactly the bytes of json.dumps(indent=1)."""
    folders = set()
    generated = json.dumps(as_of.isoformat(), ensure_ascii=False)
    for record in records:
        target = Path(output_path) / record_json_path(record)
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(_indented_payload(generated, record_as_json(record)))


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
