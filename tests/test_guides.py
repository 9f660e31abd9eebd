"""服务指南 validation: required sections and metadata, flowchart links, matter codes."""

import csv
from pathlib import Path

import pytest

from disclosure.content.guides import REQUIRED_GUIDE_SECTIONS, validate_guides
from disclosure.data.problems import DisclosureDataError

ROOT = Path(__file__).resolve().parent.parent
GUIDE = "content/guides/test-guide.md"


def matter_codes():
    with open(ROOT / "data" / "lists" / "matters.csv", encoding="utf-8-sig", newline="") as f:
        return {row["事项编码"] for row in csv.DictReader(f)}


def guide_text(sections=REQUIRED_GUIDE_SECTIONS, metadata=None, body=None):
    metadata = metadata if metadata is not None else {
        "Title": "测试事项服务指南", "Matter": "SFGW-XK-001", "Flowchart": "test-flow", "Order": "9",
    }
    head = "".join(f"{key}: {value}\n" for key, value in metadata.items())
    body = body if body is not None else "".join(f"## {s}\n\n{s}的内容。\n\n" for s in sections)
    return head + "\n" + body


@pytest.fixture
def content(tmp_path):
    """A content folder with one flowchart page; tests add guides."""
    folder = tmp_path / "content"
    (folder / "guides").mkdir(parents=True)
    (folder / "flowcharts").mkdir()
    (folder / "flowcharts" / "test-flow.md").write_text("Title: 测试流程图\n\n```flow\n甲: 一\n```\n", encoding="utf-8")
    return folder


def write_guide(content, text, name="test-guide.md"):
    (content / "guides" / name).write_text(text, encoding="utf-8")


def test_required_sections_are_the_fourteen_of_a_service_guide():
    assert REQUIRED_GUIDE_SECTIONS == (
        "事项名称", "设定依据", "受理机构", "审批机构", "受理条件", "申请材料", "办理流程",
        "办理时限", "收费标准", "监督方式", "救济渠道", "办公时间", "办公地址", "咨询电话",
    )


def test_the_five_example_guides_validate_clean():
    guides = sorted((ROOT / "content" / "guides").glob("*.md"))
    assert len(guides) == 5
    assert validate_guides(ROOT / "content", matter_codes()) == []


def test_a_complete_guide_has_no_problem(content):
    write_guide(content, guide_text())
    assert validate_guides(content, {"SFGW-XK-001"}) == []


@pytest.mark.parametrize("missing", REQUIRED_GUIDE_SECTIONS)
def test_each_missing_section_is_named_with_the_file(content, missing):
    write_guide(content, guide_text([s for s in REQUIRED_GUIDE_SECTIONS if s != missing]))
    problems = validate_guides(content)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.column) == (GUIDE, missing)
    assert str(problem).startswith(f"{GUIDE}“{missing}”一节：缺少这一节")
    assert f"## {missing}" in problem.expected


def test_every_missing_section_is_listed_at_once(content):
    write_guide(content, guide_text(REQUIRED_GUIDE_SECTIONS[:3]))
    problems = validate_guides(content)
    assert [p.column for p in problems] == list(REQUIRED_GUIDE_SECTIONS[3:])
    # The build's error report lists them all.
    assert "11 处错误" in DisclosureDataError(problems).report()


def test_licence_conditions_heading_counts_as_acceptance_conditions(content):
    sections = ["许可条件" if s == "受理条件" else s for s in REQUIRED_GUIDE_SECTIONS]
    write_guide(content, guide_text(sections))
    assert validate_guides(content) == []


def test_heading_at_the_wrong_level_is_reported_with_its_line(content):
    text = guide_text().replace("## 办理时限", "### 办理时限")
    write_guide(content, text)
    problems = validate_guides(content)
    line = text.split("\n").index("### 办理时限") + 1
    assert [(p.column, p.row) for p in problems] == [("办理时限", line)]
    assert "两个井号" in problems[0].message


def test_empty_and_repeated_sections_are_reported(content):
    text = guide_text().replace("## 收费标准\n\n收费标准的内容。\n", "## 收费标准\n\n\n")
    text += "## 办理流程\n\n又写了一遍。\n"
    write_guide(content, text)
    problems = validate_guides(content)
    lines = text.split("\n")
    assert sorted((p.column, p.row) for p in problems) == sorted([
        ("收费标准", lines.index("## 收费标准") + 1),
        ("办理流程", len(lines) - 3),
    ])
    assert {p.message for p in problems} == {"这一节没有内容", f"这一节重复，第{lines.index('## 办理流程') + 1}行已经有了"}


def test_headings_inside_code_blocks_do_not_count(content):
    body = "".join(f"## {s}\n\n内容。\n\n" for s in REQUIRED_GUIDE_SECTIONS if s != "咨询电话")
    body += "```\n## 咨询电话\n```\n"
    write_guide(content, guide_text(body=body))
    assert [p.column for p in validate_guides(content)] == ["咨询电话"]


@pytest.mark.parametrize("key", ["Title", "Matter", "Flowchart"])
def test_missing_metadata_is_reported(content, key):
    metadata = {"Title": "测试事项服务指南", "Matter": "SFGW-XK-001", "Flowchart": "test-flow"}
    del metadata[key]
    write_guide(content, guide_text(metadata=metadata))
    problems = validate_guides(content, {"SFGW-XK-001"})
    assert len(problems) == 1
    assert problems[0].file == GUIDE and f"“{key}:”" in problems[0].message
    assert f"{key}: " in problems[0].expected


def test_empty_metadata_value_is_reported_with_its_line(content):
    write_guide(content, guide_text(metadata={"Title": "指南", "Matter": "", "Flowchart": "test-flow"}))
    problems = validate_guides(content)
    assert [(p.row, p.message) for p in problems] == [(2, "元数据“Matter:”没有填写")]


def test_flowchart_slug_without_a_flowchart_page_is_reported(content):
    write_guide(content, guide_text(metadata={"Title": "指南", "Matter": "SFGW-XK-001", "Flowchart": "no-such-flow"}))
    problems = validate_guides(content)
    assert len(problems) == 1
    assert problems[0].row == 3
    assert "content/flowcharts/no-such-flow.md 不存在" in problems[0].message
    assert "test-flow" in problems[0].expected


def test_flowchart_slug_set_by_slug_metadata_is_accepted(content):
    (content / "flowcharts" / "other-name.md").write_text("Title: 另一流程图\nSlug: by-slug\n\n![说明](/a.jpg)\n", encoding="utf-8")
    write_guide(content, guide_text(metadata={"Title": "指南", "Matter": "SFGW-XK-001", "Flowchart": "by-slug"}))
    assert validate_guides(content) == []


def test_matter_code_must_be_in_the_matters_list_when_given(content):
    write_guide(content, guide_text(metadata={"Title": "指南", "Matter": "SFGW-XK-999", "Flowchart": "test-flow"}))
    assert validate_guides(content) == []  # no list given: not checked
    problems = validate_guides(content, matter_codes())
    assert [(p.row, p.message) for p in problems] == [
        (2, "“Matter: SFGW-XK-999”不在执法事项清单（data/lists/matters.csv）中"),
    ]


def test_each_guide_file_is_checked(content):
    write_guide(content, guide_text(), "a.md")
    write_guide(content, guide_text(REQUIRED_GUIDE_SECTIONS[1:]), "b.md")
    problems = validate_guides(content)
    assert [(p.file, p.column) for p in problems] == [("content/guides/b.md", "事项名称")]


def test_no_guides_folder_means_no_problem(tmp_path):
    assert validate_guides(tmp_path / "content") == []
