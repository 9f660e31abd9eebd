"""服务指南 (content/guides/*.md): the sections and metadata every guide must have.

The sections are the ones 国办发〔2018〕118号 and the seeds name for a service
guide. Each is a second-level heading, written `## 事项名称`.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from ..data.problems import Problem

REQUIRED_GUIDE_SECTIONS = (
    "事项名称",
    "设定依据",
    "受理机构",
    "审批机构",
    "受理条件",
    "申请材料",
    "办理流程",
    "办理时限",
    "收费标准",
    "监督方式",
    "救济渠道",
    "办公时间",
    "办公地址",
    "咨询电话",
)
# Other headings accepted for a required section.
SECTION_ALIASES = {"受理条件": ("许可条件",)}

REQUIRED_GUIDE_METADATA = {
    "Title": "指南标题，如“Title: 企业投资项目核准服务指南”",
    "Matter": "执法事项清单中的事项编码，如“Matter: SFGW-XK-001”",
    "Flowchart": "流程图文件名（不含 .md），如“Flowchart: xingzheng-xuke-liucheng”",
}

_META = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s*(?P<value>.*)$")
_HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,6})[ \t]+(?P<text>.*?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class SectionProblem(Problem):
    """A Problem in a Markdown guide: `column` holds the section's heading."""

    column_format = "“{}”一节"


@dataclass
class Guide:
    path: Path
    shown: str  # content/guides/x.md
    metadata: dict  # key (as written) -> (value, line)
    headings: list  # (level, text, line)
    lines: list


def read_guide(path, shown):
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    metadata, body_start = {}, 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            body_start = number
            break
        match = _META.match(line)
        if not match:
            body_start = number - 1
            break
        metadata.setdefault(match.group("key").lower(), (match.group("value").strip(), number))
    else:
        body_start = len(lines)
    headings, fence = [], None
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        opening = _FENCE.match(line)
        if opening:
            if fence is None:
                fence = opening.group(1)[0]
            elif opening.group(1)[0] == fence:
                fence = None
            continue
        if fence is None:
            match = _HEADING.match(line)
            if match:
                headings.append((len(match.group("marks")), _normalise(match.group("text")), number))
    return Guide(path, shown, metadata, headings, lines)


def _normalise(heading):
    return re.sub(r"[\s：:]+$", "", heading.strip()).replace(" ", "")


def validate_guides(content_dir, matter_codes=None):
    """Every problem in content/guides/*.md: missing, repeated or empty
    required sections; missing Title/Matter/Flowchart metadata; a Flowchart
    with no page in content/flowcharts; and, when matter_codes is given, a
    Matter code that is not in the 执法事项清单."""
    content_dir = Path(content_dir)
    guides_dir = content_dir / "guides"
    flowchart_slugs = _flowchart_slugs(content_dir / "flowcharts")
    codes = set(matter_codes) if matter_codes is not None else None
    problems = []
    for path in sorted(guides_dir.glob("*.md")):
        shown = f"{content_dir.name}/guides/{path.name}"
        try:
            guide = read_guide(path, shown)
        except UnicodeDecodeError:
            problems.append(SectionProblem(shown, "文件不是 UTF-8 编码", "用 UTF-8 编码保存"))
            continue
        problems += _metadata_problems(guide, flowchart_slugs, codes)
        problems += _section_problems(guide)
    return problems


def _metadata_problems(guide, flowchart_slugs, codes):
    problems = []
    for key, expected in REQUIRED_GUIDE_METADATA.items():
        value, line = guide.metadata.get(key.lower(), ("", 0))
        if not value:
            problems.append(SectionProblem(
                guide.shown, f"开头的元数据缺少“{key}:”" if not line else f"元数据“{key}:”没有填写",
                f"在文件开头（第一个空行之前）写一行 {key}: {expected}", row=line,
            ))
    slug, line = guide.metadata.get("flowchart", ("", 0))
    if slug and slug not in flowchart_slugs:
        known = "、".join(sorted(flowchart_slugs)) or "（content/flowcharts 中还没有流程图）"
        problems.append(SectionProblem(
            guide.shown, f"“Flowchart: {slug}”指向的流程图 content/flowcharts/{slug}.md 不存在",
            f"content/flowcharts 中已有的流程图之一：{known}", row=line,
        ))
    code, line = guide.metadata.get("matter", ("", 0))
    if code and codes is not None and code not in codes:
        problems.append(SectionProblem(
            guide.shown, f"“Matter: {code}”不在执法事项清单（data/lists/matters.csv）中",
            "执法事项清单“事项编码”列中的一个编码", row=line,
        ))
    return problems


def _section_problems(guide):
    problems = []
    second_level = [(text, line) for level, text, line in guide.headings if level == 2]
    for section in REQUIRED_GUIDE_SECTIONS:
        names = (section,) + SECTION_ALIASES.get(section, ())
        found = [(text, line) for text, line in second_level if text in names]
        if not found:
            other_level = next((line for level, text, line in guide.headings if text in names), 0)
            if other_level:
                problems.append(SectionProblem(
                    guide.shown, "标题级别不对，这一节的标题要用两个井号", f"## {section}",
                    row=other_level, column=section,
                ))
            else:
                problems.append(SectionProblem(
                    guide.shown, "缺少这一节", f"加上标题“## {section}”并在下面写明内容", column=section,
                ))
            continue
        for _, line in found[1:]:
            problems.append(SectionProblem(
                guide.shown, f"这一节重复，第{found[0][1]}行已经有了", "每一节只写一次", row=line, column=section,
            ))
        if _is_empty(guide, found[0][1]):
            problems.append(SectionProblem(
                guide.shown, "这一节没有内容", "在标题下面写明内容；确实没有的，写“无”并说明原因",
                row=found[0][1], column=section,
            ))
    return problems


def _is_empty(guide, heading_line):
    """True when nothing but blank lines follows the heading until the next heading."""
    following = [line for _, _, line in guide.headings if line > heading_line]
    end = min(following) - 1 if following else len(guide.lines)
    return not any(line.strip() for line in guide.lines[heading_line:end])


def _flowchart_slugs(flowcharts_dir):
    """Slugs of the flowchart pages: each file's name, and its Slug: if it sets one."""
    slugs = set()
    for path in Path(flowcharts_dir).glob("*.md"):
        slugs.add(path.stem)
        try:
            lines = path.read_text(encoding="utf-8-sig").split("\n")
        except UnicodeDecodeError:
            continue
        for line in lines:
            if not line.strip():
                break
            match = _META.match(line)
            if match and match.group("key").lower() == "slug":
                slugs.add(match.group("value").strip())
    return slugs
