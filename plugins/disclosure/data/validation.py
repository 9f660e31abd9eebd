"""Check loaded rows against the schema and turn them into records.

Every problem in every file is collected, so the admin fixes them all in one go.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from . import schema
from .problems import Problem

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_DATE_TIME_SUFFIX = re.compile(r"[ T]0{1,2}:00(:00)?$")
_MULTI_SEPARATORS = re.compile(r"[；;、，,]")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


@dataclass
class Record:
    table: object
    row: int  # spreadsheet row number (header = 1)
    values: dict  # column name → text as the admin wrote it
    dates: dict = field(default_factory=dict)  # column name → date, for DATE columns

    @property
    def id(self):
        return self.values[self.table.id_column]

    def get(self, column, default=""):
        return self.values.get(column, default)

    @property
    def decision_date(self):
        return self.dates.get(self.table.date_column)


def parse_date(text):
    text = _DATE_TIME_SUFFIX.sub("", text.strip())
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


def uscc_is_valid(code):
    if len(code) != 18 or any(c not in USCC_CHARSET for c in code):
        return False
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(code[:17], USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31] == code[17]


def split_multi(text):
    return [part.strip() for part in _MULTI_SEPARATORS.split(text) if part.strip()]


def _check_cell(column, text):
    """Return (parsed value or None, problem message or None, expected)."""
    if not text:
        if column.required:
            return None, "必填项为空", column.description
        return None, None, ""
    if column.type == schema.DATE:
        try:
            return parse_date(text), None, ""
        except ValueError:
            return None, f"“{text}”不是有效日期", "YYYY-MM-DD 格式的日期，如 2025-09-30"
    if column.type == schema.NUMBER:
        try:
            return parse_number(text), None, ""
        except ValueError:
            return None, f"“{text}”不是数字", "不带单位的非负数字，如 2.5"
    if column.type == schema.ENUM and text not in column.choices:
        return None, f"“{text}”不是可用的值", "、".join(column.choices) + " 之一"
    if column.type == schema.MULTI_ENUM:
        unknown = [v for v in split_multi(text) if v not in column.choices]
        if unknown:
            return None, f"“{'、'.join(unknown)}”不是可用的值", "、".join(column.choices) + "，多个用“；”分隔"
    if column.type == schema.USCC and not uscc_is_valid(text.upper()):
        return None, f"“{text}”不是有效的统一社会信用代码", "18位统一社会信用代码（GB 32100），校验位正确"
    return None, None, ""


def validate_table(loaded):
    """Return (records, problems) for one LoadedTable."""
    table = loaded.table
    records, problems = [], []
    first_row_of = {}
    date_columns = [c for c in table.columns if c.type == schema.DATE]
    checked_columns = [c for c in table.columns if c.required or c.type != schema.TEXT]
    for offset, values in enumerate(loaded.rows):
        row = offset + 2
        record = Record(table, row, values)
        row_problems = []
        for column in checked_columns:
            parsed, message, expected = _check_cell(column, values.get(column.name, ""))
            if message:
                row_problems.append(Problem(loaded.source, message, expected, row, column.name))
        for column in date_columns:
            text = values.get(column.name, "")
            if text:
                try:
                    record.dates[column.name] = parse_date(text)
                except ValueError:
                    pass  # already reported above
        key = values.get(table.id_column, "")
        if key:
            if key in first_row_of:
                row_problems.append(Problem(
                    loaded.source, f"“{key}”与第{first_row_of[key]}行重复",
                    f"{table.id_column}在本文件中唯一", row, table.id_column,
                ))
            else:
                first_row_of[key] = row
        if table.kind == "decision" and not row_problems:
            row_problems += _decision_rules(loaded.source, record)
        problems += row_problems
        records.append(record)
    return records, problems


def _decision_rules(source, record):
    problems = []
    decided = record.decision_date
    status = record.get("状态") or schema.STATUS_VALID
    if status in schema.WITHDRAWING_STATUSES and "状态变更日期" not in record.dates:
        problems.append(Problem(
            source, f"状态为“{status}”，但没有填写状态变更日期", "决定被变更、撤销等的日期",
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
