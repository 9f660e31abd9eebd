"""Shared fixtures: real builds of real sites, through Pelican's command line."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# CI runs the same property-test examples every time (new ones are explored on developers'
# machines, where a failure can be looked at); locally Hypothesis draws fresh examples.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
# Builds run with the documented public URL key (tests compute URLs with PUBLIC_URL_KEY); a
# developer's own DISCLOSURE_URL_KEY must not reach the in-process pipeline runs either.
os.environ.pop("DISCLOSURE_URL_KEY", None)
EXAMPLE_AS_OF = "2026-11-20"
PELICAN = [sys.executable, "-m", "pelican"]


def build_site(output, data_dir=None, as_of=EXAMPLE_AS_OF, settings="publishconf.py", content="content", **extra_env):
    """Build the site like an admin would; return the finished process (never raises)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSURE_")}
    env["DISCLOSURE_AS_OF"] = as_of
    if data_dir is not None:
        env["DISCLOSURE_DATA_DIR"] = str(data_dir)
    env["DISCLOSURE_REPORT_DIR"] = str(Path(output).parent / "reports")
    env.update(extra_env)
    return subprocess.run(
        PELICAN + [str(content), "-s", settings, "-o", str(output)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )


def settings_with_content(folder, content):
    """A settings file that builds from another content folder (a copy a test may break)."""
    settings = Path(folder) / "contentconf.py"
    settings.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from publishconf import *\n"
        f"PATH = {str(content)!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n",
        encoding="utf-8",
    )
    return str(settings)


def _every_penalty_settings():
    """A settings file whose publicity profile publishes every ordinary-procedure penalty for
    three years: for tests of input formats, whose rows must all reach the outputs whatever
    their class under the agency's real profile (tests/test_publicity_profiles.py tests those)."""
    import atexit
    import tempfile

    folder = tempfile.mkdtemp(prefix="every-penalty-")
    atexit.register(shutil.rmtree, folder, True)  # one per test run, not one left behind per run
    path = Path(folder) / "everypenaltyconf.py"
    path.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from publishconf import *\n"
        "_samr = DISCLOSURE_PUBLICITY_PROFILES['samr45']\n"
        "DISCLOSURE_PUBLICITY_PROFILES = {**DISCLOSURE_PUBLICITY_PROFILES, 'every_penalty': {\n"
        "    **_samr, 'title': '测试：普通程序的行政处罚一律公示三年',\n"
        "    'months': {'轻微': 36, '一般': 36, '严重': 36}, 'unpublished': _samr['unpublished'][:1]}}\n"
        "DISCLOSURE_PUBLICITY_PROFILE = 'every_penalty'\n"
        f"PATH = {str(ROOT / 'content')!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n",
        encoding="utf-8",
    )
    return str(path)


EVERY_PENALTY_SETTINGS = _every_penalty_settings()


def require_tool(name, install_hint):
    """The path of a system tool the tests need. Missing on a developer's machine: skip, saying
    how to install it; in CI (.ci/run sets DISCLOSURE_REQUIRE_SYSTEM_TOOLS) a missing tool fails."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} 未安装，相关测试无法运行：{install_hint}"
    if os.environ.get("DISCLOSURE_REQUIRE_SYSTEM_TOOLS"):
        pytest.fail(message)
    pytest.skip(message)


def assert_built(process):
    assert process.returncode == 0, process.stdout + process.stderr


@pytest.fixture(scope="session")
def example_site(tmp_path_factory):
    """The example agency's site as of EXAMPLE_AS_OF."""
    output = tmp_path_factory.mktemp("example") / "output"
    # Small shards, so every search test also crosses shard boundaries.
    process = build_site(output, DISCLOSURE_SEARCH_SHARD_PAGES="100")
    assert_built(process)
    return output


@pytest.fixture
def small_data(tmp_path):
    """A fresh copy of a small generated dataset that a test may break."""
    from disclosure.testing.synthetic import write_dataset

    data = tmp_path / "data"
    write_dataset(data, n_decisions=24, seed=7)
    return data


def tree_snapshot(folder):
    """Every file's bytes under folder, keyed by relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(Path(folder).rglob("*")) if p.is_file()
    }


def background_deletions_done(folder, timeout=60):
    """Wait (at most timeout seconds) until make build's background deletions in folder are over:
    a replaced site and the used staging folder are deleted after the command returns."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and [p for p in Path(folder).iterdir() if ".deleting-" in p.name]:
        time.sleep(0.1)


def copy_example_data(target):
    shutil.copytree(ROOT / "data", target)
    return target


CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    chromium = require_tool("chromium", "apt-get install chromium fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def served_example(example_site):
    """The example site over loopback HTTP, as a browser sees it."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(example_site))

    class QuietHandler(handler.func):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(example_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
