"""Every Markdown page's metadata, checked before Pelican reads it.

Pelican skips a page it cannot read (no Title, a bad Date) with an English log
line and builds anyway, so the column would link to a 404. Here every such
problem is an error in Chinese naming the file, the line and the fix. The pages
the column links to from every home page must exist.
"""

import difflib
import re
from datetime import datetime
from pathlib import Path

from ..data.problems import Problem
from .guides import read_guide

# key (lower case, as Pelican reads it) → what it is for, in the admin's words.
KNOWN_METADATA = {
    "title": "页面标题（必填）",
    "slug": "网址中的文件名，只用小写字母、数字和连字符",
    "summary": "一句话摘要，显示在目录页",
    "order": "在目录中的顺序，整数",
    "group": "所属栏目分组",
    "matter": "执法事项编码（服务指南）",
    "flowchart": "流程图的 Slug（服务指南）",
    "guide": "服务指南的 Slug（流程图）",
    "date": "日期，YYYY-MM-DD",
    "modified": "修改日期，YYYY-MM-DD",
    "status": "published（公开，默认）或 hidden（不进目录）",
}
STATUSES = ("published", "hidden")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")

# Linked from every home page and footer (outputs/pages.py COLUMN_SECTIONS, column_home.html).
REQUIRED_PAGES = {
    "pages/zhifa-zhuti": "执法主体",
    "pages/jiandu-jiuji": "监督方式和救济渠道",
    "pages/zhifa-gongshi-banfa": "行政执法公示办法",
    "pages/quanguocheng-jilu-banfa": "行政执法全过程记录办法",
    "pages/fazhi-shenhe-banfa": "重大执法决定法制审核办法",
}


def validate_markdown_pages(content_dir, page_folders):
    """Return [Problem] for every Markdown file under content_dir/<folder> for each page folder."""
    content_dir = Path(content_dir)
    problems, slugs = [], {}  # slugs: "kind/slug" → file shown
    pages = []
    for folder in page_folders:
        for path in sorted((content_dir / folder).rglob("*.md")):
            shown = f"content/{path.relative_to(content_dir).as_posix()}"
            try:
                page = read_guide(path, shown)
            except UnicodeDecodeError:
                problems.append(Problem(shown, "文件不是 UTF-8 编码", "用 UTF-8 编码保存"))
                continue
            page_problems, slug = _metadata_problems(page, path)
            problems += page_problems
            key = f"{folder}/{slug}"
            if key in slugs:
                problems.append(Problem(shown, f"Slug“{slug}”与 {slugs[key]} 重复", "每个页面的 Slug 不同"))
            slugs[key] = shown
            pages.append((folder, page))
    problems += _reference_problems(pages, slugs)
    for key, title in REQUIRED_PAGES.items():
        folder = key.split("/")[0]
        if folder in page_folders and key not in slugs:
            problems.append(Problem(
                f"content/{key}.md", f"缺少“{title}”页面，专栏首页链接到它",
                f"建立 content/{key}.md，第一行写“Title: {title}”",
            ))
    return problems


def _metadata_problems(page, path):
    problems = []
    shown, metadata = page.shown, page.metadata
    for key, (value, line) in metadata.items():
        if key not in KNOWN_METADATA:
            guess = difflib.get_close_matches(key, KNOWN_METADATA, n=1, cutoff=0.6)
            hint = f"是否应为“{guess[0].capitalize()}”？" if guess else ""
            problems.append(Problem(
                shown, f"不认识的元数据“{key}”{hint}",
                "可用的元数据：" + "、".join(k.capitalize() for k in KNOWN_METADATA), line,
            ))
    title = metadata.get("title", ("", 0))
    if not title[0]:
        problems.append(Problem(
            shown, "缺少标题（Title），Pelican 会跳过这个页面，链接到它的地方会打不开",
            "在文件第一行写“Title: 页面标题”，元数据之后空一行再写正文", title[1] or 1,
        ))
    for key in ("date", "modified"):
        if key in metadata and not _is_date(metadata[key][0]):
            problems.append(Problem(shown, f"“{metadata[key][0]}”不是有效日期（{key.capitalize()}）",
                                    "YYYY-MM-DD，如 2026-03-01", metadata[key][1]))
    if "status" in metadata and metadata["status"][0] not in STATUSES:
        problems.append(Problem(shown, f"Status“{metadata['status'][0]}”不可用（草稿不会生成，链接会打不开）",
                                "published 或 hidden；不想公开的草稿请不要放在 content/ 中", metadata["status"][1]))
    if "order" in metadata and not re.fullmatch(r"-?\d+", metadata["order"][0]):
        problems.append(Problem(shown, f"Order“{metadata['order'][0]}”不是整数", "整数，如 1", metadata["order"][1]))
    slug = metadata.get("slug", (path.stem, 0))
    if not _SLUG.match(slug[0]):
        problems.append(Problem(
            shown, f"Slug“{slug[0]}”不能用作网址", "只用小写字母、数字和连字符，如“Slug: zhifa-zhuti”", slug[1] or 1,
        ))
    return problems, slug[0]


def _reference_problems(pages, slugs):
    problems = []
    for folder, page in pages:
        for key, target_folder in (("flowchart", "flowcharts"), ("guide", "guides")):
            if key == "flowchart" and folder == "guides":
                continue  # guides.validate_guides checks it, with the guide's other metadata
            if key in page.metadata:
                value, line = page.metadata[key]
                if f"{target_folder}/{value}" not in slugs:
                    problems.append(Problem(page.shown, f"{key.capitalize()}“{value}”找不到对应的页面",
                                            f"content/{target_folder}/ 中某个页面的 Slug", line))
    return problems


def _is_date(text):
    for form in _DATE_FORMATS:
        try:
            datetime.strptime(text.strip(), form)
            return True
        except ValueError:
            continue
    return False
