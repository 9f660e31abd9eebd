"""Headers fail closed: a misspelt or repeated column the gate reads stops the build.

Dropped as an unknown column, a misspelt 状态 or 涉及未成年人 would leave the gate
reading its default (有效, 否) and publishing withdrawn or minors' decisions.
"""

import shutil
from datetime import date

import pytest
from pelican.settings import read_settings

from conftest import EXAMPLE_AS_OF, ROOT, build_site
from disclosure import pipeline
from disclosure.data import schema
from disclosure.data.loading import load_table
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.testing.synthetic import LANDMARKS, write_dataset
from test_input_errors import drop_column, rewrite_csv

GATE_COLUMNS = [(t, c) for t in schema.ALL_TABLES for c in t.gate_columns]
HALF_TO_FULL = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def column_id(case):
    table, column = case
    return f"{table.key}-{column.name}"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    data = tmp_path_factory.mktemp("fail_closed") / "data"
    write_dataset(data, n_decisions=24, seed=7)
    return data


@pytest.fixture
def one_table(dataset, tmp_path):
    """load(table, change, encoding) → (LoadedTable, problems) for a changed copy of one file."""
    def load(table, change, encoding="utf-8-sig"):
        data = tmp_path / "data"
        target = data / table.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(dataset / table.path, target)
        rewrite_csv(target, change, encoding)
        return load_table(data, table)
    return load


def rename_header(old, new):
    def change(rows):
        rows[0][rows[0].index(old)] = new
    return change


def repeat_column(name, value=""):
    def change(rows):
        rows[0].append(name)
        for row in rows[1:]:
            row.append(value)
    return change


def near_misses(name):
    """Misspellings an admin makes: spaces inside, a dropped or a wrong character,
    invisible characters, full-width letters and digits."""
    middle = len(name) // 2
    wrong = "甲" if name[middle] != "甲" else "乙"
    spellings = {
        "space inside": name[:middle] + " " + name[middle:],
        "full-width space inside": name[:middle] + "\u3000" + name[middle:],
        "zero-width space inside": name[:middle] + "\u200b" + name[middle:],
        "dropped character": name[:middle] + name[middle + 1:],
        "wrong character": name[:middle] + wrong + name[middle + 1:],
    }
    if any(c.isascii() for c in name):
        spellings["full-width ASCII"] = "".join(HALF_TO_FULL.get(c, c) for c in name)
    return spellings


@pytest.mark.parametrize("case", GATE_COLUMNS, ids=column_id)
def test_near_miss_of_a_gate_column_is_an_error_naming_it(case, one_table):
    table, column = case
    for label, spelling in near_misses(column.name).items():
        assert spelling not in table.column_names, (label, spelling)
        loaded, problems = one_table(table, rename_header(column.name, spelling))
        text = "\n".join(map(str, problems))
        assert problems and not loaded.rows, (label, spelling)
        assert f"是否应为“{column.name}”？" in text, (label, spelling, text)
        assert f"data/{table.path} 第1行" in text and spelling.replace("\u200b", "<U+200B>") in text


OTHER_COLUMNS = [(t, next(c for c in t.columns if not c.gate_reads)) for t in schema.ALL_TABLES]


@pytest.mark.parametrize("case", OTHER_COLUMNS, ids=column_id)
def test_near_miss_of_any_column_is_an_error_in_every_table(case, one_table):
    table, column = case
    for label, spelling in near_misses(column.name).items():
        _, problems = one_table(table, rename_header(column.name, spelling))
        assert f"是否应为“{column.name}”？" in "\n".join(map(str, problems)), (label, spelling)


@pytest.mark.parametrize("case", GATE_COLUMNS, ids=column_id)
def test_a_gate_column_twice_is_an_error(case, one_table):
    table, column = case
    for second in (column.name, f"{column.name}（说明）", f" {column.name} "):
        _, problems = one_table(table, repeat_column(second))
        text = "\n".join(map(str, problems))
        assert "重复" in text and f"同为“{column.name}”列" in text, (second, text)


def known_spellings(name):
    spellings = {
        "with a note": f"{name}（说明）",
        "with a half-width note": f"{name}(说明)",
        "surrounding spaces": f"  {name}\u3000",
    }
    if "（" in name:
        spellings["half-width brackets"] = name.replace("（", "(").replace("）", ")")
    return spellings


@pytest.mark.parametrize("case", GATE_COLUMNS, ids=column_id)
def test_known_spellings_of_a_gate_column_still_load(case, one_table):
    table, column = case
    baseline, problems = one_table(table, lambda rows: None)
    assert not problems and baseline.rows
    expected = [row[column.name] for row in baseline.rows]
    for label, spelling in known_spellings(column.name).items():
        for encoding in ("utf-8-sig", "gb18030"):
            loaded, problems = one_table(table, rename_header(column.name, spelling), encoding)
            assert problems == [], (label, encoding, [str(p) for p in problems])
            assert [row[column.name] for row in loaded.rows] == expected, (label, encoding)
            assert loaded.warnings == []


def test_an_unrelated_extra_column_is_only_a_warning(small_data):
    rewrite_csv(small_data / schema.PENALTIES.path, repeat_column("内部备注", "仅供内部"))
    records, warnings = pipeline.load_and_validate(small_data)
    assert records["penalties"]
    assert "data/decisions/penalties.csv：不认识的列“内部备注”，其内容不会公开。请核对列名。" in warnings


def test_a_column_resembling_one_the_file_has_is_only_a_warning(one_table):
    # The gate reads 编号 under its right name; 序号 is a row count, not 编号 misspelt.
    loaded, problems = one_table(schema.AV_RECORDS, repeat_column("序号", "1"))
    assert problems == [] and loaded.rows
    assert loaded.warnings == ["data/lists/av_records.csv：不认识的列“序号”（与已有的“编号”列相近），其内容不会公开。请核对列名。"]


def test_an_empty_spreadsheet_column_is_ignored(one_table):
    loaded, problems = one_table(schema.OFFICERS, repeat_column(""))
    assert problems == [] and loaded.warnings == [] and loaded.rows


def test_two_status_columns_are_an_error(small_data):
    rewrite_csv(small_data / schema.PENALTIES.path, repeat_column("状态", "撤销"))
    with pytest.raises(pipeline.DisclosureDataError) as error:
        pipeline.load_and_validate(small_data)
    report = error.value.report()
    assert "data/decisions/penalties.csv 第1行" in report and "表头“状态”与第" in report and "重复" in report


def test_an_absent_optional_gate_column_is_a_warning_saying_its_default(small_data):
    rewrite_csv(small_data / schema.PENALTIES.path, drop_column("涉及未成年人"))
    _, warnings = pipeline.load_and_validate(small_data)
    assert "data/decisions/penalties.csv 没有“涉及未成年人”列，按默认值“否”处理。" in warnings


def test_an_absent_gate_column_and_an_unknown_one_is_an_error(small_data):
    position = {}

    def rename_away(rows):
        position["column"] = rows[0].index("涉及未成年人") + 1
        rows[0][position["column"] - 1] = "未成年当事人"
    rewrite_csv(small_data / schema.PENALTIES.path, rename_away)
    with pytest.raises(pipeline.DisclosureDataError) as error:
        pipeline.load_and_validate(small_data)
    problems = [str(p) for p in error.value.problems]
    assert len(problems) == 1
    assert "“涉及未成年人”" in problems[0] and f"“未成年当事人”（第{position['column']}列）" in problems[0]
    # The warning about the unknown column is printed with the errors, after them.
    report = error.value.report()
    assert report.startswith("数据有 1 处错误，网站未生成，原有网站保持不变：\n  1. data/decisions/penalties.csv 第1行")
    assert report.endswith("请修改上述文件后重新生成。\n另有 1 条警告：\n"
                           "  - data/decisions/penalties.csv：不认识的列“未成年当事人”，其内容不会公开。请核对列名。")


def test_schema_marks_every_column_the_gate_reads_through_the_table():
    for table in schema.ALL_TABLES:
        for name in (table.id_column, table.date_column, table.party_column, table.party_type_column):
            assert not name or table.column(name).gate_reads, (table.key, name)
        for column in table.columns:
            # An optional gate column says what an absent one means; a required one cannot be absent.
            assert bool(column.if_absent) == (column.gate_reads and not column.required), (table.key, column.name)


def test_every_exclusion_setting_names_a_gate_column():
    settings = read_settings(str(ROOT / "publishconf.py"))
    for rule in settings["DISCLOSURE_EXCLUSIONS"]:
        for table in schema.DECISION_TABLES:
            assert table.column(rule["column"]).gate_reads, (table.key, rule["column"])


DEFAULT_VALUES = [(t, c) for t, c in GATE_COLUMNS if c.if_absent.startswith("按默认值“")]


@pytest.mark.parametrize("case", DEFAULT_VALUES, ids=column_id)
def test_the_warned_default_is_what_the_gate_does(case, small_data, tmp_path):
    """“按默认值“否”处理” must be true: no column gives the same states as the value in every row."""
    table, column = case
    default = column.if_absent.split("“")[1].split("”")[0]
    settings = read_settings(str(ROOT / "publishconf.py"))
    as_of = date.fromisoformat(EXAMPLE_AS_OF)
    filled = tmp_path / "filled"
    shutil.copytree(small_data, filled)

    def fill(rows):
        index = rows[0].index(column.name)
        for row in rows[1:]:
            row[index] = default
    rewrite_csv(filled / table.path, fill)
    rewrite_csv(small_data / table.path, drop_column(column.name))
    _, warnings = pipeline.load_and_validate(small_data)
    assert f"data/{table.path} 没有“{column.name}”列，{column.if_absent}。" in warnings
    absent, with_default = pipeline.run(settings, small_data, as_of), pipeline.run(settings, filled, as_of)
    assert absent.states == with_default.states
    others = [[{k: v for k, v in r.values.items() if k != column.name} for r in result.published[table.key]]
              for result in (absent, with_default)]
    assert others[0] == others[1]
    assert absent.published[table.key]  # the comparison means something


def test_withdrawn_decision_under_a_misspelt_status_header_is_not_published(small_data, tmp_path):
    landmark = LANDMARKS["penalty_revoked"]
    rewrite_csv(small_data / schema.PENALTIES.path, rename_header("状态", "状 态"))
    rewrite_csv(small_data / schema.PENALTIES.path, repeat_column("内部备注"))
    output = tmp_path / "output"
    process = build_site(output, small_data)
    message = process.stdout + process.stderr
    assert process.returncode != 0
    assert "data/decisions/penalties.csv 第1行" in message
    assert "表头“状 态”不是可用的列名" in message and "是否应为“状态”？" in message
    assert "不认识的列“内部备注”" in message  # warnings are printed with the errors
    assert not (output / "penalties" / f"{record_slug(schema.PENALTIES, landmark['id'], PUBLIC_URL_KEY)}.html").exists()
    leaked = [p for p in output.rglob("*") if p.is_file() and landmark["id"] in p.read_text(errors="ignore")]
    assert leaked == []
