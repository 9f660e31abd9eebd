"""Open data for journalists: the data package, CSV/JSON files, Atom feeds and yearly statistics."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import pandas as pd
import pytest
from pelican.settings import read_settings

from conftest import EXAMPLE_AS_OF, ROOT
from disclosure import pipeline
from disclosure.data import schema
from disclosure.outputs.exports import export_columns, row_values, site_base
from disclosure.testing.synthetic import LANDMARKS
from disclosure.data.validation import split_multi

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def gate_result():
    settings = read_settings(str(ROOT / "publishconf.py"))
    return pipeline.run(settings, ROOT / "data", date.fromisoformat(EXAMPLE_AS_OF))


def test_data_package_validates_with_frictionless(example_site):
    from frictionless import validate

    report = validate(str(example_site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((example_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    penalties = next(r for r in package["resources"] if r["name"] == "penalties")
    fields = {f["name"]: f for f in penalties["schema"]["fields"]}
    assert fields["处罚决定日期"]["type"] == "date" and fields["罚款金额（万元）"]["type"] == "number"
    assert fields["行政相对人类别"]["constraints"]["enum"] == list(schema.PARTY_TYPES)
    assert "证件号码" not in fields


@pytest.mark.parametrize("table", schema.ALL_TABLES, ids=lambda t: t.key)
def test_every_csv_has_a_bom_and_round_trips_to_the_published_records(example_site, gate_result, table):
    path = example_site / "data" / f"{table.key}.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(frame.columns) == [c.name for c in export_columns(table)]
    published = gate_result.published[table.key]
    base = site_base(read_settings(str(ROOT / "publishconf.py")))
    assert frame.to_dict("records") == [row_values(r, base) for r in published]
    rows = json.loads((example_site / "data" / f"{table.key}.json").read_text(encoding="utf-8"))
    as_text = [{k: "" if v is None else (f"{v:g}" if isinstance(v, (int, float)) else v) for k, v in row.items()}
               for row in rows]
    assert as_text == frame.to_dict("records")


def test_csv_dates_are_iso_and_amounts_are_numbers(example_site):
    frame = pd.read_csv(example_site / "data" / "penalties.csv", encoding="utf-8-sig", keep_default_na=False, dtype=str)
    assert frame["处罚决定日期"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    numbers = pd.to_numeric(frame["罚款金额（万元）"].replace("", "0"))
    assert numbers.dtype.kind == "f" and (numbers >= 0).all()
    rows = json.loads((example_site / "data" / "penalties.json").read_text(encoding="utf-8"))
    assert all(isinstance(r["罚款金额（万元）"], (int, float)) for r in rows if r["罚款金额（万元）"] is not None)


def test_withdrawn_record_is_in_no_data_file_or_feed(example_site):
    withdrawn = [LANDMARKS[k]["id"] for k in ("penalty_revoked", "penalty_expired", "penalty_scheduled", "permit_reissued")]
    for path in list((example_site / "data").iterdir()) + list((example_site / "feeds").iterdir()):
        if path.suffix == ".xlsx":
            from openpyxl import load_workbook

            text = "\n".join(str(v) for row in load_workbook(path).active.iter_rows(values_only=True) for v in row)
        else:
            text = path.read_text(encoding="utf-8-sig")
        assert not [w for w in withdrawn if w in text], path


def test_feeds_are_valid_atom_with_only_published_decisions(example_site, gate_result):
    published_titles = {r.title for t in schema.DECISION_TABLES for r in gate_result.published[t.key]}
    for name in ("all", "penalties", "permits", "others"):
        root = ET.parse(example_site / "feeds" / f"{name}.atom.xml").getroot()
        assert root.tag == f"{ATOM}feed"
        for element in ("id", "title", "updated"):
            assert root.find(f"{ATOM}{element}") is not None and root.find(f"{ATOM}{element}").text
        assert root.find(f"{ATOM}link[@rel='self']") is not None
        entries = root.findall(f"{ATOM}entry")
        assert entries
        for entry in entries:
            for element in ("id", "title", "updated"):
                assert entry.find(f"{ATOM}{element}").text, element
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00\+08:00", entry.find(f"{ATOM}updated").text)
            assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("https://fgw.example.gov.cn/")
            assert entry.find(f"{ATOM}title").text in published_titles
        if name != "all":
            assert all(f"/{name}/" in e.find(f"{ATOM}link").get("href") for e in entries)


def figure(page, element_id):
    return re.search(rf'id="{element_id}">([^<]+)<', page).group(1)


def test_statistics_page_numbers_equal_a_pandas_computation(example_site):
    """Every decision of the year ever lawfully published counts (public now or its publicity
    over), computed from the source data and the report's states; withdrawals apart."""
    source = {t.key: pd.read_csv(ROOT / "data" / t.path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
              for t in schema.DECISION_TABLES}
    report = json.loads((example_site.parent / "reports" / "compliance.json").read_text(encoding="utf-8"))
    state_of = {(r["table"], r["id"]): r for r in report["records"]}
    for year in (2025, 2026):
        page = (example_site / "statistics" / f"{year}.html").read_text(encoding="utf-8")
        in_year, withdrawn, entries = {}, 0, []
        for t in schema.DECISION_TABLES:
            frame = source[t.key][pd.to_datetime(source[t.key][t.date_column]).dt.year == year]
            states = frame[t.id_column].map(lambda i, key=t.key: state_of[(key, i)]["state"])
            in_year[t.key] = frame[states.isin(["published", "expired"])]
            withdrawn += int((states == "withdrawn").sum())
            entries += [state_of[(t.key, i)] for i in in_year[t.key][t.id_column]]
        total = sum(len(f) for f in in_year.values())
        assert total > 0
        assert figure(page, "stat-total") == f"{total} 件"
        assert figure(page, "stat-withdrawn").startswith(f"{withdrawn} 件")
        fines = pd.to_numeric(in_year["penalties"]["罚款金额（万元）"].replace("", "0")).sum()
        assert figure(page, "stat-fines") == f"{fines:.2f} 万元"
        known = [e for e in entries if e.get("publish_date")]
        on_time = sum(e["publish_date"] <= e["due_date"] for e in known)
        expected = f"{on_time} 件，占有公开日期的 {len(known)} 件的 {on_time / len(known) * 100:.1f}%"
        if len(known) < total:
            expected += f"；另有 {total - len(known)} 件没有记录公开日期，无法判断"
        assert figure(page, "stat-on-time") == expected
        penalty_types = in_year["penalties"]["处罚类别"].map(split_multi).explode().value_counts()
        for kind, count in penalty_types.items():
            assert f'<tr><th scope="row">{kind}</th><td>{count}</td></tr>' in page, (year, kind)
        permit_types = in_year["permits"]["许可类别"].value_counts()
        for kind, count in permit_types.items():
            assert f'<tr><th scope="row">{kind}</th><td>{count}</td></tr>' in page
        others = in_year["others"]["执法类别"].value_counts()
        for kind, count in others.items():
            assert f'<tr><th scope="row">{kind}</th><td>{count}</td></tr>' in page
        assert page.count("<svg") == 4


def test_sparse_year_says_so_instead_of_drawing(small_data, tmp_path):
    from conftest import assert_built, build_site

    output = tmp_path / "out"
    assert_built(build_site(output, small_data))
    pages = {p.name: p.read_text(encoding="utf-8") for p in (output / "statistics").glob("20*.html")}
    assert pages
    sparse = [name for name, text in pages.items() if "数量太少，不绘制统计图" in text]
    assert sparse and all("<svg" not in pages[name] for name in sparse)


def test_decision_page_links_to_its_json_row(example_site, gate_result):
    record = next(r for r in gate_result.published["penalties"] if r.id == LANDMARKS["penalty_published"]["id"])
    page = (example_site / record.url).read_text(encoding="utf-8")
    assert f'href="/penalties/{record.slug}.json"' in page and "下载本条数据" in page and "数据生成于 2026年11月20日" in page
    row = json.loads((example_site / "penalties" / f"{record.slug}.json").read_text(encoding="utf-8"))
    assert row["数据生成日期"] == EXAMPLE_AS_OF and row["数据"]["行政处罚决定书文号"] == record.id


def test_statistics_charts_render_in_a_browser(browser, served_example, tmp_path):
    page = browser.new_page(viewport={"width": 1024, "height": 900})
    page.goto(f"{served_example}/statistics/2025.html")
    sizes = page.eval_on_selector_all("svg.chart", "els => els.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])")
    assert len(sizes) == 4 and all(w >= 300 and h >= 100 for w, h in sizes)
    bars = page.eval_on_selector_all("svg.chart rect", "els => els.map(e => e.getBoundingClientRect().width)")
    assert max(bars) > 200
    shots = ROOT / "screenshots"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "statistics-2025-desktop.png"), full_page=True)
    page.close()
