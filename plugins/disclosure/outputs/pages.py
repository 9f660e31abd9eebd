"""Write the column's HTML pages from the gate's result, with Jinja directly.

Decisions are not Pelican articles: one template render per page, written to
disk at once, so nothing keeps every rendered page in memory and no Pelican
index, category or feed can pick up a record the gate did not publish.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..content.documents import list_documents
from ..data import schema
from ..data.validation import split_multi
from .charts import horizontal_bars
from .search import search_copy, search_fields
from .withdrawals import REGISTER_URL

COLUMN_SECTIONS = (
    ("事前公开", (
        ("执法主体", "pages/zhifa-zhuti.html", "本机关的执法主体、职责和权限。"),
        ("执法人员", "officers.html", "持证上岗的行政执法人员清单。"),
        ("执法事项清单", "lists/matters.html", "本机关实施的行政执法事项及其依据。"),
        ("随机抽查事项清单", "lists/random_checks.html", "“双随机、一公开”抽查的事项、对象、比例和频次。"),
        ("服务指南", "guides/index.html", "办理许可等事项需要的条件、材料、流程和时限。"),
        ("流程图", "flowcharts/index.html", "各类执法行为的办理流程。"),
        ("执法文书样本", "documents/index.html", "行政执法文书的格式样本，可下载。"),
        ("监督方式和救济渠道", "pages/jiandu-jiuji.html", "投诉举报、行政复议和行政诉讼。"),
    )),
    ("事中公示", (
        ("执法证件核验", "verify.html", "输入执法证号，核对执法人员身份。"),
        ("音像记录事项清单", "lists/av_records.html", "需要音像记录的执法环节和方式。"),
    )),
    ("事后公开", (
        ("行政处罚", "penalties/index.html", "行政处罚决定，按决定日期从新到旧。"),
        ("行政许可", "permits/index.html", "行政许可决定，按决定日期从新到旧。"),
        ("其他执法决定", "others/index.html", "行政检查、行政强制、行政征收、行政确认等决定。"),
        ("重大执法决定法制审核目录清单", "lists/legal_review_catalog.html", "作出前须经法制审核的重大执法决定。"),
        ("年度统计", "statistics/index.html", "每年的执法决定数量、罚没金额和按时公开情况。"),
        ("撤下的执法决定", "withdrawals.html", "被依法变更、撤销、确认违法等而撤下的决定，及撤下的理由。"),
    )),
)


def cn_date(day):
    """2026年3月5日: the cn_date macro of theme/templates/macros.html as a plain function, for the
    pages written 100,000 times (decision.html); tests/test_render_speedups.py keeps them equal."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def page_numbers(count, size):
    return max(1, -(-count // size))


def list_page_url(table_key, number):
    return f"{table_key}/index.html" if number == 1 else f"{table_key}/page-{number}.html"


class PageWriter:
    def __init__(self, env_get_template, context, output_path, search_copies=None):
        self.get_template = env_get_template
        self.context = context
        self.output_path = Path(output_path)
        # A folder for each page's search copy (outputs/search.py), or None for none.
        self.search_copies = search_copies
        self.written = []  # relative URLs of indexable pages, for the sitemap
        self.folders = set()  # folders made: one mkdir per folder, not per page (100,000 pages)
        # Pages another process writes (outputs/beside.py): here only listed. In that process,
        # `only` holds them, and every other page is passed over.
        self.delegated, self.only = set(), None

    def passes_over(self, relative):
        """True when the other process writes this page (outputs/beside.py)."""
        return relative in self.delegated or (self.only is not None and relative not in self.only)

    def write(self, relative, template, in_sitemap=True, **values):
        if self.passes_over(relative):
            if in_sitemap:
                self.written.append(relative)
            return
        html = self.get_template(template).render({**self.context, **values, "page_url": relative})
        self._write_file(self.output_path / relative, html)
        if self.search_copies is not None:
            copy = search_copy(html)
            if copy is not None:
                self._write_file(self.search_copies / relative, copy)
        if in_sitemap:
            self.written.append(relative)

    def _write_file(self, target, text):
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)


def write_all(writer, result, pages, settings, register=()):
    """Every page of the column; `pages` are Pelican's Markdown pages (already gated by nature)."""
    published = result.published
    writer.write("index.html", "column_home", sections=COLUMN_SECTIONS, result=result)
    for table in schema.DECISION_TABLES:
        _write_decisions(writer, table, published[table.key], settings["DISCLOSURE_PAGE_SIZE"])
    for notice in result.notices:
        writer.write(notice.url, "withdrawal_notice", in_sitemap=False, notice=notice)
    writer.write(REGISTER_URL, "withdrawals", withdrawals=register)
    _write_officers(writer, published["officers"], settings["DISCLOSURE_LIST_PAGE_SIZE"])
    writer.write("verify.html", "verify", table=schema.OFFICERS, records=published["officers"])
    guides_by_matter = {p.metadata.get("matter"): p for p in pages if p.metadata.get("kind") == "guides"}
    for table in schema.LIST_TABLES:
        writer.write(
            f"lists/{table.key}.html", "list_table", table=table, records=published[table.key],
            guides_by_matter=guides_by_matter,
        )
    for kind, title in (("guides", "服务指南"), ("flowcharts", "流程图")):
        members = sorted((p for p in pages if p.metadata.get("kind") == kind), key=lambda p: p.title)
        writer.write(f"{kind}/index.html", "page_index", title=title, members=members)
    documents, _ = list_documents(settings["PATH"])
    writer.write("documents/index.html", "documents", documents=documents)
    writer.write("search.html", "search", in_sitemap=False)
    writer.write("404.html", "not_found", in_sitemap=False)


def _write_officers(writer, records, page_size):
    total_pages = page_numbers(len(records), page_size)

    def url_of(number):
        return "officers.html" if number == 1 else f"officers-page-{number}.html"

    for number in range(1, total_pages + 1):
        writer.write(
            url_of(number), "officers", table=schema.OFFICERS, sortable=True,
            records=records[(number - 1) * page_size: number * page_size], total=len(records),
            page_number=number, total_pages=total_pages, page_url_of=url_of,
        )


def _write_decisions(writer, table, records, page_size):
    filters = decision_filters(table, records)
    _write_decision_pages(writer, table, records, page_size, filters, None, lambda n: list_page_url(table.key, n))
    for group in filters:
        for view in group.views:
            _write_decision_pages(writer, table, view.records, page_size, filters, view, view.page_url)
    shown = shown_columns(table)
    for record in records:
        if writer.passes_over(record.url):
            writer.write(record.url, "decision")  # listed for the sitemap; its values not worked out
            continue
        writer.write(
            record.url, "decision", table=table, record=record, search=search_fields(record),
            fields=decision_fields(shown, record),
        )


# Columns a decision page does not list: the gate's own (every published decision is 有效,
# 普通 and not about a minor) and dates the page shows below its list.
HIDDEN_ON_DECISION_PAGE = frozenset((
    "状态", "状态变更日期", "状态说明", "新决定文书号", "涉及未成年人", "当事人为未成年人", "失信程度",
    "程序类型", "公开日期", "公示截止期",
))


def shown_columns(table):
    """The public columns a decision page may list, worked out once per table, not per page."""
    return [c for c in table.public_columns if c.name not in HIDDEN_ON_DECISION_PAGE]


class DecisionField(NamedTuple):
    name: str  # the column's name in the schema (search.unindexed reads it)
    label: str
    value: str


def decision_fields(columns, record):
    """A DecisionField for each column the decision page lists: empty cells and zero amounts left out.
    Done here, not in the template: a Jinja test per column costs more than the page's
    own text (100,000 pages)."""
    values = record.values
    return [
        DecisionField(column.name, column.display_label, values[column.name]) for column in columns
        if values.get(column.name) and not (column.type == schema.NUMBER and _number_or_one(values[column.name]) == 0)
    ]


def _number_or_one(text):
    """Jinja's float(1) filter, which the template used: what is no number counts as non-zero."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return 1.0


def _write_decision_pages(writer, table, records, page_size, filters, view, url_of):
    """One list of decisions, paginated: the whole table (view None), or one year or category."""
    total_pages = page_numbers(len(records), page_size)
    for number in range(1, total_pages + 1):
        writer.write(
            url_of(number), "decision_list", table=table, records=records[(number - 1) * page_size: number * page_size],
            page_number=number, total_pages=total_pages, total=len(records), page_url_of=url_of,
            filters=filters, view=view,
        )


@dataclass
class FilterView:
    """The published decisions of one year or one category, as plain list pages."""

    label: str  # e.g. 2026年, 罚款
    stem: str  # site-relative URL of its first page without .html, e.g. penalties/by-year/2026
    records: list = field(default_factory=list)

    @property
    def url(self):
        return self.page_url(1)

    def page_url(self, number):
        return f"{self.stem}.html" if number == 1 else f"{self.stem}-page-{number}.html"


@dataclass
class FilterGroup:
    title: str  # 按年份, 按处罚类别
    views: list


def decision_filters(table, records):
    """The year and category lists of a decision table, from its published records only.

    Years newest first; categories in the schema's order of choices (a record with several
    kinds, such as 警告；罚款, is in each). A category's URL is its place in the schema's
    choices (by-kind/3), so it stays the same while the choices do.
    """
    years = {}
    for record in records:
        years.setdefault(record.date.year, []).append(record)
    groups = [FilterGroup("按年份", [
        FilterView(f"{year}年", f"{table.key}/by-year/{year}", years[year]) for year in sorted(years, reverse=True)
    ])]
    column = filter_column(table)
    if column:
        kinds = {}
        for record in records:
            for value in split_multi(record.values.get(column.name)):
                kinds.setdefault(value, []).append(record)
        groups.append(FilterGroup(f"按{column.name}", [
            FilterView(value, f"{table.key}/by-kind/{index}", kinds[value])
            for index, value in enumerate(column.choices, start=1) if value in kinds
        ]))
    return [group for group in groups if group.views]


def filter_column(table):
    """The category column of a decision list: its first summary column with fixed choices."""
    for name in table.summary_columns:
        column = table.column(name)
        if column.type in (schema.ENUM, schema.MULTI_ENUM):
            return column
    return None


def write_statistics_pages(writer, statistics):
    writer.write("statistics/index.html", "statistics_index", years=list(statistics.values()))
    for stats in statistics.values():
        writer.write(stats.url, "statistics_year", stats=stats, charts=statistics_charts(stats))


def statistics_charts(stats):
    """(heading, svg, column label, rows, unit) for each chart of a year."""
    year = stats.year
    charts = [
        ("各类执法决定数量", "类别", stats.by_category, "件"),
        ("每月作出的执法决定", "月份", [(f"{m}月", n) for m, n in stats.by_month], "件"),
        ("行政处罚按处罚类别", "处罚类别", stats.penalties_by_type, "次"),
        ("行政许可按许可类别", "许可类别", stats.permits_by_type, "件"),
    ]
    return [
        (heading, horizontal_bars(f"chart-{year}-{index}", f"{year}年{heading}", rows, unit), label, rows, unit)
        for index, (heading, label, rows, unit) in enumerate(charts) if rows
    ]
