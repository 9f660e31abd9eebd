"""Read the agencies' CSV exports into rows keyed by the schema's column names.

Excel on a Chinese Windows saves CSV as GB18030 (GBK); newer exports are UTF-8,
with or without a BOM. The admin never has to say which.

Excel workbooks (.xlsx, .xls, .ods beside or instead of the .csv) are read
with pandas on the calamine engine, every cell as text so codes keep their
digits; the header row may sit below title rows. A workbook or a UTF-16
“Unicode 文本” file saved under a .csv name is recognised by its first bytes.

Headers fail closed. A header is accepted only in a known spelling (the
column name or one of its schema aliases, with surrounding spaces, either width
of brackets, or a trailing （note）; a 行政相对人代码_N（meaning） by its meaning). A near-miss of a column name (“状 态”, “涉及未成年”, “公开日其”) or a
repeated column stops the build: dropped as an unknown column it would leave
the gate reading the default (“有效”, “否”) and publishing what it must not.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schema
from .problems import Problem

ENCODINGS = ("utf-8-sig", "gb18030")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# Files an export or a spreadsheet program writes (.et: WPS; .txt: Excel's “Unicode 文本”).
STRAY_SUFFIXES = (".csv", ".txt", ".et") + WORKBOOK_SUFFIXES
# How far down a title block may push the header row.
HEADER_SEARCH_ROWS = 10
# 行政相对人代码_1, 代码-1, 代码/1, 代码1, each with an optional （meaning）.
_CODE_HEADER = re.compile(rf"^{schema.PARTY_CODE_PREFIX}\s*[_\-/－—]?\s*(\d)\s*(?:（([^（）]*)）)?$")
_CODE_COLUMNS = tuple(f"{schema.PARTY_CODE_PREFIX}_{i}" for i in range(1, 7)) + ("证件号码",)

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
    row_numbers: list = field(default_factory=list)  # each row's number as Excel shows it
    workbook: bool = False  # read from an Excel/ODS workbook (date cells may be serial numbers)
    party_type_codes: bool = False  # 行政相对人类别 written as platform codes (set by validation)
    widths: list = field(default_factory=list)  # fields in each CSV line as written


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


def _as_spellings(known):
    return known if isinstance(known, dict) else {name: name for name in known}


def code_meaning_column(meaning, known):
    """The column a 行政相对人代码_N header's bracketed meaning names, if it names one."""
    spellings = _as_spellings(known)
    meaning = _strip_ends(meaning)
    target = spellings.get(meaning) or schema.PARTY_CODE_EXTRA_MEANINGS.get(meaning)
    return target if target in _CODE_COLUMNS and target in spellings.values() else None


def is_2016_standard(headers, known):
    """True when a 代码_N header's bracket gives the 2016 standard's meaning for N (代码_2（组织机构代码）,
    代码_3（工商登记码）, 代码_5（居民身份证号）), so its bare 代码_N headers use 2016 numbering too."""
    for header in headers:
        match = _CODE_HEADER.match(_strip_ends(header).translate(_HALF_BRACKETS))
        if match and match.group(2):
            number = int(match.group(1))
            target = code_meaning_column(match.group(2), known)
            if target and target == schema.STANDARD_2016_CODES.get(number) and target != f"{schema.PARTY_CODE_PREFIX}_{number}":
                return True
    return False


def normalise_header(header, known, standard_2016=False):
    """The column a header is a known spelling of, else the header as written (ends stripped).

    `known` is {spelling: column name} (Table.header_spellings()) or a set of names."""
    spellings = _as_spellings(known)
    name = _strip_ends(header).translate(_HALF_BRACKETS)
    match = _CODE_HEADER.match(name)
    if name in spellings and not (match and standard_2016):
        return spellings[name]
    if match:
        number, meaning = int(match.group(1)), match.group(2)
        target = code_meaning_column(meaning, spellings) if meaning else None
        if target is None:
            target = (schema.STANDARD_2016_CODES.get(number) if standard_2016
                      else f"{schema.PARTY_CODE_PREFIX}_{number}")
        if target in spellings.values():
            return target
    bare = _TRAILING_NOTE.sub("", name)
    if bare in spellings:
        return spellings[bare]
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
        # Aliases are spellings too: a near-miss of one is as much an error as of the name.
        distances = [d for d in (miss_distance(k, spelling) for k in comparison_keys(header)
                                 for spelling in (column.name,) + column.aliases) if d is not None]
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


def _classify(raw_headers, frame, table, standard_2016=False):
    known = table.header_spellings()
    headers = []
    for position, raw in enumerate(raw_headers, start=1):
        header = _Header(position, raw)
        name = normalise_header(raw, known, standard_2016)
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


def _header_problems(source, table, headers, row=1):
    """(problems, warnings) for one header row; row: its number as Excel shows it (title rows
    above it count), so that every header problem points at the row the admin must edit."""
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
                "每个列名只出现一次；删除或改名多出的一列", row=row,
            ))
        else:
            first[h.identity] = h
            if h.intended:
                hint = f"（表头中{_spelling_slip(h.raw)}）" if h.distance == 0 else ""
                problems.append(Problem(
                    source,
                    f"第{h.position}列表头“{shown(h.raw)}”不是可用的列名{hint}。是否应为“{h.intended}”？",
                    row=row,
                ))
    present = {h.name for h in headers if h.name}
    claimed = {h.intended for h in headers if h.intended}
    for column in table.columns:
        if column.required and column.name not in present | claimed:
            problems.append(Problem(source, f"缺少必填列“{column.name}”", column.description, row=row))
    unknown = [h for h in headers if not h.name and not h.intended and h.has_data]
    absent = [c for c in table.gate_columns if not c.required and c.name not in present | claimed]
    if absent and unknown:
        names = "、".join(f"“{c.name}”" for c in absent)
        problems.append(Problem(
            source,
            f"没有决定能否公开的列{names}，而有不认识的列"
            + "、".join(f"“{shown(h.raw)}”（第{h.position}列）" for h in unknown)
            + "，无法排除是列名写错",
            f"写错的表头改为{names}；确实没有这些列的，删除不认识的列", row=row,
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


def _own_files(data_dir, table):
    """The table's .csv and workbooks of the same name, present; the suffix in any case
    (Windows shows “penalties.XLSX” and “penalties.xlsx” alike)."""
    csv_path = Path(data_dir) / table.path
    if not csv_path.parent.is_dir():
        return []
    suffixes = (".csv",) + WORKBOOK_SUFFIXES
    return sorted(
        (path for path in csv_path.parent.iterdir()
         if path.is_file() and path.stem == csv_path.stem and path.suffix.lower() in suffixes),
        key=lambda path: (suffixes.index(path.suffix.lower()), path.name),
    )


def table_files(data_dir, table):
    """The files that may hold the table: its .csv and workbooks of the same name, those present,
    and the filled-in template (schema.COMBINED_WORKBOOK) when its sheet for the table has data."""
    files = _own_files(data_dir, table)
    combined = Path(data_dir) / schema.COMBINED_WORKBOOK
    if combined.is_file() and _combined_sheet_has_data(combined, table):
        files.append(combined)
    return files


def stray_files(data_dir, table):
    """Spreadsheet-like files in the table's folder that are no table's file (“行政处罚.xlsx”,
    “penalties (1).xls”, a “Unicode 文本” .txt): where a missing table's data may be."""
    folder = (Path(data_dir) / table.path).parent
    if not folder.is_dir():
        return []
    claimed = {Path(t.path).stem for t in schema.INPUT_TABLES if (Path(data_dir) / t.path).parent == folder}
    combined = Path(data_dir) / schema.COMBINED_WORKBOOK
    return sorted(
        path for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() in STRAY_SUFFIXES and path.stem not in claimed
        and path != combined and not path.name.startswith(("~$", "."))  # Excel's lock files, hidden files
    )


def _combined_sheet_has_data(path, table):
    try:
        book = pd.ExcelFile(path, engine="calamine")
        if table.title not in book.sheet_names:
            return False
        grid = pd.read_excel(book, sheet_name=table.title, header=None, dtype=object)
    except Exception:
        return True  # unreadable: read it as the table's file, so that the error is reported
    filled = [i for i in range(len(grid)) if not _blank(grid.iloc[i].map(_cell_text))]
    return len(filled) > 1


def load_table(data_dir, table, display_root="data"):
    """Return (LoadedTable, problems). A missing optional file is an empty table."""
    folder = Path(table.path).parent.as_posix()
    shown_folder = f"{display_root}/{folder}" if folder != "." else display_root
    files = table_files(data_dir, table)
    combined = Path(data_dir) / schema.COMBINED_WORKBOOK

    def shown_name(path):
        if path == combined:
            return f"{display_root}/{schema.COMBINED_WORKBOOK} 工作表“{table.title}”"
        return f"{shown_folder}/{path.name}"

    source = shown_name(files[0]) if len(files) == 1 else f"{display_root}/{table.path}"
    loaded = LoadedTable(table, source)
    if not files:
        loaded.present = False
        # A file that looks like this table's data under another name is an error, not a
        # “file missing” warning: built as it is, the section would be silently empty.
        stray = stray_files(data_dir, table) if table.kind not in ("calendar", "supplement") else []
        if stray:
            stem = Path(table.path).stem
            return loaded, [Problem(
                f"{display_root}/{table.path}",
                f"{table.title}没有数据文件（{stem}.csv，或工作簿 {stem}.xlsx/.xls/.ods），而 {shown_folder}/ 中有网站不读取的"
                + "、".join(f"“{path.name}”" for path in stray),
                f"如果这是{table.title}的数据，把它改名为 {stem}.xlsx（工作簿）或 {stem}.csv（CSV）；"
                f".txt（Unicode 文本）和 .et（WPS）文件请用 Excel 或 WPS 另存为 .xlsx；"
                f"不是数据的文件请移出 {shown_folder}/",
            )]
        return loaded, []
    if len(files) > 1:
        names = "、".join(shown_name(f) for f in files)
        return loaded, [Problem(
            source, f"{table.title}同时有 {names} 这几个文件，无法确定以哪一个为准",
            f"只保留一个（CSV 或 Excel 工作簿），把其余的删除或移出 {shown_folder}/",
        )]
    path = files[0]
    folder_tables = [t for t in schema.INPUT_TABLES if Path(t.path).parent == Path(table.path).parent]
    if folder_tables[0] is table:
        # Said once per folder: “penalties-2025.xlsx” beside penalties.csv is not read.
        loaded.warnings += [
            f"{shown_folder}/{stray.name} 不是任何表的文件名，网站不读取它。如果其中有要公开的数据，"
            f"请并入对应的表（如 {Path(table.path).name}）；否则请移出 {shown_folder}/。"
            for stray in stray_files(data_dir, table)
        ]
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        loaded.workbook = True
        grid, problem = _read_workbook(path, source, table, sheet=table.title if path == combined else None)
    else:
        grid, problem = _read_csv(path.read_bytes(), source, table, loaded)
    if problem:
        return loaded, [problem]
    return _load_grid(loaded, grid)


def _sniff(raw):
    """What a .csv file really is, from its first bytes: None for text."""
    if raw.startswith(b"PK\x03\x04"):
        return "Excel 工作簿（.xlsx）或 OpenDocument 表格（.ods）"
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return "旧版 Excel 工作簿（.xls）"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 编码的“Unicode 文本”（Excel“另存为 → Unicode 文本”，以制表符分隔）"
    return None


def _read_csv(raw, source, table, loaded):
    """(grid DataFrame of text, header=None, or None; problem or None)."""
    really = _sniff(raw)
    if really:
        if "工作簿" in really or "表格" in really:
            fix = (f"把文件改名为与其格式相符的扩展名（如 {Path(source).stem}.xlsx 或 .xls），网站可直接读取工作簿；"
                   "或在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”")
        else:
            fix = "在 Excel 中“另存为 → CSV UTF-8（逗号分隔）(*.csv)”，或直接把工作簿（.xlsx）放在这里"
        return None, Problem(source, f"文件名是 .csv，内容却是{really}，不是 CSV，无法按 CSV 编码读取", fix)
    text, encoding = decode(raw)
    if text is None:
        return None, Problem(source, "无法识别文件编码", "UTF-8 或 GB18030（Excel“CSV”格式）")
    loaded.encoding = encoding
    try:
        # The header row is read as written (a repeated “状态” stays visible), title rows
        # above it may have fewer fields, and blank lines are kept so that row numbers
        # are the ones Excel shows.
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        return None, Problem(source, f"无法按 CSV 格式读取（{error}）", "用 Excel 另存为“CSV UTF-8（逗号分隔）”格式")
    if not any(any(cell.strip() for cell in row) for row in rows):
        return None, Problem(source, "文件为空，没有表头", "第1行为表头：" + "、".join(table.column_names))
    width = max(len(row) for row in rows)
    loaded.widths = [len(row) for row in rows]
    grid = pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=str)
    return grid, None


def _cell_text(value):
    """A workbook cell as the text Excel shows for it; codes keep their digits."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if abs(value) >= 1e15:
            # Beyond 15 significant digits Excel has already lost the rest: show it the way
            # Excel does, so that validation reports it as scientific notation.
            mantissa, exponent = f"{value:.5E}".split("E")
            return f"{mantissa.rstrip('0').rstrip('.')}E+{int(exponent)}"
        if float(value).is_integer():
            return str(int(value))
        return format(value, ".15g")
    if hasattr(value, "hour") and hasattr(value, "year"):  # datetime / Timestamp
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d} {value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    if hasattr(value, "year"):  # date
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return str(value)


def _read_workbook(path, source, table, sheet=None):
    """(grid, problem) for a workbook: the sheet named after the table (标题 or key), else the first."""
    try:
        book = pd.ExcelFile(path, engine="calamine")
        names = book.sheet_names
        wanted = [n for n in names if n.strip() in (table.title, table.key, Path(table.path).stem)]
        sheet = sheet or (wanted[0] if wanted else names[0])
        grid = pd.read_excel(book, sheet_name=sheet, header=None, dtype=object)
        merged = _merged_ranges(path, names.index(sheet))
    except Exception as error:  # calamine raises its own types for damaged or protected files
        return None, Problem(
            source, f"无法读取这个 Excel 工作簿（{type(error).__name__}: {str(error).strip()[:200]}）",
            "用 Excel 或 WPS 打开后重新保存为 .xlsx；加密或受保护的工作簿须先取消密码",
        )
    grid = grid.map(_cell_text) if len(grid) else grid
    # Merged cells hold their value in the top-left cell only; Excel shows it across the range.
    for (top, left), (bottom, right) in merged:
        if top < len(grid) and left < grid.shape[1]:
            value = grid.iat[top, left]
            for r in range(top, min(bottom, len(grid) - 1) + 1):
                for c in range(left, min(right, grid.shape[1] - 1) + 1):
                    grid.iat[r, c] = value
    if grid.empty:
        return None, Problem(source, "工作表为空，没有表头", "第1行为表头：" + "、".join(table.column_names))
    grid.columns = range(grid.shape[1])
    return grid.reset_index(drop=True), None


def _merged_ranges(path, index):
    try:
        import python_calamine

        sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(index)
        if tuple(sheet.start or (0, 0)) != (0, 0):
            return []
        return list(sheet.merged_cell_ranges or [])
    except Exception:  # .xls/.ods: merged ranges not reported; cells are read as they are
        return []


def _blank(values):
    return all(not str(v).strip() for v in values)


def _find_header(grid, table):
    """Index of the header row: the first of the top rows naming at least two columns, else
    the first non-blank row."""
    known = table.header_spellings()
    first = None
    for index in range(min(len(grid), HEADER_SEARCH_ROWS)):
        cells = [str(v) for v in grid.iloc[index]]
        if _blank(cells):
            continue
        if first is None:
            first = index
        named = {normalise_header(c, known) for c in cells if c.strip()}
        if len(named & set(table.column_names)) >= 2:
            return index
    return first


def _load_grid(loaded, grid):
    table, source = loaded.table, loaded.source
    grid = grid.astype(str) if len(grid) else grid
    header_index = _find_header(grid, table)
    if header_index is None:
        return loaded, [Problem(source, "文件为空，没有表头", "第1行为表头：" + "、".join(table.column_names))]
    if header_index > 0 and not all(_blank(grid.iloc[i]) for i in range(header_index)):
        loaded.warnings.append(
            f"{source}：表头在第{header_index + 1}行，上面" + ("第1行" if header_index == 1 else f"第1–{header_index}行")
            + "（标题等）未作为数据读取。"
        )
    raw_headers = [str(h) for h in grid.iloc[header_index]]
    problems = []
    if loaded.widths:
        # A line with more fields than the header row (an unquoted comma in a cell). Reported
        # with the header's own problems and unknown columns, not instead of them.
        header_width = loaded.widths[header_index]
        for index in range(header_index + 1, len(grid)):
            if loaded.widths[index] > header_width and not _blank(grid.iloc[index, header_width:]):
                problems.append(Problem(
                    source, f"这一行有 {loaded.widths[index]} 个字段，表头只有 {header_width} 列",
                    "每行字段数与表头一致；含逗号、换行的内容用英文双引号括起来", row=index + 1,
                ))
                break
        raw_headers = raw_headers[:max(header_width, 1)]
    # Trailing columns with neither header nor data (a workbook's used range) are not columns.
    while raw_headers and not raw_headers[-1].strip() and _blank(grid.iloc[header_index + 1:, len(raw_headers) - 1]):
        raw_headers.pop()
    frame = grid.iloc[header_index + 1:, :len(raw_headers)]
    # Rows of nothing but separators (“,,,,” that Excel leaves behind) are no rows.
    # The stripped cells as plain lists, one per column: per-row .iloc and pandas' string
    # methods cost seconds at 100,000 rows.
    cells = [[value.strip() for value in frame[column].tolist()] for column in frame.columns]
    keep = [i for i, row in enumerate(zip(*cells)) if any(row)]
    if len(keep) < len(frame):
        cells = [[column[i] for i in keep] for column in cells]
    row_numbers = [header_index + 2 + i for i in keep]
    frame = frame.iloc[keep]
    standard_2016 = is_2016_standard(raw_headers, table.header_spellings())
    headers = _classify(raw_headers, frame, table, standard_2016)
    if not any(h.name or h.intended for h in headers):
        # Not one cell of the row reads as a column: the header is further down than the
        # search looks, or missing. One error saying so, not one per required column.
        cells = "、".join(f"“{shown(h.raw)}”" for h in headers if h.raw.strip())[:120]
        return loaded, [Problem(
            source, f"前{HEADER_SEARCH_ROWS}行中没有表头：第{header_index + 1}行（{cells}）没有一个是可用的列名",
            f"表头（列名）所在的行放在前{HEADER_SEARCH_ROWS}行内，列名见 docs/数据字段.md，如"
            + "、".join(f"“{c}”" for c in table.column_names[:4]), row=header_index + 1,
        )]
    header_problems, warnings = _header_problems(source, table, headers, header_index + 1)
    problems += header_problems
    loaded.warnings += warnings
    if standard_2016:
        loaded.warnings.append(
            f"{source}：按 2016 年（第一版）双公示数据标准读取行政相对人代码：" + "，".join(
                f"代码_{n}为{m}" for n, m in schema.STANDARD_2016_MEANINGS.items())
            + "（居民身份证号不公开）。"
        )
    loaded.ignored_columns = [h.raw for h in headers if not h.name and h.has_data]
    if problems:
        return loaded, problems
    # Zipped into dicts: the records frame.to_dict("records") gave, several times faster.
    positions = {h.name: h.position - 1 for h in headers if h.name}
    absent = [""] * len(keep)
    columns = [cells[positions[name]] if name in positions else absent for name in table.column_names]
    loaded.rows = [dict(zip(table.column_names, values)) for values in zip(*columns)]
    loaded.row_numbers = row_numbers
    return loaded, []
