"""`make build` passes its own leak check on the example data at any as-of date in 2024–2027.

One build per half-year (and the last day): records move between scheduled, published,
expired and withdrawn, lists' items come into force and are repealed, officers' cards
expire. A false positive in any state fails the build with exit code 3.
"""

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

DATES = ("2024-01-01", "2024-07-01", "2025-01-01", "2025-07-01", "2026-01-01", "2026-07-01",
         "2027-01-01", "2027-07-01", "2027-12-31")


@pytest.mark.parametrize("as_of", DATES)
def test_make_build_passes_the_leak_check_on_the_example(as_of, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSURE_")}
    env.update(PYTHONPATH=str(ROOT / "plugins"), DISCLOSURE_AS_OF=as_of, DISCLOSURE_REPORT_DIR=str(tmp_path / "reports"),
               DISCLOSURE_SEARCH_CACHE="")
    process = subprocess.run(
        [sys.executable, "-m", "disclosure.commands.build", "--settings", "publishconf.py", "--output",
         str(tmp_path / "output")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert process.returncode == 0, process.stdout[-2000:] + process.stderr[-4000:]
    assert "泄露检查：0 处发现" in process.stdout
    stages = json.loads((tmp_path / "reports" / "build-timings.json").read_text(encoding="utf-8"))["stages"]
    assert stages["leak_check"]["wall_seconds"] > 0  # the leak check is a stage of its own
