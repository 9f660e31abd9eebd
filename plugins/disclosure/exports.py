"""Downloadable data files, written only from the gate's published, masked records."""

import csv
from pathlib import Path

from . import schema

DATA_FOLDER = "data"


def export_tables(result, output_path):
    """Write one CSV per published table; return [(table, relative path, row count, bytes)]."""
    folder = Path(output_path) / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for table in schema.ALL_TABLES:
        records = result.published.get(table.key, [])
        relative = f"{DATA_FOLDER}/{table.key}.csv"
        target = Path(output_path) / relative
        columns = [c.name for c in table.public_columns]
        # utf-8-sig: Excel on a Chinese Windows opens BOM-marked UTF-8 without garbling.
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(columns)
            for record in records:
                writer.writerow([record.values.get(name, "") for name in columns])
        files.append((table, relative, len(records), target.stat().st_size))
    return files
