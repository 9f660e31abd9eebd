"""make city: the example city's three agencies, built in parallel by the normal build
command, and the portal over them, in a folder of the test's own (CITY=)."""

import json
import os
import subprocess

from conftest import ROOT
from disclosure.portal.city import EXAMPLE_AGENCIES


def test_make_city_builds_three_agencies_and_the_portal(tmp_path):
    city = tmp_path / "city"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCLOSURE_", "PORTAL_", "MAKE"))}
    process = subprocess.run(["make", "city", f"CITY={city}", "CITY_DECISIONS=24", "CITY_JOBS=3"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert process.returncode == 0, process.stdout[-3000:] + process.stderr[-3000:]
    names = [entry[1] for entry in EXAMPLE_AGENCIES]
    listing = json.loads((city / "agencies.json").read_text(encoding="utf-8"))
    assert [entry["name"] for entry in listing] == names
    for slug, name, *_ in EXAMPLE_AGENCIES:
        site = city / "www" / slug
        assert (site / ".disclosure-build").is_file(), "each agency is built by the normal build command"
        package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
        assert package["title"] == f"{name}行政执法公示数据"
        assert f'href="/{slug}/' in (site / "index.html").read_text(encoding="utf-8"), "served under /<slug>"
    portal = city / "www" / "portal"
    marker = json.loads((portal / ".disclosure-portal").read_text(encoding="utf-8"))
    assert sorted(marker["agencies"]) == sorted(slug for slug, *_ in EXAMPLE_AGENCIES)
    home = (portal / "index.html").read_text(encoding="utf-8")
    assert all(name in home for name in names)
    assert 'href="/portal/search.html"' in home
    assert "平台已生成" in process.stdout
