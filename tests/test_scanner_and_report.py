"""The leak scanner catches planted leaks however they are encoded; the report tells admins what is late."""

import gzip
import json
import shutil

import pytest
from pelican.settings import read_settings

from conftest import EXAMPLE_AS_OF, ROOT
from disclosure.checks import scanner
from disclosure.testing.synthetic import LANDMARKS


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(ROOT / "publishconf.py"))


def check(site, settings):
    from datetime import date

    return scanner.check_site(site, settings, ROOT / "data", date.fromisoformat(EXAMPLE_AS_OF))


def test_example_site_is_clean(example_site, settings):
    assert check(example_site, settings) == []


@pytest.fixture
def site_copy(example_site, tmp_path):
    return shutil.copytree(example_site, tmp_path / "site")


def test_withdrawn_number_in_a_page_is_caught(site_copy, settings):
    page = site_copy / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + LANDMARKS["penalty_revoked"]["id"], encoding="utf-8")
    findings = check(site_copy, settings)
    assert [(f, LANDMARKS["penalty_revoked"]["id"] in msg) for f, msg in findings] == [("index.html", True)]


def test_leak_hidden_in_a_compressed_fragment_with_zero_width_spaces_is_caught(site_copy, settings):
    name = "\u200b".join(LANDMARKS["penalty_expired"]["name"])
    fragment = next((site_copy / "pagefind" / "fragment").iterdir())
    payload = b"pagefind_dcd" + json.dumps({"content": name}).encode("ascii")  # JSON-escaped too
    fragment.write_bytes(gzip.compress(payload))
    findings = check(site_copy, settings)
    assert any(f.startswith("pagefind/fragment/") and "示例市旧城物流有限公司" in msg for f, msg in findings)


def test_html_escaped_full_name_and_unmasked_numbers_are_caught(site_copy, settings):
    escaped = "".join(f"&#{ord(c)};" for c in LANDMARKS["penalty_natural_person"]["name"])
    (site_copy / "extra.html").write_text(
        f"<p>{escaped} 11010519491231002X 13912345678</p>", encoding="utf-8",
    )
    messages = [msg for f, msg in check(site_copy, settings) if f == "extra.html"]
    assert any("自然人全名" in m for m in messages)
    assert any("身份证号码" in m for m in messages)
    assert any("手机号码" in m for m in messages)


def test_scanner_command_fails_on_a_leak(site_copy):
    import os
    import subprocess
    import sys

    (site_copy / "leak.csv").write_text(LANDMARKS["penalty_scheduled"]["id"], encoding="utf-8")
    env = {**os.environ, "DISCLOSURE_AS_OF": EXAMPLE_AS_OF, "PYTHONPATH": str(ROOT / "plugins")}
    env.pop("DISCLOSURE_DATA_DIR", None)
    process = subprocess.run(
        [sys.executable, "-m", "disclosure.checks.scanner", str(site_copy)], cwd=ROOT, env=env,
        capture_output=True, text=True,
    )
    assert process.returncode == 1
    assert "leak.csv" in process.stderr and "泄露检查未通过" in process.stderr


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


def test_a_longer_public_name_is_not_taken_for_a_shorter_secret_name(tmp_path):
    (tmp_path / "officers.html").write_text("<td>田强华</td>", encoding="utf-8")
    (tmp_path / "leak.html").write_text("<p>当事人田强于</p>", encoding="utf-8")
    findings = scanner.scan(tmp_path, {"田强": "自然人全名"}, allowed=["田强华"])
    assert findings == [("leak.html", "自然人全名：田强")]


def test_two_character_names_are_looked_for_in_their_own_record_only(tmp_path):
    (tmp_path / "lists").mkdir()
    (tmp_path / "penalties").mkdir()
    (tmp_path / "lists" / "matters.html").write_text("<td>工程建设项目招标投标</td>", encoding="utf-8")
    (tmp_path / "penalties" / "abc.html").write_text("<p>当事人程建于</p>", encoding="utf-8")
    findings = scanner.scan(tmp_path, {}, own_file_secrets={"penalties/abc.html": {"程建": "自然人全名"}})
    assert findings == [("penalties/abc.html", "自然人全名：程建")]
