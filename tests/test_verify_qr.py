"""The certificate check answers from its address (verify.html?cert=NUMBER, what a QR code on a
certificate opens), words a failure without advising anyone to refuse an inspection, and
`make qrcodes` prints one code per officer the gate published, each holding that address."""

import html
import os
import re
import subprocess
import sys
from urllib.parse import quote

import pytest
import segno

from conftest import EXAMPLE_AS_OF, ROOT
from disclosure.testing.synthetic import LANDMARKS

VALID = LANDMARKS["officer_valid"]
PHONE = "0000-12345678"  # SITE_PHONE in pelicanconf.py
ORIGIN = "https://fgw.example.gov.cn"  # SITE_ORIGIN in pelicanconf.py


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    opened = context.new_page()
    yield opened
    context.close()


def test_address_with_a_valid_number_answers_without_typing(page, served_example):
    page.goto(f"{served_example}/verify.html?cert={VALID['id']}")
    answer = page.locator("#verify-result")
    answer.wait_for(state="visible")
    assert "核验通过" in answer.inner_text() and VALID["name"] in answer.inner_text()
    assert page.input_value("#cert-number") == VALID["id"]
    assert "verify-ok" in answer.get_attribute("class")


@pytest.mark.parametrize("key", ["officer_expired", "officer_transferred"])
def test_address_with_a_withheld_number_says_how_to_check_with_the_agency(page, served_example, key):
    page.goto(f"{served_example}/verify.html?cert={LANDMARKS[key]['id']}")
    text = page.locator("#verify-result").inner_text()
    assert f"未找到：{LANDMARKS[key]['id']} 不是本机关在岗且证件有效的执法人员" in text
    assert PHONE in text and "其他机关" in text
    assert "拒绝" not in text
    assert LANDMARKS[key]["name"] not in page.content()


def test_a_typed_number_becomes_a_shareable_address(page, served_example):
    page.goto(f"{served_example}/verify.html")
    assert page.locator("#verify-result").inner_text() == ""
    page.fill("#cert-number", VALID["id"].lower())
    page.click("#verify-form button")
    assert page.url.endswith(f"/verify.html?cert={VALID['id'].lower()}")
    page.reload()
    assert "核验通过" in page.inner_text("#verify-result")


def test_no_script_hint_shows_only_without_javascript(browser, served_example):
    for scripts in (True, False):
        context = browser.new_context(java_script_enabled=scripts)
        opened = context.new_page()
        opened.goto(f"{served_example}/verify.html?cert={VALID['id']}")
        main = opened.inner_text("main")
        assert ("浏览器未启用脚本" in main) is not scripts
        if not scripts:
            assert PHONE in main and VALID["id"] in opened.inner_text("#officers-table")
            assert "拒绝" not in main
        context.close()


# -- make qrcodes ------------------------------------------------------------------------------------

def make_qrcodes(tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSURE_")}
    environment.update(DISCLOSURE_AS_OF=EXAMPLE_AS_OF, DISCLOSURE_REPORT_DIR=str(tmp_path / "reports"),
                       PYTHONPATH=str(ROOT / "plugins"), **env)
    process = subprocess.run(
        [sys.executable, "-m", "disclosure.commands.qrcodes", "--settings", "publishconf.py"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    return tmp_path / "reports" / "执法证核验二维码"


def svg_modules(svg, border=4):
    """The dark modules drawn by segno's SVG path (M/m moves, h runs of one row), as (row, column)."""
    path = re.search(r'<path[^>]* d="([^"]+)"', svg).group(1)
    x = y = 0.0
    dark = set()
    for command, args in re.findall(r"([Mmh])([^Mmh]*)", path):
        numbers = [float(n) for n in args.split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            dark.update((int(y) - border, int(x) + i - border) for i in range(int(numbers[0])))
            x += numbers[0]
    return dark


def segno_modules(url):
    matrix = segno.make(url, error="q", micro=False).matrix
    return {(r, c) for r, row in enumerate(matrix) for c, value in enumerate(row) if value}


def cards(sheet):
    text = sheet.read_text(encoding="utf-8")
    return [(html.unescape(cert), html.unescape(url), svg) for cert, url, svg in re.findall(
        r'<div class="card" data-cert="([^"]+)" data-url="([^"]+)">.*?(<svg.*?</svg>)', text, re.S)]


def test_sheet_holds_one_code_per_published_officer_encoding_its_address(tmp_path, example_site):
    folder = make_qrcodes(tmp_path)
    # The officers the built site lists on its certificate check: those the gate published.
    published = re.findall(r'<tr id="cert-[^"]+" data-cert="([^"]+)"', (example_site / "verify.html").read_text(encoding="utf-8"))
    found = cards(folder / "index.html")
    assert len(found) == len(published) >= 10
    assert sorted(c for c, _, _ in found) == sorted(published)
    sheet = (folder / "index.html").read_text(encoding="utf-8")
    for key in ("officer_expired", "officer_transferred"):
        assert LANDMARKS[key]["id"] not in sheet and LANDMARKS[key]["name"] not in sheet
    for certificate, url, svg in found:
        expected = f"{ORIGIN}/verify.html?cert={quote(certificate, safe='')}"
        assert url == expected
        assert svg_modules(svg) == segno_modules(expected), certificate
    assert len(list(folder.glob("*.svg"))) == len(found)


def test_a_scanned_code_opens_the_answer_for_that_officer(tmp_path, page, served_example):
    folder = make_qrcodes(tmp_path)
    certificate, url, svg = next(c for c in cards(folder / "index.html") if c[0] == VALID["id"])
    assert svg_modules(svg) == segno_modules(url)
    page.goto(url.replace(ORIGIN, served_example))
    assert "核验通过" in page.inner_text("#verify-result") and VALID["name"] in page.inner_text("#verify-result")


def test_codes_follow_the_published_path_of_the_column(tmp_path):
    folder = make_qrcodes(tmp_path, DISCLOSURE_SITEURL="/zfgs")
    found = cards(folder / "index.html")
    assert found and all(url.startswith(f"{ORIGIN}/zfgs/verify.html?cert=") for _, url, _ in found)
    certificate, url, svg = found[0]
    assert svg_modules(svg) == segno_modules(f"{ORIGIN}/zfgs/verify.html?cert={quote(certificate, safe='')}")
