"""Read the agencies' CSV exports into rows keyed by the schema's column names.

Excel on a Chinese Windows saves CSV as GB18030 (GBK); newer exports are UTF-8,
with or without a BOM. The admin never has to say which.
"""

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .problems import Problem

ENCODINGS = ("utf-8-sig", "gb18030")

# 行政相对人代码_1（统一社会信用代码） → 行政相对人代码_1
_TRAILING_NOTE = re.compile(r"\s*[（(][^（()）]*[)）]\s*$")


@dataclass
class LoadedTable:
    table: object
    source: str  # the path the admin knows, e.g. data/decisions/penalties.csv
    rows: list = field(default_factory=list)  # dicts, column name → stripped text
    encoding: str = ""
    present: bool = True
    ignored_columns: list = field(default_factory=list)  # headers the schema does not know


def decode(raw):
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None, None


def normalise_header(header, known):
    name = header.strip().lstrip("\ufeff").replace("(", "（").replace(")", "）")
    if name in known:
        return name
    bare = _TRAILING_NOTE.sub("", name)
    if bare in known:
        return bare
    return name


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
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False,
            skip_blank_lines=True,
        )
    except pd.errors.EmptyDataError:
        return loaded, [Problem(source, "文件为空，没有表头", "第1行为表头：" + "、".join(table.column_names))]
    except pd.errors.ParserError as error:
        return loaded, [_parser_problem(source, error)]

    known = set(table.column_names)
    headers = [normalise_header(str(h), known) for h in frame.columns]
    problems = []
    seen = set()
    for position, header in enumerate(headers, start=1):
        if header in seen:
            problems.append(Problem(source, f"第{position}列表头“{header}”重复", "每个列名只出现一次", row=1))
        seen.add(header)
    for column in table.columns:
        if column.required and column.name not in seen:
            problems.append(Problem(source, f"缺少必填列“{column.name}”", column.description, row=1))
    if problems:
        return loaded, problems
    frame.columns = headers
    loaded.ignored_columns = [h for h in headers if h not in known]
    frame = frame[[c for c in table.column_names if c in seen]]
    frame = frame.apply(lambda col: col.str.strip())
    missing = [c for c in table.column_names if c not in seen]
    for name in missing:
        frame[name] = ""
    loaded.rows = frame.to_dict("records")
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
