"""Flowcharts written as text by admins, rendered at build time as inline SVG.

The syntax (one statement a line; blank lines and lines starting with # are
ignored; full-width ： and → are accepted too):

    开始: 申请人提交申请          declares a step: ID: 标签
    开始 -> 受理                  an arrow
    受理 -> 补正: 材料不齐全      an arrow with its condition

`parse_flow` turns the text into a `Flow` (or raises `FlowSyntaxError` listing
every mistake with its line in the Markdown file); `render_svg` draws it with a
small layered ("Sugiyama") layout; `render_text` writes the same chart as an
ordered list for screen readers, search and reading without CSS.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from html import escape

from .problems import Problem

MAX_LABEL_CHARS = 24

_ID = r"[\w]+"  # letters (汉字 included), digits, underscore
_COLON = r"\s*[:：]\s*"
_ARROW = r"\s*(?:[-－—]+[>＞]|→)\s*"
_NODE_RE = re.compile(rf"^({_ID}){_COLON}(.*)$")
_EDGE_RE = re.compile(rf"^({_ID}){_ARROW}({_ID})(?:{_COLON}(.*))?$")
_ARROW_RE = re.compile(_ARROW)
_ARROWISH_RE = re.compile(r"[-－—=]+[>＞]?|→|[>＞]")

SYNTAX_HINT = "“编号: 标签”声明步骤，“编号 -> 编号”或“编号 -> 编号: 条件”画箭头"


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    line: int = 0


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""
    line: int = 0


@dataclass
class Flow:
    nodes: dict = field(default_factory=dict)  # id -> Node, in the order written
    edges: list = field(default_factory=list)
    title: str = ""  # used for the SVG <title>; set by the caller

    def outgoing(self, node_id):
        return [e for e in self.edges if e.source == node_id]

    def incoming(self, node_id):
        return [e for e in self.edges if e.target == node_id]


class FlowSyntaxError(ValueError):
    """The flowchart text has mistakes; `problems` lists each, with its line."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _clean(text):
    return " ".join(text.split())


def parse_flow(text, source="", first_line=1):
    """Parse a ```flow block. first_line: the Markdown file's line number of text's first line."""
    flow = Flow()
    problems = []

    def problem(line, message, expected=""):
        problems.append(Problem(source, message, expected, row=line))

    pending_edges = []
    for index, raw in enumerate(text.splitlines()):
        line_no = first_line + index
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        edge = _EDGE_RE.match(line)
        if edge:
            source_id, target_id, label = edge.group(1), edge.group(2), _clean(edge.group(3) or "")
            if edge.group(3) is not None and not label:
                problem(line_no, f"箭头“{source_id} -> {target_id}”的冒号后没有写条件",
                        "写上条件，如“材料齐全”；没有条件就去掉冒号")
                continue
            pending_edges.append(Edge(source_id, target_id, label, line_no))
            continue
        node = _NODE_RE.match(line)
        if node:
            node_id, label = node.group(1), _clean(node.group(2))
            if _ARROW_RE.search(label):
                problem(line_no, f"步骤“{node_id}”的标签里有箭头", "一行只写一件事：先声明步骤，箭头另起一行写")
            elif not label:
                problem(line_no, f"步骤“{node_id}”没有标签", f"“{node_id}: 这一步做什么”，如“{node_id}: 窗口受理审查”")
            elif node_id in flow.nodes:
                first = flow.nodes[node_id]
                problem(line_no, f"步骤编号“{node_id}”重复，第{first.line}行已经声明过（“{first.label}”）",
                        "每个编号只声明一次；不同的步骤用不同的编号")
            else:
                flow.nodes[node_id] = Node(node_id, label, line_no)
            continue
        problem(line_no, f"无法识别“{line}”", SYNTAX_HINT + _guess_fix(line))

    for edge in pending_edges:
        missing = [n for n in (edge.source, edge.target) if n not in flow.nodes]
        for node_id in missing:
            problem(edge.line, f"箭头“{edge.source} -> {edge.target}”中的“{node_id}”不是已声明的步骤",
                    f"先用“{node_id}: 标签”声明这一步，或改用已声明的编号（{_known(flow)}）")
        if missing:
            continue
        if edge.source == edge.target:
            problem(edge.line, f"箭头“{edge.source} -> {edge.target}”指向步骤自己", "箭头连接两个不同的步骤")
            continue
        twin = next((e for e in flow.edges if (e.source, e.target) == (edge.source, edge.target)), None)
        if twin:
            problem(edge.line, f"箭头“{edge.source} -> {edge.target}”重复，第{twin.line}行已经画过",
                    "两个步骤之间同一方向只画一个箭头；几种条件可以合写在一个条件里")
            continue
        flow.edges.append(edge)

    for node in flow.nodes.values():
        if len(node.label) > MAX_LABEL_CHARS:
            problem(node.line, f"步骤“{node.id}”的标签有{len(node.label)}个字，太长",
                    f"不超过{MAX_LABEL_CHARS}个字；详细说明写在流程图下方的正文里")
    for edge in flow.edges:
        if len(edge.label) > MAX_LABEL_CHARS:
            problem(edge.line, f"箭头“{edge.source} -> {edge.target}”的条件有{len(edge.label)}个字，太长",
                    f"不超过{MAX_LABEL_CHARS}个字；详细说明写在流程图下方的正文里")

    if not flow.nodes and not problems:
        problem(max(first_line - 1, 1), "流程图是空的，没有任何步骤",
                "至少声明一个步骤，如“开始: 申请人提交申请”")
    elif len(flow.nodes) > 1:
        linked = {e.source for e in flow.edges} | {e.target for e in flow.edges}
        linked |= {e.source for e in pending_edges} | {e.target for e in pending_edges}
        for node in flow.nodes.values():
            if node.id not in linked:
                problem(node.line, f"步骤“{node.id}”没有和任何步骤相连",
                        f"用“{node.id} -> 编号”或“编号 -> {node.id}”把它接入流程，不需要就删去这一行")

    if problems:
        problems.sort(key=lambda p: p.row)
        raise FlowSyntaxError(problems)
    return flow


def _known(flow):
    ids = list(flow.nodes)
    shown = "、".join(ids[:12])
    return shown + ("等" if len(ids) > 12 else "") if ids else "还没有声明任何步骤"


def _guess_fix(line):
    if not re.search(r"[:：]", line) and not _ARROWISH_RE.search(line):
        return "。这一行既没有冒号（声明步骤），也没有箭头“->”"
    if _ARROWISH_RE.search(line) and not _ARROW_RE.search(line):
        return "。箭头请写成“->”（减号加大于号）"
    return "。编号只能由汉字、字母、数字和下划线组成，不能有空格或标点"


# -- Measuring text ------------------------------------------------------------------

def char_em(char):
    """Width of one character in em: full-width for CJK (and ambiguous-width
    punctuation such as “”), 0.55 em for ASCII, as rendered by a CJK system font."""
    if unicodedata.east_asian_width(char) in ("W", "F", "A"):
        return 1.0
    if char == " ":
        return 0.33
    if char.isupper() or char in "mwMW@%&":
        return 0.72
    return 0.55


def text_width(text, font_size):
    """Measured width of text at font_size, in the same units."""
    return sum(char_em(c) for c in text) * font_size
