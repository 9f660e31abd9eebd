"""The leak check on a real build: it finds nothing in what the gate published, and it finds a
deliberately unmasked copy of any natural person's name or ID number, however it is written
(spaces of every kind, zero-width characters, middle-dot variants, full-width digits,
grouped digits), in records of every state."""

import csv
import io
import shutil
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from pelican.settings import read_settings

from conftest import ROOT, assert_built, build_site
from disclosure.checks import scanner
from disclosure.data import schema
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.testing.synthetic import write_dataset

AS_OF = "2026-11-20"
SPACES = ("\u3000", " ", "\u00a0", "\u200b", "\u200d", "\ufeff", "\u2060")
DOTS = ("·", "•", "‧", "・", "･", "∙", "⋅")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A real build of 120 decisions with withdrawn, withheld and published natural persons,
    one of them with a middle-dot name; the prepared leak-check data; the people."""
    folder = tmp_path_factory.mktemp("unmasked")
    data = folder / "data"
    write_dataset(data, n_decisions=120, seed=5)
    path = data / schema.PENALTIES.path
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    person = next(r for r in rows if r["行政相对人类别"] == schema.NATURAL_PERSON)
    person["行政相对人名称"] = "阿卜杜·热合曼"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    output = folder / "output"
    assert_built(build_site(output, data, as_of=AS_OF))
    site_settings = read_settings(str(ROOT / "publishconf.py"))
    prepared = scanner.collect(site_settings, data, date.fromisoformat(AS_OF))
    people = []
    for table in schema.DECISION_TABLES:
        table_rows = csv.DictReader(io.StringIO((data / table.path).read_text(encoding="utf-8-sig")))
        for row in table_rows:
            if row[table.party_type_column] == schema.NATURAL_PERSON:
                page = output / table.key / f"{record_slug(table, row[table.id_column], PUBLIC_URL_KEY)}.html"
                people.append((row[table.party_column], row.get("证件号码", ""), page))
    return output, site_settings, prepared, people


def test_the_real_build_has_no_finding(built):
    output, site_settings, prepared, people = built
    assert len(people) >= 5
    assert any(not page.exists() for _, _, page in people)  # withdrawn or withheld ones too
    assert scanner.check_site(output, site_settings, prepared=prepared) == []


def written(draw, name):
    if "·" in name:
        return name.replace("·", draw(st.sampled_from(DOTS)))
    gaps = [draw(st.sampled_from(("",) + SPACES)) for _ in name[1:]]
    return name[0] + "".join(gap + char for gap, char in zip(gaps, name[1:]))


def full_width(text):
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() or c == "X" else c for c in text)


def grouped(draw, number):
    sizes = draw(st.sampled_from(((18,), (6, 8), (6, 4, 4), (3, 3, 4, 4))))
    separator = draw(st.sampled_from((" ", "-", "\u3000", "")))
    parts, position = [], 0
    for size in sizes:
        parts.append(number[position:position + size])
        position += size
    parts.append(number[position:])
    text = separator.join(p for p in parts if p)
    return full_width(text) if draw(st.booleans()) else text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_unmasked_copy_is_caught(built, tmp_path, data):
    output, site_settings, prepared, people = built
    name, number, page = data.draw(st.sampled_from(people))
    what = data.draw(st.sampled_from(("name", "number") if number else ("name",)))
    leaked = written(data.draw, name) if what == "name" else grouped(data.draw, number)
    # A two-character name is looked for in its own record's files only (it is also part of
    # ordinary words); a longer name and every number anywhere.
    own_page_only = what == "name" and len(name) == 2
    assume(page.exists() or not own_page_only)
    target_name = str(page.relative_to(output)) if own_page_only else "leak.html"
    site = tmp_path / "site"
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(output, site)
    target = site / target_name
    text = target.read_text(encoding="utf-8") if target.exists() else "<!DOCTYPE html><p>说明</p>"
    target.write_text(text.replace("</p>", f"。经查，{leaked}到场。</p>", 1), encoding="utf-8")
    findings = scanner.check_site(site, site_settings, prepared=prepared)
    assert findings, (what, repr(leaked), str(target_name))
    assert any(str(target_name) in file for file, _ in findings)


def test_a_withheld_company_named_in_published_facts_is_no_finding(tmp_path):
    """A company whose own permit is withheld (简易) but which a published penalty's facts name:
    the gate published the name, in the pages, the CSV, the XLSX and the search index alike."""
    data = tmp_path / "data"
    write_dataset(data, n_decisions=40, seed=9)
    permits = list(csv.DictReader(io.StringIO((data / schema.PERMITS.path).read_text(encoding="utf-8-sig"))))
    withheld = next(r for r in permits if r["行政相对人类别"] != schema.NATURAL_PERSON)
    withheld["程序类型"] = "简易"
    company = withheld["行政相对人名称"]
    penalties = list(csv.DictReader(io.StringIO((data / schema.PENALTIES.path).read_text(encoding="utf-8-sig"))))
    for row in penalties:
        row["失信程度"] = "一般"  # all published
        row["违法事实"] += f"当事人系{company}的项目负责人。"
    for table, rows in ((schema.PERMITS, permits), (schema.PENALTIES, penalties)):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        (data / table.path).write_text(out.getvalue(), encoding="utf-8-sig")
    output = tmp_path / "output"
    assert_built(build_site(output, data, as_of=AS_OF))
    site_settings = read_settings(str(ROOT / "publishconf.py"))
    assert scanner.check_site(output, site_settings, data, date.fromisoformat(AS_OF)) == []
    # It was withheld as a party, and the check still finds its permit's 文书号.
    site = tmp_path / "site"
    shutil.copytree(output, site)
    (site / "leak.html").write_text(f"<p>{withheld['行政许可决定文书号']}</p>", encoding="utf-8")
    assert scanner.check_site(site, site_settings, data, date.fromisoformat(AS_OF)) != []
