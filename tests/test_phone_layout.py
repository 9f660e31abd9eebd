"""Every page type on phones and small tablets (320, 375 and 768 px), measured in Chromium.

The rules, checked on the rendered page rather than by reading the CSS:
- the page never scrolls sideways, and no table or chart needs a scroll bar of its own (a
  flowchart may pan inside its box on a phone: PANNABLE);
- no text is squeezed: text that wraps has at least five characters' room per line, and no
  word, number or code (a run without a break opportunity) is split over lines;
- visible text is at least 12 px, SVG text measured at the size it is drawn.
Screenshots of every page at every width go to screenshots/ for review.

Each rule also runs once against a deliberately bad page, to show that it can fail.
"""

import functools
import http.server
import shutil
import threading

import pytest

from conftest import ROOT
from disclosure.data import schema
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.testing.synthetic import LANDMARKS

SHOTS = ROOT / "screenshots"
WIDTHS = (320, 375, 768)
MIN_FONT_PX = 12
MIN_LINE_EMS = 5
# The one thing that may pan sideways inside its own box on a phone: a flowchart, kept at the
# size it is drawn (its text is measured like any other), with the text version below it.
PANNABLE = "figure.flowchart"


def decision_url(key):
    landmark = LANDMARKS[key]
    table = schema.TABLES_BY_KEY[landmark["table"]]
    return f"{table.key}/{record_slug(table, landmark['id'], PUBLIC_URL_KEY)}.html"


PAGE_TYPES = {
    "home": "index.html",
    "penalties": "penalties/index.html",
    "permits": "permits/index.html",
    "others": "others/index.html",
    "decision": decision_url("penalty_published"),
    "permit": decision_url("permit_published"),
    "notice": decision_url("penalty_revoked"),
    "officers": "officers.html",
    "verify": "verify.html",
    "matters": "lists/matters.html",
    "random-checks": "lists/random_checks.html",
    "av-records": "lists/av_records.html",
    "legal-review": "lists/legal_review_catalog.html",
    "data": "data/index.html",
    "statistics-index": "statistics/index.html",
    "statistics": "statistics/2025.html",
    "guides": "guides/index.html",
    "guide": "guides/qiye-touzi-xiangmu-hezhun.html",
    "flowcharts": "flowcharts/index.html",
    "flowchart": "flowcharts/xingzheng-chufa-liucheng.html",
    "page": "pages/jiandu-jiuji.html",
    "documents": "documents/index.html",
    "search": "search.html",
    "404": "404.html",
}

# One function, passed to the page (the site's CSP forbids evaluating strings). Returns a list
# of [rule, detail, text] for everything that breaks a rule.
MEASURE = """([minFont, minLineEms, pannable]) => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    problems.push(["page scrolls sideways", root.scrollWidth + " > " + root.clientWidth, ""]);
  }
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    if (["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
        && el.getClientRects().length && !el.matches(pannable)) {
      problems.push(["scrolls inside", el.tagName + "." + el.className + " " + el.scrollWidth + " > " + el.clientWidth,
                     el.textContent.trim().slice(0, 30)]);
    }
  }
  const canvas = document.createElement("canvas").getContext("2d");
  const unbreakable = /[A-Za-z0-9@._%\\-\\/:]+/g;
  // Clipped to 1 px for screen readers (a stacked table's header row): not read on screen.
  const visuallyHidden = (el) => {
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const box = a.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    const el = node.parentElement;
    if (!text || !el || el.closest("title, desc, script, style, noscript")) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0.5 && r.height > 0.5);
    if (!rects.length || rects.every((r) => r.right < 0)) continue;
    if (visuallyHidden(el)) continue;
    let size = parseFloat(style.fontSize);
    const svgText = el.closest("text");
    if (svgText) {
      const m = svgText.getScreenCTM();
      size = size * Math.hypot(m.a, m.b);
    }
    if (size < minFont - 0.01) problems.push(["text smaller than " + minFont + " px", size.toFixed(1) + " px", text.slice(0, 30)]);
    if (svgText) continue;
    const lines = new Set(rects.map((r) => Math.round(r.top))).size;
    if (lines < 2) continue;
    // Wrapped text: the first line ends at the right edge of the room it has and the last one
    // starts at the left edge, wherever the text itself starts and ends.
    const room = Math.max(...rects.map((r) => r.right)) - Math.min(...rects.map((r) => r.left));
    if (room < minLineEms * size - 1) {
      problems.push(["squeezed: " + lines + " lines of " + room.toFixed(0) + " px", el.tagName, text.slice(0, 30)]);
      continue;
    }
    canvas.font = style.fontWeight + " " + style.fontSize + " " + style.fontFamily;
    for (const run of text.match(unbreakable) || []) {
      const width = canvas.measureText(run).width;
      if (run.length > 1 && width > room + 1) {
        problems.push(["word split over lines", run + " " + width.toFixed(0) + " > " + room.toFixed(0) + " px", el.tagName]);
      }
    }
  }
  return problems;
}"""


def measure(page):
    return page.evaluate(MEASURE, [MIN_FONT_PX, MIN_LINE_EMS, PANNABLE])


@pytest.fixture(scope="module", params=WIDTHS)
def phone(request, browser):
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 768,
                                  has_touch=width < 768, device_scale_factor=1)
    yield width, context.new_page()
    context.close()


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_fits_the_screen(phone, served_example, name):
    width, page = phone
    page.goto(f"{served_example}/{PAGE_TYPES[name]}", wait_until="networkidle")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone-{name}-{width}.png"), full_page=True)
    assert measure(page) == []


@pytest.fixture(scope="module")
def phone_375(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_phone_layout_has_no_serious_accessibility_violation(phone_375, served_example, name):
    """The phone layout (stacked tables, the panning flowchart) stays usable by keyboard and screen reader."""
    from axe_playwright_python.sync_playwright import Axe

    phone_375.goto(f"{served_example}/{PAGE_TYPES[name]}", wait_until="networkidle")
    results = Axe().run(phone_375)
    assert [(v["id"], v["impact"]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")] == []


def test_home_page_leads_with_search_and_the_latest_decisions(phone, served_example):
    width, page = phone
    page.goto(f"{served_example}/index.html", wait_until="networkidle")
    search = page.locator("#home-search").bounding_box()
    latest = page.locator("#section-latest").bounding_box()
    first_card = page.locator(".card").first.bounding_box()
    assert search["y"] < latest["y"] < first_card["y"]
    # The first screen shows the search box and the start of the latest decisions.
    assert latest["y"] < 800
    assert page.locator(".latest li").count() >= 5


def test_search_filters_fold_away_on_phones_and_open_on_wider_screens(phone, served_example):
    width, page = phone
    page.goto(f"{served_example}/search.html", wait_until="networkidle")
    page.wait_for_selector("#search-filters:not([hidden])")
    summary = page.locator("#search-filters > summary")
    assert summary.inner_text().startswith("筛选")
    if width < 640:
        assert not page.locator("#filter-category").is_visible()
        summary.click()
    assert page.locator("#filter-category").is_visible()


def test_search_filters_are_a_details_element_without_javascript(browser, served_example):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{served_example}/search.html")
    assert page.locator("details#search-filters").count() == 1
    assert "搜索需要启用浏览器脚本" in page.inner_text("main")
    context.close()


def test_tables_are_complete_without_css(browser, served_example):
    """Stacked tables keep their header row for browsers without CSS (and for screen readers)."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.route("**/*.css", lambda route: route.abort())
    page.goto(f"{served_example}/data/index.html")
    assert page.locator("table caption").first.is_visible()
    assert page.locator("table thead th").first.is_visible()
    page.goto(f"{served_example}/guides/qiye-touzi-xiangmu-hezhun.html")
    assert "企业投资项目核准申请文件" in page.inner_text("main table")
    context.close()


# -- each rule can fail ------------------------------------------------------------------------------

BAD_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>坏页面</title></head>
<body><main>
<table><caption style="width:1em">执法人员清单（共十二人）</caption><tr><td>一</td></tr></table>
<p id="small" style="font-size:10px">太小的字</p>
<p style="width:6em;overflow-wrap:anywhere">代码91990102183355305Q</p>
<div style="overflow-x:auto;width:200px"><p style="width:400px">宽</p></div>
<svg viewBox="0 0 1000 100" width="300"><text x="0" y="50" font-size="14">缩小的图表文字</text></svg>
<p style="width:2000px">很宽</p>
</main></body></html>"""


@pytest.fixture(scope="module")
def bad_page_url(example_site, tmp_path_factory):
    site = tmp_path_factory.mktemp("bad-layout")
    shutil.copy(example_site / "index.html", site / "index.html")
    (site / "bad.html").write_text(BAD_PAGE, encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/bad.html"
    server.shutdown()


def test_the_rules_catch_a_deliberately_bad_page(browser, bad_page_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(bad_page_url)
    rules = {rule.split(":")[0].split(" px")[0] for rule, _, _ in measure(page)}
    context.close()
    assert rules == {"page scrolls sideways", "scrolls inside", "text smaller than 12", "squeezed",
                     "word split over lines"}, rules
