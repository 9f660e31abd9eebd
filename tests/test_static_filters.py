"""Decision lists per year and per category: plain, paginated pages that work without JavaScript,
listing exactly the decisions the gate published, and nothing it withheld."""

import html
import re
from datetime import date

import pytest
from pelican.settings import read_settings

from conftest import EXAMPLE_AS_OF, ROOT
from disclosure import pipeline
from disclosure.data import schema
from disclosure.data.validation import split_multi
from disclosure.rules.gate import PUBLISHED

DOCUMENT_LINK = re.compile(r'<td data-label="文书号"><a href="/(?P<url>[^"]+)">(?P<id>[^<]+)</a></td>')
CATEGORY_COLUMNS = {"penalties": "处罚类别", "permits": "许可类别", "others": "执法类别"}


@pytest.fixture(scope="module")
def gated():
    settings = read_settings(str(ROOT / "publishconf.py"))
    return pipeline.run(settings, ROOT / "data", date.fromisoformat(EXAMPLE_AS_OF))


def listed(site, first_page):
    """Every 文书号 on a list and its following pages (followed through 下一页 links), in order."""
    ids, page, seen = [], first_page, set()
    while page:
        assert page not in seen
        seen.add(page)
        text = (site / page).read_text(encoding="utf-8")
        ids += [html.unescape(m["id"]) for m in DOCUMENT_LINK.finditer(text)]
        following = re.search(r'<a href="/([^"]+)" rel="next">下一页</a>', text)
        page = following.group(1) if following else None
    return ids


def filter_links(site, table_key):
    """(label, url) of the year and category links on the table's list page."""
    text = (site / table_key / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="list-filters".*?</nav>', text, re.S).group(0)
    return [(html.unescape(label), url) for url, label in re.findall(r'<a href="/([^"]+)"[^>]*>([^<（]+)（\d+）</a>', nav)]


@pytest.mark.parametrize("table", schema.DECISION_TABLES, ids=lambda t: t.key)
def test_year_pages_list_exactly_that_years_published_decisions(example_site, gated, table):
    published = gated.published[table.key]
    years = sorted({r.date.year for r in published}, reverse=True)
    links = [(label, url) for label, url in filter_links(example_site, table.key) if label.endswith("年")]
    assert [label for label, _ in links] == [f"{y}年" for y in years]
    assert len(years) >= 2
    for year, (_, url) in zip(years, links):
        assert url == f"{table.key}/by-year/{year}.html"
        expected = [r.id for r in published if r.date.year == year]
        assert listed(example_site, url) == expected  # newest first, like the whole list


@pytest.mark.parametrize("table", schema.DECISION_TABLES, ids=lambda t: t.key)
def test_category_pages_list_exactly_the_published_decisions_of_that_kind(example_site, gated, table):
    column = table.column(CATEGORY_COLUMNS[table.key])
    published = gated.published[table.key]
    links = [(label, url) for label, url in filter_links(example_site, table.key) if label in column.choices]
    assert len(links) >= 2
    assert [label for label, _ in links] == [c for c in column.choices if c in {label for label, _ in links}]
    every_kind = {v for r in published for v in split_multi(r.values[column.name])}
    assert {label for label, _ in links} == every_kind
    for label, url in links:
        assert re.fullmatch(rf"{table.key}/by-kind/\d+\.html", url)
        expected = [r.id for r in published if label in split_multi(r.values[column.name])]
        assert listed(example_site, url) == expected


def test_a_long_list_is_paginated_and_links_back(example_site, gated):
    fines = [r for r in gated.published["penalties"] if "罚款" in split_multi(r.values["处罚类别"])]
    assert len(fines) > 20  # more than one page of DISCLOSURE_PAGE_SIZE
    url = dict(filter_links(example_site, "penalties"))["罚款"]
    second = (example_site / url.replace(".html", "-page-2.html")).read_text(encoding="utf-8")
    assert "<h1>行政处罚：罚款</h1>" in second
    assert "第 2 页" in second
    assert f'<a href="/{url}"' in second and 'rel="prev"' in second
    assert '<a href="/penalties/index.html">行政处罚</a>' in second  # breadcrumb back to the whole list


def test_withheld_decisions_are_on_no_filter_page(example_site, gated):
    withheld = [s.id for s in gated.states if s.table in ("penalties", "permits", "others") and s.state != PUBLISHED]
    assert len(withheld) >= 3
    pages = [p for t in ("penalties", "permits", "others") for p in (example_site / t).glob("by-*/*.html")]
    assert len(pages) > 10
    for page in pages:
        text = html.unescape(page.read_text(encoding="utf-8"))
        assert not [i for i in withheld if i in text], page.name


def test_filter_pages_work_without_javascript(browser, served_example):
    context = browser.new_context(java_script_enabled=False)
    opened = context.new_page()
    opened.goto(f"{served_example}/penalties/index.html")
    opened.click(".list-filters >> text=罚款")
    assert opened.url.endswith("/penalties/by-kind/3.html")
    assert opened.inner_text("h1") == "行政处罚：罚款"
    assert opened.locator("table tbody tr").count() == 20
    opened.click("text=下一页")
    assert opened.url.endswith("/penalties/by-kind/3-page-2.html")
    opened.click(".list-filters >> text=2025年")
    assert opened.url.endswith("/penalties/by-year/2025.html")
    assert all(d.startswith("2025-") for d in opened.locator("tbody td[data-label=决定日期]").all_inner_texts())
    context.close()


def test_filter_page_has_no_serious_accessibility_violation(browser, served_example):
    from test_browser import serious_accessibility_violations

    context = browser.new_context()
    opened = context.new_page()
    opened.goto(f"{served_example}/others/by-kind/1.html", wait_until="networkidle")
    assert serious_accessibility_violations(opened) == []
    context.close()
