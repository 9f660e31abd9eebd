"""Flowcharts written as text: the parser, the SVG, the text version and the Markdown extension."""

import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings, strategies as st

from disclosure.content.flowchart import (
    MAX_LABEL_CHARS, FlowSyntaxError, back_edges, parse_flow, reading_order, render_svg, render_text,
    wrap_text,
)
from disclosure.content.flowchart_markdown import find_flow_blocks, validate_flowcharts

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
EXAMPLES = sorted((ROOT / "content" / "flowcharts").glob("*.md"))

SMALL = """\
# 一个小流程
开始: 申请人提交申请
受理: 窗口受理审查
补正: 一次性告知补正内容
结束: 作出决定

开始 -> 受理
受理 -> 补正: 材料不齐全
补正 -> 受理: 补正后重新提交
受理 -> 结束: 材料齐全
"""


def example_flow(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    blocks, problems = find_flow_blocks(lines, path.name)
    assert not problems and len(blocks) == 1, path
    block = blocks[0]
    return parse_flow(block.text, path.name, block.first_line), block


def measured(text, font_size):
    """Independent of the module: 1 em for each full-width character, 0.55 em otherwise."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.55 for c in text) * font_size


def svg_boxes(svg_text):
    """(label, rect width, [(line, font size)]) for each step and condition in the SVG."""
    root = ET.fromstring(svg_text)
    boxes = []
    for layer in root.iter(f"{SVG}g"):
        size = layer.get("font-size")
        if size is None:
            continue
        for group in layer.findall(f"{SVG}g"):
            rect = group.find(f"{SVG}rect")
            lines = [t.text for t in group.iter(f"{SVG}tspan")]
            boxes.append({
                "kind": group.get("class"),
                "label": "".join(lines),
                "lines": lines,
                "x": float(rect.get("x")), "y": float(rect.get("y")),
                "width": float(rect.get("width")), "height": float(rect.get("height")),
                "font_size": float(size),
            })
    return root, boxes


# -- Parser ---------------------------------------------------------------------------------------

def test_parser_reads_steps_arrows_conditions_and_their_lines():
    flow = parse_flow(SMALL, "content/flowcharts/x.md", first_line=10)
    assert list(flow.nodes) == ["开始", "受理", "补正", "结束"]
    assert flow.nodes["受理"].label == "窗口受理审查"
    assert flow.nodes["开始"].line == 11  # line 10 is the comment
    assert [(e.source, e.target, e.label, e.line) for e in flow.edges] == [
        ("开始", "受理", "", 16),
        ("受理", "补正", "材料不齐全", 17),
        ("补正", "受理", "补正后重新提交", 18),
        ("受理", "结束", "材料齐全", 19),
    ]


def test_parser_accepts_full_width_colon_and_arrow_and_extra_spaces():
    flow = parse_flow("甲：第一步\n乙 :  第二  步\n甲→乙：条件一\n乙  ->甲")
    assert flow.nodes["乙"].label == "第二 步"
    assert [(e.source, e.target, e.label) for e in flow.edges] == [("甲", "乙", "条件一"), ("乙", "甲", "")]


def test_label_of_exactly_the_maximum_length_is_accepted():
    label = "审" * MAX_LABEL_CHARS
    flow = parse_flow(f"甲: {label}\n乙: 第二步\n甲 -> 乙: {label}")
    assert flow.nodes["甲"].label == label


BAD = [
    ("unknown node", "甲: 第一步\n甲 -> 乙", 2, "“乙”不是已声明的步骤"),
    ("duplicate node", "甲: 第一步\n乙: 第二步\n甲: 又一步\n甲 -> 乙", 3, "“甲”重复，第20行已经声明过"),
    ("malformed line", "甲: 第一步\n乙: 第二步\n甲 => 乙\n甲 -> 乙", 3, "无法识别“甲 => 乙”"),
    ("space in id", "甲: 第一步\n乙 乙: 第二步\n", 2, "无法识别"),
    ("no colon, no arrow", "甲: 第一步\n随便写的一句话", 2, "既没有冒号"),
    ("empty label", "甲: 第一步\n乙:\n甲 -> 乙", 2, "步骤“乙”没有标签"),
    ("label too long", f"甲: {'长' * (MAX_LABEL_CHARS + 1)}\n乙: 第二步\n甲 -> 乙", 1, "有25个字，太长"),
    ("condition too long", f"甲: 第一步\n乙: 第二步\n甲 -> 乙: {'长' * (MAX_LABEL_CHARS + 1)}", 3, "条件有25个字"),
    ("empty condition", "甲: 第一步\n乙: 第二步\n甲 -> 乙:", 3, "冒号后没有写条件"),
    ("self loop", "甲: 第一步\n乙: 第二步\n甲 -> 乙\n乙 -> 乙", 4, "指向步骤自己"),
    ("duplicate arrow", "甲: 第一步\n乙: 第二步\n甲 -> 乙\n甲 -> 乙: 又一次", 4, "重复，第22行已经画过"),
    ("isolated step", "甲: 第一步\n乙: 第二步\n丙: 孤立\n甲 -> 乙", 3, "“丙”没有和任何步骤相连"),
    ("arrow in a label", "甲: 第一步 -> 第二步\n乙: 第二步\n甲 -> 乙", 1, "标签里有箭头"),
]


@pytest.mark.parametrize("text,line,fragment", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_syntax_names_file_and_markdown_line(text, line, fragment):
    first_line = 20  # the block starts on line 20 of the Markdown file
    with pytest.raises(FlowSyntaxError) as caught:
        parse_flow(text, "content/flowcharts/bad.md", first_line=first_line)
    problems = caught.value.problems
    matching = [p for p in problems if fragment in str(p)]
    assert matching, [str(p) for p in problems]
    assert matching[0].row == first_line + line - 1
    assert matching[0].file == "content/flowcharts/bad.md"
    assert f"content/flowcharts/bad.md 第{first_line + line - 1}行：" in str(caught.value)
    assert all(p.expected for p in problems)  # every message says what is expected


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n\n# 还是注释"])
def test_empty_chart_is_an_error_at_the_opening_fence(text):
    with pytest.raises(FlowSyntaxError) as caught:
        parse_flow(text, "content/flowcharts/empty.md", first_line=9)
    assert [(p.row, p.message) for p in caught.value.problems] == [(8, "流程图是空的，没有任何步骤")]


def test_every_mistake_is_reported_at_once_in_line_order():
    text = "甲: 第一步\n甲: 重复\n乙 -> 丙\n乱写\n甲 -> 甲"
    with pytest.raises(FlowSyntaxError) as caught:
        parse_flow(text, "f.md")
    rows = [p.row for p in caught.value.problems]
    assert rows == sorted(rows) and {2, 3, 4, 5} <= set(rows)
    assert isinstance(caught.value, ValueError)


# -- The example agency's flowcharts -------------------------------------------------------------

def test_the_example_agency_has_three_flowcharts_one_with_branches_and_loops():
    assert len(EXAMPLES) >= 3
    flows = [example_flow(path)[0] for path in EXAMPLES]
    assert any(back_edges(flow) and any(len(flow.outgoing(n)) > 2 for n in flow.nodes) for flow in flows)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_flowchart_renders_an_accessible_scalable_svg(path):
    flow, _ = example_flow(path)
    svg = render_svg(flow, title="测试标题")
    root, boxes = svg_boxes(svg)  # parses as XML
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert ids == [title.get("id"), desc.get("id")]
    assert title.text == "测试标题" and f"共{len(flow.nodes)}个步骤" in desc.text
    _, _, width_text, height_text = root.get("viewBox").split()
    width, height = float(width_text), float(height_text)
    # Natural size as attributes (CSS scales it down on phones); no inline style, which CSP would block.
    assert (root.get("width"), root.get("height")) == (width_text, height_text)
    assert root.get("style") is None
    # No script, no outside resources, no fonts of its own.
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "font-family" not in svg and "@font-face" not in svg
    # Every step and every condition appears, once, as its own box.
    nodes = [b for b in boxes if b["kind"].startswith("flow-node")]
    labels = [b for b in boxes if b["kind"] == "flow-label"]
    assert sorted(b["label"] for b in nodes) == sorted(n.label for n in flow.nodes.values())
    assert sorted(b["label"] for b in labels) == sorted(e.label for e in flow.edges if e.label)
    for box in boxes:
        widest = max(measured(line, box["font_size"]) for line in box["lines"])
        assert box["width"] > widest, box
        assert box["height"] >= len(box["lines"]) * box["font_size"], box
        assert 0 <= box["x"] and box["x"] + box["width"] <= width
        assert 0 <= box["y"] and box["y"] + box["height"] <= height
    assert_no_overlap(boxes)
    # One arrow per edge, loops dashed, all with an arrowhead defined in the SVG.
    paths = root.findall(f"{SVG}g/{SVG}path")
    assert len(paths) == len(flow.edges)
    assert sum(1 for p in paths if p.get("stroke-dasharray")) == len(back_edges(flow))
    marker = root.find(f"{SVG}defs/{SVG}marker")
    assert all(p.get("marker-end") == f"url(#{marker.get('id')})" for p in paths)


def assert_no_overlap(boxes):
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                     or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])
            assert apart, (a["label"], b["label"])


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_flowchart_text_version_lists_every_step_and_branch(path):
    flow, _ = example_flow(path)
    html = render_text(flow)
    root = ET.fromstring(html)
    assert root.tag == "ol"
    steps = root.findall("li")
    assert len(steps) == len(flow.nodes)
    text = "".join(root.itertext())
    for node in flow.nodes.values():
        assert node.label in text
    for edge in flow.edges:
        if edge.label:
            assert f"{edge.label}：" in text


def test_text_version_reads_in_order_with_branches_loops_and_ends():
    flow = parse_flow(SMALL)
    assert reading_order(flow) == ["开始", "受理", "补正", "结束"]
    html = render_text(flow)
    assert "<li>申请人提交申请，然后转到第2步“窗口受理审查”。</li>" in html
    assert "<li>材料不齐全：转到第3步“一次性告知补正内容”；</li>" in html
    assert "<li>补正后重新提交：回到第2步“窗口受理审查”。</li>" in html
    assert "<li>作出决定。流程结束。</li>" in html


def test_licence_flowchart_text_describes_the_correction_loop():
    flow, _ = example_flow(ROOT / "content" / "flowcharts" / "xingzheng-xuke-liucheng.md")
    html = render_text(flow)
    assert "材料不齐全或不符合形式：转到第4步“一次性告知补正内容”" in html
    assert "申请人补正后重新提交：回到第2步“窗口受理审查”" in html


def test_special_characters_are_escaped():
    flow = parse_flow("甲: A<B & C>D\n乙: 第二步\n甲 -> 乙: x<y")
    svg = render_svg(flow, title="<标题>")
    root, boxes = svg_boxes(svg)
    assert {b["label"] for b in boxes} == {"A<B & C>D", "第二步", "x<y"}
    assert root.find(f"{SVG}title").text == "<标题>"
    ET.fromstring(render_text(flow))


def test_long_labels_wrap_inside_their_boxes():
    label = "申请人通过投资项目在线审批监管平台提交申请材料"  # 24 characters
    flow = parse_flow(f"甲: {label}\n乙: ABC 2025 项目\n甲 -> 乙: 条件很长需要换行才能放得下")
    _, boxes = svg_boxes(render_svg(flow))
    box = next(b for b in boxes if b["label"] == label)
    assert len(box["lines"]) >= 3
    assert box["width"] > max(measured(line, box["font_size"]) for line in box["lines"])


def test_wrapping_keeps_ascii_words_and_never_starts_a_line_with_closing_punctuation():
    for text in ("材料齐全、符合法定形式，予以受理并出具凭证", "提交 ABC123 项目代码并等待2025年审核"):
        lines = wrap_text(text, 5 * 14, 14)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(line[0] in "，。、；：）”" for line in lines)
    assert any("ABC123" in line for line in wrap_text("提交 ABC123 项目代码并等待审核", 5 * 14, 14))
    assert wrap_text("不予受理并告知理由", 7 * 16, 16) == ["不予受理", "并告知理由"]


@st.composite
def random_flows(draw):
    count = draw(st.integers(1, 14))
    ids = [f"步{i}" for i in range(count)]
    label = st.text(alphabet="申请受理审查决定送达公开AB1 ", min_size=1, max_size=MAX_LABEL_CHARS).map(str.strip).filter(bool)
    lines = [f"{i}: {draw(label)}" for i in ids]
    edges = {(ids[draw(st.integers(0, i - 1))], ids[i]) for i in range(1, count)}
    for _ in range(draw(st.integers(0, count))):
        if count > 1:
            a, b = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            edges.add((a, b))
    for a, b in sorted(edges):
        condition = draw(st.one_of(st.just(""), label))
        lines.append(f"{a} -> {b}" + (f": {condition}" if condition else ""))
    return "\n".join(draw(st.permutations(lines)))


@settings(max_examples=60, deadline=None)
@given(random_flows())
def test_any_valid_chart_renders_with_no_overlap_and_every_label(text):
    flow = parse_flow(text)
    root, boxes = svg_boxes(render_svg(flow))
    assert len([b for b in boxes if b["kind"].startswith("flow-node")]) == len(flow.nodes)
    assert len(root.findall(f"{SVG}g/{SVG}path")) == len(flow.edges)
    for box in boxes:
        assert box["width"] > max(measured(line, box["font_size"]) for line in box["lines"])
    assert_no_overlap(boxes)
    assert len(ET.fromstring(render_text(flow)).findall("li")) == len(flow.nodes)


# -- Markdown extension -------------------------------------------------------------------------

PAGE = """\
Title: 测试流程图
Slug: test

前面的段落。

```flow
{body}
```

```python
print("其他代码块照常显示")
```
"""


def convert(text):
    import pelicanconf

    configs = dict(pelicanconf.MARKDOWN["extension_configs"])
    configs["markdown.extensions.meta"] = {}
    md = markdown.Markdown(extensions=list(configs), extension_configs=configs, output_format="html5")
    return md.convert(text), md


def test_pelicanconf_enables_the_extension():
    import pelicanconf

    assert "disclosure.content.flowchart_markdown" in pelicanconf.MARKDOWN["extension_configs"]


def test_flow_block_becomes_figure_with_svg_caption_and_text_version():
    html, md = convert(PAGE.format(body=SMALL))
    assert md.Meta["title"] == ["测试流程图"]
    assert '<figure class="flowchart"' in html and "<svg" in html and 'role="img"' in html
    assert "<figcaption>测试流程图</figcaption>" in html
    assert '<details class="flowchart-text" open>\n<summary>流程文字说明</summary>\n<ol class="flow-steps">' in html
    assert html.index("</figure>") < html.index("<details")
    assert "language-flow" not in html and "开始 -&gt; 受理" not in html and "开始 -> 受理" not in html
    assert '<code class="language-python">' in html  # other fences are untouched
    assert "<p>前面的段落。</p>" in html
    assert "<p><figure" not in html


def test_caption_can_be_given_after_the_word_flow():
    html, _ = convert(PAGE.replace("```flow", "```flow 补正材料示意图").format(body=SMALL))
    assert "<figcaption>补正材料示意图</figcaption>" in html


def test_two_charts_on_one_page_get_distinct_ids():
    text = PAGE.format(body=SMALL) + "\n```flow\n" + SMALL + "```\n"
    html, _ = convert(text)
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and html.count("<svg") == 2


def test_syntax_error_stops_the_conversion_with_the_files_line_number():
    text = PAGE.format(body="甲: 第一步\n甲 -> 乙")
    with pytest.raises(FlowSyntaxError) as caught:
        convert(text)
    # Line 8 of the file: 2 metadata lines, a blank line, a paragraph, a blank line, the fence, 甲.
    assert [p.row for p in caught.value.problems] == [8]
    assert "第8行" in str(caught.value)


def test_example_site_shows_the_flowchart_as_svg_and_text(example_site):
    page = (example_site / "flowcharts" / "xingzheng-xuke-liucheng.html").read_text(encoding="utf-8")
    assert page.count('<figure class="flowchart"') == 1
    svg = page[page.index("<svg"):page.index("</svg>") + len("</svg>")]
    _, boxes = svg_boxes(svg)
    assert "窗口受理审查" in {b["label"] for b in boxes}
    assert '<ol class="flow-steps">' in page and "流程文字说明" in page
    assert "```flow" not in page


# -- validate_flowcharts --------------------------------------------------------------------------

def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_real_content_has_no_flowchart_problems():
    assert validate_flowcharts(ROOT / "content") == []


def test_validation_names_file_and_line_of_each_mistake(tmp_path):
    content = tmp_path / "content"
    write(content / "flowcharts" / "bad.md", PAGE.format(body="甲: 第一步\n乙: 第二步\n甲 -> 丙\n甲 -> 乙"))
    write(content / "guides" / "g.md", "Title: 指南\n\n```flow\n甲: 一\n甲: 二\n```\n")
    write(content / "pages" / "ok.md", "Title: 页面\n\n```text\n```flow\n这不是流程图\n```\n")
    problems = validate_flowcharts(content)
    assert [(p.file, p.row) for p in problems] == [
        ("content/flowcharts/bad.md", 9),
        ("content/guides/g.md", 5),
    ]
    assert "“丙”不是已声明的步骤" in problems[0].message
    assert str(problems[0]).startswith("content/flowcharts/bad.md 第9行：")


def test_validation_reports_a_block_never_closed(tmp_path):
    content = tmp_path / "content"
    write(content / "flowcharts" / "open.md", "Title: 未结束\n\n```flow\n甲: 一\n")
    problems = validate_flowcharts(content)
    assert [(p.file, p.row) for p in problems] == [("content/flowcharts/open.md", 3)]
    assert "没有结束" in problems[0].message


def test_flowchart_page_may_be_an_image_with_alt_text_but_not_without(tmp_path):
    content = tmp_path / "content"
    write(content / "flowcharts" / "jpeg.md", "Title: 图片流程图\n\n![申请、受理、审查、决定四个步骤](/images/flow.jpg)\n")
    assert validate_flowcharts(content) == []
    write(content / "flowcharts" / "noalt.md", "Title: 无说明\n\n前言\n\n![](/images/flow.jpg)\n")
    write(content / "flowcharts" / "nothing.md", "Title: 空白\n\n只有文字。\n")
    problems = validate_flowcharts(content)
    assert [(p.file, p.row) for p in problems] == [
        ("content/flowcharts/noalt.md", 5),
        ("content/flowcharts/nothing.md", 0),
    ]
    assert "替代文字" in problems[0].message and "既没有" in problems[1].message
