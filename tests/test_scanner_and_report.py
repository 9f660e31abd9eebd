"""The leak scanner catches planted leaks however they are encoded, names the file and the record
without printing the secret, and does not take public values for leaks; the report tells admins
what is late."""

import csv
import gzip
import io
import json
import shutil
import zipfile
from datetime import date

import pytest
from pelican.settings import read_settings

from conftest import EXAMPLE_AS_OF, ROOT, assert_built, build_site, copy_example_data
from disclosure.checks import scanner, views
from disclosure.checks import secrets as leak_secrets
from disclosure.testing.synthetic import LANDMARKS


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(ROOT / "publishconf.py"))


def check(site, settings, data=ROOT / "data"):
    return scanner.check_site(site, settings, data, date.fromisoformat(EXAMPLE_AS_OF))


def data_row(table_path, id_column, record_id, data=ROOT / "data"):
    """(spreadsheet row number, row) of a record in a data file."""
    with open(data / table_path, encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if row[id_column] == record_id:
                return number, row
    raise KeyError(record_id)


def penalty(landmark):
    return data_row("decisions/penalties.csv", "行政处罚决定书文号", LANDMARKS[landmark]["id"])


def test_example_site_is_clean(example_site, settings):
    assert check(example_site, settings) == []


@pytest.fixture
def site_copy(example_site, tmp_path):
    return shutil.copytree(example_site, tmp_path / "site")


def test_withdrawn_number_in_a_page_is_caught_naming_the_record_not_the_number(site_copy, settings):
    secret = LANDMARKS["penalty_revoked"]["id"]
    row, _ = penalty("penalty_revoked")
    page = site_copy / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + secret, encoding="utf-8")
    findings = check(site_copy, settings)
    assert [f for f, _ in findings] == ["index.html"]
    message = findings[0][1]
    assert f"data/decisions/penalties.csv 第{row}行" in message and "已撤下" in message
    assert secret not in message and "示发改" in message  # shown in part only


def test_leak_hidden_in_a_compressed_fragment_with_zero_width_spaces_is_caught(site_copy, settings):
    name = "\u200b".join(LANDMARKS["penalty_expired"]["name"])
    row, _ = penalty("penalty_expired")
    fragment = next((site_copy / "pagefind" / "fragment").iterdir())
    payload = b"pagefind_dcd" + json.dumps({"content": name}).encode("ascii")  # JSON-escaped too
    fragment.write_bytes(gzip.compress(payload))
    findings = check(site_copy, settings)
    assert any(f.startswith("pagefind/fragment/") and "当事人名称" in msg and f"第{row}行" in msg
               for f, msg in findings)


def test_html_escaped_full_name_and_unmasked_numbers_are_caught(site_copy, settings):
    escaped = "".join(f"&#{ord(c)};" for c in LANDMARKS["penalty_natural_person"]["name"])
    (site_copy / "extra.html").write_text(
        f"<p>{escaped} 11010519491231002X 13912345678</p>", encoding="utf-8",
    )
    messages = [msg for f, msg in check(site_copy, settings) if f == "extra.html"]
    assert any("自然人全名" in m for m in messages)
    assert any("身份证号码" in m for m in messages)
    assert any("手机号码" in m for m in messages)
    assert not any("11010519491231002X" in m or "13912345678" in m for m in messages)


def test_an_unmasked_copy_of_a_built_page_is_caught(site_copy, settings):
    """A withdrawn party's name with a full-width space in it, and a natural person's ID number
    written with spaces and in full-width digits, pasted into a copy of a real decision page."""
    revoked_row, revoked = penalty("penalty_revoked")
    person_row, person = penalty("penalty_natural_person")
    number = person["证件号码"]
    spaced = " ".join(number[i:i + 4] for i in range(0, 18, 4))
    wide = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    name = revoked["行政相对人名称"]
    original = next(p for p in (site_copy / "penalties").glob("*.html") if "index" not in p.name and "page-" not in p.name)
    html = original.read_text(encoding="utf-8").replace(
        "</main>", f"<p>{name[:5]}\u3000{name[5:]}，证件 {spaced}，又 {wide}</p></main>")
    (site_copy / "penalties" / "copy.html").write_text(html, encoding="utf-8")
    messages = [msg for f, msg in check(site_copy, settings) if f == "penalties/copy.html"]
    assert any("当事人名称" in m and f"penalties.csv 第{revoked_row}行" in m for m in messages), messages
    ids = [m for m in messages if "证件号码" in m and f"penalties.csv 第{person_row}行" in m]
    assert ids, messages
    assert not any(number in m for m in messages)


def docx(paragraphs):
    """A minimal .docx; each paragraph a list of runs (Word splits text into runs freely)."""
    body = "".join("<w:p>" + "".join(f"<w:r><w:t>{run}</w:t></w:r>" for run in runs) + "</w:p>"
                   for runs in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml",
                         '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                         f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    return buffer.getvalue()


def cjk_pdf(text):
    """A one-page PDF whose text (any BMP characters) a reader extracts through a ToUnicode map."""
    codes = sorted(set(map(ord, text)))
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(codes)} beginbfchar\n" + "".join(f"<{c:04X}> <{c:04X}>\n" for c in codes) + "endbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode()
    content = ("BT /F1 12 Tf 72 720 Td <" + "".join(f"{ord(c):04X}" for c in text) + "> Tj ET").encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
         b"/Contents 4 0 R >>"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        (b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H /DescendantFonts [6 0 R] "
         b"/ToUnicode 7 0 R >>"),
        (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) "
         b"/Ordering (Identity) /Supplement 0 >> /DW 1000 >>"),
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_withheld_numbers_in_document_samples_are_caught(site_copy, settings):
    revoked = LANDMARKS["penalty_revoked"]["id"]
    revoked_row, _ = penalty("penalty_revoked")
    scheduled = LANDMARKS["penalty_scheduled"]["id"]
    scheduled_row, _ = penalty("penalty_scheduled")
    documents = site_copy / "documents"
    # Word splits 示发改罚〔2025〕21号 over runs; the 文书号 written with other brackets.
    (documents / "sample.docx").write_bytes(docx([["行政处罚决定书"], [revoked[:5], revoked[5:9], revoked[9:]]]))
    (documents / "sample.pdf").write_bytes(cjk_pdf("撤销" + scheduled.replace("〔", "[").replace("〕", "]") + "决定"))
    findings = check(site_copy, settings)
    by_file = {}
    for name, message in findings:
        by_file.setdefault(name, []).append(message)
    assert any(f"penalties.csv 第{revoked_row}行" in m for m in by_file["documents/sample.docx"]), findings
    assert any(f"penalties.csv 第{scheduled_row}行" in m for m in by_file["documents/sample.pdf"]), findings
    assert set(by_file) == {"documents/sample.docx", "documents/sample.pdf"}


def test_an_unreadable_document_sample_fails_the_check(site_copy, settings):
    (site_copy / "documents" / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    findings = check(site_copy, settings)
    assert [f for f, _ in findings] == ["documents/broken.docx"] and "无法读取" in findings[0][1]


def test_a_changed_theme_script_is_read_the_theme_own_is_not(site_copy, settings):
    script = site_copy / "theme" / "js" / "search.js"
    assert "示发改许〔2026〕15号" in script.read_text(encoding="utf-8")  # a comment, and not a leak
    script.write_text(script.read_text(encoding="utf-8") + f"// {LANDMARKS['penalty_revoked']['id']}\n",
                      encoding="utf-8")
    assert [f for f, _ in check(site_copy, settings)] == ["theme/js/search.js"]


def test_scanner_command_fails_on_a_leak(site_copy):
    import os
    import subprocess
    import sys

    (site_copy / "leak.csv").write_text(LANDMARKS["penalty_scheduled"]["id"], encoding="utf-8")
    env = {**os.environ, "DISCLOSURE_AS_OF": EXAMPLE_AS_OF, "PYTHONPATH": str(ROOT / "plugins")}
    env.pop("DISCLOSURE_DATA_DIR", None)
    process = subprocess.run(
        [sys.executable, "-m", "disclosure.checks.scanner", str(site_copy)], cwd=ROOT, env=env,
        capture_output=True, text=True, check=False,
    )
    assert process.returncode == 1
    assert "leak.csv" in process.stderr and "泄露检查未通过" in process.stderr
    assert LANDMARKS["penalty_scheduled"]["id"] not in process.stderr


# -- the second, raw read of the data -------------------------------------------------------------

def add_column(path, header, values):
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    rows[0].append(header)
    for number, row in enumerate(rows[1:]):
        row.append(values[number] if number < len(values) else "")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def test_columns_the_loader_ignores_are_read_raw(site_copy, settings, tmp_path):
    """An extra 身份证号 column and an internal 文号 column are unknown to the loader (a warning,
    never published); the raw read still takes their cells, and ID-shaped cells anywhere."""
    from disclosure.testing.synthetic import make_id_number

    id_in_extra_column = make_id_number("990121", date(1980, 1, 1), 1)
    id_anywhere = make_id_number("110105", date(1949, 12, 31), 7)
    data = copy_example_data(tmp_path / "data")
    add_column(data / "decisions" / "penalties.csv", "当事人身份证号", [id_in_extra_column])
    add_column(data / "decisions" / "permits.csv", "内部文号", ["示发改内〔2026〕7号"])
    add_column(data / "lists" / "matters.csv", "备用", [id_anywhere])
    secrets = {value: label for value, _kind, label, _page in leak_secrets.raw_secrets(data)}
    assert "示发改内〔2026〕7号" in secrets and "“内部文号”列（原始数据）" in secrets["示发改内〔2026〕7号"]
    assert id_in_extra_column in secrets
    assert id_anywhere in secrets and "matters.csv 第2行“备用”列" in secrets[id_anywhere]

    grouped = f"{id_anywhere[:6]} {id_anywhere[6:14]} {id_anywhere[14:]}"
    (site_copy / "extra.html").write_text(f"<p>示发改内（2026）7号 {grouped}</p>", encoding="utf-8")
    messages = [m for f, m in check(site_copy, settings, data) if f == "extra.html"]
    assert any("内部文号" in m for m in messages), messages
    assert any("备用" in m for m in messages), messages


def test_workbooks_in_the_data_folder_are_read_raw_too(tmp_path):
    from disclosure.testing.synthetic import make_id_number

    number = make_id_number("110105", date(1960, 5, 4), 12)
    data = copy_example_data(tmp_path / "data")
    with zipfile.ZipFile(data / "decisions" / "penalties-2025.xlsx", "w") as book:
        book.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst><si><t>当事人</t></si>'
                                              f"<si><t>{number[:6]} {number[6:]}</t></si></sst>")
        book.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet><sheetData><row>'
                                                  '<c t="s"><v>0</v></c><c t="s"><v>1</v></c></row></sheetData></worksheet>')
    found = {value: label for value, _kind, label, _page in leak_secrets.raw_secrets(data)}
    assert f"{number[:6]} {number[6:]}" in found
    assert "data/decisions/penalties-2025.xlsx（原始数据）" in found[f"{number[:6]} {number[6:]}"]


# -- what is not a leak -----------------------------------------------------------------------------

def test_public_values_numbered_lists_and_public_names_are_not_leaks(tmp_path, settings):
    """A 清单 numbered 1, 2, 3 with item 2 repealed; a company whose 法定代表人 has the name of a
    natural-person party elsewhere: a real build passes the check."""
    data = copy_example_data(tmp_path / "data")
    path = data / "lists" / "av_records.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    for number, row in enumerate(rows[1:], start=1):
        row[0] = str(number)
    rows[2][rows[0].index("废止日期")] = "2025-01-01"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")

    _, person = penalty("penalty_natural_person")
    path = data / "decisions" / "permits.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    id_at, representative_at = rows[0].index("行政许可决定文书号"), rows[0].index("法定代表人")
    for row in rows[1:]:
        if row[id_at] == LANDMARKS["permit_published"]["id"]:
            row[representative_at] = person["行政相对人名称"]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")

    output = tmp_path / "output"
    assert_built(build_site(output, data))
    page = next(p for p in (output / "permits").glob("*.html")
                if LANDMARKS["permit_published"]["id"] in p.read_text(encoding="utf-8") and "page" not in p.name
                and "index" not in p.name)
    assert person["行政相对人名称"] in page.read_text(encoding="utf-8")
    assert check(output, settings, data) == []


def test_slugs_and_hashes_are_not_numbers(tmp_path):
    """Record page names are hex digits; 16 of them may be digits only (and pass Luhn)."""
    (tmp_path / "penalties").mkdir()
    (tmp_path / "list.html").write_text(
        '<a href="/penalties/0a13812345678b9c.html">x</a><a href="/penalties/6526527380231740.html">y</a>'
        '<a href="/penalties/13812345678abcde.json">z</a> zh-cn_13812345678', encoding="utf-8")
    (tmp_path / "penalties" / "6526527380231740.html").write_text("<p>页面</p>", encoding="utf-8")
    assert scanner.scan(tmp_path, {}) == []


def test_a_longer_public_name_is_not_taken_for_a_shorter_secret_name(tmp_path):
    (tmp_path / "officers.html").write_text("<td>田强华</td>", encoding="utf-8")
    (tmp_path / "leak.html").write_text("<p>当事人田强于</p>", encoding="utf-8")
    findings = scanner.scan(tmp_path, {"田强": "自然人全名"}, allowed=["田强华"])
    assert [(f, m.split("“")[0]) for f, m in findings] == [("leak.html", "自然人全名")]


def test_two_character_names_are_looked_for_in_their_own_record_only(tmp_path):
    (tmp_path / "lists").mkdir()
    (tmp_path / "penalties").mkdir()
    (tmp_path / "lists" / "matters.html").write_text("<td>工程建设项目招标投标</td>", encoding="utf-8")
    (tmp_path / "penalties" / "abc.html").write_text("<p>当事人程建于</p>", encoding="utf-8")
    findings = scanner.scan(tmp_path, {}, own_file_secrets={"penalties/abc.html": {"程建": "自然人全名"}})
    assert [f for f, _ in findings] == ["penalties/abc.html"]


def test_names_with_spaces_dots_and_invisible_characters_are_found(tmp_path):
    (tmp_path / "a.html").write_text("<p>王　小芳</p>", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>李 小娜</p>", encoding="utf-8")
    (tmp_path / "c.html").write_text("<p>阿卜杜•热合曼</p>", encoding="utf-8")
    (tmp_path / "d.html").write_text("<p>王\u200b小\u2060芳</p>", encoding="utf-8")
    (tmp_path / "e.json").write_text('{"a": "\\u738b\\u5c0f\\u82b3"}', encoding="utf-8")
    (tmp_path / "f.html").write_text("<p>王小</p><p>芳</p><p>阿卜杜热合曼</p>", encoding="utf-8")
    secrets = {"王小芳": "自然人全名", "李小娜": "自然人全名", "阿卜杜·热合曼": "自然人全名"}
    assert sorted(f for f, _ in scanner.scan(tmp_path, secrets)) == ["a.html", "b.html", "c.html", "d.html", "e.json"]


def test_partial_shows_too_little_to_read_a_secret():
    assert views.partial("11010519491231002X") == "1101*************X"
    assert views.partial("欧阳明辉") == "欧***"
    assert views.partial("示发改罚〔2025〕21号") == "示发改*********号"


def test_compliance_report_lists_states_late_publications_and_next_change(example_site):
    report = json.loads((example_site.parent / "reports" / "compliance.json").read_text(encoding="utf-8"))
    assert report["as_of"] == EXAMPLE_AS_OF
    assert report["next_change"] == "2026-11-27"  # the scheduled penalty goes up
    by_id = {(r["table"], r["id"]): r for r in report["records"]}
    assert by_id[("penalties", LANDMARKS["penalty_revoked"]["id"])]["state"] == "withdrawn"
    assert by_id[("penalties", LANDMARKS["penalty_expired"]["id"])]["state"] == "expired"
    scheduled = by_id[("penalties", LANDMARKS["penalty_scheduled"]["id"])]
    assert scheduled["state"] == "scheduled" and scheduled["publish_date"] == "2026-11-27"
    # Decided 2026-11-18 (Wed): the 7th working day after is 2026-11-27; on time.
    assert scheduled["due_date"] == "2026-11-27" and scheduled["late_workdays"] == 0
    assert by_id[("officers", LANDMARKS["officer_transferred"]["id"])]["state"] == "excluded"
    assert report["late_publications"], "the example has late publications"
    for late in report["late_publications"]:
        assert late["late_workdays"] > 0 or late["overdue"]
    page = (example_site.parent / "reports" / "compliance.html").read_text(encoding="utf-8")
    assert "迟延或逾期公开的决定" in page and "下次内容变化日期" in page
    assert not (example_site / "compliance.json").exists()
