"""The admins' column reference matches the one schema declaration."""

from pathlib import Path

from disclosure.data import fielddocs, schema

DOC = Path(__file__).resolve().parent.parent / "docs" / "数据字段.md"


def test_field_reference_is_current():
    assert DOC.read_text(encoding="utf-8").strip() == fielddocs.render().strip(), (
        "docs/数据字段.md 已过期：运行 PYTHONPATH=plugins python -m disclosure.data.fielddocs > docs/数据字段.md"
    )


def test_every_column_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for table in schema.INPUT_TABLES:
        for column in table.columns:
            assert f"| {column.name} |" in text
