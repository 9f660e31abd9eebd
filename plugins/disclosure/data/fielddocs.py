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
    ]
    for table in schema.INPUT_TABLES:
        lines += [f"## {table.title}：`data/{table.path}`", "", table.description, "",
                  f"每行以“{table.id_column}”区分，在本文件中不得重复。", "",
                  "| 列名 | 必填 | 类型 | 说明 | 公开 |", "|---|---|---|---|---|"]
        for column in table.columns:
            kind = TYPE_LABELS[column.type]
            if column.choices:
                kind += "：" + "、".join(column.choices)
            lines.append(
                f"| {column.name} | {'是' if column.required else ''} | {kind} | {column.description} | "
                f"{'否' if not column.public else ('隐去个人信息后公开' if column.free_text else '是')} |"
            )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render())
