"""Search results read like a register: fields (kind, 文书号, party, authority, date) and a snippet
of the facts; an exact 文书号 or 统一社会信用代码 puts its record first. Queried through Pagefind's
own JavaScript in Node, and through the search box in Chromium."""

import csv
import re

import pytest

from conftest import ROOT, assert_built, build_site, tree_snapshot
from disclosure.testing.synthetic import LANDMARKS
from test_search import search, url_of

PENALTY = LANDMARKS["penalty_published"]
PERMIT = LANDMARKS["permit_published"]
AGENCY_CODE = "11990100008123451T"  # the agency's own code: on every page, never a useful snippet


def example_row(table_path, id_column, record_id):
    with open(ROOT / "data" / table_path, encoding="utf-8-sig", newline="") as handle:
        return next(row for row in csv.DictReader(handle) if row[id_column] == record_id)


PENALTY_ROW = example_row("decisions/penalties.csv", "行政处罚决定书文号", PENALTY["id"])
PERMIT_ROW = example_row("decisions/permits.csv", "行政许可决定文书号", PERMIT["id"])
PENALTY_CODE = PENALTY_ROW["行政相对人代码_1"]


def test_credit_code_puts_its_record_first_with_register_fields(example_site):
    assert re.fullmatch(r"[0-9A-Z]{18}", PENALTY_CODE)
    first = search(example_site, PENALTY_CODE)["results"][0]
    assert first["url"] == url_of("penalty_published")
    assert first["meta"]["kind"] == "行政处罚"
    assert first["meta"]["docno"] == PENALTY["id"]
    assert first["meta"]["party"] == PENALTY["name"]
    assert first["meta"]["authority"] == PENALTY_ROW["处罚机关"]
    assert first["meta"]["date"] == PENALTY_ROW["处罚决定日期"]
    assert first["meta"]["code"] == PENALTY_CODE
    assert first["meta"]["facts"] == PENALTY_ROW["违法事实"]


@pytest.mark.parametrize("key, query", [
    ("penalty_published", "示发改罚 2026 8号"),  # as search.js sends 示发改罚〔2026〕8号
    ("permit_published", "示发改许 2026 15号"),
    ("other_published", "示发改检 2026 5号"),
])
def test_exact_document_number_ranks_its_record_first(example_site, key, query):
    # Other decisions share the prefix, the year and often the number; the weighted
    # identifiers make the exact one win on Pagefind's own score.
    results = search(example_site, query)["results"]
    assert results[0]["url"] == url_of(key)
    assert results[0]["meta"]["docno"] == LANDMARKS[key]["id"]


def test_register_fields_carry_only_what_the_gate_published(example_site):
    person = LANDMARKS["penalty_natural_person"]
    # The exact phrase, as search.js also asks for a 文书号.
    results = search(example_site, f'"{person["id"]}"')["results"]
    assert len(results) == 1
    first = results[0]
    assert first["meta"]["docno"] == person["id"]
    assert first["meta"]["party"] == person["name"][:2] + "某某"
    assert "code" not in first["meta"]
    for result in results:
        assert person["name"] not in str(result["meta"])
        assert person["phone"] not in str(result["meta"])
    for key in ("penalty_revoked", "penalty_expired", "penalty_scheduled"):
        assert all(r["meta"].get("docno") != LANDMARKS[key]["id"] for r in search(example_site, LANDMARKS[key]["name"])["results"])


def test_same_input_gives_the_same_index_bytes(small_data, tmp_path):
    settings = dict(DISCLOSURE_SEARCH_SHARD_PAGES="6", DISCLOSURE_SEARCH_CACHE="")
    assert_built(build_site(tmp_path / "one", small_data, **settings))
    assert_built(build_site(tmp_path / "two", small_data, **settings))
    one, two = tree_snapshot(tmp_path / "one"), tree_snapshot(tmp_path / "two")
    assert [p for p in one if p.startswith("pagefind/20")], "more than one shard"
    assert one == two


# -- in the search box ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def box_results(page, base, query):
    """The search page opened with ?q=, as a shared link does; every shard answered."""
    from urllib.parse import quote

    page.goto(f"{base}/search.html?q={quote(query)}")
    page.wait_for_function("() => { const t = document.getElementById('search-status').textContent;"
                           " return (t.includes('找到') || t.includes('没有找到')) && !t.includes('正在'); }")
    page.wait_for_timeout(200)
    return page.locator("#search-results > li")


def fields_of(item):
    return dict(zip(item.locator(".result-fields dt").all_inner_texts(), item.locator(".result-fields dd").all_inner_texts()))


def test_search_box_shows_a_credit_code_search_as_a_register_entry(page, served_example):
    results = box_results(page, served_example, PENALTY_CODE)
    first = results.nth(0)
    assert fields_of(first) == {
        "类别": "行政处罚", "文书号": PENALTY["id"], "当事人": PENALTY["name"],
        "机关": PENALTY_ROW["处罚机关"], "决定日期": PENALTY_ROW["处罚决定日期"],
    }
    snippet = first.locator(".result-snippet").inner_text()
    assert snippet and snippet in PENALTY_ROW["违法事实"]
    assert AGENCY_CODE not in snippet and ". " not in snippet
    assert first.locator("h2 a").get_attribute("href").endswith(url_of("penalty_published"))


def test_search_box_puts_the_exact_document_number_first(page, served_example):
    first = box_results(page, served_example, PERMIT["id"]).nth(0)
    assert fields_of(first)["文书号"] == PERMIT["id"]
    assert fields_of(first)["当事人"] == PERMIT["name"]
    assert first.locator(".result-snippet").inner_text() in PERMIT_ROW["许可内容"]


def test_search_box_finds_a_document_number_whatever_its_brackets(page, served_example):
    # Pagefind's own ranking puts 示发改罚〔2025〕12号 above 〔2026〕12号 for the loose query;
    # the exact phrase search in search.js does not.
    person = LANDMARKS["penalty_natural_person"]
    for typed in (person["id"], person["id"].replace("〔", "[").replace("〕", "]"), person["id"].replace("〔", "（").replace("〕", "）")):
        first = box_results(page, served_example, typed).nth(0)
        assert fields_of(first)["文书号"] == person["id"]
        assert fields_of(first)["当事人"] == person["name"][:2] + "某某"


def test_search_box_snippet_marks_the_words_found_in_the_facts(page, served_example):
    results = box_results(page, served_example, "节能审查")
    assert results.count() > 0
    decisions = [results.nth(i) for i in range(results.count()) if results.nth(i).locator(".result-fields").count()]
    assert decisions
    for item in decisions:
        snippet = item.locator(".result-snippet")
        assert AGENCY_CODE not in snippet.inner_text()
    marked = [m for item in decisions for m in item.locator(".result-snippet mark").all_inner_texts()]
    assert marked and set(marked) <= {"节能", "审查", "节能审查"}


def test_register_results_have_no_serious_accessibility_violation(page, served_example):
    from test_browser import serious_accessibility_violations

    assert box_results(page, served_example, "节能审查").count() > 0
    assert serious_accessibility_violations(page) == []
