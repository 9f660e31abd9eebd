"""Flowcharts written as text by admins, rendered at build time as inline SVG.

The syntax (docs/流程图写法.md), one statement a line; blank lines and lines
starting with # are ignored; the full-width colon ： and the arrow → work too:

    开始: 申请人提交申请          a step: ID: 标签
    开始 -> 受理                  an arrow
    受理 -> 补正: 材料不齐全      an arrow with its condition

`parse_flow` turns the text into a `Flow`, or raises `FlowSyntaxError` listing
every mistake with its line in the Markdown file. `render_svg` draws the flow
with a small layered layout as a self-contained, scalable <svg> (no script, no
fonts: the text uses the page's font); `render_text` writes the same chart as
an ordered list for screen readers, search and reading without CSS.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from html import escape

from ..data.problems import Problem

MAX_LABEL_CHARS = 24

_ID = r"\w+"  # letters (汉字 included), digits, underscore
_COLON = r"\s*[:：]\s*"
_ARROW = r"\s*(?:[-－—]+[>＞]|→)\s*"
_NODE_RE = re.compile(rf"^({_ID}){_COLON}(.*)$")
_EDGE_RE = re.compile(rf"^({_ID}){_ARROW}({_ID})(?:{_COLON}(.*))?$")
_ARROW_RE = re.compile(_ARROW)
_ARROWISH_RE = re.compile(r"[>＞→=]|——")  # something meant as an arrow

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
    """Width of one character in em: full-width for CJK (and for ambiguous-width
    punctuation such as “ ” —, which CJK fonts draw full-width), 0.55 em for
    other characters, a little more for wide capitals."""
    if unicodedata.east_asian_width(char) in ("W", "F", "A"):
        return 1.0
    if char.isupper() or char in "mwMW@%&":
        return 0.72
    return 0.55


def text_width(text, font_size):
    """Measured width of text at font_size, in the same units."""
    return sum(char_em(c) for c in text) * font_size


_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)%")
# A line may end after these (“…并/告知理由” is not cut there, “…/并告知理由” is).
_BREAK_BEFORE = set("并或及和与、，；")
_BREAK_AFTER = set("的后时，、；")


def wrap_text(text, max_width, font_size):
    """Split a label into lines no wider than max_width, as few lines as
    possible, of even length, breaking preferably before 并/或/及/和/与 or
    after 的/后/时 and punctuation. CJK text may break between any two
    characters; runs of ASCII letters and digits stay whole; no line starts
    with closing punctuation."""
    text = text.strip()
    if text_width(text, font_size) <= max_width:
        return [text]
    units = re.findall(r"[A-Za-z0-9.%/_-]+|\s+|.", text)
    widths = [text_width(u, font_size) for u in units]
    n = len(units)
    total = sum(widths)
    lines_needed = max(2, -(-int(total) // int(max_width)))
    for count in range(lines_needed, n + 1):
        ideal = total / count
        # best[k][i]: least cost to set units[:i] in k lines
        inf = float("inf")
        best = [[inf] * (n + 1) for _ in range(count + 1)]
        back = [[0] * (n + 1) for _ in range(count + 1)]
        best[0][0] = 0.0
        for k in range(1, count + 1):
            for i in range(1, n + 1):
                width = 0.0
                for j in range(i - 1, -1, -1):
                    width += widths[j]
                    if width > max_width + 0.01:
                        break
                    if best[k - 1][j] == inf or not _can_break(units, j) or not _can_break(units, i):
                        continue
                    cost = best[k - 1][j] + ((ideal - width) / font_size) ** 2 + _break_penalty(units, i)
                    if cost < best[k][i]:
                        best[k][i], back[k][i] = cost, j
        if best[count][n] < inf:
            lines, i = [], n
            for k in range(count, 0, -1):
                j = back[k][i]
                lines.append("".join(units[j:i]).strip())
                i = j
            return [line for line in reversed(lines) if line]
    return [text]


def _can_break(units, i):
    """May a line break fall before units[i]?"""
    if i <= 0 or i >= len(units):
        return True
    return units[i] not in _NO_LINE_START


def _break_penalty(units, i):
    if i >= len(units):
        return 0.0
    if units[i].isspace() or units[i] in _BREAK_BEFORE or units[i - 1] in _BREAK_AFTER:
        return 0.0
    return 2.5


# -- Layout: a small layered ("Sugiyama") layout ---------------------------------------
#
# grandalf (the pure-Python Sugiyama library) was tried first: it has no notion of
# edge labels, routes loops straight through the middle of the chart and, with
# boxes of different widths, its averaged Brandes-Köpf placement drifts far
# sideways. This layout is small and made for these charts:
#
# 1. Arrows that go back up (loops such as 补正 → 受理) are found by a depth-first
#    walk from the start and laid out reversed, so the rest is acyclic.
# 2. Each step gets a layer by the longest path from the start; layer k is rank 2k.
#    The odd ranks between hold the arrows' condition labels, so a label is laid
#    out like a box and never overlaps another label or a step.
# 3. An arrow that crosses several ranks gets a thin placeholder in each.
# 4. The order within each rank comes from barycentre sweeps and adjacent swaps,
#    keeping the order with the fewest crossings.
# 5. x positions: sweeps pull each item towards the mean of its neighbours (steps
#    also a little towards one common axis), keeping every rank's order and gaps
#    (weighted isotonic regression); then long arrows are straightened and small
#    sideways jogs removed where that fits.
# 6. Arrows are drawn with vertical and horizontal lines: arrows leaving a step
#    share one stem, arrows meeting at a step join before its one arrowhead, and
#    the horizontal runs in each gap get separate tracks so none runs on top of
#    another. A loop runs in its own lane and, where nothing is in the way, meets
#    the side of its steps; loops are dashed.

FONT_SIZE = 16  # step labels, in SVG units (1 unit = 1 CSS px at full size)
LABEL_FONT_SIZE = 14  # condition labels
LINE_HEIGHT = 1.35
NODE_MAX_WIDTH = 7 * FONT_SIZE  # wrap step labels longer than 7 汉字
LABEL_MAX_WIDTH = 5 * LABEL_FONT_SIZE
PAD_X, PAD_Y = 10, 8
LABEL_PAD_X, LABEL_PAD_Y = 4, 3
MIN_NODE_WIDTH = 72
GAP = {("node", "node"): 20, ("label", "label"): 14}
DUMMY_GAP = 12
TRACK_SPACING = 9
ARROW_ROOM = 12  # straight run before an arrowhead
MARGIN = 8
GRAVITY = 1.0  # pull towards one vertical axis, so the main path does not drift sideways

COLORS = {
    "text": "#1b1b1b",
    "node_fill": "#ffffff",
    "node_stroke": "#1d4f91",
    "end_fill": "#e8eef7",
    "edge": "#4a4a4a",
    "label": "#333333",
}


@dataclass(eq=False)
class _Item:
    kind: str  # "node", "label" or "dummy"
    rank: int
    width: float = 0.0
    height: float = 0.0
    lines: tuple = ()
    node: object = None
    x: float = 0.0  # centre
    y: float = 0.0  # top
    up: list = field(default_factory=list)
    down: list = field(default_factory=list)
    order: float = 0.0


@dataclass
class _Chain:
    edge: Edge
    reversed: bool
    items: list  # top to bottom, real steps at both ends


@dataclass
class Layout:
    width: float
    height: float
    nodes: list  # _Item of kind "node"
    labels: list  # (_Item, Edge)
    paths: list  # (points, Edge, is_back)


def back_edges(flow):
    """Edges that point back up the flow (loops), found by a depth-first walk
    from the starts in the order written."""
    out = {n: [] for n in flow.nodes}
    has_in = set()
    for edge in flow.edges:
        out[edge.source].append(edge)
        has_in.add(edge.target)
    roots = [n for n in flow.nodes if n not in has_in] + list(flow.nodes)
    state, back = {}, set()
    for root in roots:
        if root in state:
            continue
        state[root] = "open"
        stack = [(root, iter(out[root]))]
        while stack:
            node, children = stack[-1]
            edge = next(children, None)
            if edge is None:
                state[node] = "done"
                stack.pop()
            elif state.get(edge.target) == "open":
                back.add(edge)
            elif edge.target not in state:
                state[edge.target] = "open"
                stack.append((edge.target, iter(out[edge.target])))
    return back


def _layers(flow, back):
    """Longest-path layering of the acyclic graph; a start with no arrows into
    it sits just above its first successor rather than at the very top."""
    down = {n: [] for n in flow.nodes}
    indegree = {n: 0 for n in flow.nodes}
    for edge in flow.edges:
        u, v = (edge.target, edge.source) if edge in back else (edge.source, edge.target)
        down[u].append(v)
        indegree[v] += 1
    layer = {n: 0 for n in flow.nodes}
    ready = [n for n in flow.nodes if indegree[n] == 0]
    topo = []
    while ready:
        n = ready.pop(0)
        topo.append(n)
        for m in down[n]:
            layer[m] = max(layer[m], layer[n] + 1)
            indegree[m] -= 1
            if indegree[m] == 0:
                ready.append(m)
    has_up = {v for vs in down.values() for v in vs}
    for n in reversed(topo):
        if n not in has_up and down[n]:
            layer[n] = min(layer[m] for m in down[n]) - 1
    return layer, topo


def reading_order(flow):
    """Steps in the order a reader follows them: a topological order of the
    flow without its loops, ties broken by the order written."""
    back = back_edges(flow)
    position = {n: i for i, n in enumerate(flow.nodes)}
    indegree = {n: 0 for n in flow.nodes}
    for edge in flow.edges:
        if edge not in back:
            indegree[edge.target] += 1
    order, ready = [], [n for n in flow.nodes if indegree[n] == 0]
    while ready:
        ready.sort(key=position.get)
        n = ready.pop(0)
        order.append(n)
        for edge in flow.outgoing(n):
            if edge not in back:
                indegree[edge.target] -= 1
                if indegree[edge.target] == 0:
                    ready.append(edge.target)
    return order


def _box(text, max_width, font_size, pad_x, pad_y, min_width=0):
    lines = wrap_text(text, max_width, font_size)
    width = max(text_width(line, font_size) for line in lines) + 2 * pad_x
    height = len(lines) * font_size * LINE_HEIGHT + 2 * pad_y
    return tuple(lines), max(float(int(width + 0.999)), min_width), float(int(height + 0.999))


def layout(flow):
    back = back_edges(flow)
    layer, topo = _layers(flow, back)
    rank_count = 2 * max(layer.values()) + 1
    ranks = [[] for _ in range(rank_count)]
    items = {}
    for n in topo:
        node = flow.nodes[n]
        lines, width, height = _box(node.label, NODE_MAX_WIDTH, FONT_SIZE, PAD_X, PAD_Y, MIN_NODE_WIDTH)
        item = _Item("node", 2 * layer[n], width, height, lines, node)
        items[n] = item
        ranks[item.rank].append(item)
    chains = []
    for edge in flow.edges:
        is_back = edge in back
        top, bottom = (items[edge.target], items[edge.source]) if is_back else (items[edge.source], items[edge.target])
        label_rank = bottom.rank - 1 if is_back else top.rank + 1
        chain = [top]
        for rank in range(top.rank + 1, bottom.rank):
            if edge.label and rank == label_rank:
                lines, width, height = _box(edge.label, LABEL_MAX_WIDTH, LABEL_FONT_SIZE, LABEL_PAD_X, LABEL_PAD_Y)
                item = _Item("label", rank, width, height, lines)
            else:
                item = _Item("dummy", rank)
            ranks[rank].append(item)
            chain.append(item)
        chain.append(bottom)
        for upper, lower in zip(chain, chain[1:]):
            upper.down.append(lower)
            lower.up.append(upper)
        chains.append(_Chain(edge, is_back, chain))
    _order(ranks)
    _place_x(ranks, chains)
    paths = _route(ranks, chains)
    right = max(i.x + i.width / 2 for r in ranks for i in r)
    bottom = max(i.y + i.height for r in ranks for i in r)
    nodes = [items[n] for n in flow.nodes]
    labels = [(item, chain.edge) for chain in chains for item in chain.items if item.kind == "label"]
    return Layout(right + MARGIN, bottom + MARGIN, nodes, labels, paths)


def _pair_crossings(rank):
    """Crossings between the segments from one rank to the next."""
    segments = [(u.order, d.order) for u in rank for d in u.down]
    total = 0
    for i, (a1, a2) in enumerate(segments):
        for b1, b2 in segments[i + 1:]:
            if (a1 - b1) * (a2 - b2) < 0:
                total += 1
    return total


def _crossings(ranks):
    return sum(_pair_crossings(rank) for rank in ranks[:-1])


def _renumber(rank):
    for i, item in enumerate(rank):
        item.order = i


def _order(ranks):
    for rank in ranks:
        _renumber(rank)
    best, best_order = _crossings(ranks), [list(r) for r in ranks]
    for sweep in range(12):
        downward = sweep % 2 == 0
        sequence = ranks[1:] if downward else ranks[-2::-1]
        for rank in sequence:
            def barycentre(item):
                neighbours = item.up if downward else item.down
                if not neighbours:
                    return item.order
                return sum(n.order for n in neighbours) / len(neighbours)
            rank.sort(key=barycentre)
            _renumber(rank)
        _transpose(ranks)
        crossings = _crossings(ranks)
        if crossings < best:
            best, best_order = crossings, [list(r) for r in ranks]
        if best == 0:
            break
    for rank, order in zip(ranks, best_order):
        rank[:] = order
        _renumber(rank)


def _transpose(ranks):
    """Swap neighbours in a rank while that removes crossings."""
    def local(index):
        return (_pair_crossings(ranks[index - 1]) if index > 0 else 0) + _pair_crossings(ranks[index])

    for _ in range(8):
        improved = False
        for index, rank in enumerate(ranks):
            for i in range(len(rank) - 1):
                before = local(index)
                rank[i], rank[i + 1] = rank[i + 1], rank[i]
                _renumber(rank)
                if local(index) < before:
                    improved = True
                else:
                    rank[i], rank[i + 1] = rank[i + 1], rank[i]
                    _renumber(rank)
        if not improved:
            break


def _gap(a, b):
    if a.kind == "dummy" or b.kind == "dummy":
        return DUMMY_GAP
    return GAP.get((a.kind, b.kind), 16)


def _weight(item):
    # Placeholders of long arrows weigh most, so long arrows stay straight.
    return {"dummy": 4.0, "label": 2.0, "node": 1.0}[item.kind]


def _balance(rank, neighbours, gravity=0.0):
    """Move the items of one rank as close as possible to the mean x of their
    neighbours (pulled a little towards the chart's axis at x = 0 by gravity),
    keeping their order and gaps: weighted isotonic regression by pooling
    adjacent violators."""
    if not rank:
        return
    offsets = [0.0]
    for a, b in zip(rank, rank[1:]):
        offsets.append(offsets[-1] + (a.width + b.width) / 2 + _gap(a, b))
    targets = []
    for item, offset in zip(rank, offsets):
        near = neighbours(item)
        pull = gravity if item.kind == "node" else 0.0
        wanted = (sum(n.x for n in near)) / (len(near) + pull) if near else item.x
        targets.append(wanted - offset)
    blocks = []  # [value, weight, count]
    for item, target in zip(rank, targets):
        blocks.append([target, _weight(item), 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, c2 = blocks.pop()
            v1, w1, c1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    i = 0
    for value, _, count in blocks:
        for _ in range(count):
            rank[i].x = value + offsets[i]
            i += 1


def _place_x(ranks, chains):
    for rank in ranks:
        x = 0.0
        for item in rank:
            item.x = x + item.width / 2
            x += item.width + 16
        for item in rank:
            item.x -= x / 2

    def both(item):
        # A condition label lines up with the step below it, so the last part
        # of its arrow runs straight (unless several arrows meet there).
        if item.kind == "label":
            if len(item.down[0].up) == 1:
                return item.down
            if len(item.up[0].down) == 1:
                return item.up
        return item.up + item.down

    for _ in range(12):
        for rank in ranks[1:]:
            _balance(rank, lambda item: item.up, GRAVITY)
        for rank in ranks[-2::-1]:
            _balance(rank, lambda item: item.down, GRAVITY)
    for _ in range(3):
        for rank in ranks:
            _balance(rank, both, GRAVITY)
    _straighten(ranks, chains)
    _snap(ranks)
    left = min(i.x - i.width / 2 for r in ranks for i in r)
    for rank in ranks:
        for item in rank:
            item.x += MARGIN - left


def _fits(rank, i, x):
    """Can rank[i] move to x without coming closer to its neighbours than their gap?"""
    item = rank[i]
    if i > 0:
        left = rank[i - 1]
        if x - item.width / 2 < left.x + left.width / 2 + _gap(left, item) - 0.01:
            return False
    if i + 1 < len(rank):
        right = rank[i + 1]
        if x + item.width / 2 > right.x - right.width / 2 - _gap(item, right) + 0.01:
            return False
    return True


def _snap(ranks, reach=30.0):
    """Remove small sideways jogs: line an item up exactly with its only
    neighbour above (a label: with the step it leads to) when it fits."""
    for _ in range(3):
        for rank in ranks:
            for i, item in enumerate(rank):
                anchor = None
                if item.kind == "label" and len(item.down[0].up) == 1:
                    anchor = item.down[0]
                elif len(item.up) == 1:
                    anchor = item.up[0]
                if anchor is not None and 0 < abs(anchor.x - item.x) <= reach and _fits(rank, i, anchor.x):
                    item.x = anchor.x
                elif anchor is not None and item.kind == "label" and len(item.up) == 1:
                    other = item.up[0]
                    if 0 < abs(other.x - item.x) <= reach and _fits(rank, i, other.x):
                        item.x = other.x


def _straighten(ranks, chains):
    """Give the placeholders (and label) of each long arrow one common x where
    that fits between their neighbours, so the arrow is one straight line;
    failing that, straighten each run of placeholders on its own."""
    position = {id(item): (rank, i) for rank in ranks for i, item in enumerate(rank)}

    def align(run, candidates):
        median = sorted(i.x for i in run)[len(run) // 2]
        for c in sorted(set(candidates), key=lambda c: (sum(abs(i.x - c) for i in run), abs(c - median))):
            if all(_fits(*position[id(i)], c) for i in run):
                for i in run:
                    i.x = c
                return True
        return False

    runs = [[i for i in chain.items if i.kind != "node"] for chain in chains]
    runs = [run for run in runs if len(run) > 1]
    for _ in range(3):
        for run in sorted(runs, key=len, reverse=True):
            candidates = [i.x for i in run]
            if align(run, candidates):
                continue
            parts, current = [], []
            for item in run:
                if item.kind == "dummy":
                    current.append(item)
                else:
                    parts.append(current)
                    current = []
            parts.append(current)
            for part in sorted(parts, key=len, reverse=True):
                if len(part) > 1:
                    align(part, candidates)


def _spread(wanted, low, high, spacing=12.0):
    """Keep x positions in order, at least `spacing` apart, inside [low, high]."""
    xs = list(wanted)
    for i in range(1, len(xs)):
        xs[i] = max(xs[i], xs[i - 1] + spacing)
    if xs and xs[-1] > high:
        xs[-1] = high
        for i in range(len(xs) - 2, -1, -1):
            xs[i] = min(xs[i], xs[i + 1] - spacing)
    if xs and xs[0] < low:
        step = (high - low) / (len(xs) + 1)
        xs = [low + step * (i + 1) for i in range(len(xs))]
    return xs


def _side_ports(item, segments, other_end):
    """Where each segment meets a step's box on one side (top or bottom).

    Arrows drawn in the same direction share one port (a fan-out or fan-in
    "bus" through the middle of the side, or a straight line when there is one
    arrow); each arrow of a loop drawn the other way gets a port of its own.
    Returns {segment: x}."""
    if item.kind != "node":
        return {s: item.x for s in segments}
    inset = min(14.0, item.width / 4)
    low, high = item.x - item.width / 2 + inset, item.x + item.width / 2 - inset
    shared = [s for s in segments if not s.back]
    own = sorted((s for s in segments if s.back), key=lambda s: other_end(s).x)
    requests = []  # (wanted x, [segments])
    if shared:
        if len(shared) == 1:
            wanted = min(max(other_end(shared[0]).x, low), high)
            if abs(wanted - item.x) < 8:
                wanted = item.x
        else:
            wanted = item.x
        requests.append((wanted, shared))
    for s in own:
        requests.append((min(max(other_end(s).x, low), high), [s]))
    requests.sort(key=lambda r: r[0])
    xs = _spread([r[0] for r in requests], low, high)
    return {s: x for (_, group), x in zip(requests, xs) for s in group}


@dataclass(eq=False)
class _Segment:
    upper: _Item
    lower: _Item
    back: bool  # part of a loop: drawn from lower to upper
    side: str = ""  # "left"/"right": a loop's lane meets the step's side, not its top or bottom
    side_y: float = 0.0


def _side_lane(segment, ranks):
    """For a loop's segment between a step and its lane: the side of the step
    the lane can run into directly ("left"/"right"), or "" when it cannot."""
    node, lane = (segment.upper, segment.lower) if segment.upper.kind == "node" else (segment.lower, segment.upper)
    if node.kind != "node" or lane.kind == "node":
        return ""
    left, right = node.x - node.width / 2, node.x + node.width / 2
    if lane.x > right + 6:
        side, low, high = "right", right, lane.x + 2
    elif lane.x < left - 6:
        side, low, high = "left", lane.x - 2, left
    else:
        return ""
    for other in ranks[node.rank]:
        if other is node or other.kind == "dummy":
            continue
        if other.x + other.width / 2 > low and other.x - other.width / 2 < high:
            return ""
    return side


def _route(ranks, chains):
    """Set every item's y and return each arrow's polyline, from its source to its target."""
    chain_segments = [
        [_Segment(u, l, chain.reversed) for u, l in zip(chain.items, chain.items[1:])]
        for chain in chains
    ]
    segments = [s for group in chain_segments for s in group]
    for group in chain_segments:
        if group[0].back:
            for s in (group[0], group[-1]):
                s.side = _side_lane(s, ranks)
    by_upper, by_lower = {}, {}
    for s in segments:
        by_upper.setdefault(id(s.upper), []).append(s)
        by_lower.setdefault(id(s.lower), []).append(s)
    position = {id(item): (rank, i) for rank in ranks for i, item in enumerate(rank)}

    def ports():
        upper_x, lower_x = {}, {}
        for rank in ranks:
            for item in rank:
                upper_x.update(_side_ports(item, [s for s in by_upper.get(id(item), []) if not s.side],
                                           lambda s: s.lower))
                lower_x.update(_side_ports(item, [s for s in by_lower.get(id(item), []) if not s.side],
                                           lambda s: s.upper))
        return upper_x, lower_x

    upper_x, lower_x = ports()
    # A label or placeholder a few units beside the port it connects to moves onto it.
    moved = False
    for s in segments:
        if s.side:
            continue
        for item, port in ((s.lower, upper_x[s]), (s.upper, lower_x[s])):
            if item.kind != "node" and 0.5 < abs(item.x - port) <= 16 and _fits(*position[id(item)], port):
                if len(item.up) == 1 and len(item.down) == 1:
                    item.x, moved = port, True
    if moved:
        upper_x, lower_x = ports()
    for s in segments:
        if s.side:
            lane = s.lower if s.upper.kind == "node" else s.upper
            upper_x[s] = lower_x[s] = lane.x

    track_y = {}
    y = MARGIN
    for index, rank in enumerate(ranks):
        height = max((i.height for i in rank), default=0)
        for item in rank:
            item.y = y + (height - item.height) / 2
        y += height
        if index == len(ranks) - 1:
            break
        # Nets: the segments that share a horizontal run in this gap.
        nets = {}
        for upper in rank:
            for s in by_upper.get(id(upper), []):
                if s.side or abs(upper_x[s] - lower_x[s]) <= 0.5:
                    continue
                if upper.kind == "node" and not s.back:
                    key = ("from", id(upper))
                elif s.lower.kind == "node" and not s.back:
                    key = ("to", id(s.lower))
                else:
                    key = ("own", id(s))
                nets.setdefault(key, []).append(s)
        spans = []
        for members in nets.values():
            xs = [upper_x[s] for s in members] + [lower_x[s] for s in members]
            spans.append((min(xs), max(xs), members))
        # Greedy interval colouring: overlapping runs get different tracks.
        placed = []
        for low, high, members in sorted(spans, key=lambda r: (r[0], r[1])):
            track = 0
            while any(t == track and not (high + 6 < l or low - 6 > h) for l, h, t in placed):
                track += 1
            placed.append((low, high, track))
            for s in members:
                track_y[s] = track
        count = max((t for _, _, t in placed), default=-1) + 1
        top_room = 8 if any(i.kind == "node" for i in rank) else 5
        bottom_room = ARROW_ROOM if any(i.kind == "node" for i in ranks[index + 1]) else 5
        for members in nets.values():
            for s in members:
                track_y[s] = y + top_room + track_y[s] * TRACK_SPACING
        y += max(top_room + bottom_room + max(count - 1, 0) * TRACK_SPACING, 16)
    _side_heights(segments)

    paths = []
    for chain, group in zip(chains, chain_segments):
        points = []
        for s in group:
            x1, x2 = upper_x[s], lower_x[s]
            if s.side and s.upper.kind == "node":  # the lane runs down from the step's side
                edge_x = s.upper.x + (s.upper.width / 2 if s.side == "right" else -s.upper.width / 2)
                points += [(edge_x, s.side_y), (x1, s.side_y)]
            else:
                points.append((x1, s.upper.y + s.upper.height))
            if s in track_y:
                points += [(x1, track_y[s]), (x2, track_y[s])]
            if s.side and s.lower.kind == "node":  # the lane runs up to the step's side
                edge_x = s.lower.x + (s.lower.width / 2 if s.side == "right" else -s.lower.width / 2)
                points += [(x2, s.side_y), (edge_x, s.side_y)]
            else:
                points.append((x2, s.lower.y))
        points = _simplify(points)
        if chain.reversed:
            points.reverse()
        paths.append((points, chain.edge, chain.reversed))
    return paths


def _side_heights(segments):
    """Heights at which loop lanes meet a step's side, chosen so that the lanes
    do not cross one another: lanes going up attach above lanes going down,
    and the lane nearer the step attaches nearer the middle."""
    groups = {}
    for s in segments:
        if s.side:
            node = s.upper if s.upper.kind == "node" else s.lower
            groups.setdefault((id(node), s.side), (node, []))[1].append(s)
    for node, members in groups.values():
        def distance(s):
            lane = s.lower if s.upper is node else s.upper
            return abs(lane.x - node.x)
        going_up = sorted((s for s in members if s.lower is node), key=distance)
        going_down = sorted((s for s in members if s.upper is node), key=distance, reverse=True)
        ordered = going_up + going_down
        step = min(10.0, (node.height - 8) / max(len(ordered), 1))
        first = node.y + node.height / 2 - step * (len(ordered) - 1) / 2
        for i, s in enumerate(ordered):
            s.side_y = first + i * step


def _simplify(points):
    out = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 0.01 and abs(out[-1][1] - p[1]) < 0.01:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (abs(ax - bx) < 0.01 and abs(bx - p[0]) < 0.01) or (abs(ay - by) < 0.01 and abs(by - p[1]) < 0.01):
                out[-1] = p
                continue
        out.append(p)
    return out


# -- Output ------------------------------------------------------------------------------

def _num(value):
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def describe(flow):
    """One sentence for the SVG's <desc>."""
    order = reading_order(flow)
    starts = [flow.nodes[n].label for n in order if not flow.incoming(n)] or [flow.nodes[order[0]].label]
    ends = [flow.nodes[n].label for n in order if not flow.outgoing(n)]
    text = f"流程图，共{len(flow.nodes)}个步骤、{len(flow.edges)}个箭头。从“{'”“'.join(starts)}”开始"
    if ends:
        text += f"，到“{'”或“'.join(ends)}”结束"
    loops = len(back_edges(flow))
    if loops:
        text += f"，其中{loops}处返回前面的步骤"
    return text + "。图下方的“流程文字说明”逐步列出各步骤和分支。"


def flow_uid(flow):
    import hashlib

    text = "\n".join(f"{n.id}:{n.label}" for n in flow.nodes.values())
    text += "\n".join(f"{e.source}>{e.target}:{e.label}" for e in flow.edges)
    return "flow-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def render_svg(flow, title=None, uid=None):
    """The flowchart as an inline, self-contained <svg> that scales to its container."""
    title = title or flow.title or "流程图"
    uid = uid or flow_uid(flow)
    plan = layout(flow)
    c = COLORS
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart-svg" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" viewBox="0 0 {_num(plan.width)} {_num(plan.height)}" '
        # Natural size as attributes, scaled down by CSS (max-width: 100%) on phones: no
        # inline style, which the site's Content-Security-Policy (style-src 'self') would block.
        f'width="{_num(plan.width)}" height="{_num(plan.height)}" preserveAspectRatio="xMidYMin meet">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(describe(flow))}</desc>',
        f'<defs><marker id="{uid}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" '
        f'markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{c["edge"]}"/></marker></defs>',
        f'<g class="flow-edges" fill="none" stroke="{c["edge"]}" stroke-width="1.5" stroke-linejoin="round">',
    ]
    for points, edge, is_back in plan.paths:
        d = "M" + " L".join(f"{_num(x)},{_num(y)}" for x, y in points)
        if is_back:  # loops back to an earlier step: dashed
            out.append(f'<path class="flow-edge flow-back" d="{d}" stroke-dasharray="6 3" '
                       f'marker-end="url(#{uid}-arrow)"/>')
        else:
            out.append(f'<path class="flow-edge" d="{d}" marker-end="url(#{uid}-arrow)"/>')
    out.append("</g>")
    out.append(f'<g class="flow-labels" font-size="{LABEL_FONT_SIZE}" fill="{c["label"]}" text-anchor="middle">')
    for item, edge in plan.labels:
        out.append(
            f'<g class="flow-label"><rect x="{_num(item.x - item.width / 2)}" y="{_num(item.y)}" '
            f'width="{_num(item.width)}" height="{_num(item.height)}" fill="#ffffff"/>'
            + _text(item, LABEL_FONT_SIZE, LABEL_PAD_Y) + "</g>"
        )
    out.append("</g>")
    out.append(f'<g class="flow-nodes" font-size="{FONT_SIZE}" text-anchor="middle">')
    for item in plan.nodes:
        node = item.node
        terminal = not flow.incoming(node.id) or not flow.outgoing(node.id)
        fill = c["end_fill"] if terminal else c["node_fill"]
        radius = min(item.height / 2, 18) if terminal else 4
        out.append(
            f'<g class="flow-node{" flow-terminal" if terminal else ""}">'
            f'<rect x="{_num(item.x - item.width / 2)}" y="{_num(item.y)}" width="{_num(item.width)}" '
            f'height="{_num(item.height)}" rx="{_num(radius)}" fill="{fill}" stroke="{c["node_stroke"]}" '
            f'stroke-width="1.5"/>' + _text(item, FONT_SIZE, PAD_Y, fill=c["text"]) + "</g>"
        )
    out.append("</g></svg>")
    return "\n".join(out)


def _text(item, font_size, pad_y, fill=None):
    line_height = font_size * LINE_HEIGHT
    fill_attr = f' fill="{fill}"' if fill else ""
    spans = "".join(
        f'<tspan x="{_num(item.x)}" y="{_num(item.y + pad_y + (i + 0.5) * line_height)}">{escape(line)}</tspan>'
        for i, line in enumerate(item.lines)
    )
    return f'<text dominant-baseline="central"{fill_attr}>{spans}</text>'


def render_text(flow):
    """The flowchart as an HTML ordered list, in reading order: each step, then
    where each of its arrows leads (with the condition)."""
    order = reading_order(flow)
    number = {n: i for i, n in enumerate(order, start=1)}

    def target(edge):
        verb = "回到" if number[edge.target] <= number[edge.source] else "转到"
        return f"{verb}第{number[edge.target]}步“{escape(flow.nodes[edge.target].label)}”"

    out = ['<ol class="flow-steps">']
    for n in order:
        label = escape(flow.nodes[n].label)
        edges = flow.outgoing(n)
        if not edges:
            out.append(f"<li>{label}。流程结束。</li>")
        elif len(edges) == 1 and not edges[0].label:
            out.append(f"<li>{label}，然后{target(edges[0])}。</li>")
        else:
            branches = "".join(
                f"<li>{escape(e.label)}：{target(e)}；</li>" if e.label else f"<li>{target(e)}；</li>"
                for e in edges
            )
            branches = branches[: -len("；</li>")] + "。</li>"
            out.append(f"<li>{label}：<ul>{branches}</ul></li>")
    out.append("</ol>")
    return "\n".join(out)
