"""The portal shows only what each agency publishes now: a withdrawal disappears at the next
builds, and a stale or invalid agency output is refused with an error naming the agency."""

import csv
import shutil

import pytest

from conftest import tree_snapshot
from portal_city import build_agency, build_portal, leak_check, make_agency, portal_settings, search


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("consistency")
    agencies = [make_agency(root / f"agency{i}", i) for i in range(3)]
    for agency in agencies:
        build_agency(agency)
    return root, agencies


def portal_over(folder, agencies, **settings):
    folder.mkdir(exist_ok=True)
    return portal_settings(folder, agencies, **settings), folder / "portal"


def copy_agency(agency, folder):
    """An agency whose published output (and data) is a copy a test may change."""
    copy = dict(agency, folder=folder, output=folder / "output", data=folder / "data", settings=folder / "agencyconf.py")
    shutil.copytree(agency["data"], copy["data"])
    shutil.copytree(agency["output"], copy["output"])
    (folder / "agencyconf.py").write_text(
        agency["settings"].read_text(encoding="utf-8").replace(str(agency["folder"]), str(folder)), encoding="utf-8")
    return copy


def withdraw(data, number, day="2026-11-18"):
    path = data / "decisions" / "penalties.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index("行政处罚决定书文号")] == number)
    row[header.index("状态")] = "撤销"
    row[header.index("状态变更日期")] = day
    row[header.index("状态说明")] = "经行政复议，本决定被撤销。"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def portal_text(portal):
    return b"\n".join(tree_snapshot(portal).values())


def unique_penalty(agency, others):
    """A published penalty of agency whose 文书号, party and codes no other agency publishes:
    the leak check, run with one agency's data, cannot know that another agency may publish
    the same company (its finding would be right for that agency's column, wrong for the city)."""
    with (agency["output"] / "data" / "penalties.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    elsewhere = b"\n".join(b"\n".join(tree_snapshot(o["output"] / "data").values()) for o in others)
    for row in rows:
        values = [row["行政处罚决定书文号"], row["行政相对人名称"], row["行政相对人代码_1"], row["法定代表人"]]
        if row["行政相对人类别"] != "自然人" and all(v.encode() not in elsewhere for v in values if v):
            return row["行政处罚决定书文号"], row["行政相对人名称"]
    raise AssertionError("no penalty of its own: the test data needs more decisions")


def test_a_withdrawal_leaves_the_portal_at_the_next_builds(built, tmp_path):
    _, agencies = built
    changing = copy_agency(agencies[1], tmp_path / "changing")
    city = [agencies[0], changing, agencies[2]]
    settings, portal = portal_over(tmp_path, city)
    assert build_portal(settings, portal).returncode == 0
    number, party = unique_penalty(changing, [agencies[0], agencies[2]])
    assert number.encode() in portal_text(portal)
    assert any(number in r["title"] for r in search(portal, party)["results"])

    withdraw(changing["data"], number)
    build_agency(changing)
    # The old portal still shows it: the agency's own leak check, with the new data, says so.
    stale = leak_check(portal, changing)
    assert stale.returncode != 0
    assert "portal/data/penalties.csv：未公开记录" in stale.stderr and "已撤下" in stale.stderr
    assert f"portal/search/{changing['slug']}/pagefind/" in stale.stderr
    process = build_portal(settings, portal)
    assert process.returncode == 0, process.stderr
    assert number.encode() not in portal_text(portal)
    assert not any(number in r["title"] for r in search(portal, party)["results"])
    for agency in city:
        checked = leak_check(portal, agency)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    # The other agencies' records of the landmark company are still there.
    assert f"{agencies[0]['prefix']}罚〔2026〕8号".encode() in portal_text(portal)


def test_a_stale_agency_output_is_refused_naming_it(built, tmp_path):
    _, agencies = built
    settings, portal = portal_over(tmp_path, agencies)
    assert build_portal(settings, portal).returncode == 0
    before = tree_snapshot(portal)
    fresh = copy_agency(agencies[2], tmp_path / "fresh")
    build_agency(fresh, as_of="2026-11-23")
    settings, _ = portal_over(tmp_path, [agencies[0], agencies[1], fresh])
    process = build_portal(settings, portal, PORTAL_AS_OF="2026-11-23")
    assert process.returncode != 0
    for agency in agencies[:2]:
        assert f"机关“{agency['name']}”（{agency['slug']}" in process.stderr
    assert f"机关“{agencies[2]['name']}”" not in process.stderr
    assert "生成日期 2026-11-20 距平台生成日期 2026-11-23 已 3 天，超过设置的 2 天" in process.stderr
    assert "有 2 个机关的公开数据不能用于平台" in process.stderr
    assert tree_snapshot(portal) == before, "a refused build leaves the previous portal as it was"
    # The age is a setting.
    settings, _ = portal_over(tmp_path, [agencies[0], agencies[1], fresh], PORTAL_MAX_AGE_DAYS=3)
    assert build_portal(settings, portal, PORTAL_AS_OF="2026-11-23").returncode == 0


def test_an_invalid_data_package_is_refused_naming_the_agency(built, tmp_path):
    _, agencies = built
    broken = copy_agency(agencies[0], tmp_path / "broken")
    path = broken["output"] / "data" / "penalties.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    header, first = list(csv.reader(text.splitlines()))[:2]
    day = first[header.index("处罚决定日期")]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(text.replace(day, "2026-02-30", 1))
    settings, portal = portal_over(tmp_path, [broken, agencies[1], agencies[2]])
    process = build_portal(settings, portal)
    assert process.returncode != 0
    assert f"机关“{broken['name']}”" in process.stderr
    assert "数据包 data/datapackage.json 未通过校验" in process.stderr
    assert "penalties（第" in process.stderr and "“处罚决定日期”列）：“2026-02-30”不是YYYY-MM-DD 格式的日期" in process.stderr
    assert agencies[1]["name"] not in process.stderr and agencies[2]["name"] not in process.stderr
    assert not portal.exists()


def test_a_folder_of_another_agency_is_refused(built, tmp_path):
    _, agencies = built
    wrong = dict(agencies[0], output=agencies[1]["output"])
    settings, portal = portal_over(tmp_path, [wrong, agencies[2]])
    process = build_portal(settings, portal)
    assert process.returncode != 0
    assert f"机关“{agencies[0]['name']}”" in process.stderr
    assert f"数据包的标题是“{agencies[1]['name']}行政执法公示数据”" in process.stderr


def test_the_portal_never_replaces_a_folder_it_did_not_make(built, tmp_path):
    _, agencies = built
    settings, portal = portal_over(tmp_path, agencies)
    portal.mkdir()
    (portal / "keep.txt").write_text("not a portal", encoding="utf-8")
    process = build_portal(settings, portal)
    assert process.returncode != 0 and ".disclosure-portal" in process.stderr
    assert (portal / "keep.txt").read_text(encoding="utf-8") == "not a portal"
    process = build_portal(settings, agencies[0]["output"] / "portal")
    assert process.returncode != 0 and agencies[0]["name"] in process.stderr


def published_register(agency):
    with (agency["output"] / "data" / "withdrawals.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_withdrawal_registers_are_merged_and_counted(built, tmp_path):
    """Each agency's own register (data/withdrawals.csv, a resource of its data package: no
    party, no 文书号) is merged with an 执法机关 column and counted per year of withdrawal."""
    _, agencies = built
    settings, portal = portal_over(tmp_path, agencies)
    process = build_portal(settings, portal)
    assert process.returncode == 0, process.stderr
    with (portal / "data" / "withdrawals.csv").open(encoding="utf-8-sig", newline="") as handle:
        merged = list(csv.reader(handle))
    registers = {agency["name"]: published_register(agency) for agency in agencies}
    header = next(iter(registers.values()))[0]
    assert merged[0] == ["执法机关", *header]
    expected = [[name, *row] for name, rows in registers.items() for row in rows[1:]]
    assert sorted(merged[1:]) == sorted(expected) and len(expected) >= 3
    html = (portal / "statistics.html").read_text(encoding="utf-8")
    date_column = header.index("撤下日期")
    for agency in agencies:
        years = [row[date_column][:4] for row in registers[agency["name"]][1:]]
        for year in set(years):
            table = html.split(f'id="year-{year}"')[1].split("</table>")[0]
            row = table.split(f">{agency['name']}</th>")[1].split("</tr>")[0].strip()
            assert row.endswith(f'<td data-label="撤下（件）">{years.count(year)}</td>'), (agency["name"], year)


def test_a_link_in_a_search_bundle_is_refused(built, tmp_path):
    _, agencies = built
    linked = copy_agency(agencies[2], tmp_path / "linked")
    (linked["output"] / "pagefind" / "fragment" / "secret.pf_fragment").symlink_to(linked["data"] / "officers.csv")
    settings, portal = portal_over(tmp_path, [agencies[0], linked])
    process = build_portal(settings, portal)
    assert process.returncode != 0
    assert f"机关“{linked['name']}”" in process.stderr and "pagefind/fragment/secret.pf_fragment 是链接或特殊文件" in process.stderr
    assert not portal.exists()
