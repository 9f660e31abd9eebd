"""Downloadable CSV files are formula-safe: a spreadsheet shows such cells, never runs them."""

import csv
import json
import re

import pytest

from conftest import assert_built, build_site
from disclosure.data import schema
from disclosure.outputs.exports import spreadsheet_cell
from test_input_errors import rewrite_csv

# OWASP's CSV-injection starts. The loader strips each cell, so "\t=1" and "\r=1"
# reach the export as "=1"; spreadsheet_cell is also tested with them below.
PAYLOADS = ('=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1")
FREE_TEXT_COLUMNS = {
    schema.PENALTIES: ("违法事实", "处罚内容", "处罚依据", "备注"),
    schema.PERMITS: ("许可内容", "许可证书名称", "备注"),
    schema.OTHERS: ("执法结论",),
}


def plant_payloads(table, columns):
    def change(rows):
        header = rows[0]
        for index, row in enumerate(rows[1:]):
            for offset, column in enumerate(columns):
                row[header.index(column)] = PAYLOADS[(index + offset) % len(PAYLOADS)]
    return change


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory):
    from disclosure.testing.synthetic import write_dataset

    root = tmp_path_factory.mktemp("formulas")
    data = root / "data"
    write_dataset(data, n_decisions=24, seed=7)
    for table, columns in FREE_TEXT_COLUMNS.items():
        rewrite_csv(data / table.path, plant_payloads(table, columns))
    output = root / "output"
    assert_built(build_site(output, data))
    return output


def read_csv(site, table):
    with (site / "data" / f"{table.key}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_formula_cell_gets_a_leading_quote(formula_site):
    planted = {p.strip() for p in PAYLOADS}
    seen = set()
    for table, columns in FREE_TEXT_COLUMNS.items():
        rows = read_csv(formula_site, table)
        assert rows, table.key
        for row in rows:
            for column in columns:
                cell = row[column]
                assert cell.startswith("'") and cell[1:] in planted, (table.key, column, cell)
                seen.add(cell[1:])
        for row in rows:
            for name, cell in row.items():
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (table.key, name, cell)
    assert seen == planted


def test_amounts_stay_plain_numbers(formula_site):
    amounts = [row["罚款金额（万元）"] for row in read_csv(formula_site, schema.PENALTIES)]
    assert any(amounts)
    assert all(a == "" or re.fullmatch(r"\d+(\.\d+)?", a) for a in amounts), amounts


def test_json_keeps_the_original_values(formula_site):
    planted = {p.strip() for p in PAYLOADS}
    for table, columns in FREE_TEXT_COLUMNS.items():
        rows = json.loads((formula_site / "data" / f"{table.key}.json").read_text(encoding="utf-8"))
        assert rows
        for row in rows:
            for column in columns:
                assert row[column] in planted, (table.key, column, row[column])
        if table is schema.PENALTIES:
            assert all(isinstance(r["罚款金额（万元）"], (int, float)) for r in rows if r["罚款金额（万元）"] is not None)


TEXT = schema.Column("备注", "")
NUMBER = schema.Column("罚款金额（万元）", "", schema.NUMBER)


@pytest.mark.parametrize("text", PAYLOADS + ("-", "=", "@"))
def test_spreadsheet_cell_quotes_formula_starts_in_text(text):
    assert spreadsheet_cell(TEXT, text) == "'" + text


@pytest.mark.parametrize("text", ("", "罚款 2 万元", "2025-09-30", "1+1", " =1", "'=1"))
def test_spreadsheet_cell_leaves_other_text_alone(text):
    assert spreadsheet_cell(TEXT, text) == text


@pytest.mark.parametrize("text", ("-5", "1.5", "0", "+2", "-0.25"))
def test_numbers_in_a_number_column_stay_numbers(text):
    assert spreadsheet_cell(NUMBER, text) == text


def test_text_in_a_number_column_is_still_quoted():
    assert spreadsheet_cell(NUMBER, "=1+1") == "'=1+1"
    assert spreadsheet_cell(TEXT, "-5") == "'-5"
