"""Shared by the portal tests: three small agencies built for real, and the portal over them."""

import json
import os
import shutil
import subprocess
import sys

from conftest import EXAMPLE_AS_OF, ROOT, assert_built, build_site
from disclosure.portal.city import EXAMPLE_AGENCIES, write_agency

DECISIONS = 24


def make_agency(folder, index):
    slug, name, prefix, certificates, body, seed = EXAMPLE_AGENCIES[index]
    write_agency(folder, slug, name, prefix, certificates, body, seed, DECISIONS)
    return {"slug": slug, "name": name, "prefix": prefix, "folder": folder, "output": folder / "output",
            "data": folder / "data", "settings": folder / "agencyconf.py", "url": f"/{slug}"}


def build_agency(agency, as_of=EXAMPLE_AS_OF):
    if agency["output"].exists():
        shutil.rmtree(agency["output"])
    assert_built(build_site(agency["output"], agency["data"], as_of=as_of, settings=str(agency["settings"]),
                            DISCLOSURE_SITEURL=agency["url"]))


def portal_settings(folder, agencies, **settings):
    """A portal settings file over these agencies (portalconf.py with its own list)."""
    listing = [{"slug": a["slug"], "name": a["name"], "output": str(a["output"]), "url": a["url"]} for a in agencies]
    path = folder / "testportalconf.py"
    lines = [f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom portalconf import *\n",
             f"PORTAL_AGENCIES = {listing!r}\nPORTAL_AGENCIES_FILE = ''\nPORTAL_AS_OF = {EXAMPLE_AS_OF!r}\n",
             f"PORTAL_THEME = {str(ROOT / 'portal-theme')!r}\nPORTAL_CSS = {str(ROOT / 'theme/static/css/site.css')!r}\n"]
    lines += [f"{key} = {value!r}\n" for key, value in settings.items()]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def build_portal(settings, output, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "DISCLOSURE_"))}
    clean["PYTHONPATH"] = str(ROOT / "plugins")
    clean.update(env)
    return subprocess.run([sys.executable, "-m", "disclosure.portal.build", "--settings", str(settings), "--output", str(output)],
                          cwd=ROOT, env=clean, capture_output=True, text=True, timeout=900)


def leak_check(site, agency, as_of=EXAMPLE_AS_OF):
    """The agencies' own leak check (checks/scanner.py), with this agency's data, over any folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSURE_")}
    env.update(PYTHONPATH=str(ROOT / "plugins"), DISCLOSURE_AS_OF=as_of, DISCLOSURE_DATA_DIR=str(agency["data"]))
    return subprocess.run([sys.executable, "-m", "disclosure.checks.scanner", str(site), "--settings", str(agency["settings"])],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def search(portal, query, filters=None, agency=None):
    from conftest import require_tool

    node = require_tool("node", "apt-get install nodejs")
    process = subprocess.run(
        [node, str(ROOT / "tests" / "portal_query.mjs"), str(portal), query, json.dumps(filters or {}, ensure_ascii=False),
         agency or ""], capture_output=True, text=True, timeout=300,
    )
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)
