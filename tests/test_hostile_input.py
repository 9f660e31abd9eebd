"""Data is never markup: markup in every CSV column and every Markdown field stays text.

One site is built with payloads (script, img onerror, svg onload, meta refresh,
attribute breakouts, javascript: URLs, iframes) in every text column of every
table, in 目录.csv, and in every Markdown field. Every file of the site is then
read as a browser would (HTML, XML, Pagefind's index) and every page is loaded in
Chromium. Typed columns (dates, enums, numbers, codes) must reject the payload.
"""

import csv
import gzip
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import ROOT, assert_built, build_site, settings_with_content
from disclosure.data import schema
from disclosure.data.problems import DisclosureDataError
from disclosure.pipeline import load_and_validate

EVIL_HOST = "evil.example"
PAYLOADS = (
    '<script>window.__pwned("script")</script>',
    '<img src=x onerror="window.__pwned(\'img\')">',
    '<svg onload="window.__pwned(\'svg\')"></svg>',
    f'<meta http-equiv="refresh" content="0;url=https://{EVIL_HOST}/">',
    '" onmouseover="window.__pwned(\'attr\')" data-x="',
    "' autofocus onfocus='window.__pwned(\"attr2\")' data-y='",
    'javascript:window.__pwned("url")',
    f'<iframe src="https://{EVIL_HOST}/"></iframe><a href="javascript:window.__pwned(1)">点我</a>',
)
# Columns whose text must keep a shape (unique ids): the payload is appended to a unique value.
TEXT_TYPES = (schema.TEXT,)


def payload_for(row_number, column_index):
    return PAYLOADS[(row_number + column_index) % len(PAYLOADS)]


def rewrite(path, change):
    """Rewrite a CSV file row by row: change(row_number, row) edits the dict in place."""
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    fields = list(rows[0].keys()) if rows else next(csv.reader(io.StringIO(text)))
    for number, row in enumerate(rows, start=2):
        change(number, row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")


def guide_matter_codes():
    """事项编码 the example guides link to: these rows keep their code so the guides still resolve."""
    return set(re.findall(r"^Matter: (\S+)$", "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "content" / "guides").glob("*.md")), re.M))


def poison_text_columns(data_dir):
    keep = guide_matter_codes()
    for table in schema.INPUT_TABLES:
        path = Path(data_dir) / table.path
        if not path.exists():
            continue
        present = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        columns = [c for c in table.columns if c.type in TEXT_TYPES and c.name in present]

        def change(number, row, columns=columns, table=table):
            for index, column in enumerate(columns):
                value = row.get(column.name, "")
                if value in keep:
                    continue
                if column.name == table.id_column or column.name == "新决定文书号":
                    # Keep ids unique and references resolvable: only an id that already
                    # exists gets markup appended (a reference must then carry the same).
                    row[column.name] = value + payload_for(number, index) if value else value
                else:
                    row[column.name] = (value + payload_for(number, index)).strip()

        rewrite(path, change)


MARKDOWN_EVIL = "\n".join((
    "Title: 恶意标题" + PAYLOADS[0] + PAYLOADS[4],
    "Slug: eyi-ceshi",
    "Summary: 摘要" + PAYLOADS[1] + PAYLOADS[3],
    "",
    "## 小节" + PAYLOADS[2],
    "",
    "正文 " + PAYLOADS[0] + " " + PAYLOADS[7],
    "",
    "[点我](javascript:window.__pwned('md-link')) [数据](data:text/html;base64,PHNjcmlwdD4=)",
    "",
    '<div onclick="window.__pwned(\'div\')" style="position:fixed">块</div>',
    "",
    '<form action="https://evil.example/"><input name="q"></form><object data="x.swf"></object>',
    "",
    '<style>body{display:none}</style><base href="https://evil.example/">',
    "",
))


def hostile_content(target):
    shutil.copytree(ROOT / "content", target)
    (target / "pages" / "eyi-ceshi.md").write_text(MARKDOWN_EVIL, encoding="utf-8")
    guide = next((target / "guides").glob("*.md"))
    text = guide.read_text(encoding="utf-8")
    text = re.sub(r"^Title: (.*)$", lambda m: "Title: " + m.group(1) + PAYLOADS[1], text, count=1, flags=re.M)
    text = re.sub(r"^Summary: (.*)$", lambda m: "Summary: " + m.group(1) + PAYLOADS[4], text, count=1, flags=re.M)
    guide.write_text(text, encoding="utf-8")
    rewrite(target / "documents" / "目录.csv",
            lambda n, row: row.update(名称=row["名称"] + PAYLOADS[n % 3], 说明=PAYLOADS[3] + PAYLOADS[4]))
    return target


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from disclosure.testing.synthetic import write_dataset

    base = tmp_path_factory.mktemp("hostile")
    data = base / "data"
    write_dataset(data, n_decisions=24, seed=7)
    poison_text_columns(data)
    content = hostile_content(base / "content")
    output = base / "output"
    process = build_site(output, data, settings=settings_with_content(base, content), content=content)
    assert_built(process)
    return output


# -- reading the site as a browser would -------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
DANGEROUS_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "style"}


class MarkupAudit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        names = {name: (value or "") for name, value in attrs}
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and re.match(r"^\s*(javascript|vbscript|data):", value or "", re.I):
                if not (tag == "img" and value.startswith("data:image/")):
                    self.findings.append(f"<{tag} {name}={value[:40]}>")
        if tag == "script":
            src = names.get("src", "")
            if not src or re.match(r"^\s*(https?:)?//", src):
                self.findings.append(f"<script src={src!r}>")
            self.in_script = True
        if tag == "meta" and names.get("http-equiv", "").lower() not in ("", "content-security-policy"):
            self.findings.append(f"<meta http-equiv={names['http-equiv']}>")
        if tag == "form" and re.match(r"^\s*(https?:)?//", names.get("action", "")):
            self.findings.append(f"<form action={names['action']}>")
        if tag in DANGEROUS_TAGS:
            self.findings.append(f"<{tag}>")
        if tag == "link" and names.get("rel", "") not in ("stylesheet", "alternate", "icon", "canonical"):
            self.findings.append(f"<link rel={names.get('rel')}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.findings.append("inline <script> content")


def markup_findings(html):
    audit = MarkupAudit()
    audit.feed(html)
    return audit.findings


def xml_findings(text):
    root = ElementTree.fromstring(text)  # well-formed, or it raises
    findings = []
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1].lower()
        if local in {"script", "foreignobject", "iframe"}:
            findings.append(f"<{local}>")
        findings += [f"<{local} {name}>" for name in element.attrib if name.rsplit("}", 1)[-1].startswith("on")]
    return findings


def site_files(site, *suffixes):
    return [p for p in sorted(Path(site).rglob("*")) if p.is_file() and p.suffix in suffixes]


def test_the_payloads_reached_the_site(hostile_site):
    """Otherwise the checks below prove nothing: the markup is there, as text."""
    decisions = "".join(p.read_text(encoding="utf-8") for p in site_files(hostile_site / "penalties", ".html"))
    assert "&lt;script&gt;window.__pwned" in decisions
    assert "onmouseover=" in decisions  # inside an escaped attribute value or text, never as an attribute
    page = (hostile_site / "pages" / "eyi-ceshi.html").read_text(encoding="utf-8")
    assert "恶意标题&lt;script&gt;" in page
    assert "正文" in page and "块" in page
    documents = (hostile_site / "documents" / "index.html").read_text(encoding="utf-8")
    assert "&lt;svg onload=" in documents or "&lt;img src=x onerror=" in documents


def test_no_page_carries_executable_markup(hostile_site):
    findings = {}
    for path in site_files(hostile_site, ".html"):
        found = markup_findings(path.read_text(encoding="utf-8"))
        if found:
            findings[str(path.relative_to(hostile_site))] = found
    assert not findings


def test_feeds_sitemap_and_svg_stay_well_formed_and_inert(hostile_site):
    files = site_files(hostile_site, ".xml", ".svg")
    assert any(p.name.endswith(".atom.xml") for p in files)
    findings = {str(p.relative_to(hostile_site)): xml_findings(p.read_text(encoding="utf-8")) for p in files}
    assert not {k: v for k, v in findings.items() if v}


def test_data_files_carry_the_text_not_markup_that_runs(hostile_site):
    for path in site_files(hostile_site / "data", ".json"):
        json.loads(path.read_text(encoding="utf-8"))
    text = (hostile_site / "data" / "penalties.csv").read_text(encoding="utf-8-sig")
    assert "window.__pwned" in text  # the data is kept, as data


def test_search_fragments_hold_the_markup_as_plain_text(hostile_site):
    """Pagefind keeps page text; the search page shows it only through Pagefind's escaping
    excerpt (checked in Chromium below). The text of the hostile page is indexed as text."""
    texts = []
    for path in (hostile_site / "pagefind").rglob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        texts.append(json.loads(raw[raw.index(b"{"):].decode("utf-8")))
    evil = [t for t in texts if t.get("url", "").endswith("eyi-ceshi.html")]
    assert evil and "<script>window.__pwned" in evil[0]["meta"]["title"]
    assert all("<mark" not in t.get("content", "") for t in texts)


def test_typed_columns_reject_markup(small_data):
    """A date, enum, number or code column never publishes markup: the payload is an error."""
    checked = 0
    for table in schema.INPUT_TABLES:
        path = small_data / table.path
        if not path.exists():
            continue
        present = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        for column in table.columns:
            if column.type in TEXT_TYPES or column.name not in present:
                continue
            original = path.read_bytes()
            rewrite(path, lambda n, row, name=column.name: row.update({name: PAYLOADS[0]}) if n == 2 else None)
            with pytest.raises(DisclosureDataError) as raised:
                load_and_validate(small_data)
            assert any(column.name in str(p) for p in raised.value.problems), (table.path, column.name)
            path.write_bytes(original)
            checked += 1
    assert checked >= 20


# -- in a real browser ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served_hostile(hostile_site):
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(hostile_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_chromium_runs_no_injected_script_and_does_not_navigate(browser, hostile_site, served_hostile):
    context = browser.new_context()
    context.add_init_script("window.__hits = []; window.__pwned = (what) => window.__hits.push(String(what));")
    outside = []
    context.on("request", lambda request: outside.append(request.url) if EVIL_HOST in request.url else None)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = [p.relative_to(hostile_site).as_posix() for p in site_files(hostile_site, ".html")
             if "pagefind" not in p.parts]
    hits, moved = {}, []
    for relative in pages:
        url = f"{served_hostile}/{relative}"
        page.goto(url, wait_until="load")
        # Hover and focus everything, so attribute breakouts would fire if they were attributes.
        page.evaluate("""() => { for (const el of document.querySelectorAll('body *')) {
            for (const type of ['mouseover', 'focus', 'click', 'load', 'error']) {
                if (type === 'click' && (el.tagName === 'A' || el.tagName === 'BUTTON' || el.tagName === 'SUMMARY')) continue;
                el.dispatchEvent(new Event(type)); } } }""")
        page.wait_for_timeout(20)
        if page.url != url:
            moved.append((relative, page.url))
        found = page.evaluate("window.__hits")
        if found:
            hits[relative] = found
    context.close()
    assert len(pages) > 50
    assert not hits and not dialogs and not moved and not outside


def test_search_results_show_markup_as_text(browser, served_hostile):
    context = browser.new_context()
    context.add_init_script("window.__hits = []; window.__pwned = (what) => window.__hits.push(String(what));")
    page = context.new_page()
    page.goto(f"{served_hostile}/search.html", wait_until="networkidle")
    page.fill("#search-query", "pwned")
    page.press("#search-query", "Enter")
    page.wait_for_selector("#search-results li", timeout=20000)
    assert "window.__pwned" in page.inner_text("#search-results")  # shown, as text
    injected = page.evaluate("""() => [...document.querySelectorAll('#search-results *')].filter(el =>
        ['IMG', 'SCRIPT', 'SVG', 'IFRAME', 'META'].includes(el.tagName.toUpperCase())
        || [...el.attributes].some(a => a.name.startsWith('on'))).map(el => el.outerHTML)""")
    assert injected == []
    assert page.evaluate("window.__hits") == []
    context.close()
