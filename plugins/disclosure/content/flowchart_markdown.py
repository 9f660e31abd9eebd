"""Python-Markdown extension: each ```flow block becomes an inline SVG flowchart
with its caption, followed by the same chart as an ordered list of steps.

Enabled in pelicanconf.py as MARKDOWN["extension_configs"]["disclosure.content.flowchart_markdown"].

    ```flow 行政许可办理流程图        ← optional caption; default: the page's Title
    开始: 申请人提交申请
    受理: 窗口受理审查
    开始 -> 受理
    ```

Python-Markdown is not told which file it converts, so a mistake found here
stops only that page and names the line but not the file. `validate_flowcharts`
checks every Markdown file under content/ with file names and line numbers;
the build calls it before Pelican reads anything.
"""

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from ..data.problems import Problem
from .flowchart import FlowSyntaxError, flow_uid, parse_flow, render_svg, render_text

_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")
_TITLE = re.compile(r"^title\s*:\s*(?P<title>.+?)\s*$", re.IGNORECASE)
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)[^)]*\)")
TEXT_SUMMARY = "流程文字说明"


@dataclass(frozen=True)
class FlowBlock:
    start: int  # index of the opening fence in the list of lines (0-based)
    end: int  # index of the closing fence
    first_line: int  # the file's line number (1-based) of the first line inside the block
    caption: str
    text: str


def find_flow_blocks(lines, source=""):
    """The ```flow blocks among lines, and a Problem for a block never closed.

    Fences of other languages are skipped whole, so a ```flow written inside
    a ```text example is left alone."""
    blocks, problems = [], []
    i = 0
    while i < len(lines):
        opening = _FENCE_OPEN.match(lines[i])
        if not opening:
            i += 1
            continue
        fence = opening.group("fence")
        info = opening.group("info")
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = next((j for j in range(i + 1, len(lines)) if closing.match(lines[j])), None)
        words = info.split(maxsplit=1)
        is_flow = bool(words) and words[0].lower() in ("flow", "{.flow}")
        if is_flow and end is None:
            problems.append(Problem(
                source, f"流程图代码块（{fence}flow）没有结束", f"在流程图最后一行的下一行单独写 {fence}", row=i + 1,
            ))
            break
        if end is None:
            break
        if is_flow:
            caption = words[1].strip() if len(words) > 1 else ""
            blocks.append(FlowBlock(i, end, i + 2, caption, "\n".join(lines[i + 1:end])))
        i = end + 1
    return blocks, problems


def page_title(lines):
    """The Title: of a Pelican Markdown file's metadata header, if any."""
    for line in lines:
        if not line.strip():
            break
        match = _TITLE.match(line)
        if match:
            return match.group("title")
    return ""


def flowchart_html(flow, caption, uid):
    """The figure (SVG and caption) and the text version that replace one block."""
    return (
        f'<figure class="flowchart" data-pagefind-ignore tabindex="0">\n{render_svg(flow, title=caption, uid=uid)}\n'
        f"<figcaption>{escape(caption)}</figcaption>\n</figure>\n"
        f'<details class="flowchart-text" open>\n<summary>{TEXT_SUMMARY}</summary>\n'
        f"{render_text(flow)}\n</details>"
    )


class FlowchartPreprocessor(Preprocessor):
    def __init__(self, md, source):
        super().__init__(md)
        self.source = source

    def run(self, lines):
        # Runs before the meta extension removes the metadata header, so the
        # line numbers in errors are the file's own.
        blocks, problems = find_flow_blocks(lines, self.source)
        if problems:
            raise FlowSyntaxError(problems)
        if not blocks:
            return lines
        title = page_title(lines) or "流程图"
        out, previous = [], 0
        for index, block in enumerate(blocks):
            flow = parse_flow(block.text, self.source, block.first_line)  # raises FlowSyntaxError
            caption = block.caption or title
            uid = flow_uid(flow) + (f"-{index + 1}" if index else "")
            placeholder = self.md.htmlStash.store(flowchart_html(flow, caption, uid))
            out += lines[previous:block.start] + ["", placeholder, ""]
            previous = block.end + 1
        return out + lines[previous:]


class FlowchartExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"source": ["Markdown 文稿", "The file name used in error messages"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After normalize_whitespace (30), before meta (27) and fenced_code_block (25).
        md.preprocessors.register(FlowchartPreprocessor(md, self.getConfig("source")), "flowchart", 28)


def makeExtension(**kwargs):
    return FlowchartExtension(**kwargs)


def validate_flowcharts(content_dir):
    """Every mistake in the ```flow blocks of content/**/*.md, with file and line;
    and flowchart pages that have neither a ```flow block nor an image with alt text."""
    content_dir = Path(content_dir)
    problems = []
    for path in sorted(content_dir.rglob("*.md")):
        shown = f"{content_dir.name}/{path.relative_to(content_dir).as_posix()}"
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem(shown, "文件不是 UTF-8 编码", "用 UTF-8 编码保存（记事本“另存为”时选择 UTF-8）"))
            continue
        lines = text.split("\n")
        blocks, block_problems = find_flow_blocks(lines, shown)
        problems += block_problems
        for block in blocks:
            try:
                parse_flow(block.text, shown, block.first_line)
            except FlowSyntaxError as error:
                problems += error.problems
        if path.parent == content_dir / "flowcharts" and not blocks and not block_problems:
            problems += _image_flowchart_problems(lines, shown)
    return problems


def _image_flowchart_problems(lines, shown):
    images = [(number, m) for number, line in enumerate(lines, start=1) for m in _IMAGE.finditer(line)]
    if not images:
        return [Problem(shown, "流程图页面里既没有 ```flow 流程图，也没有流程图图片",
                        "用 ```flow 代码块写流程图（见 docs/流程图写法.md），或插入图片 ![流程说明](图片地址)")]
    return [
        Problem(shown, "流程图图片没有替代文字", "在 ![ ] 的方括号里写明流程的文字说明", row=number)
        for number, match in images if not match.group("alt").strip()
    ]
