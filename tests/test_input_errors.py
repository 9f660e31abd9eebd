"""Admins' CSV exports: encodings, header forms, and bad input that must stop the build."""

import csv
import io

import pytest

from conftest import assert_built, build_site, tree_snapshot
from disclosure import pipeline
from disclosure.data import schema


def rewrite_csv(path, change, encoding="utf-8-sig"):
    """Apply change(rows) to a CSV's rows (header first) and write it back."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    change(rows)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def test_gb18030_file_loads_the_same_as_its_utf8_twin(small_data, tmp_path):
    utf8_records, _ = pipeline.load_and_validate(small_data)
    for table in schema.ALL_TABLES:
        path = small_data / table.path
        path.write_bytes(path.read_text(encoding="utf-8-sig").encode("gb18030"))
    gb_records, _ = pipeline.load_and_validate(small_data)
    for key, records in utf8_records.items():
        assert [r.values for r in gb_records[key]] == [r.values for r in records], key
    assert utf8_records["penalties"]


def test_gb18030_example_builds_the_same_site(small_data, tmp_path):
    assert_built(build_site(tmp_path / "utf8", small_data))
    penalties = small_data / schema.PENALTIES.path
    penalties.write_bytes(penalties.read_text(encoding="utf-8-sig").encode("gb18030"))
    assert_built(build_site(tmp_path / "gb", small_data))
    utf8 = tree_snapshot(tmp_path / "utf8")
    gb = tree_snapshot(tmp_path / "gb")
    pages = [p for p in utf8 if p.startswith("penalties/")]
    assert pages and all(utf8[p] == gb[p] for p in pages)


def test_headers_annotated_with_their_meaning_are_accepted(small_data):
    def annotate(rows):
        rows[0] = [h + "（统一社会信用代码）" if h == "行政相对人代码_1" else h.replace("（万元）", "(万元)")
                   for h in rows[0]]

    rewrite_csv(small_data / schema.PENALTIES.path, annotate)
    records, _ = pipeline.load_and_validate(small_data)
    assert any(r.get("行政相对人代码_1") for r in records["penalties"])
    assert any(r.get("罚款金额（万元）") for r in records["penalties"])


def set_cell(column, value, row=1):
    def change(rows):
        rows[row][rows[0].index(column)] = value
    return change


def drop_column(column):
    def change(rows):
        index = rows[0].index(column)
        for row in rows:
            del row[index]
    return change


def duplicate_first_id(rows):
    index = rows[0].index("行政处罚决定书文号")
    rows[2][index] = rows[1][index]


BAD_INPUTS = {
    "missing column": (drop_column("处罚决定日期"), ["第1行", "缺少必填列“处罚决定日期”"]),
    "bad date": (set_cell("处罚决定日期", "2025-02-30"), ["第2行", "“处罚决定日期”列", "不是有效日期", "YYYY-MM-DD"]),
    "duplicate id": (duplicate_first_id, ["第3行", "“行政处罚决定书文号”列", "与第2行重复"]),
    "unknown code value": (set_cell("行政相对人类别", "公司"), ["第2行", "“行政相对人类别”列", "“公司”不是可用的值", "法人及非法人组织、自然人、个体工商户"]),
    "bad credit code": (set_cell("处罚机关统一社会信用代码", "123"), ["第2行", "不是有效的统一社会信用代码"]),
    "fine not a number": (set_cell("罚款金额（万元）", "五万"), ["第2行", "“罚款金额（万元）”列", "不是数字"]),
}


@pytest.fixture
def previous_site(small_data, tmp_path):
    output = tmp_path / "output"
    assert_built(build_site(output, small_data))
    return output


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_names_file_row_column_and_leaves_the_site(case, small_data, previous_site):
    change, expected_words = BAD_INPUTS[case]
    before = tree_snapshot(previous_site)
    rewrite_csv(small_data / schema.PENALTIES.path, change)
    process = build_site(previous_site, small_data)
    message = process.stdout + process.stderr
    assert process.returncode != 0
    assert "data/decisions/penalties.csv" in message
    for words in expected_words:
        assert words in message, (words, message)
    assert "原有网站保持不变" in message
    assert tree_snapshot(previous_site) == before


def test_every_problem_is_reported_at_once(small_data):
    rewrite_csv(small_data / schema.PENALTIES.path, set_cell("处罚决定日期", "昨天", row=1))
    rewrite_csv(small_data / schema.PERMITS.path, set_cell("许可类别", "特别", row=2))
    with pytest.raises(pipeline.DisclosureDataError) as error:
        pipeline.load_and_validate(small_data)
    assert len(error.value.problems) == 2
    assert "data/decisions/permits.csv 第3行“许可类别”列" in str(error.value)


def test_major_decision_without_legal_review_is_an_error(small_data):
    def unreviewed(rows):
        header = rows[0]
        rows[1][header.index("是否重大执法决定")] = "是"
        rows[1][header.index("法制审核结论")] = ""
    rewrite_csv(small_data / schema.PENALTIES.path, unreviewed)
    with pytest.raises(pipeline.DisclosureDataError) as error:
        pipeline.load_and_validate(small_data)
    assert "未经法制审核" in str(error.value)


def test_undecodable_file_is_reported(small_data):
    (small_data / schema.OFFICERS.path).write_bytes(b"\xff\xfe\x00garbage\x81")
    with pytest.raises(pipeline.DisclosureDataError) as error:
        pipeline.load_and_validate(small_data)
    assert "data/officers.csv" in str(error.value) and "编码" in str(error.value)
