"""Chinese search, queried for real through Pagefind's own JavaScript in Node."""

import json
import subprocess
from pathlib import Path

from conftest import require_tool
from disclosure.data import schema
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.testing.synthetic import LANDMARKS

QUERY_SCRIPT = Path(__file__).with_name("pagefind_query.mjs")


def search(site, query, filters=None):
    node = require_tool("node", "apt-get install nodejs")
    process = subprocess.run(
        [node, str(QUERY_SCRIPT), str(site), query, json.dumps(filters or {}, ensure_ascii=False)],
        capture_output=True, text=True, timeout=120,
    )
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


def url_of(key):
    landmark = LANDMARKS[key]
    table = schema.TABLES_BY_KEY[landmark["table"]]
    return f"/{table.key}/{record_slug(table, landmark['id'], PUBLIC_URL_KEY)}.html"


def test_two_character_query_fine_finds_penalties(example_site):
    answer = search(example_site, "罚款")
    urls = [r["url"] for r in answer["results"]]
    assert answer["count"] >= 20
    assert sum(u.startswith("/penalties/") for u in urls) >= 20
    assert url_of("penalty_published") in urls


def test_two_character_query_permit_finds_permits(example_site):
    urls = [r["url"] for r in search(example_site, "许可")["results"]]
    assert sum(u.startswith("/permits/") for u in urls) >= 20
    assert url_of("permit_published") in urls


def test_party_name_finds_its_decisions(example_site):
    query = "华清能源科技有限公司"
    results = search(example_site, query)["results"]
    # The search box (theme/static/js/search.js, exactFirst) puts the answers whose title holds
    # the whole query before the rest of Pagefind's ranking; the same order here.
    ranked = [r for r in results[:30] if query in r["title"]] + [r for r in results[:30] if query not in r["title"]]
    urls = [r["url"] for r in ranked]
    assert url_of("penalty_published") in urls[:5]
    assert url_of("other_published") in urls[:5]


def test_document_number_in_the_title_is_found(example_site):
    # search.js turns the brackets of a 文书号 into spaces before asking Pagefind.
    for key, query in (("permit_published", "示发改许 2026 15号"), ("penalty_published", "示发改罚 2026 8号")):
        urls = [r["url"] for r in search(example_site, query)["results"]]
        assert url_of(key) in urls[:5]


def test_withheld_decisions_are_never_results(example_site):
    for key in ("penalty_revoked", "penalty_expired", "penalty_scheduled"):
        answer = search(example_site, LANDMARKS[key]["name"])
        assert url_of(key) not in [r["url"] for r in answer["results"]]
        assert all(LANDMARKS[key]["name"] not in r["title"] for r in answer["results"])


def test_filters_narrow_by_category_and_year(example_site):
    everything = search(example_site, "罚款")
    permits_only = search(example_site, "罚款", {"类别": "行政处罚", "年份": "2025年"})
    assert 0 < permits_only["count"] < everything["count"]
    for result in permits_only["results"]:
        assert result["filters"]["类别"] == ["行政处罚"]
        assert result["filters"]["年份"] == ["2025年"]


def test_guides_are_searchable(example_site):
    urls = [r["url"] for r in search(example_site, "节能审查")["results"]]
    assert "/guides/jieneng-shencha.html" in urls


def test_index_is_split_into_date_shards_that_together_answer(example_site):
    shards = json.loads((example_site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert len(shards) >= 3 and shards[0]["path"] == "pagefind"
    assert [s["newest"] for s in shards] == sorted((s["newest"] for s in shards), reverse=True)
    for shard in shards:
        assert (example_site / shard["path"] / "pagefind.js").is_file()
    # A 2025 decision lives in an older shard and is still found.
    assert url_of("permit_reissued") not in [r["url"] for r in search(example_site, "北辰热力")["results"]]
    answer = search(example_site, "旧城物流")
    assert answer["shards"] == len(shards)
    early = [r for r in search(example_site, "罚款", {"年份": "2025年"})["results"]]
    assert early and all(r["filters"]["年份"] == ["2025年"] for r in early)


def test_filter_summary_counts_every_shard(example_site):
    filters = json.loads((example_site / "pagefind" / "filters.json").read_text(encoding="utf-8"))
    published = sum(1 for t in ("penalties", "permits", "others") for _ in (example_site / t).glob("*.json"))
    statistics_pages = len(list((example_site / "statistics").glob("20*.html")))
    assert sum(filters["年份"].values()) == published + statistics_pages
    assert filters["类别"]["行政许可"] == len(list((example_site / "permits").glob("*.json")))


def test_rebuild_reuses_unchanged_shards_and_matches_a_cold_build(small_data, tmp_path):
    import re

    from conftest import assert_built, build_site, tree_snapshot
    from test_input_errors import rewrite_csv

    cache = tmp_path / "cache"
    settings = dict(DISCLOSURE_SEARCH_SHARD_PAGES="5", DISCLOSURE_SEARCH_CACHE=str(cache))

    def reused(process):
        assert_built(process)
        shards, kept = re.search(r"搜索索引：(\d+) 个分片（(\d+) 个内容未变", process.stdout).groups()
        return int(shards), int(kept)

    shards, kept = reused(build_site(tmp_path / "first", small_data, **settings))
    assert shards >= 3 and kept == 0
    assert reused(build_site(tmp_path / "second", small_data, **settings)) == (shards, shards)
    # Change the facts of the oldest published penalty: its shard is indexed again, the others are reused.
    from datetime import date

    from pelican.settings import read_settings

    from conftest import EXAMPLE_AS_OF, ROOT
    from disclosure import pipeline

    result = pipeline.run(read_settings(str(ROOT / "publishconf.py")), small_data, date.fromisoformat(EXAMPLE_AS_OF))
    oldest = min(result.published["penalties"], key=lambda r: r.date).id

    def change_facts(rows):
        header = rows[0]
        row = next(r for r in rows[1:] if r[header.index("行政处罚决定书文号")] == oldest)
        row[header.index("违法事实")] = "经查，当事人未按规定报送能源利用状况报告。"

    rewrite_csv(small_data / schema.PENALTIES.path, change_facts)
    shards_after, kept_after = reused(build_site(tmp_path / "third", small_data, **settings))
    assert shards_after == shards and 0 < kept_after < shards
    cold = build_site(tmp_path / "cold", small_data, DISCLOSURE_SEARCH_SHARD_PAGES="5", DISCLOSURE_SEARCH_CACHE="")
    assert_built(cold)
    assert tree_snapshot(tmp_path / "third") == tree_snapshot(tmp_path / "cold")
