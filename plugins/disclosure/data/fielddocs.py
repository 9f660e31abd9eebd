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
        "## Excel 工作簿",
        "",
        "每个表也可以直接放 Excel 工作簿：把 `.csv` 换成 `.xlsx`、`.xls` 或 `.ods`（如 `data/decisions/penalties.xlsx`）。"
        "读取名为表名（如“行政处罚”）的工作表，没有则读取第一个工作表；所有单元格按文本读取，代码、证件号保持原样。"
        "表头可以在标题行下面（前 10 行内），合并单元格（.xlsx）按合并范围内每个单元格都是该值读取。"
        "用模板（`make template` 生成的 `模板/行政执法公示数据模板.xlsx`）填写的，另存为 `data/" + schema.COMBINED_WORKBOOK + "`，"
        "其中填了数据的工作表即为对应的表。"
        "同一个表既有 CSV 又有工作簿（或模板中的工作表）的，网站不会生成，请只保留一个。"
        "文件名是 `.csv`、内容却是工作簿或 Excel“Unicode 文本”（UTF-16）的，错误信息会说明是哪一种、怎样改。",
        "",
        "## 单元格的写法",
        "",
        "- 日期：2025-11-03、2025/11/03、2025.11.03、2025年11月3日、20251103 都可以；"
        "带时刻（2025-11-03 14:30、2025-11-03 00:00:00.000）或时区（2025-11-03T00:00:00+08:00）的，取所写的日期。"
        "工作簿中的日期单元格（包括显示为 45964 这样序号的）按日期读取。"
        "说明中提到“长期”的日期列，“长期”“长期有效”按该列说明处理。",
        "- 金额（万元）列：可写单位，“0.5万元”按 0.5，“5000元”换算为 0.5 万元，换算在生成时逐条列出。"
        "罚款金额与“处罚内容”中写的罚款（如“罚款人民币5000元”）不一致的，是错误。",
        "- 只有“-”“— —”“/”的单元格视为空。只有逗号（分隔符）的行忽略。",
        "- 科学计数法（如 9.19901E+17）是 Excel 把长号码当作数字的结果，后几位已丢失，是错误："
        "请在 Excel 中把这一列设为“文本”格式后重新填写，或使用模板。",
        "- 决定文书号只是括号（〔〕[]()（）【】）或空格写法不同的，视为重复。",
        "- 个体工商户没有统一社会信用代码时，标准要求填的 17 个 0 加 X 可以填，不作为代码公开。",
        "",
        "## 行政相对人代码与两版国家标准",
        "",
        "“行政相对人代码_N”也可写成“代码-N”“代码/N”“代码N”。表头括号中写明含义的（如“行政相对人代码_2（组织机构代码）”），"
        "按含义对应到列，而不是按序号。文件中有按 2016 年（第一版）标准编号的表头时（"
        + "，".join(f"代码_{n}为{m}" for n, m in schema.STANDARD_2016_MEANINGS.items())
        + "），整个文件按 2016 年标准读取，不带括号的“代码_N”也按 2016 年编号对应，并在生成时提示；"
        "居民身份证号读入不公开的“证件号码”列。2019 年标准的“代码_2”至“代码_6”中出现居民身份证号的，是错误。",
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
                  "| 列名 | 必填 | 类型 | 说明 | 公开 | 公开闸门读取 | 也认作此列的表头 |", "|---|---|---|---|---|---|---|"]
        for column in table.columns:
            kind = TYPE_LABELS[column.type]
            if column.choices:
                kind += "：" + "、".join(column.choices)
            if column.value_aliases:
                kind += "（也可写：" + "、".join(f"{a}→{c}" for a, c in column.value_aliases) + "）"
            lines.append(
                f"| {column.name} | {'是' if column.required else ''} | {kind} | {column.description} | "
                f"{'否' if not column.public else ('隐去个人信息后公开' if column.free_text else '是')} | "
                f"{gate_label(column)} | {'、'.join(column.aliases)} |"
            )
        lines.append("")
    return "\n".join(lines)


def gate_label(column):
    if not column.gate_reads:
        return ""
    return f"是；缺少此列时{column.if_absent}" if column.if_absent else "是"


if __name__ == "__main__":
    print(render())
