"""Check loaded rows against the schema and turn them into records.

Every problem in every file is collected, so the admin fixes them all in one go.

Values are read as real exports write them and stored in their canonical form:
dates with a time of day, fractional seconds or an ISO offset (the date as
written is kept), Excel serial numbers from workbooks, “长期”; amounts with a
unit (“5000元” → 0.5 万元, listed as a warning); “— —”/“-” as empty; the
standards' vocabularies and platform codes as their canonical wording.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from . import schema
from .problems import Problem

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
# A time of day (kept out of the date), with optional seconds, fractions and an ISO offset.
_DATE_TIME_SUFFIX = re.compile(
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?$"
)
_MULTI_SEPARATORS = re.compile(r"[；;、，,]")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
# Excel's day numbers (1900 system) for 1954-10-06 … 2119-01-09: a date cell read as a number.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")
OPEN_ENDED_WORDS = ("长期", "长期有效", "永久", "永久有效", "无固定期限")
# A cell of only dashes, slashes and spaces is how exports write “nothing”.
_PLACEHOLDER = re.compile(r"^[\s\-－—–―─_/／]+$")
# 9.19901E+17: what Excel shows (and saves to CSV) for a long number.
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?[eE]\+\d{1,2}$")
_AMOUNT = re.compile(r"^(?:人民币|RMB|￥|¥)?\s*(\d[\d,，]*(?:\.\d+)?)\s*(万元|万|元)?(?:人民币)?$")
# The fine written in 处罚内容: 罚款人民币5000元, 罚款5,000.00元, 罚款0.5万元.
_FINE_IN_TEXT = re.compile(r"罚款(?:人民币|金额)?[:：]?\s*(\d[\d,，]*(?:\.\d+)?)\s*(万元|万|元)")
_OTHER_WITH_NOTE = re.compile(r"其他[（(][^（()）]*[)）](?:[:：][^；;]*)?")
# A 1–2 digit value in a worded ENUM column: a platform's code (许可类别 “1”, 行政相对人类别 “01”).
_ENUM_CODE = re.compile(r"^\d{1,2}$")
# The prefix of a derived identity (record_key): says there is no 文书号, never looks like one.
NO_DOCUMENT_NUMBER = "无文书号"
_ID_BRACKETS = str.maketrans({"〔": "(", "［": "(", "[": "(", "（": "(", "【": "(", "〈": "(", "﹝": "(",
                              "〕": ")", "］": ")", "]": ")", "）": ")", "】": ")", "〉": ")", "﹞": ")"})


@dataclass
class Record:
    table: object
    row: int  # spreadsheet row number as Excel shows it
    values: dict  # column name → text as the admin wrote it
    dates: dict = field(default_factory=dict)  # column name → date, for DATE columns
    # The record's identity when its id column is empty (an 其他执法决定 without 文书号):
    # see record_key. Never written into values, so no output shows it as a 文书号.
    key: str = ""

    @property
    def id(self):
        return self.values[self.table.id_column] or self.key

    def get(self, column, default=""):
        return self.values.get(column, default)

    @property
    def decision_date(self):
        return self.dates.get(self.table.date_column)


def parse_date(text, serials=False):
    """The date written in text; a time of day, fractional seconds and an ISO offset are dropped
    (the date as written is the date). serials: also Excel's day numbers (workbook cells)."""
    parsed = _parse_date_cached(text, serials)
    if parsed is None:
        raise ValueError(text.strip())
    return parsed


# A column holds few distinct dates among 100,000 rows, and each cell is parsed three times.
@lru_cache(maxsize=1 << 16)
def _parse_date_cached(text, serials):
    try:
        return _parse_date(text, serials)
    except ValueError:
        return None


def _parse_date(text, serials):
    text = text.strip()
    if serials:
        match = _EXCEL_SERIAL.match(text)
        if match and 20000 <= int(match.group(1)) <= 80000:
            return _EXCEL_EPOCH + timedelta(days=int(match.group(1)))
    text = _DATE_TIME_SUFFIX.sub("", text, count=1).strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)  # ValueError for 2025-02-30
    raise ValueError(text)


def parse_number(text):
    cleaned = text.replace(",", "")
    if not _NUMBER.match(cleaned):
        raise ValueError(text)
    return float(cleaned)


# The authority's and the data source's codes repeat on every row: checked once each.
@lru_cache(maxsize=1 << 16)
def uscc_is_valid(code):
    if len(code) != 18 or any(c not in _USCC_VALUE for c in code):
        return False
    total = sum(_USCC_VALUE[c] * w for c, w in zip(code[:17], USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31] == code[17]


def split_multi(text):
    """The values of a MULTI_ENUM cell. The standards' compound categories (“没收违法所得、
    没收非法财物”) are one value each; “其他（需注明）” and “其他（…）：…” are 其他."""
    return list(_split_multi(text))


# A 处罚类别 column holds a few combinations, split several times per row (validation, the
# gate, the publicity profile, the category lists): each combination is split once.
@lru_cache(maxsize=1 << 12)
def _split_multi(text):
    parts = []
    for compound in schema.COMPOUND_PENALTY_TYPES:
        if compound in text:
            parts.append(compound)
            text = text.replace(compound, "；")
    if _OTHER_WITH_NOTE.search(text):
        parts.append("其他")
        text = _OTHER_WITH_NOTE.sub("；", text)
    parts += [part.strip() for part in _MULTI_SEPARATORS.split(text) if part.strip()]
    seen = []
    for part in parts:
        if part not in seen:
            seen.append(part)
    return tuple(seen)


def normalise_id(text):
    """A 文书号 with its bracket forms and spaces unified: 〔2025〕, [2025], (2025), （2025）, 【2025】 agree."""
    return "".join(text.translate(_ID_BRACKETS).split())  # split(): on exactly what isspace() is


def parse_amount(text):
    """(amount in 万元, unit as written or "") for a 万元 column's cell; ValueError if not an amount."""
    match = _AMOUNT.match(text.strip())
    if not match:
        raise ValueError(text)
    number = float(match.group(1).replace(",", "").replace("，", ""))
    unit = match.group(2) or ""
    return (number / 10000 if unit == "元" else number), unit


def format_wan(value):
    return f"{value:.6f}".rstrip("0").rstrip(".") or "0"


def canonical_value(column, text):
    """The canonical text of an ENUM cell written as an alias (“法人”, “01”), else text."""
    for alias, canonical in column.value_aliases:
        if text == alias:
            return canonical
    return text


def looks_like_resident_id(text):
    """18-character 居民身份证号 with a valid GB 11643 check digit and birth date."""
    if not re.fullmatch(r"\d{17}[\dXx]", text):
        return False
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(c) * w for c, w in zip(text[:17], weights)) % 11]
    if check != text[17].upper():
        return False
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


_EXCEL_ROUNDED = re.compile(r"^\d{15}0+$")


def _excel_rounded(column, text):
    """An identity code Excel stored as a number (“9119010000000000000” for a credit code): 16+
    digits, every one after the 15th a 0, and not a valid code of its kind. Only in the code and
    ID number columns, where such a value cannot be a real one."""
    if len(text) < 16 or not _EXCEL_ROUNDED.match(text):
        return False
    if not (column.type == schema.USCC or column.name.startswith(schema.PARTY_CODE_PREFIX) or not column.public):
        return False
    return not (uscc_is_valid(text) or looks_like_resident_id(text))


def _check_cell(column, text, serials=False):
    """Return (parsed value or None, problem message or None, expected)."""
    if not text:
        if column.required:
            return None, "必填项为空", column.description
        return None, None, ""
    if _SCIENTIFIC.match(text) and not column.free_text:
        return None, (f"“{text}”是科学计数法：这是 Excel 把长号码当作数字显示、保存的结果，"
                      "15 位以后的数字已经丢失，无法还原"), (
            "完整的原始号码。请从原系统重新导出，或在 Excel 中先把这一列设置为“文本”格式再粘贴号码"
            "（也可在号码前加英文单引号 '），或使用模板 模板/行政执法公示数据模板.xlsx；"
            "不要用 Excel 打开 CSV 后直接保存")
    if _excel_rounded(column, text):
        return None, (f"“{text}”第15位以后全是 0：这是 Excel 把长号码当作数字保存的结果（Excel 只保留 15 位有效数字），"
                      "后几位已经丢失，无法还原"), (
            "完整的原始号码。请从原系统重新导出，或在 Excel 中先把这一列设置为“文本”格式再粘贴号码，"
            "或使用模板 模板/行政执法公示数据模板.xlsx；不要用 Excel 打开 CSV 后直接保存")
    if column.type == schema.DATE:
        try:
            return parse_date(text, serials), None, ""
        except ValueError:
            return None, f"“{text}”不是有效日期", "YYYY-MM-DD 格式的日期，如 2025-09-30"
    if column.type == schema.NUMBER:
        try:
            if "（万元）" in column.name:
                return parse_amount(text)[0], None, ""
            return parse_number(text), None, ""
        except ValueError:
            return None, f"“{text}”不是数字", "不带单位的非负数字，如 2.5"
    if column.type == schema.ENUM and text not in column.choices:
        return None, f"“{text}”不是可用的值", "、".join(column.choices) + " 之一"
    if column.type == schema.MULTI_ENUM:
        unknown = [v for v in split_multi(text) if v not in column.choices]
        if unknown:
            return None, f"“{'、'.join(unknown)}”不是可用的值", "、".join(column.choices) + "，多个用“；”分隔"
    if column.type == schema.USCC and text.upper() == schema.PLACEHOLDER_CREDIT_CODE:
        return None, None, ""
    if column.type == schema.USCC and not uscc_is_valid(text.upper()):
        return None, f"“{text}”不是有效的统一社会信用代码", "18位统一社会信用代码（GB 32100），校验位正确"
    return None, None, ""


def may_rewrite(column):
    """False for a column none of _normalise_values' rules reads (most text columns): only
    its placeholder check applies to it."""
    return (
        column.type in (schema.DATE, schema.ENUM, schema.USCC)
        or (column.type == schema.NUMBER and "（万元）" in column.name)
        or (column.type == schema.TEXT and column.name.startswith(schema.PARTY_CODE_PREFIX))
    )


def _normalise_values(loaded, row, values, rewritten=None):
    """Rewrite values as exports write them into their canonical text; (warnings, problems).

    rewritten: the names of the table's columns for which may_rewrite is true, worked out
    once per table by the caller (40 columns a row, 100,000 rows)."""
    table, source = loaded.table, loaded.source
    if rewritten is None:
        rewritten = {c.name for c in table.columns if may_rewrite(c)}
    warnings, problems = [], []
    for column in table.columns:
        text = values.get(column.name, "")
        if not text:
            continue
        if _PLACEHOLDER.match(text):
            values[column.name] = text = ""
            continue
        if column.name not in rewritten:
            continue
        if column.type == schema.DATE and column.open_ended is not None and text in OPEN_ENDED_WORDS:
            values[column.name] = column.open_ended
        elif column.type == schema.DATE:
            try:
                values[column.name] = parse_date(text, loaded.workbook).isoformat()
            except ValueError:
                pass  # reported by _check_cell
        elif column.type == schema.NUMBER and "（万元）" in column.name and not _SCIENTIFIC.match(text):
            try:
                amount, unit = parse_amount(text)
            except ValueError:
                continue
            values[column.name] = format_wan(amount)
            if unit == "元":
                warnings.append(f"{source} 第{row}行“{column.name}”列：“{text}”已按元换算为 {format_wan(amount)} 万元。")
        elif column.type == schema.ENUM and column.choices == schema.PARTY_TYPES and text in schema.PARTY_TYPE_CODES:
            problems.append(Problem(
                source, f"“{text}”是数字代码，各平台含义不同，无法确认是否为自然人",
                "写成文字：" + "、".join(schema.PARTY_TYPES) + "（自然人的姓名只公开姓氏）", row, column.name,
            ))
        elif (column.type == schema.ENUM and _ENUM_CODE.match(text) and text not in column.choices
              and not any(c.isdigit() for c in "".join(column.choices))):
            # The standards' own code tables (e.g. for 许可类别) could not be confirmed from a
            # primary text, and provincial platforms number them differently: a code read the
            # wrong way would publish a wrong category. Ask for the wording (fail closed).
            problems.append(Problem(
                source, f"“{text}”是数字代码：各平台的编号不同，网站无法确认它代表哪一个“{column.name}”，不作猜测",
                "写成文字：" + "、".join(column.choices) + " 之一（导出系统的代码对照表中“"
                + text + "”对应的文字）", row, column.name,
            ))
        elif column.type == schema.ENUM and column.value_aliases:
            values[column.name] = canonical_value(column, text)
        elif column.type == schema.USCC and text.upper() == schema.PLACEHOLDER_CREDIT_CODE:
            values[column.name] = ""  # 个体工商户 without a credit code: never published as a code
        elif (column.name.startswith(schema.PARTY_CODE_PREFIX) and column.type == schema.TEXT
              and looks_like_resident_id(text)):
            problems.append(Problem(
                source, f"“{text}”是居民身份证号，不能作为{column.description.split('。')[0]}公开",
                "身份证号填在不公开的“证件号码”或“法定代表人证件号码”列，本列留空；"
                "2016 年标准的文件请把表头写作“行政相对人代码_5（居民身份证号）”",
                row, column.name,
            ))
    return warnings, problems


def _fine_problem(source, row, values):
    """The 万元 amount against the fine written in 处罚内容 (“罚款人民币5000元”)."""
    content, written = values.get("处罚内容", ""), values.get("罚款金额（万元）", "")
    if not content or not written:
        return None
    try:
        amount = parse_number(written)
    except ValueError:
        return None
    if amount == 0:
        return None  # no fine recorded: the column's default, as when the column is absent
    figures = [(m.group(0), float(m.group(1).replace(",", "").replace("，", "")) / (1 if "万" in m.group(2) else 10000))
               for m in _FINE_IN_TEXT.finditer(content)]
    if not figures:
        return None
    candidates = [f for _, f in figures] + [sum(f for _, f in figures)]
    if any(abs(amount - f) < 1e-6 for f in candidates):
        return None
    said = "、".join(f"“{text}”（即 {format_wan(f)} 万元）" for text, f in figures)
    return Problem(
        source, f"罚款金额为 {format_wan(amount)} 万元，与处罚内容中写的罚款{said}不一致",
        "两者一致；“罚款金额（万元）”列以万元为单位，如罚款5000元填 0.5", row, "罚款金额（万元）",
    )


def record_key(table, values):
    """The identity of a decision row without a 文书号 (其他执法决定 exports with 执法主体 /
    执法结果日期 often have none): “无文书号-20261010-3f9a2c1b”.

    It names the record (page name, sorting, the leak check) but is not a 文书号 and is
    never written into the 文书号 column: the data files leave that column empty. It is
    made only of what the page publishes anyway — authority, category, date, the kind of
    party and the name of a party that is not a natural person — so that it stays the same
    when the conclusion's wording is corrected, and so that neither it nor the page name
    computed from it can be used to confirm a guessed full name of a natural person (whose
    name is published as 张某某). Rows that agree in all of these are told apart by their
    order in the file (“…-2”); see _derive_keys.
    """
    party_type = values.get(table.party_type_column, "") or schema.PARTY_TYPES[0]
    party = "" if party_type == schema.NATURAL_PERSON else values.get(table.party_column, "")
    decided = values.get(table.date_column, "")
    fields = (values.get(table.authority_column, ""), values.get(table.category_column, ""), decided, party_type, party)
    digest = hashlib.sha256("\n".join(fields).encode("utf-8")).hexdigest()[:8]
    return f"{NO_DOCUMENT_NUMBER}-{decided.replace('-', '')}-{digest}"


def _derive_keys(loaded, records, problems):
    """Give every row without a 文书号 its record_key; a row equal to an earlier one in every
    value is a duplicate (an export run twice), not a second decision."""
    table = loaded.table
    seen_base, seen_row = {}, {}
    for record in records:
        if record.values.get(table.id_column):
            continue
        whole = tuple(sorted(record.values.items()))
        if whole in seen_row:
            problems.append(Problem(
                loaded.source, f"这一行没有{table.id_column}，其余各列与第{seen_row[whole]}行完全相同，是重复的一行",
                f"同一决定只填一行；确是两项决定的，请填写{table.id_column}", record.row, table.id_column,
            ))
            continue
        seen_row[whole] = record.row
        base = record_key(table, record.values)
        seen_base[base] = seen_base.get(base, 0) + 1
        record.key = base if seen_base[base] == 1 else f"{base}-{seen_base[base]}"


def validate_table(loaded):
    """Return (records, problems) for one LoadedTable; warnings (unit conversions) go to loaded.warnings."""
    table = loaded.table
    records, problems = [], []
    first_row_of = {}
    first_normalised = {}
    date_columns = [c for c in table.columns if c.type == schema.DATE]
    checked_columns = [c for c in table.columns if c.required or c.type != schema.TEXT or not c.free_text]
    rewritten = {c.name for c in table.columns if may_rewrite(c)}
    row_numbers = getattr(loaded, "row_numbers", None) or []
    serials = getattr(loaded, "workbook", False)
    for offset, values in enumerate(loaded.rows):
        row = row_numbers[offset] if offset < len(row_numbers) else offset + 2
        record = Record(table, row, values)
        value_warnings, row_problems = _normalise_values(loaded, row, values, rewritten)
        loaded.warnings += value_warnings
        # A cell already explained (a platform code, an ID number in a code column) is not
        # reported a second time as “not an allowed value”.
        explained = {p.column for p in row_problems}
        for column in checked_columns:
            if column.name in explained:
                continue
            text = values.get(column.name, "")
            # A text cell not starting with a digit is neither scientific notation nor a number
            # Excel rounded, the only checks _check_cell makes of text: most names and 文书号.
            if text and column.type == schema.TEXT and not text[0].isdigit():
                continue
            parsed, message, expected = _check_cell(column, text, serials)
            if message:
                row_problems.append(Problem(loaded.source, message, expected, row, column.name))
        for column in date_columns:
            text = values.get(column.name, "")
            if text:
                try:
                    record.dates[column.name] = parse_date(text, serials)
                except ValueError:
                    pass  # already reported above
        if table is schema.PENALTIES and not row_problems:
            fine = _fine_problem(loaded.source, row, values)
            if fine:
                row_problems.append(fine)
        key = values.get(table.id_column, "")
        if key:
            same = normalise_id(key) if table.kind == "decision" else key
            if key in first_row_of:
                row_problems.append(Problem(
                    loaded.source, f"“{key}”与第{first_row_of[key]}行重复",
                    f"{table.id_column}在本文件中唯一", row, table.id_column,
                ))
            elif same in first_normalised:
                other_row, other = first_normalised[same]
                row_problems.append(Problem(
                    loaded.source, f"“{key}”与第{other_row}行的“{other}”是同一个文书号（只是括号或空格的写法不同），重复",
                    f"{table.id_column}在本文件中唯一；同一决定只填一行，括号统一写作〔〕", row, table.id_column,
                ))
            else:
                first_row_of[key] = row
                first_normalised[same] = (row, key)
        if table.kind == "decision" and not row_problems:
            row_problems += _decision_rules(loaded.source, record)
        problems += row_problems
        records.append(record)
    if table.kind == "decision" and not table.column(table.id_column).required:
        _derive_keys(loaded, records, problems)
    return records, problems


def _decision_rules(source, record):
    problems = []
    decided = record.decision_date
    status = record.get("状态") or schema.STATUS_VALID
    if status != schema.STATUS_VALID and "状态变更日期" not in record.dates:
        problems.append(Problem(
            source, f"状态为“{status}”，但没有填写状态变更日期", "决定被变更、撤销、注销或停止公示的日期",
            record.row, "状态变更日期",
        ))
    if record.get("是否重大执法决定") == "是":
        # 国办发〔2018〕118号: 未经法制审核或者审核未通过的，不得作出决定.
        reviewed = record.dates.get("法制审核日期")
        if record.get("法制审核结论") != "通过" or reviewed is None:
            problems.append(Problem(
                source, "重大执法决定没有通过法制审核的记录（未经法制审核或者审核未通过的，不得作出决定）",
                "法制审核结论填“通过”，并填写法制审核日期", record.row, "法制审核结论",
            ))
        elif decided and reviewed > decided:
            problems.append(Problem(
                source, f"法制审核日期 {reviewed} 晚于决定日期 {decided}",
                "法制审核在作出决定之前或当天完成", record.row, "法制审核日期",
            ))
    return problems
