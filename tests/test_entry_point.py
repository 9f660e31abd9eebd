"""`python -m disclosure …`: one command line for every system, the one the Makefile runs too;
a preview that rebuilds when the data changes; Pelican's English kept out of the normal output;
favicon and robots.txt."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import EXAMPLE_AS_OF, ROOT, require_tool, settings_with_content
from disclosure.commands.build import BUILD_MARKER
from disclosure.testing.synthetic import LANDMARKS
from test_input_errors import rewrite_csv

PELICAN_ENGLISH = "Done: Processed"
# Bounds for the preview to catch up; a rebuild of the small dataset takes seconds.
WAIT_SECONDS = 300


def project_copy(tmp_path, data):
    """The project as an admin has it: settings, content, theme, plugins and their own data/."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("Makefile", "pelicanconf.py", "publishconf.py", "requirements.txt"):
        shutil.copy2(ROOT / name, repo / name)
    for name in ("content", "theme", "plugins"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data, repo / "data")
    return repo


def admin_env(repo, **extra):
    """What an admin's shell has: no DISCLOSURE_* of ours, the plugin on the path (as make sets it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSURE_")}
    env.update(DISCLOSURE_AS_OF=EXAMPLE_AS_OF, PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(repo / "plugins"), **extra)
    return env


def disclosure(repo, *args, **env):
    return subprocess.run([sys.executable, "-m", "disclosure", *args], cwd=repo, env=admin_env(repo, **env),
                          capture_output=True, text=True, timeout=900)


@pytest.fixture
def repo(tmp_path, small_data):
    return project_copy(tmp_path, small_data)


# -- build and the other commands ----------------------------------------------------------------

def test_python_m_disclosure_build_builds_the_site_without_pelicans_english(repo):
    built = disclosure(repo, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    output = repo / "output"
    assert (output / BUILD_MARKER).is_file() and (output / "index.html").is_file()
    assert "网站已生成并通过泄露检查" in built.stdout and "公示生成日期" in built.stdout
    assert PELICAN_ENGLISH not in built.stdout + built.stderr
    for line in (built.stdout + built.stderr).splitlines():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in line) or not line.strip() or line.startswith("  "), line


def test_pelicans_warnings_are_counted_in_chinese_and_shown_when_verbose(repo):
    (repo / "content" / "pages" / "ceshi.md").write_text(
        "Title: 测试页\n\n见[另一页]({filename}/pages/nope.md)。\n", encoding="utf-8")
    run = [sys.executable, "-m", "disclosure.commands.run_pelican", "content", "-s", "publishconf.py", "-o", "site"]
    quiet = subprocess.run(run, cwd=repo, env=admin_env(repo), capture_output=True, text=True, timeout=900)
    assert quiet.returncode == 0, quiet.stderr
    assert "Pelican 另有 1 条英文警告没有显示" in quiet.stderr and "nope.md" not in quiet.stdout + quiet.stderr
    shown = subprocess.run(run, cwd=repo, env=admin_env(repo, DISCLOSURE_VERBOSE="1"), capture_output=True,
                           text=True, timeout=900)
    assert shown.returncode == 0 and "nope.md" in shown.stdout + shown.stderr


def test_verbose_shows_pelicans_log(repo):
    shown = subprocess.run(
        [sys.executable, "-m", "disclosure.commands.run_pelican", "content", "-s", "publishconf.py", "-o", "site"],
        cwd=repo, env=admin_env(repo, DISCLOSURE_VERBOSE="1"), capture_output=True, text=True, timeout=900)
    assert shown.returncode == 0, shown.stderr
    assert PELICAN_ENGLISH in shown.stdout
    quiet = subprocess.run(
        [sys.executable, "-m", "disclosure.commands.run_pelican", "content", "-s", "publishconf.py", "-o", "site"],
        cwd=repo, env=admin_env(repo), capture_output=True, text=True, timeout=900)
    assert quiet.returncode == 0 and PELICAN_ENGLISH not in quiet.stdout + quiet.stderr


def test_validate_and_check_and_template_run_through_the_entry_point(repo):
    validated = disclosure(repo, "validate")
    assert validated.returncode == 0 and "检查通过" in validated.stdout, validated.stderr
    unbuilt = disclosure(repo, "check")
    assert unbuilt.returncode != 0
    written = disclosure(repo, "template", "模板.xlsx")
    assert written.returncode == 0 and (repo / "模板.xlsx").is_file(), written.stderr
    refused = disclosure(repo, "publish", str(repo.parent / "www"))
    assert refused.returncode != 0 and not (repo.parent / "www").exists()  # nothing built to publish yet


@pytest.mark.parametrize("target, remote", [
    (r"C:\www\zfgs", False), ("D:/www/zfgs", False), ("E:", False), (r"\\server\share\zfgs", False),
    ("/var/www/zfgs", False), ("www", False),
    ("deploy@www.example.gov.cn:/var/www/zfgs", True), ("www.example.gov.cn:/var/www/zfgs", True), ("host:", True),
])
def test_a_windows_drive_is_a_local_publish_target(target, remote):
    from disclosure.commands.deploy import REMOTE

    assert bool(REMOTE.match(target)) is remote


def test_makefile_runs_the_entry_point(repo, tmp_path):
    require_tool("make", "apt-get install make")
    stamp = tmp_path / "bin" / ".requirements-installed"
    for target, expected in (("build", "-m disclosure build"), ("serve", "-m disclosure serve"),
                             ("validate", "-m disclosure validate"), ("check", "-m disclosure check"),
                             ("publish", "-m disclosure publish"), ("template", "-m disclosure template")):
        dry = subprocess.run(["make", "-n", f"BIN={tmp_path / 'bin'}", "-o", str(stamp), target], cwd=repo,
                             capture_output=True, text=True, timeout=60)
        assert dry.returncode == 0, dry.stderr
        assert expected in dry.stdout, (target, dry.stdout)
    assert "--verbose" in subprocess.run(["make", "-n", f"BIN={tmp_path / 'bin'}", "-o", str(stamp), "build", "VERBOSE=1"],
                                         cwd=repo, capture_output=True, text=True, timeout=60).stdout


def test_requirements_install_the_plugin_so_python_m_disclosure_works_anywhere(repo, tmp_path):
    """What `pip install -r requirements.txt` does with its last line, `-e .` (the other lines
    are left out: the package index is asked only for the build backend)."""
    assert (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == "-e ."
    shutil.copy2(ROOT / "pyproject.toml", repo / "pyproject.toml")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_CONSTRAINT")}
    installed = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "-e", "."], cwd=repo, env=env,
                               capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    found = subprocess.run([str(python), "-c", "import importlib.util; print(importlib.util.find_spec('disclosure').origin)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert found.stdout.strip() == str(repo / "plugins" / "disclosure" / "__init__.py"), found.stderr


# -- the preview ---------------------------------------------------------------------------------

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, server, what):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the preview stopped while waiting for {what}: {server.returncode}")
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"the preview did not show {what} within {WAIT_SECONDS} s")


def preview_pages(preview, folder):
    return [p.read_text(encoding="utf-8") for p in (preview / folder).glob("*.html")] if (preview / folder).is_dir() else []


def set_cell(path, record_id, column, value):
    def change(rows):
        header = rows[0]
        id_index = header.index("行政处罚决定书文号")
        for row in rows[1:]:
            if row[id_index] == record_id:
                row[header.index(column)] = value
    rewrite_csv(path, change)


def test_serve_rebuilds_the_preview_when_data_changes(repo, tmp_path):
    port = free_port()
    preview = repo / ".preview"
    (repo / "output").mkdir()
    (repo / "output" / "index.html").write_text("the published site", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "disclosure", "serve", "--port", str(port)], cwd=repo,
                              env=admin_env(repo, DISCLOSURE_REPORT_DIR=str(tmp_path / "reports")),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    penalties = repo / "data" / "decisions" / "penalties.csv"
    record = LANDMARKS["penalty_published"]["id"]
    try:
        # The search index is the build's last step.
        wait_for(lambda: (preview / "pagefind" / "pagefind.js").is_file(), server, "the first build")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=30) as response:
            assert response.status == 200 and response.headers["Cache-Control"] == "no-store"
            assert "行政执法公示专栏" in response.read().decode("utf-8")
        for path, kind in (("pagefind/pagefind.js", "text/javascript"), ("favicon.svg", "image/svg+xml")):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as response:
                assert response.headers["Content-Type"] == kind, path

        set_cell(penalties, record, "违法事实", "预览重新生成测试：改动后的违法事实。")
        wait_for(lambda: any("预览重新生成测试" in page for page in preview_pages(preview, "penalties")),
                 server, "the changed CSV row")

        set_cell(penalties, record, "处罚决定日期", "2026-02-30")
        index = preview / "index.html"
        wait_for(lambda: index.is_file() and "预览未生成" in index.read_text(encoding="utf-8"), server, "the error page")
        page = index.read_text(encoding="utf-8")
        assert "penalties.csv" in page and "2026-02-30" in page and "处罚决定日期" in page
        assert not (preview / "penalties").exists()  # no page of the old data stays behind

        set_cell(penalties, record, "处罚决定日期", "2026-03-02")
        wait_for(lambda: len(preview_pages(preview, "penalties")) > 1, server, "the site again after the fix")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        log = server.communicate(timeout=60)[0]
    assert (repo / "output" / "index.html").read_text(encoding="utf-8") == "the published site"
    assert "预览地址：http://localhost:" in log and "重新生成预览" in log and PELICAN_ENGLISH not in log


def test_serve_says_so_when_the_port_is_taken(repo):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused = disclosure(repo, "serve", "--port", str(port))
    assert refused.returncode == 2 and "端口" in refused.stderr and "--port" in refused.stderr


# -- favicon and robots.txt ----------------------------------------------------------------------

def with_settings(folder, *lines):
    """publishconf.py plus lines, as a settings file in folder."""
    settings = Path(settings_with_content(folder, ROOT / "content"))
    settings.write_text(settings.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
    return str(settings)


def test_every_page_has_the_local_favicon(example_site):
    icon = example_site / "favicon.svg"
    assert icon.is_file() and icon.read_text(encoding="utf-8").startswith("<svg")
    assert 'fill="#a61b1b"' in icon.read_text(encoding="utf-8")
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 200
    for page in pages:
        assert '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in page.read_text(encoding="utf-8"), page


def test_robots_txt_names_the_sitemap_and_the_settings_paths(example_site):
    robots = (example_site / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines() == ["User-agent: *", "Disallow: /pagefind/", "",
                                   "Sitemap: https://fgw.example.gov.cn/sitemap.xml"]


def test_favicon_colour_and_robots_follow_the_settings(tmp_path, small_data):
    from conftest import assert_built, build_site

    settings = with_settings(tmp_path, "SITE_FAVICON_COLOR = '#1d4f91'", "SITE_ROBOTS_DISALLOW = ['/']",
                             "SITEURL = '/zfgs'")
    output = tmp_path / "out"
    assert_built(build_site(output, small_data, settings=settings))
    assert 'fill="#1d4f91"' in (output / "favicon.svg").read_text(encoding="utf-8")
    assert 'href="/zfgs/favicon.svg"' in (output / "index.html").read_text(encoding="utf-8")
    robots = (output / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /zfgs/\n" in robots and "Sitemap: https://fgw.example.gov.cn/zfgs/sitemap.xml" in robots


def test_a_bad_favicon_colour_stops_the_build_in_chinese(tmp_path, small_data):
    from conftest import build_site

    settings = with_settings(tmp_path, "SITE_FAVICON_COLOR = 'red\"/><script>'")
    process = build_site(tmp_path / "out", small_data, settings=settings)
    assert process.returncode != 0
    assert "SITE_FAVICON_COLOR" in process.stderr and "不是颜色" in process.stderr


# -- the documentation ---------------------------------------------------------------------------

DOCS = [ROOT / "README.md", ROOT / "docs" / "管理员指南.md"]


def documented_commands():
    """Every `python -m disclosure …` command line written in the README and the admin guide."""
    import re

    found = []
    for doc in DOCS:
        for match in re.finditer(r"python -m disclosure ([^`|\n，。（）]*)", doc.read_text(encoding="utf-8")):
            words = match.group(1).replace("…", "").split()
            if words and words[0] != "…":
                found.append((doc.name, words))
    return found


def test_every_documented_command_is_one_the_entry_point_takes():
    from disclosure.commands.cli import COMMANDS, parser

    commands = documented_commands()
    assert {words[0] for _, words in commands} >= set(COMMANDS)
    for doc, words in commands:
        if words[0] not in COMMANDS:
            continue  # "python -m disclosure …" in prose
        try:
            parser().parse_args([w for w in words if w != "…"])
        except SystemExit as exit:
            assert exit.code == 0, (doc, words)  # --help exits 0


def test_the_guide_never_sends_anyone_to_open_site_files_from_disk():
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        assert "打开 `output/index.html`" not in text and "file://" not in text, doc
    guide = (ROOT / "docs" / "管理员指南.md").read_text(encoding="utf-8")
    for step in ("py -m venv .venv", r".venv\Scripts\python -m pip install -r requirements.txt",
                 r".venv\Scripts\python -m disclosure serve", "http://localhost:8000/index.html",
                 "GitHub Desktop", "Git for Windows", "python.org", "CI 运行失败时", "模板"):
        assert step in guide, step
