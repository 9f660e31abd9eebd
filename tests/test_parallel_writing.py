"""The build writes part of its pages in a second process (outputs/beside.py): every page and
download is still there, in the bytes the one-process way writes, and a failure there fails the build."""

import json
from datetime import date

import pytest
from pelican.settings import read_settings

from conftest import EXAMPLE_AS_OF, ROOT
from disclosure import pipeline
from disclosure.data import schema
from disclosure.outputs.beside import Beside
from disclosure.outputs.exports import _indented_payload, export_records, record_as_json, site_base


def test_a_failing_job_fails_the_wait(capfd):
    def job():
        raise ValueError("写不出来")

    beside = Beside(job)
    with pytest.raises(RuntimeError, match="并行写出的进程失败"):
        beside.wait()
    assert "写不出来" in capfd.readouterr().err


def test_a_job_writes_in_its_own_process(tmp_path):
    target = tmp_path / "written.txt"
    beside = Beside(lambda: target.write_text("已写出", encoding="utf-8"))
    beside.wait()
    assert target.read_text(encoding="utf-8") == "已写出"


@pytest.fixture(scope="module")
def gate_result():
    settings = read_settings(str(ROOT / "publishconf.py"))
    return pipeline.run(settings, ROOT / "data", date.fromisoformat(EXAMPLE_AS_OF))


def test_every_decision_has_its_page_and_download(example_site, gate_result):
    # The second process writes every third page and all downloads: none may be missing.
    for table in schema.DECISION_TABLES:
        records = gate_result.published[table.key]
        assert len(records) >= 3
        for record in records:
            page = (example_site / record.url).read_text(encoding="utf-8")
            assert record.id in page
            download = json.loads((example_site / f"{table.key}/{record.slug}.json").read_text(encoding="utf-8"))
            assert download["数据"][table.id_column] == record.id


def test_downloads_are_the_bytes_of_json_dumps_with_indent(tmp_path, gate_result):
    weird = {"a": 1.5, "b": None, "c": 'x"\\\n\u2028', "d": 3, "e": "示例"}
    for values in ({}, weird):
        expected = json.dumps({"数据生成日期": "2026-11-20", "数据": values}, ensure_ascii=False, indent=1) + "\n"
        assert _indented_payload('"2026-11-20"', values) == expected
    records = [r for t in schema.DECISION_TABLES for r in gate_result.published[t.key]]
    settings = read_settings(str(ROOT / "publishconf.py"))
    export_records(records, tmp_path, gate_result.as_of, settings)
    for record in records:
        expected = json.dumps({"数据生成日期": gate_result.as_of.isoformat(), "数据": record_as_json(record, site_base(settings))},
                              ensure_ascii=False, indent=1) + "\n"
        assert (tmp_path / f"{record.table.key}/{record.slug}.json").read_text(encoding="utf-8") == expected
