"""The city portal over three agencies built for real: merged data, home page, certificate
check, search across agencies with the agency filter, statistics, and byte-identical rebuilds."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from conftest import tree_snapshot
from portal_city import build_agency, build_portal, leak_check, make_agency, portal_settings, search

DECISION_TABLES = ("penalties", "permits", "others")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    root = tmp_path_factory.mktemp("city")
    agencies = [make_agency(root / f"agency{i}", i) for i in range(3)]
    for agency in agencies:
        build_agency(agency)
    settings = portal_settings(root, agencies)
    portal = root / "portal"
    process = build_portal(settings, portal)
    assert process.returncode == 0, process.stdout + process.stderr
    return {"root": root, "agencies": agencies, "settings": settings, "portal": portal}


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_merged_csv_is_every_agency_row_with_its_agency(city):
    for table in DECISION_TABLES + ("officers", "matters"):
        header, rows = read_csv(city["portal"] / "data" / f"{table}.csv")
        expected = []
        for agency in city["agencies"]:
            agency_header, agency_rows = read_csv(agency["output"] / "data" / f"{table}.csv")
            assert header[1:] == agency_header
            assert agency_rows, f"{agency['name']} publishes no {table}: the test would prove nothing"
            expected += [[agency["name"]] + row for row in agency_rows]
        assert rows == expected
    assert read_csv(city["portal"] / "data" / "penalties.csv")[0][0] == "执法机关"
    # 其他执法决定 has an 执法机关 column of its own (the standard's): the agency gets its own name.
    others_header, others = read_csv(city["portal"] / "data" / "others.csv")
    assert others_header[:2] == ["所属执法机关", "执法机关"]
    assert {row[0] for row in others} == {a["name"] for a in city["agencies"]}


def test_merged_json_and_workbook_match_the_csv(city):
    header, rows = read_csv(city["portal"] / "data" / "penalties.csv")
    records = json.loads((city["portal"] / "data" / "penalties.json").read_text(encoding="utf-8"))
    assert [r["执法机关"] for r in records] == [row[0] for row in rows]
    assert [r["行政处罚决定书文号"] for r in records] == [row[header.index("行政处罚决定书文号")] for row in rows]
    assert all(isinstance(r["罚款金额（万元）"], (int, float)) or r["罚款金额（万元）"] is None for r in records)
    sheet = load_workbook(city["portal"] / "data" / "penalties.xlsx", read_only=True).active
    cells = list(sheet.iter_rows(values_only=True))
    assert list(cells[0]) == header
    assert [row[0] for row in cells[1:]] == [row[0] for row in rows]


def test_merged_data_package_validates(city):
    from frictionless import validate

    report = validate(str(city["portal"] / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    package = json.loads((city["portal"] / "data" / "datapackage.json").read_text(encoding="utf-8"))
    penalties = next(r for r in package["resources"] if r["name"] == "penalties")
    assert penalties["schema"]["primaryKey"] == ["执法机关", "行政处罚决定书文号"]
    assert penalties["schema"]["fields"][0]["name"] == "执法机关"


def test_home_page_lists_each_agency_with_counts_date_and_links(city):
    html = (city["portal"] / "index.html").read_text(encoding="utf-8")
    for agency in city["agencies"]:
        row = html.split(f'id="agency-{agency["slug"]}"')[1].split("</tr>")[0]
        assert agency["name"] in row
        assert '<time datetime="2026-11-20">2026年11月20日</time>' in row
        assert f'href="{agency["url"]}/index.html"' in row
        _, penalties = read_csv(agency["output"] / "data" / "penalties.csv")
        _, officers = read_csv(agency["output"] / "data" / "officers.csv")
        assert f'<td data-label="行政处罚（件）">{len(penalties)}</td>' in row
        assert f'<td data-label="在岗执法人员（人）">{len(officers)}</td>' in row


def test_certificate_check_holds_every_agencys_officers_on_duty(city):
    html = (city["portal"] / "verify.html").read_text(encoding="utf-8")
    total = 0
    for agency in city["agencies"]:
        header, officers = read_csv(agency["output"] / "data" / "officers.csv")
        total += len(officers)
        number = officers[0][header.index("执法证号")]
        assert number.startswith(agency_certificate_prefix(agency))
        row = html.split(f'data-cert="{number}"')[1].split("</tr>")[0]
        assert f">{agency['name']}</td>" in row
    assert html.count("<tr data-cert=") == total
    assert f"共 {total} 人" in html


def agency_certificate_prefix(agency):
    from disclosure.portal.city import EXAMPLE_AGENCIES

    return next(entry[3] for entry in EXAMPLE_AGENCIES if entry[0] == agency["slug"])


def test_search_finds_a_record_of_each_agency(city):
    # The same (synthetic) company was dealt with by all three agencies.
    answer = search(city["portal"], "华清能源科技有限公司")
    assert answer["asked"] == [a["slug"] for a in city["agencies"]]
    by_agency = {a["slug"]: [r for r in answer["results"] if r["agency"] == a["slug"]] for a in city["agencies"]}
    for agency in city["agencies"]:
        found = by_agency[agency["slug"]]
        assert found, f"{agency['name']} has no result"
        assert all(r["url"].startswith(agency["url"] + "/") for r in found)
        assert any(f"{agency['prefix']}罚〔2026〕8号" in r["title"] for r in found)
        page = agency["output"] / found[0]["url"][len(agency["url"]) + 1:]
        assert page.is_file(), "a result must link to the agency's own published page"


def test_agency_filter_asks_only_that_agency(city):
    everything = search(city["portal"], "罚款")
    counts = 0
    for agency in city["agencies"]:
        answer = search(city["portal"], "罚款", agency=agency["slug"])
        assert answer["asked"] == [agency["slug"]]
        assert 0 < answer["count"] < everything["count"]
        assert {r["agency"] for r in answer["results"]} == {agency["slug"]}
        # Pagefind's own filter (mergeFilter), with every agency's bundles loaded, says the same.
        filtered = search(city["portal"], "罚款", {"执法机关": agency["name"]})
        assert filtered["asked"] == [a["slug"] for a in city["agencies"]]
        assert sorted(r["url"] for r in filtered["results"]) == sorted(r["url"] for r in answer["results"])
        counts += answer["count"]
    assert counts == everything["count"]
    filters = json.loads((city["portal"] / "search" / "filters.json").read_text(encoding="utf-8"))
    assert set(filters["执法机关"]) == {a["name"] for a in city["agencies"]}


def test_search_bundles_are_the_agencies_own_files(city):
    for agency in city["agencies"]:
        assert tree_snapshot(city["portal"] / "search" / agency["slug"] / "pagefind") == tree_snapshot(agency["output"] / "pagefind")


def test_city_statistics_per_agency_and_in_total(city):
    html = (city["portal"] / "statistics.html").read_text(encoding="utf-8")
    total_2026 = 0
    for agency in city["agencies"]:
        count = 0
        for table, column in (("penalties", "处罚决定日期"), ("permits", "许可决定日期"), ("others", "决定日期")):
            header, rows = read_csv(agency["output"] / "data" / f"{table}.csv")
            count += sum(row[header.index(column)].startswith("2026") for row in rows)
        total_2026 += count
        year_table = html.split('id="year-2026"')[1].split("</table>")[0]
        row = year_table.split(f">{agency['name']}</th>")[1].split("</tr>")[0]
        assert f'<td data-label="执法决定（件）">{count}</td>' in row
    totals = html.split('id="city-totals"')[1].split("</table>")[0]
    assert f'2026年</th><td data-label="执法决定（件）">{total_2026}</td>' in totals


def test_portal_passes_every_agencys_leak_check(city):
    for agency in city["agencies"]:
        process = leak_check(city["portal"], agency)
        assert process.returncode == 0, process.stdout + process.stderr


def test_every_data_value_comes_from_an_agencys_published_files(city):
    """The portal copies published values only: no cell of its data files is new."""
    published = set()
    for agency in city["agencies"]:
        for path in (agency["output"] / "data").glob("*.csv"):
            for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
                published.update(row)
        published.add(agency["name"])
    for path in (city["portal"] / "data").glob("*.csv"):
        header, rows = read_csv(path)
        assert {cell for row in rows for cell in row} <= published, path.name


def test_same_inputs_and_date_give_byte_identical_portals(city, tmp_path):
    again = tmp_path / "again"
    process = build_portal(city["settings"], again)
    assert process.returncode == 0, process.stderr
    assert tree_snapshot(again) == tree_snapshot(city["portal"])


def test_every_portal_page_is_valid_html(city):
    from test_html_valid import nu_check, real_errors

    pages = sorted(p for p in city["portal"].rglob("*.html"))
    assert len(pages) == 6
    status, report = nu_check(pages)
    assert status == 0 or not real_errors(report), "\n".join(real_errors(report))[-3000:]


def test_the_portal_never_runs_the_agency_pipeline(city, tmp_path):
    """It cannot read raw data or run the gate: with every function of the pipeline, the loader
    and the gate replaced by one that fails, the portal builds the same files."""
    import subprocess
    import sys

    from conftest import ROOT

    check = (
        "import inspect, sys\n"
        "import disclosure.pipeline, disclosure.data.loading, disclosure.rules.gate\n"
        "def refuse(*args, **kwargs):\n    raise AssertionError('the portal called the agency pipeline')\n"
        "for module in (disclosure.pipeline, disclosure.data.loading, disclosure.rules.gate):\n"
        "    for name, value in list(vars(module).items()):\n"
        "        if inspect.isfunction(value) and value.__module__ == module.__name__:\n"
        "            setattr(module, name, refuse)\n"
        "from disclosure.portal.build import main\n"
        f"sys.exit(main(['--settings', {str(city['settings'])!r}, '--output', {str(tmp_path / 'portal')!r}]))\n"
    )
    process = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True,
                             env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert process.returncode == 0, process.stderr
    assert tree_snapshot(tmp_path / "portal") == tree_snapshot(city["portal"])
