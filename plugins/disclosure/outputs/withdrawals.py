"""The public register of withdrawals (行政处罚法 第四十八条: withdrawn with the reason made
public): a page and data/withdrawals.csv / .json listing every withdrawal notice the gate made.

Kind, authority, status, date, the public reason and links only: no party, no 文书号 — the
gate's notices carry nothing else.
"""

import csv
import json
from pathlib import Path

from ..data import schema
from .exports import DATA_FOLDER, spreadsheet_cell

REGISTER_URL = "withdrawals.html"
REGISTER_COLUMNS = (
    schema.Column("决定类别", "行政处罚、行政许可或其他执法决定。"),
    schema.Column("作出决定的机关", "作出原决定的机关。"),
    schema.Column("撤下原因", "原决定被变更、撤销、确认违法、确认无效或重新作出。"),
    schema.Column("撤下日期", "原决定被变更、撤销等的日期（YYYY-MM-DD）。", schema.DATE),
    schema.Column("理由", "公开的撤下理由（已去掉当事人和原文书号等信息）。"),
    schema.Column("撤下说明网址", "原决定网址上的撤下说明。"),
    schema.Column("新决定网址", "重新作出或变更后的决定（正在公开时）。"),
)


def register_resource():
    """The register's entry in data/datapackage.json (Frictionless Table Schema)."""
    fields = []
    for column in REGISTER_COLUMNS:
        field = {"name": column.name, "type": "date" if column.type == schema.DATE else "string",
                 "description": column.description}
        if column.type == schema.DATE:
            field["format"] = "%Y-%m-%d"
        fields.append(field)
    return {
        "name": "withdrawals", "title": "撤下的执法决定",
        "description": "每一次撤下：决定类别、作出决定的机关、撤下原因和日期、公开的理由和链接；不含当事人和文书号。",
        "path": "withdrawals.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "schema": {"fields": fields, "missingValues": [""]},
    }


def register_rows(result, base):
    """One dict per withdrawal, newest first."""
    notices = sorted(result.notices, key=lambda n: (n.status_date, n.url), reverse=True)
    return [{
        "决定类别": n.table.title,
        "作出决定的机关": n.authority,
        "撤下原因": n.status,
        "撤下日期": n.status_date.isoformat(),
        "理由": n.reason,
        "撤下说明网址": f"{base}/{n.url}",
        "新决定网址": f"{base}/{n.replacement_url}" if n.replacement_url else "",
    } for n in notices]


def write_withdrawal_register(result, output_path, settings):
    """Write data/withdrawals.csv and .json; return the rows (for the page)."""
    base = settings["SITE_ORIGIN"] + settings["SITEURL"]
    rows = register_rows(result, base)
    folder = Path(output_path) / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "withdrawals.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([c.name for c in REGISTER_COLUMNS])
        for row in rows:
            writer.writerow([spreadsheet_cell(c, row[c.name]) for c in REGISTER_COLUMNS])
    (folder / "withdrawals.json").write_text(
        json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8",
    )
    return rows
