"""Search shards are indexed side by side, largest first; a failing Pagefind run fails the build
and leaves no link farm behind."""

import json
import stat
from datetime import date

import pytest

from disclosure.outputs import search

PAGE = '<html lang="zh-CN"><body><article data-pagefind-body><h1>{title}</h1><p>{text}</p></article></body></html>'


def small_site(tmp_path):
    site = tmp_path / "site"
    (site / "penalties").mkdir(parents=True)
    decisions = []
    for month, count in ((1, 1), (2, 3), (3, 2)):
        for number in range(count):
            relative = f"penalties/{month}-{number}.html"
            (site / relative).write_text(PAGE.format(title=f"决定{month}-{number}", text="节能审查"), encoding="utf-8")
            decisions.append((date(2025, month, 1 + number), relative))
    (site / "index.html").write_text(PAGE.format(title="首页", text="行政执法公示"), encoding="utf-8")
    return site, decisions


def test_shards_are_built_and_listed_newest_first(tmp_path):
    site, decisions = small_site(tmp_path)
    shards = search.build_search_index(site, ["index.html"], decisions, shard_size=3, workers=2)
    manifest = json.loads((site / search.MANIFEST).read_text(encoding="utf-8"))
    assert [entry["pages"] for entry in manifest] == [3, 3, 1]  # March + the home page, February, January
    assert [shard.path for shard in shards] == [entry["path"] for entry in manifest]
    for shard in shards:
        assert (site / shard.path / "pagefind-entry.json").is_file()
    assert not list(tmp_path.glob(".site.search-*"))


def test_a_failing_pagefind_run_names_its_shard_and_leaves_no_link_farm(tmp_path, monkeypatch):
    site, decisions = small_site(tmp_path)
    failing = tmp_path / "pagefind-that-fails"
    failing.write_text("#!/bin/sh\necho 'Pagefind 出错了' >&2\nexit 1\n", encoding="utf-8")
    failing.chmod(failing.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(search, "get_executable", lambda: failing)
    with pytest.raises(RuntimeError) as raised:
        search.build_search_index(site, ["index.html"], decisions, shard_size=3, workers=2)
    message = str(raised.value)
    assert message.startswith("搜索索引生成失败")
    assert "Pagefind 出错了" in message and "pagefind/2025-01-2025-01" in message
    assert not list(tmp_path.glob(".site.search-*"))


def test_the_largest_shard_starts_first(tmp_path, monkeypatch):
    site, decisions = small_site(tmp_path)
    started = []
    monkeypatch.setattr(search, "_index_shard", lambda site, index, shard, *copies: (started.append(len(shard.pages)), ({}, None))[1])
    search._run_pagefind(site, search.plan_shards(["index.html"], decisions, 3)[::-1], workers=1)
    assert started == sorted(started, reverse=True)
