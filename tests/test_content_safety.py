"""Markdown and document files: every problem is a Chinese error, nothing outside the repository
is published, and a failed build says so in Chinese without a traceback."""

import shutil
import urllib.request

import pytest

from conftest import ROOT, assert_built, build_site, settings_with_content


@pytest.fixture
def content(tmp_path):
    """A copy of the example content that a test may break."""
    return shutil.copytree(ROOT / "content", tmp_path / "content")


def build(tmp_path, content, data_dir=None):
    return build_site(tmp_path / "output", data_dir, settings=settings_with_content(tmp_path, content), content=content)


def assert_refused(process, *fragments):
    """Not built; the Chinese list names the problem; no traceback, no English Pelican log."""
    assert process.returncode != 0
    assert "网站未生成" in process.stderr
    for fragment in fragments:
        assert fragment in process.stderr, process.stderr
    noise = process.stdout + process.stderr
    assert "Traceback" not in noise and "CRITICAL" not in noise and "Error" not in noise, noise
    assert process.stderr.strip().splitlines()[-1] == "请修改上述文件后重新生成。"


def set_metadata(path, key, value):
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = [line for line in lines if not line.lower().startswith(key.lower() + ":")]
    if value is not None:
        lines.insert(0, f"{key}: {value}")
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_page_without_title_is_an_error_not_a_404(tmp_path, content):
    set_metadata(content / "pages" / "jiandu-jiuji.md", "Title", None)
    process = build(tmp_path, content)
    assert_refused(process, "content/pages/jiandu-jiuji.md", "缺少标题（Title）")
    assert not (tmp_path / "output").exists()


def test_a_bad_date_and_an_unknown_key_are_errors(tmp_path, content):
    set_metadata(content / "pages" / "zhifa-zhuti.md", "Date", "2026-02-30")
    set_metadata(content / "guides" / "jieneng-shencha.md", "Sumary", "拼错的摘要")
    process = build(tmp_path, content)
    assert_refused(process, "“2026-02-30”不是有效日期", "不认识的元数据“sumary”是否应为“Summary”？")


def test_a_draft_or_missing_page_the_home_page_links_to_is_an_error(tmp_path, content):
    set_metadata(content / "pages" / "zhifa-gongshi-banfa.md", "Status", "draft")
    (content / "pages" / "fazhi-shenhe-banfa.md").unlink()
    process = build(tmp_path, content)
    assert_refused(process, "Status“draft”不可用", "缺少“重大执法决定法制审核办法”页面")


def test_a_broken_link_between_flowchart_and_guide_is_an_error(tmp_path, content):
    set_metadata(content / "flowcharts" / "xingzheng-xuke-liucheng.md", "Guide", "bu-cunzai")
    process = build(tmp_path, content)
    assert_refused(process, "Guide“bu-cunzai”找不到对应的页面")


def test_a_symlink_leaving_content_is_never_published(tmp_path, content):
    (content / "documents" / "mima.pdf").symlink_to("/etc/passwd")
    process = build(tmp_path, content)
    assert_refused(process, "content/documents/mima.pdf", "符号链接")
    assert not (tmp_path / "output").exists()


def test_a_symlink_leaving_data_is_an_error(tmp_path, small_data):
    outside = tmp_path / "elsewhere.csv"
    shutil.move(small_data / "officers.csv", outside)
    (small_data / "officers.csv").symlink_to(outside)
    process = build_site(tmp_path / "output", small_data)
    assert_refused(process, "data/officers.csv", "符号链接")


def test_a_link_inside_content_stays_allowed(tmp_path, content):
    sample = next((content / "documents").glob("*.docx"))
    (content / "documents" / "fuben.docx").symlink_to(sample.name)
    assert_built(build(tmp_path, content))


@pytest.mark.parametrize("entry", ["../pelicanconf.py", "/etc/passwd", "..\\..\\secret.docx", "C:\\x.docx", "sub/x.docx"])
def test_document_index_entries_are_bare_file_names(tmp_path, content, entry):
    index = content / "documents" / "目录.csv"
    index.write_text(index.read_text(encoding="utf-8-sig") + f"{entry},坏条目,,\n", encoding="utf-8-sig")
    process = build(tmp_path, content)
    assert_refused(process, "content/documents/目录.csv", f"“{entry}”不是 content/documents 中的文件名")


def test_file_names_with_url_characters_download(tmp_path, content):
    sample = next((content / "documents").glob("*.docx"))
    odd = "通知 #1 100%?.docx"
    shutil.copy(sample, content / "documents" / odd)
    assert_built(build(tmp_path, content))
    page = (tmp_path / "output" / "documents" / "index.html").read_text(encoding="utf-8")
    href = "/documents/%E9%80%9A%E7%9F%A5%20%231%20100%25%3F.docx"
    assert f'href="{href}"' in page

    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path / "output")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}{href}") as response:
            assert response.read() == sample.read_bytes()
    finally:
        server.shutdown()


def test_bad_data_fails_in_chinese_without_traceback(tmp_path, small_data):
    penalties = small_data / "decisions" / "penalties.csv"
    text = penalties.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("处罚决定日期")] = "2025-02-30"
    lines[1] = ",".join(cells)
    penalties.write_text("\n".join(lines), encoding="utf-8-sig")
    process = build_site(tmp_path / "output", small_data)
    assert_refused(process, "“2025-02-30”不是有效日期")
