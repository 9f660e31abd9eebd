"""The portal as a person meets it, in a real Chromium, served on one origin with the
agencies' columns (/portal/, /fgw/, /scjg/, /sthj/): search across agencies, the agency
filter, a result opening the agency's own page, the certificate check, no outside requests,
no serious accessibility violation, and everything but search without JavaScript."""

import csv
import functools
import http.server
import threading
from urllib.parse import urlparse

import pytest

from portal_city import build_agency, build_portal, make_agency, portal_settings


@pytest.fixture(scope="module")
def served_city(tmp_path_factory):
    root = tmp_path_factory.mktemp("served-city")
    agencies = [make_agency(root / f"agency{i}", i) for i in range(3)]
    for agency in agencies:
        build_agency(agency)
    web = root / "www"
    web.mkdir()
    process = build_portal(portal_settings(root, agencies), web / "portal")  # PORTAL_SITEURL /portal, as in portalconf.py
    assert process.returncode == 0, process.stderr
    for agency in agencies:
        (web / agency["slug"]).symlink_to(agency["output"], target_is_directory=True)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(web)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", agencies
    server.shutdown()


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


def search(page, base, query, agency=""):
    page.goto(f"{base}/portal/search.html" + (f"?agency={agency}" if agency else ""))
    page.wait_for_selector("#search-filters:not([hidden])")
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    # A function, not an expression string: the page's CSP forbids evaluating strings.
    page.wait_for_function("() => { const t = document.getElementById('search-status').textContent;"
                           " return (t.includes('找到') || t.includes('没有找到')) && !t.includes('正在'); }")
    while page.is_visible("#search-more"):
        page.click("#search-more")
        page.wait_for_timeout(100)
    titles = page.locator("#search-results li h2 a").all_inner_texts()
    labels = page.locator("#search-results li .search-agency").all_inner_texts()
    return titles, labels


def test_search_finds_a_record_of_each_agency(page, served_city):
    base, agencies = served_city
    titles, labels = search(page, base, "华清能源科技有限公司")
    for agency in agencies:
        assert any(f"{agency['prefix']}罚〔2026〕8号" in t for t in titles), (agency["name"], titles)
        assert agency["name"] in labels


def test_agency_filter_shows_only_that_agency(page, served_city):
    base, agencies = served_city
    titles, labels = search(page, base, "罚款", agency=agencies[1]["slug"])
    assert titles and set(labels) == {agencies[1]["name"]}
    assert any(f"{agencies[1]['prefix']}罚〔" in t for t in titles)
    others = [a["prefix"] for a in agencies if a is not agencies[1]]
    assert not [t for t in titles if any(f"{prefix}罚〔" in t or f"{prefix}许〔" in t for prefix in others)]


def test_a_result_opens_the_agencys_own_page(page, served_city):
    base, agencies = served_city
    search(page, base, f"{agencies[2]['prefix']}罚 2026 8号", agency=agencies[2]["slug"])
    page.locator("#search-results li h2 a").first.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path.startswith(f"/{agencies[2]['slug']}/penalties/")
    assert f"{agencies[2]['prefix']}罚〔2026〕8号" in page.inner_text("main")


def test_certificate_check_finds_an_officer_of_each_agency(page, served_city):
    base, agencies = served_city
    page.goto(f"{base}/portal/verify.html")
    for agency in agencies:
        with open(agency["output"] / "data" / "officers.csv", encoding="utf-8-sig", newline="") as handle:
            officer = list(csv.DictReader(handle))[-1]
        page.fill("#cert-number", officer["执法证号"])
        page.click("#verify-form button")
        answer = page.inner_text("#verify-result")
        assert "核验通过" in answer and officer["姓名"] in answer and agency["name"] in answer
    page.fill("#cert-number", "XX0000000000")
    page.click("#verify-form button")
    assert "未找到" in page.inner_text("#verify-result")


@pytest.mark.parametrize("path", ["index.html", "search.html", "verify.html", "statistics.html", "data/index.html"])
def test_portal_pages_request_nothing_from_another_host_and_pass_axe(browser, served_city, path):
    from axe_playwright_python.sync_playwright import Axe

    base, _ = served_city
    context = browser.new_context()
    seen = []
    context.on("request", lambda request: seen.append(request.url))
    opened = context.new_page()
    opened.goto(f"{base}/portal/{path}", wait_until="networkidle")
    violations = [(v["id"], v["impact"]) for v in Axe().run(opened).response["violations"]
                  if v["impact"] in ("serious", "critical")]
    context.close()
    assert [u for u in seen if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != urlparse(base).netloc] == []
    assert violations == []


def test_everything_but_search_works_without_javascript(browser, served_city):
    base, agencies = served_city
    context = browser.new_context(java_script_enabled=False)
    opened = context.new_page()
    opened.goto(f"{base}/portal/index.html")
    for agency in agencies:
        assert agency["name"] in opened.inner_text("#agencies")
    opened.goto(f"{base}/portal/verify.html")
    assert opened.locator("#officers-table tbody tr").count() > 3 * 10
    opened.goto(f"{base}/portal/search.html")
    assert "搜索需要启用浏览器脚本" in opened.inner_text("main")
    context.close()
