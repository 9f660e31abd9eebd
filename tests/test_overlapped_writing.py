"""The build overlaps its one-core stages (generator.py): the compliance report is written by a
forked process, and the second page-writing process starts before the data files and feeds.
A failure in either still fails the build; the split of decision pages covers every page once."""

import json
from types import SimpleNamespace

import pytest

from conftest import build_site
from disclosure import generator
from disclosure.data import schema
from disclosure.outputs.beside import Beside


def _result(sizes):
    published = {
        table.key: [SimpleNamespace(url=f"{table.key}/{i}.html") for i in range(size)]
        for table, size in zip(schema.DECISION_TABLES, sizes)
    }
    return SimpleNamespace(published=published)


def test_a_third_is_every_third_page_as_before(monkeypatch):
    monkeypatch.setattr(generator, "BESIDE_DECISION_SHARE", generator.Fraction(1, 3))
    result = _result([10, 7, 1])
    expected = {r.url for t in schema.DECISION_TABLES for r in result.published[t.key][2::3]}
    assert generator.beside_share(result) == expected


@pytest.mark.parametrize("size", [0, 1, 2, 5, 99, 1000])
def test_the_share_is_spread_evenly_over_each_table(size):
    share = generator.BESIDE_DECISION_SHARE
    assert 0 < share < 1
    result = _result([size] * len(schema.DECISION_TABLES))
    chosen = generator.beside_share(result)
    for table in schema.DECISION_TABLES:
        taken = [i for i, r in enumerate(result.published[table.key]) if r.url in chosen]
        assert len(taken) == int(size * share)
        # Evenly: no run of pages left to the main process is longer than the share allows.
        gaps = [b - a for a, b in zip([-1] + taken, taken + [size])]
        assert max(gaps, default=0) <= -(-1 // share) + 1


def test_a_forked_job_reports_its_wall_and_cpu_seconds(tmp_path):
    beside = Beside(lambda: (tmp_path / "x.txt").write_text("写出", encoding="utf-8"))
    assert beside.seconds is None
    beside.wait()
    wall, cpu = beside.seconds
    assert wall >= 0 and cpu >= 0
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "写出"


def test_the_report_and_both_forks_are_in_the_timings(tmp_path):
    process = build_site(tmp_path / "output")
    assert process.returncode == 0, process.stderr[-4000:]
    reports = tmp_path / "reports"
    stages = json.loads((reports / "build-timings.json").read_text(encoding="utf-8"))["stages"]
    for name in ("data_files_and_feeds", "render_pages", "render_pages_beside", "compliance_report"):
        assert name in stages
    # Written in full by the forked process before the build ended.
    report = json.loads((reports / "compliance.json").read_text(encoding="utf-8"))
    assert report["records"] and report["as_of"]
    assert (reports / "compliance.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_a_report_that_cannot_be_written_fails_the_build(tmp_path):
    reports = tmp_path / "reports"
    (reports / "compliance.html").mkdir(parents=True)  # a folder where the report's file goes
    process = build_site(tmp_path / "output")
    assert process.returncode != 0
    assert "Is a directory" in process.stderr and "compliance.html" in process.stderr
