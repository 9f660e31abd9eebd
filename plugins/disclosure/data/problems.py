"""Problems found in an agency's data, worded for the web admin who fixes them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    message: str  # what is wrong, in Chinese
    expected: str = ""  # what would be right, in Chinese
    row: int = 0  # spreadsheet row number as Excel shows it (header = 1), or a Markdown line
    column: str = ""

    # How `column` is named in the message; a Markdown section reads “…”一节.
    column_format = "“{}”列"

    def __str__(self):
        where = self.file
        if self.row:
            where += f" 第{self.row}行"
        if self.column:
            where += self.column_format.format(self.column)
        text = f"{where}：{self.message}"
        if self.expected:
            text += f"。应为：{self.expected}"
        return text


class DisclosureDataError(Exception):
    """Raised when the data cannot be published as it is; the site is not built."""

    exitcode = 2

    def __init__(self, problems, brief=False, warnings=()):
        self.problems = list(problems)
        # Warnings found alongside the errors (e.g. a gate column absent, so its default
        # applies): printed too, or the admin would see them only after fixing the errors.
        self.warnings = list(warnings)
        super().__init__(
            f"数据有 {len(self.problems)} 处错误（见上方列表），网站未生成。" if brief else self.report()
        )

    def report(self):
        lines = [f"数据有 {len(self.problems)} 处错误，网站未生成，原有网站保持不变："]
        lines += [f"  {i}. {p}" for i, p in enumerate(self.problems, start=1)]
        lines.append("请修改上述文件后重新生成。")
        if self.warnings:
            lines.append(f"另有 {len(self.warnings)} 条警告：")
            lines += [f"  - {w}" for w in self.warnings]
        return "\n".join(lines)
