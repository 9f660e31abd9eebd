"""Read the agencies' CSV exports into rows keyed by the schema's column names.

Excel on a Chinese Windows saves CSV as GB18030 (GBK); newer exports are UTF-8,
with or without a BOM. The admin never has to say which.

Headers fail closed. A header is accepted only in a known spelling (the
column name, with surrounding spaces, either width of brackets, or a trailing
（note）). A near-miss of a column name (“状 态”, “涉及未成年”, “公开日其”) or a
repeated column stops the build: dropped as an unknown column it would leave
the gate reading the default (“有效”, “否”) and publishing what it must not.
"""

import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .problems import Problem

ENCODINGS = ("utf-8-sig", "gb18030")

# 行政相对人代码_1（统一社会信用代码） → 行政相对人代码_1
_TRAILING_NOTE = re.compile(r"\s*[（(][^（()）]*[)）]\s*$")
_HALF_BRACKETS = str.maketrans({"(": "（", ")": "）"})


@dataclass
class LoadedTable:
    table: object
    source: str  # the path the admin knows, e.g. data/decisions/penalties.csv
    rows: list = field(default_factory=list)  # dicts, column name → stripped text
    encoding: str = ""
    present: bool = True
    ignored_columns: list = field(default_factory=list)  # headers the schema does not know
    warnings: list = field(default_factory=list)  # printed with the build summary, errors or not


def decode(raw):
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None, None


# -- header spellings ------------------------------------------------------------

def _invisible(char):
    # Zero-width spaces, joiners, BOMs, soft hyphens (category Cf) and any whitespace.
    return char.isspace() or unicodedata.category(char) == "Cf"


def _strip_ends(text):
    start, end = 0, len(text)
    while start < end and _invisible(text[start]):
        start += 1
    while end > start and _invisible(text[end - 1]):
        end -= 1
    return text[start:end]


def normalise_header(header, known):
    """The column a header is a known spelling of, else the header as written (ends stripped)."""
    name = _strip_ends(header).translate(_HALF_BRACKETS)
    if name in known:
        return name
    bare = _TRAILING_NOTE.sub("", name)
    if bare in known:
        return bare
    return name


def comparison_keys(header):
    """The header with every difference that is not a different word removed: full width
    folded to half (NFKC), all whitespace (incl. U+3000) and invisible characters dropped,
    brackets unified; with and without a trailing （note）."""
    folded = unicodedata.normalize("NFKC", header)
    key = "".join(c for c in folded if not _invisible(c)).translate(_HALF_BRACKETS)
    bare = _TRAILING_NOTE.sub("", key)
    return (key, bare) if bare and bare != key else (key,)


def edit_distance(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def miss_distance(key, name):
    """How far `key` is from the column `name` if it reads as a misspelling of it, else None.

    One edit for names of up to 4 characters, two for longer ones; or `name` with up
    to two characters added or dropped in one place (“公开日期” in “计划公开日期”) when
    the shorter of the two has at least 3 characters, so that an extra column such as
    “内部备注” is not taken for “备注”.
    """
    distance = edit_distance(key, name)
    if distance <= (1 if len(name) <= 4 else 2):
        return distance
    shorter, longer = sorted((key, name), key=len)
    if len(shorter) >= 3 and shorter in longer and len(longer) - len(shorter) <= 2:
        return len(longer) - len(shorter)
    return None


def probable_column(header, table, present):
    """(intended column name, distance) for a header that is a near-miss, else (None, None).

    A column the header only folds to (“状 态” → 状态) comes first; then a column the
    file lacks (the one a misspelling leaves the gate without), then the nearest,
    then schema order.
    """
    best = None
    for order, column in enumerate(table.columns):
        distances = [d for d in (miss_distance(k, column.name) for k in comparison_keys(header)) if d is not None]
        if distances:
            distance = min(distances)
            rank = (distance > 0, column.name in present, distance, order)
            if best is None or rank < best[0]:
                best = (rank, column.name)
    return (best[1], best[0][2]) if best else (None, None)


def _spelling_slip(header):
    """What sets a header apart from the column name it folds to, in the admin's words."""
    inner = _strip_ends(header)
    slips = []
    if any(c.isspace() for c in inner):
        slips.append("有空格")
    if any(unicodedata.category(c) == "Cf" for c in inner):
        slips.append("有不可见字符")
    if any(unicodedata.normalize("NFKC", c) != c and c not in "（）" and not c.isspace() for c in inner):
        slips.append("有全角字母、数字或符号")
    return "、".join(slips) or "有多余字符"


def shown(header):
    """The header as written, with invisible characters made visible."""
    return "".join(
        f"<U+{ord(c):04X}>" if _invisible(c) and c not in " \u3000" else c for c in header
    ) or "（空）"


# -- reading ---------------------------------------------------------------------

@dataclass
class _Header:
    position: int  # 1-based, as Excel's column count shows it
    raw: str
    name: str = ""  # the schema column it is a known spelling of
    intended: str = ""  # the column it is a near-miss of
    similar: str = ""  # a column it resembles that the file also has under its own name
    distance: int = 0
    identity: str = ""  # what two headers must share to be the same column
    has_data: bool = True


def _classify(raw_headers, frame, table):
    known = set(table.column_names)
    headers = []
    for position, raw in enumerate(raw_headers, start=1):
        header = _Header(position, raw)
        name = normalise_header(raw, known)
        if name in known:
            header.name = header.identity = name
        else:
            header.identity = comparison_keys(raw)[0]
        header.has_data = bool(raw.strip()) or frame[position - 1].str.strip().ne("").any()
        headers.append(header)
    present = {h.name for h in headers if h.name}
    for header in headers:
        if not header.name and header.identity:
            intended, header.distance = probable_column(header.raw, table, present)
            if intended and header.distance == 0:
                header.identity = header.intended = intended  # “状 态” beside “状态”: one column twice
            elif intended in present:
                # The gate reads the column under its right name, so this one is an extra
                # column (“序号” beside “编号”), not the gate's input misspelt: a warning.
                header.similar = intended
            elif intended:
                header.intended = intended
    return headers


def _header_problems(source, table, headers):
    """(problems, warnings) for one header row."""
    problems, warnings = [], []
    first = {}
    for h in headers:
        if not h.identity:
            continue  # empty header: an empty spreadsheet column, or counted as unknown below
        if h.identity in first:
            other = first[h.identity]
            problems.append(Problem(
                source,
                f"第{h.position}列表头“{shown(h.raw)}”与第{other.position}列表头“{shown(other.raw)}”重复"
                f"（同为“{h.name or h.intended or h.identity}”列）",
                "每个列名只出现一次；删除或改名多出的一列", row=1,
            ))
        else:
            first[h.identity] = h
            if h.intended:
                hint = f"（表头中{_spelling_slip(h.raw)}）" if h.distance == 0 else ""
                problems.append(Problem(
                    source,
                    f"第{h.position}列表头“{shown(h.raw)}”不是可用的列名{hint}。是否应为“{h.intended}”？",
                    row=1,
                ))
    present = {h.name for h in headers if h.name}
    claimed = {h.intended for h in headers if h.intended}
    for column in table.columns:
        if column.required and column.name not in present | claimed:
            problems.append(Problem(source, f"缺少必填列“{column.name}”", column.description, row=1))
    unknown = [h for h in headers if not h.name and not h.intended and h.has_data]
    absent = [c for c in table.gate_columns if not c.required and c.name not in present | claimed]
    if absent and unknown:
        names = "、".join(f"“{c.name}”" for c in absent)
        problems.append(Problem(
            source,
            f"没有决定能否公开的列{names}，而有不认识的列"
            + "、".join(f"“{shown(h.raw)}”（第{h.position}列）" for h in unknown)
            + "，无法排除是列名写错",
            f"写错的表头改为{names}；确实没有这些列的，删除不认识的列", row=1,
        ))
    elif absent:
        warnings += [f"{source} 没有“{c.name}”列，{c.if_absent}。" for c in absent]
    warnings += [_unknown_warning(source, h) for h in unknown]
    return problems, warnings


def _unknown_warning(source, header):
    if not header.raw.strip():
        return f"{source}：第{header.position}列没有表头，其内容不会公开。请核对列名。"
    like = f"（与已有的“{header.similar}”列相近）" if header.similar else ""
    return f"{source}：不认识的列“{shown(header.raw)}”{like}，其内容不会公开。请核对列名。"


def load_table(data_dir, table, display_root="data"):
    """Return (LoadedTable, problems). A missing optional file is an empty table."""
    path = Path(data_dir) / table.path
    source = f"{display_root}/{table.path}"
    loaded = LoadedTable(table, source)
    if not path.exists():
        loaded.present = False
        return loaded, []
    text, encoding = decode(path.read_bytes())
    if text is None:
        return loaded, [Problem(source, "无法识别文件编码", "UTF-8 或 GB18030（Excel“CSV”格式）")]
    loaded.encoding = encoding
    try:
        # header=None: the header row is read as written. With a header, pandas renames
        # a second “状态” to “状态.1” (and would take a one-field-longer first data row
        # as an index), so a repeated column could never be seen.
        frame = pd.read_csv(
            io.StringIO(text), header=None, dtype=str, keep_default_na=False, na_filter=False,
            skip_blank_lines=True,
        )
    except pd.errors.EmptyDataError:
        return loaded, [Problem(source, "文件为空，没有表头", "第1行为表头：" + "、".join(table.column_names))]
    except pd.errors.ParserError as error:
        return loaded, [_parser_problem(source, error)]

    raw_headers = [str(h) for h in frame.iloc[0]]
    frame = frame.iloc[1:]
    headers = _classify(raw_headers, frame, table)
    problems, loaded.warnings = _header_problems(source, table, headers)
    loaded.ignored_columns = [h.raw for h in headers if not h.name and h.has_data]
    if problems:
        return loaded, problems
    frame = frame[[h.position - 1 for h in headers if h.name]]
    frame.columns = [h.name for h in headers if h.name]
    frame = frame.apply(lambda col: col.str.strip())
    for name in table.column_names:
        if name not in frame.columns:
            frame[name] = ""
    loaded.rows = frame[table.column_names].to_dict("records")
    return loaded, []


def _parser_problem(source, error):
    message = str(error)
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if match:
        expected, line, saw = match.groups()
        return Problem(
            source, f"这一行有 {saw} 个字段，表头只有 {expected} 列",
            "每行字段数与表头一致；含逗号、换行的内容用英文双引号括起来", row=int(line),
        )
    return Problem(source, f"无法按 CSV 格式读取（{message.strip()}）", "用 Excel 另存为“CSV”格式")
