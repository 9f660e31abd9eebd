"""The admins' column reference, written from the schema so it can never drift.

    PYTHONPATH=plugins python -m disclosure.data.fielddocs > docs/数据字段.md
"""

from . import schema

TYPE_LABELS = {
    schema.TEXT: "文本", schema.DATE: "日期 YYYY-MM-DD", schema.NUMBER: "数字",
    schema.ENUM: "可选值", schema.MULTI_ENUM: "可选值（可多个）", schema.USCC: "统一社会信用代码",
}


def render():
    lines = [
        "# 数据字段说明",
        "",
        "本文件由 `plugins/disclosure/data/schema.py` 生成（`PYTHONPATH=plugins python -m disclosure.data.fielddocs`），请勿手工修改。",
        "表头须与“列名”一致；行政相对人代码列也可写成“行政相对人代码_1（统一社会信用代码）”的形式。",
        "文件可为 UTF-8（带或不带 BOM）或 GB18030/GBK 编码。",
        "",
        "## 表头",
        "",
        "表头前后的空格、全角或半角括号、列名后加括号注明的说明（如“状态（说明）”）都可以。",
        "表头与某个列名只差一两个字、而文件中没有这一列的，网站不会生成，错误信息会问“是否应为“某列”？”"
        "（文件中已有这一列的，如有“编号”又有“序号”，只给出警告）。"
        "列名中间多了空格（包括全角空格）或不可见字符、字母数字写成全角的，同样是错误；"
        "同一列出现两次（包括写法不同而实为同一列，如“状态”和“状态（说明）”）也是错误。",
        "其他不认识的列只给出警告，其内容不会公开。",
        "",
        "“公开闸门读取”为“是”的列决定记录能否公开、如何隐去个人信息，不能被当作不认识的列忽略："
        "文件缺少这样的非必填列时，若同时有不认识的列，视为列名可能写错，网站不会生成；"
        "若没有不认识的列，按表中所列的默认处理，并在生成时给出警告。",
        "",
        "## 数据下载",
        "",
        "数据下载中的 CSV 文件里，以 =、+、-、@、制表符或回车开头的文字单元格前加一个英文单引号 '，"
        "以免 Excel、WPS 等电子表格软件把它当作公式执行（CSV 注入）；数字列的数值不加。"
        "JSON 文件不是电子表格，保留原值，不加单引号。",
        "",
    ]
    for table in schema.INPUT_TABLES:
        lines += [f"## {table.title}：`data/{table.path}`", "", table.description, "",
                  f"每行以“{table.id_column}”区分，在本文件中不得重复。", "",
                  "| 列名 | 必填 | 类型 | 说明 | 公开 | 公开闸门读取 |", "|---|---|---|---|---|---|"]
        for column in table.columns:
            kind = TYPE_LABELS[column.type]
            if column.choices:
                kind += "：" + "、".join(column.choices)
            lines.append(
                f"| {column.name} | {'是' if column.required else ''} | {kind} | {column.description} | "
                f"{'否' if not column.public else ('隐去个人信息后公开' if column.free_text else '是')} | "
                f"{gate_label(column)} |"
            )
        lines.append("")
    return "\n".join(lines)


def gate_label(column):
    if not column.gate_reads:
        return ""
    return f"是；缺少此列时{column.if_absent}" if column.if_absent else "是"


if __name__ == "__main__":
    print(render())
