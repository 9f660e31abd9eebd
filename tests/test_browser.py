"""The site as a person meets it, in a real Chromium: search, accessibility, no outside requests,
no JavaScript, phones, and a screenshot of every page type.

Each check is also run once against a deliberately broken page, to show it can fail.
"""

import re
import shutil
from urllib.parse import urlparse

import pytest

from conftest import ROOT
from disclosure.data import schema
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.testing.synthetic import LANDMARKS

SHOTS = ROOT / "screenshots"


def decision_url(key):
    landmark = LANDMARKS[key]
    table = schema.TABLES_BY_KEY[landmark["table"]]
    return f"{table.key}/{record_slug(table, landmark['id'], PUBLIC_URL_KEY)}.html"


PAGE_TYPES = {
    "home": "index.html",
    "penalty-list": "penalties/index.html",
    "decision": decision_url("penalty_published"),
    "notice": decision_url("penalty_revoked"),
    "officers": "officers.html",
    "matters": "lists/matters.html",
    "random-checks": "lists/random_checks.html",
    "av-records": "lists/av_records.html",
    "legal-review": "lists/legal_review_catalog.html",
    "guide": "guides/qiye-touzi-xiangmu-hezhun.html",
    "flowchart": "flowcharts/xingzheng-xuke-liucheng.html",
    "data": "data/index.html",
    "statistics": "statistics/2025.html",
    "search": "search.html",
    "verify": "verify.html",
    "documents": "documents/index.html",
    "statistics-index": "statistics/index.html",
}


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


# -- checks, each a function so the broken-page tests can prove it fails ------------------------------

def serious_accessibility_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def outside_requests(browser, url):
    context = browser.new_context()
    seen = []
    context.on("request", lambda request: seen.append(request.url))
    opened = context.new_page()
    opened.goto(url, wait_until="networkidle")
    context.close()
    origin = urlparse(url).netloc
    return [u for u in seen if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != origin]


def sideways_scroll(browser, url, width=375, height=667):
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True)
    opened = context.new_page()
    opened.goto(url, wait_until="networkidle")
    overflow = opened.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    return overflow


# -- every page type ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_has_no_serious_accessibility_violation(page, served_example, name):
    page.goto(f"{served_example}/{PAGE_TYPES[name]}", wait_until="networkidle")
    assert serious_accessibility_violations(page) == []


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_requests_nothing_from_another_host(browser, served_example, name):
    assert outside_requests(browser, f"{served_example}/{PAGE_TYPES[name]}") == []


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_does_not_scroll_sideways_on_a_phone(browser, served_example, name):
    assert sideways_scroll(browser, f"{served_example}/{PAGE_TYPES[name]}") <= 0


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_screenshots_at_desktop_and_phone_widths(browser, served_example, name):
    SHOTS.mkdir(exist_ok=True)
    for label, size in (("desktop", (1280, 900)), ("phone", (375, 667))):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        opened = context.new_page()
        opened.goto(f"{served_example}/{PAGE_TYPES[name]}", wait_until="networkidle")
        target = SHOTS / f"{name}-{label}.png"
        opened.screenshot(path=str(target), full_page=True)
        context.close()
        assert target.stat().st_size > 5000


def test_text_enlarged_to_200_percent_loses_nothing(browser, served_example):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    for path in ("index.html", decision_url("penalty_published"), "officers.html"):
        opened.goto(f"{served_example}/{path}", wait_until="networkidle")
        opened.evaluate("document.documentElement.style.fontSize = '200%'")
        assert opened.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
        assert opened.locator("h1").is_visible()
    context.close()


def test_keyboard_reaches_skip_link_navigation_and_search(page, served_example):
    page.goto(f"{served_example}/index.html")
    reached = []
    for _ in range(15):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.textContent.trim() || document.activeElement.id"))
    assert reached[0] == "跳到正文"
    assert "行政处罚" in reached and "搜索" in reached
    assert "home-search" in reached
    page.keyboard.press("Escape")


# -- search as a person uses it ----------------------------------------------------------------------

def search_titles(page, served_example, query, category=None, year=None):
    page.goto(f"{served_example}/search.html")
    page.wait_for_selector("#search-filters:not([hidden])")
    if category:
        page.select_option("#filter-category", value=category)
    if year:
        page.select_option("#filter-year", value=year)
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    # Finished when every shard has answered: the status no longer says 正在.
    # A function, not an expression string: the page's CSP forbids evaluating strings.
    page.wait_for_function("() => { const t = document.getElementById('search-status').textContent;"
                           " return (t.includes('找到') || t.includes('没有找到')) && !t.includes('正在'); }")
    page.wait_for_timeout(200)
    return page.locator("#search-results li h2 a").all_inner_texts(), page.inner_text("#search-status")


def test_search_box_finds_fines_permits_companies_officers_and_numbers(page, served_example):
    titles, _ = search_titles(page, served_example, "罚款")
    assert titles and sum("行政处罚决定" in t for t in titles) >= 5
    titles, _ = search_titles(page, served_example, "许可")
    assert sum("行政许可决定" in t for t in titles) >= 5
    titles, _ = search_titles(page, served_example, "华清能源科技有限公司")
    assert any(LANDMARKS["penalty_published"]["id"] in t for t in titles[:5])
    titles, _ = search_titles(page, served_example, "李建国")
    assert "执法人员清单" in titles[:5]
    titles, _ = search_titles(page, served_example, LANDMARKS["permit_published"]["id"])
    assert LANDMARKS["permit_published"]["id"] in titles[0]


def test_search_never_shows_withheld_decisions(page, served_example):
    for key in ("penalty_revoked", "penalty_expired", "penalty_scheduled"):
        titles, _ = search_titles(page, served_example, LANDMARKS[key]["name"])
        assert not [t for t in titles if LANDMARKS[key]["name"] in t or LANDMARKS[key]["id"] in t]


def test_category_filter_narrows_results(page, served_example):
    _, everything = search_titles(page, served_example, "罚款")
    titles, narrowed = search_titles(page, served_example, "罚款", category="行政处罚")
    count = lambda status: int(re.search(r"找到 (\d+) 条", status).group(1))
    assert count(narrowed) < count(everything)
    assert titles and all("行政处罚决定" in t for t in titles)
    _, by_year = search_titles(page, served_example, "罚款", category="行政处罚", year="2025年")
    assert 0 < count(by_year) < count(narrowed)


# -- without JavaScript ----------------------------------------------------------------------------

def test_everything_but_search_works_without_javascript(browser, served_example):
    context = browser.new_context(java_script_enabled=False)
    opened = context.new_page()
    opened.goto(f"{served_example}/penalties/index.html")
    rows = opened.locator("table tbody tr").count()
    assert rows == 20
    opened.click("text=下一页")
    assert "page-2.html" in opened.url
    opened.click("table tbody tr >> nth=0 >> a")
    assert opened.locator("dl.record").count() == 1
    opened.goto(f"{served_example}/verify.html")
    assert LANDMARKS["officer_valid"]["id"] in opened.inner_text("#officers-table")
    opened.goto(f"{served_example}/guides/qiye-touzi-xiangmu-hezhun.html")
    assert opened.locator("h2", has_text="申请材料").count() == 1
    opened.goto(f"{served_example}/flowcharts/xingzheng-xuke-liucheng.html")
    assert opened.locator("svg").count() >= 1 or opened.locator("ol").count() >= 1
    opened.goto(f"{served_example}/search.html")
    assert "搜索需要启用浏览器脚本" in opened.inner_text("main")
    context.close()


def test_certificate_check_answers_for_valid_and_unknown_numbers(page, served_example):
    page.goto(f"{served_example}/verify.html")
    page.fill("#cert-number", LANDMARKS["officer_valid"]["id"])
    page.click("#verify-form button")
    assert "核验通过" in page.inner_text("#verify-result") and "李建国" in page.inner_text("#verify-result")
    for key in ("officer_expired", "officer_transferred"):
        page.fill("#cert-number", LANDMARKS[key]["id"])
        page.click("#verify-form button")
        assert "未找到" in page.inner_text("#verify-result")


# -- each check can fail -----------------------------------------------------------------------------

BROKEN_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>坏页面</title>
<script src="https://cdn.example.com/library.js"></script></head>
<body><main><h1>坏页面</h1><img src="/theme/none.png">
<table style="width:1600px"><tr><td>很宽的表格</td></tr></table></main></body></html>"""


@pytest.fixture(scope="module")
def broken_site(example_site, tmp_path_factory):
    import functools
    import http.server
    import threading

    site = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(example_site, site)
    (site / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", site
    server.shutdown()


def test_checks_catch_a_deliberately_broken_page(browser, broken_site):
    base, _ = broken_site
    assert outside_requests(browser, f"{base}/broken.html") == ["https://cdn.example.com/library.js"]
    assert sideways_scroll(browser, f"{base}/broken.html") > 0
    context = browser.new_context()
    opened = context.new_page()
    opened.goto(f"{base}/broken.html")
    assert "image-alt" in [v[0] for v in serious_accessibility_violations(opened)]
    context.close()


def test_lists_sort_and_filter_in_the_browser(page, served_example):
    page.goto(f"{served_example}/officers.html")
    total = page.locator("#officers-table tbody tr").count()
    page.fill("#table-filter-0", "李建国")
    assert page.locator("#officers-table tbody tr:not([hidden])").count() == 1
    assert "显示 1 / " in page.inner_text(".table-filter-status")
    page.fill("#table-filter-0", "")
    assert page.locator("#officers-table tbody tr:not([hidden])").count() == total
    page.goto(f"{served_example}/lists/matters.html")
    page.click("th >> nth=0 >> button")
    codes = page.locator("tbody tr td:first-child").all_inner_texts()
    assert codes == sorted(codes) and page.locator("th[aria-sort=ascending]").count() == 1
    page.click("th >> nth=0 >> button")
    assert page.locator("tbody tr td:first-child").all_inner_texts() == sorted(codes, reverse=True)


@pytest.mark.parametrize("name", ["guide", "decision"])
def test_guides_and_decisions_print_on_a4_without_navigation(browser, served_example, name):
    context = browser.new_context()
    opened = context.new_page()
    opened.goto(f"{served_example}/{PAGE_TYPES[name]}", wait_until="networkidle")
    opened.emulate_media(media="print")
    assert not opened.locator("nav[aria-label='主导航']").is_visible()
    assert not opened.locator(".breadcrumbs").is_visible()
    assert opened.locator("h1").is_visible()
    SHOTS.mkdir(exist_ok=True)
    pdf = opened.pdf(path=str(SHOTS / f"{name}-print.pdf"), format="A4")
    assert pdf[:4] == b"%PDF"
    context.close()


def test_certificate_check_says_clearly_when_a_number_is_unknown(page, served_example):
    page.goto(f"{served_example}/verify.html")
    page.fill("#cert-number", "SL0000000000000")
    page.click("#verify-form button")
    assert "未找到：SL0000000000000 不是本机关在岗且证件有效的执法人员" in page.inner_text("#verify-result")
