"""The leak check's faster ways of reading still find what the slower ones found.

A document sample's text goes through normalize only when a character in it asks for it; a
gzip file is read through zlib; a file larger than the first read is read whole; number runs
are found with fewer searches. Each case is written into a small site and scanned.
"""

import gzip
import io
import json
import tempfile
import zipfile
from pathlib import Path

from disclosure.checks import scanner

NAME = "欧阳明辉"


def scan(files, secrets=None):
    with tempfile.TemporaryDirectory() as folder:
        for name, content in files.items():
            path = Path(folder, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return scanner.scan(folder, secrets or {})


def messages(files, secrets=None):
    return [message for _, message in scan(files, secrets)]


def docx(text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml",
                         '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                         f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
                         '</w:body></w:document>')
    return buffer.getvalue()


def test_an_id_number_with_its_check_digit_x_set_apart_is_found():
    for written in ("31010419500303000 X", "31010419500303000-X", "310104 19500303 000 X"):
        found = messages({"page.html": f"<p>当事人{written}当事人</p>"})
        assert any("身份证号码" in m for m in found), (written, found)


def test_a_mobile_number_before_a_word_starting_with_x_is_still_found():
    found = messages({"page.html": "<p>联系电话 13912345678 Xiaoming</p>"})
    assert any("手机号码" in m for m in found), found


def test_a_document_sample_is_read_with_and_without_normalize():
    plain = messages({"documents/sample.docx": docx(f"当事人{NAME}，身份证号码11010519491231002X")}, {NAME: "自然人全名"})
    assert any("自然人全名" in m for m in plain) and any("身份证号码" in m for m in plain), plain
    # Full-width digits and a zero-width space send the text through normalize.
    wide = messages({"documents/sample.docx": docx("当事人欧阳\u200b明辉，身份证号码１１０１０５１９４９１２３１００２Ｘ")},
                    {NAME: "自然人全名"})
    assert any("自然人全名" in m for m in wide) and any("身份证号码" in m for m in wide), wide


def test_a_search_fragment_of_two_gzip_members_is_read_whole():
    payload = json.dumps({"content": f"经查，{NAME}于"}, ensure_ascii=False).encode("utf-8")
    fragment = gzip.compress(b"pagefind_dcd") + gzip.compress(payload)
    found = messages({"pagefind/fragment/zh_1.pf_fragment": fragment}, {NAME: "自然人全名"})
    assert any("自然人全名" in m for m in found), found


def test_a_leak_at_the_end_of_a_large_page_is_found():
    page = "<p>" + "行政处罚决定公示。" * 20000 + f"</p><p>{NAME}</p>"
    assert len(page.encode("utf-8")) > 1 << 17
    found = messages({"penalties/large.html": page}, {NAME: "自然人全名"})
    assert any("自然人全名" in m for m in found), found


def test_a_clean_page_has_no_findings():
    assert scan({"page.html": "<p>统一社会信用代码：91110105MA01ABCD1X　联系电话：0000-12345678</p>"}) == []
