"""The portal's pages, rendered with Jinja (autoescape on: every value from an agency is text)."""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..outputs.servermap import CONTENT_SECURITY_POLICY_META, CONTENT_SECURITY_POLICY_SEARCH_META
from .merge import AGENCY_COLUMN

# Columns of an agency's column home the portal links to, relative to its URL.
COLUMN_LINKS = (("专栏首页", "index.html"), ("行政处罚", "penalties/index.html"), ("行政许可", "permits/index.html"),
                ("其他执法决定", "others/index.html"), ("执法人员", "officers.html"), ("数据下载", "data/index.html"))
OFFICERS = "officers"


def environment(theme_folder):
    env = Environment(loader=FileSystemLoader(str(Path(theme_folder) / "templates")), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
    env.globals.update(CONTENT_SECURITY_POLICY=CONTENT_SECURITY_POLICY_META,
                       CONTENT_SECURITY_POLICY_SEARCH=CONTENT_SECURITY_POLICY_SEARCH_META)
    return env


def officers_on_duty(outputs):
    """[(agency name, {column: value})] of every agency's published officers (on duty, valid)."""
    rows = []
    for output in outputs:
        table = output.tables.get(OFFICERS)
        for row in (table.json_rows() if table else []):
            rows.append((output.agency.name, row))
    return rows


def officer_columns(outputs):
    for output in outputs:
        table = output.tables.get(OFFICERS)
        if table:
            return [name for name in table.header if name != "状态"]
    return []


def write_pages(env, site, context, outputs, merged, statistics):
    site = Path(site)

    def write(relative, template, **values):
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        html = env.get_template(template).render({**context, **values, "page_url": relative})
        target.write_text(html, encoding="utf-8")

    decision_tables = [t for t in merged if t.name in ("penalties", "permits", "others")]
    write("index.html", "home.html", outputs=outputs, decision_tables=decision_tables, links=COLUMN_LINKS)
    write("data/index.html", "data.html", merged=merged, AGENCY_COLUMN=AGENCY_COLUMN)
    write("verify.html", "verify.html", officers=officers_on_duty(outputs), columns=officer_columns(outputs),
          AGENCY_COLUMN=AGENCY_COLUMN)
    years, per_agency, totals = statistics
    write("statistics.html", "statistics.html", years=years, per_agency=per_agency, totals=totals, outputs=outputs)
    write("search.html", "search.html", outputs=outputs)
    write("404.html", "not_found.html")
