"""One agency's published output, read and checked before anything of it reaches the portal.

Read: data/datapackage.json and the CSV and JSON file of each of its resources, and
the search bundle list pagefind/shards.json. Checked (fail closed, each error names
the agency): the package validates with frictionless; the build date (the package's
`created`, which is the agency's DISCLOSURE_AS_OF) is neither older than
PORTAL_MAX_AGE_DAYS nor later than the portal's own date; the name in the package is
the configured one; CSV and JSON hold the same rows. A file is read as the agency
published it: a CSV cell keeps the agency's formula guard, a JSON value its type.
Rows are read again when the portal writes them, so the folders must not change while
the portal builds: give it copies (the CI hands over the agencies' build artifacts).
"""

import csv
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import PortalError

PACKAGE = "data/datapackage.json"
SHARDS = "pagefind/shards.json"
FILTERS = "pagefind/filters.json"
BUILD_MARKER = ".disclosure-build"
TITLE_SUFFIX = "行政执法公示数据"
# frictionless problems quoted per agency: enough to find the file, not a flood.
MAX_QUOTED_PROBLEMS = 5


@dataclass
class Table:
    """One resource of an agency's package. Rows are read from its files when needed, one
    agency's table at a time, so the portal's memory does not grow with the city."""

    name: str  # the resource name, e.g. penalties
    title: str
    resource: dict  # the agency's resource entry (path, schema, ...)
    header: list
    rows: int
    csv_path: Path
    json_path: Path

    def csv_rows(self):
        """Each row's cells as published (the header skipped)."""
        with self.csv_path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            next(reader, None)
            yield from reader

    def json_rows(self):
        return json.loads(self.json_path.read_text(encoding="utf-8"))


@dataclass
class AgencyOutput:
    agency: object
    as_of: date
    package: dict
    tables: dict = field(default_factory=dict)  # resource name → Table
    shards: list = field(default_factory=list)
    filters: dict = field(default_factory=dict)


def _fail(agency, what, advice):
    raise PortalError(f"机关“{agency.name}”（{agency.slug}，{agency.output}）的公开数据不能用于平台：{what}。{advice}")


def _read_json(agency, relative):
    path = agency.output / relative
    if not path.is_file():
        _fail(agency, f"缺少 {relative}", "请确认该目录是该机关 make build 生成（或部署）的网站，且生成已完成。")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        _fail(agency, f"{relative} 不是有效的 JSON（{error}）", "请重新生成该机关的网站。")


def build_date(agency, package):
    text = str(package.get("created", ""))[:10]
    try:
        built = date.fromisoformat(text)
    except ValueError:
        _fail(agency, f"{PACKAGE} 的 created“{package.get('created')}”不是生成日期", "请用当前版本重新生成该机关的网站。")
    marker = agency.output / BUILD_MARKER
    if marker.is_file():
        marked = json.loads(marker.read_text(encoding="utf-8")).get("as_of")
        if marked != built.isoformat():
            _fail(agency, f"生成标记的日期 {marked} 与数据包的生成日期 {built} 不一致（网站可能只替换了一部分）",
                  "请重新生成该机关的网站。")
    return built


def check_age(agency, built, as_of, max_age_days):
    if built > as_of:
        _fail(agency, f"生成日期 {built} 晚于平台的生成日期 {as_of}",
              "平台只汇总按同一天或更早的公开规则生成的数据；请检查平台的 PORTAL_AS_OF。")
    age = (as_of - built).days
    if age > max_age_days:
        _fail(agency, f"生成日期 {built} 距平台生成日期 {as_of} 已 {age} 天，超过设置的 {max_age_days} 天"
                      f"（PORTAL_MAX_AGE_DAYS）；其中可能还有已过公示期、应撤下的决定",
              "请该机关重新生成并部署其专栏（make build），再生成平台。")


def validate_package(agency):
    """frictionless validation of the agency's published package: schema, types, keys, row shapes."""
    from frictionless import validate

    report = validate(str(agency.output / PACKAGE))
    if report.valid:
        return
    problems = []
    for task in report.tasks:
        for error in task.errors:
            where = "，".join(part for part in (
                f"第{error.row_number}行" if getattr(error, "row_number", None) else "",
                f"“{error.field_name}”列" if getattr(error, "field_name", None) else "",
            ) if part)
            problems.append(f"{task.name}{('（' + where + '）') if where else ''}：{_in_chinese(error)}")
    problems += [f"{error.title}：{error.note}" for error in report.errors]
    shown = "；".join(problems[:MAX_QUOTED_PROBLEMS]) + (f"；另有 {len(problems) - MAX_QUOTED_PROBLEMS} 处" if len(problems) > MAX_QUOTED_PROBLEMS else "")
    _fail(agency, f"数据包 {PACKAGE} 未通过校验：{shown}", "请重新生成该机关的网站；问题仍在时，请报告该机关的数据维护人员。")


TYPE_WORDS = {"date": "YYYY-MM-DD 格式的日期", "number": "数字", "integer": "整数", "string": "文本"}
ERROR_WORDS = {
    "primary-key": "主键重复（同一编号出现了两次）", "unique-error": "应唯一的值重复", "missing-cell": "这一行少了单元格",
    "extra-cell": "这一行多了单元格", "blank-row": "空行", "blank-label": "表头有空列名", "duplicate-label": "表头列名重复",
    "incorrect-label": "表头与数据包中的列不一致", "encoding-error": "文件编码错误", "source-error": "文件无法读取",
    "scheme-error": "文件无法读取", "format-error": "文件格式错误",
}


def _in_chinese(error):
    """frictionless says what is wrong in English; the admin reads Chinese."""
    cell = getattr(error, "cell", None)
    if error.type == "type-error":
        declared = error.note.split('"')[1].split("/")[0] if '"' in error.note else ""
        return f"“{cell}”不是{TYPE_WORDS.get(declared, declared or '该列要求的类型')}"
    if error.type == "constraint-error":
        return f"“{cell}”不符合该列的约束（{error.note}）"
    return ERROR_WORDS.get(error.type, f"{error.title}（{error.note}）")


def _read_table(agency, resource):
    name, relative = resource.get("name"), resource.get("path", "")
    if not name or not isinstance(relative, str) or "/" in relative or "\\" in relative or not relative.endswith(".csv"):
        _fail(agency, f"数据包中的资源 {name or '（无名）'} 的 path“{relative}”不是 data/ 中的 CSV 文件", "请重新生成该机关的网站。")
    csv_path = agency.output / "data" / relative
    json_path = csv_path.with_suffix(".json")
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        count = sum(1 for _ in reader)
    fields = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
    if header != fields:
        _fail(agency, f"data/{relative} 的表头与数据包中的列不一致", "请重新生成该机关的网站。")
    if not json_path.is_file():
        _fail(agency, f"缺少 data/{json_path.name}", "请重新生成该机关的网站。")
    table = Table(name, resource.get("title", name), resource, header, count, csv_path, json_path)
    json_rows = table.json_rows()
    if len(json_rows) != count or any(list(row) != fields for row in json_rows):
        _fail(agency, f"data/{json_path.name} 与 data/{relative} 的记录不一致（{len(json_rows)} 条与 {count} 条）",
              "两个文件应出自同一次生成；请重新生成该机关的网站。")
    return table


def check_build(agency, as_of, max_age_days):
    """The checks before the package's validation: (package, build date), or PortalError naming the agency."""
    if not agency.output.is_dir():
        _fail(agency, "目录不存在", "请先生成该机关的网站（make build），或检查平台设置中的 output。")
    package = _read_json(agency, PACKAGE)
    title = package.get("title", "")
    if title != agency.name + TITLE_SUFFIX:
        _fail(agency, f"数据包的标题是“{title}”，不是“{agency.name}{TITLE_SUFFIX}”（目录可能指向了别的机关）",
              "请核对平台设置中该机关的 name 和 output。")
    built = build_date(agency, package)
    check_age(agency, built, as_of, max_age_days)
    return package, built


def read_agency(agency, as_of, max_age_days):
    """The agency's checked output, or PortalError naming it."""
    package, built = check_build(agency, as_of, max_age_days)
    validate_package(agency)
    return read_validated(agency, package, built)


def read_validated(agency, package, built):
    """The rest of the agency's output, once its package passed validate_package."""
    result = AgencyOutput(agency, built, package)
    for resource in package.get("resources", []):
        table = _read_table(agency, resource)
        result.tables[table.name] = table
    result.shards = _read_json(agency, SHARDS)
    result.filters = _read_json(agency, FILTERS) if (agency.output / FILTERS).is_file() else {}
    # The bundle is copied whole: a link in it could bring in a file from outside the agency's output.
    for path in [agency.output / "pagefind", *(agency.output / "pagefind").rglob("*")]:
        if path.is_symlink() or not (path.is_dir() or path.is_file()):
            _fail(agency, f"搜索索引中的 {path.relative_to(agency.output)} 是链接或特殊文件，平台不复制",
                  "机关生成的网站中只有普通文件；请重新生成该机关的网站。")
    for shard in result.shards:
        path = Path(shard.get("path", ""))
        if path.parts[:1] != ("pagefind",) or ".." in path.parts or not (agency.output / path / "pagefind.js").is_file():
            _fail(agency, f"搜索索引 {shard.get('path')} 不完整或不在 pagefind/ 中", "请重新生成该机关的网站。")
    return result
