"""Pagefind reads each page's search copy (its one data-pagefind-body element, less the rows it
is told to ignore) instead of the whole page: a fifth less CPU, and the same bundle, byte for byte."""

import re
import shutil

from conftest import tree_snapshot
from disclosure.outputs import search
from disclosure.outputs.search import search_copy

DECISION_DATE = re.compile(r'<time datetime="(\d{4})-(\d{2})-(\d{2})" data-pagefind-sort="date">')
DECISION_FOLDERS = ("penalties/", "permits/", "others/")


def _pages(site):
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if not str(p.relative_to(site)).startswith("pagefind/"))


def test_the_bundle_from_search_copies_is_the_bundle_from_whole_pages(example_site, tmp_path):
    from datetime import date

    # The example site was built from search copies; index its whole pages again and compare.
    site = tmp_path / "site"
    shutil.copytree(example_site, site, ignore=shutil.ignore_patterns("pagefind"))
    decisions, others = [], []
    for relative in _pages(site):
        html = (site / relative).read_text(encoding="utf-8")
        found = DECISION_DATE.search(html)
        if relative.startswith(DECISION_FOLDERS) and found:
            decisions.append((date(*map(int, found.groups())), relative))
            assert len(search_copy(html)) < len(html) / 2, relative
        else:
            others.append(relative)
    assert len(decisions) > 100  # the example's shards hold 100 pages: several shards are compared
    assert not search.copies_folder(site).exists()
    search.build_search_index(site, others, decisions, shard_size=100)
    rebuilt, built = tree_snapshot(site / "pagefind"), tree_snapshot(example_site / "pagefind")
    assert sorted(rebuilt) == sorted(built)
    assert [name for name in built if rebuilt[name] != built[name]] == []
    assert not list(tmp_path.glob(".site.search-*")) and not list(example_site.parent.glob(".output.search-*"))


PAGE = ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head><title>标题</title></head>\n<body><nav>导航</nav>\n'
        "<main>{body}</main>\n<footer>页脚</footer></body></html>\n")
ARTICLE = (
    '<article data-pagefind-body><h1 data-pagefind-meta="title">决定</h1><dl>'
    "<div><dt data-pagefind-ignore>名称：</dt><dd>示例公司</dd></div>"
    "<div data-pagefind-ignore><dt data-pagefind-ignore>日期：</dt><dd>2026-01-08</dd></div>"
    '<div data-pagefind-ignore><span data-pagefind-filter="年份">2026年</span></div>'
    "</dl><article><p>嵌套</p></article></article>"
)


def test_a_search_copy_keeps_the_body_whole_and_drops_only_plain_ignored_rows():
    copy = search_copy(PAGE.format(body=ARTICLE + "<p>正文之后</p>"))
    assert copy.startswith('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"></head><body><article data-pagefind-body>')
    assert "导航" not in copy and "页脚" not in copy and "正文之后" not in copy and "<title>" not in copy
    assert "<p>嵌套</p></article></article></body></html>" in copy  # the nested article does not end it
    assert "示例公司" in copy and "2026-01-08" not in copy  # the ignored date row is gone
    assert 'data-pagefind-filter="年份"' in copy  # an ignored element with a filter stays


def test_pages_a_copy_could_change_are_indexed_whole():
    # Two bodies; the attribute only as text; a Pagefind attribute outside the body; no end tag;
    # no body; an h1 outside it.
    assert search_copy(PAGE.format(body=ARTICLE + ARTICLE)) is None
    assert search_copy(PAGE.format(body="<p>data-pagefind-body</p>")) is None
    assert search_copy(PAGE.format(body='<span data-pagefind-filter="类别">处罚</span>' + ARTICLE)) is None
    assert search_copy(PAGE.format(body=ARTICLE[: -len("</article>")])) is None
    assert search_copy(PAGE.format(body="<p>无正文</p>")) is None
    assert search_copy(PAGE.format(body="<h1>页面标题</h1>" + ARTICLE)) is None  # Pagefind's default title
