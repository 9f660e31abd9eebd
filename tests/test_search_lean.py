"""What the search index leaves out to halve Pagefind's CPU: pages without a search body are not
handed to Pagefind, and a decision's dates, amounts and the authority's repeated name and codes
are shown on the page but not indexed; what people search for still finds its record."""

import json
import re

from disclosure.outputs.search import indexable
from test_decision_pages_for_people import page_of, rows_of
from test_search import search, url_of
from test_search_register import AGENCY_CODE, PENALTY, PENALTY_CODE, PENALTY_ROW

ROW_DIV = re.compile(r"<div( data-pagefind-ignore)?><dt[^>]*>(.*?)：</dt>")


def test_only_pages_with_a_search_body_are_given_to_pagefind(example_site):
    pages = sorted(str(p.relative_to(example_site)) for p in example_site.rglob("*.html")
                   if not str(p.relative_to(example_site)).startswith("pagefind/"))
    with_body = indexable(example_site, pages)
    assert "penalties/index.html" in pages and "penalties/index.html" not in with_body
    assert any(page.startswith("guides/") for page in with_body)
    shards = json.loads((example_site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert sum(shard["pages"] for shard in shards) == len(with_body)


def test_dates_and_the_authoritys_cells_are_shown_but_not_indexed(example_site):
    page = page_of(example_site, "penalty_published")
    shown = dict(rows_of(page))
    assert shown["处罚决定日期"] == PENALTY_ROW["处罚决定日期"]
    assert shown["处罚机关"] == PENALTY_ROW["处罚机关"]
    ignored = {label for flag, label in ROW_DIV.findall(page) if flag}
    assert {"处罚决定日期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位统一社会信用代码"} <= ignored
    assert not {"行政相对人名称", "统一社会信用代码", "违法事实", "处罚内容"} & ignored
    # The agency's own code was indexed on every decision page: a search for it listed them all,
    # each excerpt marking the code. Now no page matches the code itself (Pagefind still
    # matches pages on runs of its digits, such as 11 in a date).
    results = search(example_site, AGENCY_CODE)["results"]
    assert not [r["url"] for r in results if f"<mark>{AGENCY_CODE}</mark>" in r["excerpt"]]


def test_what_people_search_for_still_finds_the_record(example_site):
    assert search(example_site, PENALTY_CODE)["results"][0]["url"] == url_of("penalty_published")
    assert url_of("penalty_published") in [r["url"] for r in search(example_site, PENALTY["name"])["results"]]
    facts = PENALTY_ROW["违法事实"]
    assert url_of("penalty_published") in [r["url"] for r in search(example_site, facts[:12])["results"]]
    # The authority's name stays searchable once, in the page's meta line (the 机构 filter).
    answer = search(example_site, PENALTY_ROW["处罚机关"])
    assert answer["count"] >= 20
