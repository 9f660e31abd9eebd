"""The Excel template, written from the schema so it can never drift.

    PYTHONPATH=plugins python -m disclosure.data.template 模板/行政执法公示数据模板.xlsx

One sheet per table (named with the table's title, which the loader looks for), code
and text columns formatted as 文本 so Excel cannot turn an 18-digit code into
9.19901E+17, drop-down lists for every enumerated column, the column's description as
the input hint, and a 说明 sheet with the rules. Filled in, it is read as it is: saved
as data/行政执法公示数据.xlsx (schema.COMBINED_WORKBOOK), every filled sheet is its table.
"""

import sys
from pathlib import Path

from . import schema

TEMPLATE_PATH = "模板/行政执法公示数据模板.xlsx"
FORMATTED_ROWS = 500  # rows given the 文本/日期 format and the checks explicitly
CHOICES_SHEET = "可选值"


def _column_letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def build(path):
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    guide = book.active
    guide.title = "说明"
    choices = book.create_sheet(CHOICES_SHEET)
    choices.sheet_state = "hidden"
    choice_column = 0
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    header_font = Font(bold=True)

    for table in schema.INPUT_TABLES:
        sheet = book.create_sheet(table.title)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(table.columns, start=1):
            letter = _column_letter(index)
            cell = sheet.cell(row=1, column=index, value=column.name)
            cell.font = header_font
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.required:
                cell.fill = required_fill
            note = column.description + ("（必填）" if column.required else "")
            if column.aliases:
                note += "。导出文件中也认作此列的表头：" + "、".join(column.aliases)
            cell.comment = Comment(note, "行政执法公示")
            sheet.column_dimensions[letter].width = max(12, min(40, len(column.name) * 2 + 4))
            number_format = {schema.DATE: "yyyy-mm-dd", schema.NUMBER: "General"}.get(column.type, "@")
            sheet.column_dimensions[letter].number_format = number_format
            for row in range(2, FORMATTED_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = number_format
            cells = f"{letter}2:{letter}{FORMATTED_ROWS + 1}"
            if column.choices:
                choice_column += 1
                choice_letter = _column_letter(choice_column)
                choices.cell(row=1, column=choice_column, value=f"{table.title}·{column.name}")
                for offset, value in enumerate(column.choices, start=2):
                    choices.cell(row=offset, column=choice_column, value=value)
                last = len(column.choices) + 1
                check = DataValidation(
                    type="list", formula1=f"'{CHOICES_SHEET}'!${choice_letter}$2:${choice_letter}${last}",
                    allow_blank=not column.required,
                    # Several values are allowed in a MULTI_ENUM cell: the list only helps.
                    showErrorMessage=column.type == schema.ENUM,
                )
                check.error = "请从下拉列表中选择：" + "、".join(column.choices)
                check.errorTitle = "不是可用的值"
            elif column.type == schema.NUMBER:
                check = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                       allow_blank=True, showErrorMessage=True)
                check.error = "请填写不带单位的非负数字" + ("，单位万元（5000元填 0.5）" if "万元" in column.name else "")
                check.errorTitle = "不是数字"
            elif column.type == schema.DATE:
                check = DataValidation(type="date", operator="greaterThan", formula1="1",
                                       allow_blank=True, showErrorMessage=True)
                check.error = "请填写日期，如 2025-09-30"
                check.errorTitle = "不是日期"
            else:
                check = DataValidation(allow_blank=True)
            check.promptTitle = column.name[:32]
            check.prompt = column.description[:250]
            check.showInputMessage = True
            check.add(cells)
            sheet.add_data_validation(check)

    rules = [
        ("行政执法公示数据模板", ""),
        ("本模板由 plugins/disclosure/data/schema.py 生成（make template），与网站读取的列完全一致。", ""),
        ("怎样使用", ""),
        ("1", "在各工作表中从第2行起逐行填写，一行一条记录；第1行表头不要改动。黄色表头为必填列。"),
        ("2", "填好后把文件另存为 data/行政执法公示数据.xlsx，网站生成时读取其中填了数据的工作表。"
              "也可以把单个工作表另存为对应的文件，如 data/decisions/penalties.xlsx。"),
        ("3", "同一个表不要既在本工作簿中填写、又另有 CSV 或工作簿文件，否则网站不会生成。"),
        ("填写规则", ""),
        ("代码和编号", "代码、证件号、文书号等列已设为“文本”格式，直接输入或粘贴号码即可，不会变成科学计数法。"),
        ("日期", "日期列填 2025-09-30 这样的日期。"),
        ("金额", "金额列以万元为单位，只填数字：罚款5000元填 0.5。"),
        ("可选值", "带下拉列表的列只能填列表中的值；“处罚类别”可填多个，用“；”分隔。"
                   "不要填 1、01 这样的代码：网站无法确认代码的含义，会报错。"),
        ("没有文书号的决定", "其他执法决定（如行政检查）没有文书号的，“决定文书号”留空；网站不会编造文书号，"
                         "以“无文书号-决定日期-编号”区分各条。"),
        ("不公开的列", "“证件号码”“法定代表人证件号码”只供内部核对，任何情况下都不公开。自然人只公开姓氏加“某某”。"),
        ("说明", "每列的说明见表头单元格的批注和选中单元格时的提示，完整说明见 docs/数据字段.md。"),
        ("各工作表", ""),
    ] + [(table.title, f"{table.description} 对应文件 data/{table.path}") for table in schema.INPUT_TABLES]
    for row in rules:
        guide.append(list(row))
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 110
    book.move_sheet(CHOICES_SHEET, offset=len(book.sheetnames))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else TEMPLATE_PATH
    build(target)
    print(f"已生成 {target}")
