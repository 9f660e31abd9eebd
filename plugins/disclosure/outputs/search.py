"""The search index: Pagefind's extended build (the one that segments Chinese), in date shards.

One Pagefind index over 100,000 Chinese pages needs about 9 GB and three
minutes on one core, and its metadata alone is ~800 KB for the browser to
fetch before the first answer. So decisions are split by date, newest first,
into shards of at most DISCLOSURE_SEARCH_SHARD_PAGES pages. The first shard,
at /pagefind/, also holds every other page (guides, lists, statistics); older
shards sit in /pagefind/YYYY-MM-YYYY-MM/ (their first and last month). Shards are built by Pagefind's own binary
(shipped in the pagefind[extended] package), several at once, each from a
folder of hard links to its pages, so each run only sees its share.

What the index costs is Pagefind's CPU, and three things cut it by about half (measured in
BENCHMARKS.md): the folders hold only pages with a data-pagefind-body (Pagefind
would read and parse the ~14,000 paginated lists only to skip them); each run
uses one thread (its own worker threads, competing with the other run's for two
cores, spent half as much CPU again waiting on a busy machine); and a decision's dates,
amounts, repeated authority name and codes are shown but not indexed.

The search box asks the newest shard first and shows its answers at once,
then asks the older shards and appends theirs. `shards.json` lists the shards
with their date ranges; `filters.json` the filter values over all shards.

Pagefind is not given the pages themselves but their search copies (search_copy): the one
data-pagefind-body element in a bare document, less the rows marked data-pagefind-ignore. The
bundle is byte-identical to the one the whole pages give (tests/test_search_copies.py), for a
fifth less of Pagefind's CPU: the page writers make the copies as they write the pages, into
a folder beside the site (copies_folder) that the search stage deletes.

Only elements marked `data-pagefind-body` are indexed, and only gated content
is ever rendered into such pages, so the index holds nothing the gate withheld.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from pagefind_bin_extended import get_executable

from . import search_canonical
from .search_canonical import canonicalise_bundle

BUNDLE = "pagefind"
MANIFEST = f"{BUNDLE}/shards.json"
PAGEFIND_OPTIONS = ("--force-language", "zh-cn", "--keep-index-url", "--quiet")
PAGEFIND_VERSION = version("pagefind")
FILTERS = f"{BUNDLE}/filters.json"


# What a decision's search result shows as its snippet: the facts, not the page's run of
# cells (theme/static/js/search.js shows Pagefind's excerpt only when it lies in the facts).
FACTS_COLUMNS = {"penalties": "违法事实", "permits": "许可内容", "others": "执法结论"}
FACTS_LENGTH = 160
CREDIT_CODE_COLUMN = "行政相对人代码_1"  # 统一社会信用代码 (PARTY_CODE_MEANINGS)
# Pagefind's weight of the hidden copy of the 文书号 and 统一社会信用代码 (1 = ordinary
# text, at most 10): an exact search for either puts the record above pages that only
# share its prefix, year or number.
IDENTIFIER_WEIGHT = 10
# Cells a decision page shows but the index leaves out (data-pagefind-ignore on its row):
# nobody finds a decision by them, and they are about a quarter of Pagefind's work. Dates and
# amounts (the decision date stays indexed once, in the page's meta line); the authority's name
# wherever it repeats the meta line (处罚机关, 数据来源单位 ...); the agency's own codes and the
# constant yes/no and document-type cells, the same on thousands of pages.
UNINDEXED_TYPES = frozenset({"date", "number"})
UNINDEXED_COLUMNS = frozenset({
    "处罚机关统一社会信用代码", "许可机关统一社会信用代码", "数据来源单位统一社会信用代码",
    "法定代表人证件类型", "证件类型", "是否重大执法决定",
})
# One thread per Pagefind run: the runs already fill the cores side by side, and Pagefind's own
# worker threads, competing with the other run's, spent up to half as much CPU again waiting.
PAGEFIND_THREADS = {"TOKIO_WORKER_THREADS": "1", "RAYON_NUM_THREADS": "1"}
# Set by make build (commands/build.py), whose staging folder holds the site: the farms and search
# copies are left there, and deleted with it in the background once the new site is in place.
# Deleting 71,000 copies took 10 s at 100,000 decisions, with one core idle.
KEEP_SCRATCH_ENV = "DISCLOSURE_KEEP_SEARCH_SCRATCH"
BODY_ATTRIBUTE = "data-pagefind-body"
BODY_MARKER = BODY_ATTRIBUTE.encode()


@dataclass(frozen=True)
class SearchFields:
    code: str
    facts: str
    unindexed: frozenset = frozenset()  # column names whose cell is not indexed
    weight: int = IDENTIFIER_WEIGHT


_UNINDEXED_BY_TABLE = {}  # table key -> its columns left out by type or name (a Table hashes slowly)


def _unindexed_by_type(table):
    if table.key not in _UNINDEXED_BY_TABLE:
        _UNINDEXED_BY_TABLE[table.key] = frozenset(
            column.name for column in table.public_columns
            if column.type in UNINDEXED_TYPES or column.name in UNINDEXED_COLUMNS
        )
    return _UNINDEXED_BY_TABLE[table.key]


def search_fields(record):
    """The register fields of a published decision's search result, from its gated values."""
    facts = record.values.get(FACTS_COLUMNS.get(record.table.key, ""), "") or ""
    if len(facts) > FACTS_LENGTH:
        facts = facts[:FACTS_LENGTH] + "……"
    unindexed = _unindexed_by_type(record.table) | {
        column.name for column in record.table.public_columns if record.values.get(column.name) == record.authority
    }
    return SearchFields(record.values.get(CREDIT_CODE_COLUMN, "") or "", facts, unindexed)


@dataclass
class Shard:
    path: str  # bundle folder relative to the site, e.g. pagefind/2025-01-2025-06
    pages: list = field(default_factory=list)  # site-relative HTML files
    newest: object = None  # decision dates covered
    oldest: object = None
    key: str = None  # cache key (shard_key), when a cache is used
    cached: bool = False


def plan_shards(other_pages, decisions, shard_size):
    """decisions: [(decision date, relative path)]. Returns shards newest first.

    Shards are whole calendar months, filled from the oldest month forward, so a
    new or changed decision leaves the older shards exactly as they were (and
    their cached indexes, and the browser's cached files, stay valid). The
    newest shard lives at /pagefind/ and also takes every non-decision page.
    """
    by_month = {}
    for day, path in decisions:
        by_month.setdefault((day.year, day.month), []).append((day, path))
    groups, current = [], []
    for month in sorted(by_month):
        if current and len(current) + len(by_month[month]) > shard_size:
            groups.append(current)
            current = []
        current += sorted(by_month[month])
    groups.append(current)
    shards = []
    for index, group in enumerate(reversed(groups)):
        shard = Shard(BUNDLE, [path for _, path in group])
        if group:
            shard.oldest, shard.newest = group[0][0], group[-1][0]
            if index:
                shard.path = f"{BUNDLE}/{shard.oldest:%Y-%m}-{shard.newest:%Y-%m}"
        shards.append(shard)
    shards[0].pages += sorted(set(other_pages))
    return shards


def copies_folder(site):
    """Where the page writers put the search copies: beside the site, never deployed."""
    site = Path(site)
    return site.parent / f".{site.name}.search-copies"


# A row Pagefind is told to ignore, holding no other Pagefind attribute (a meta or filter inside
# an ignored element still counts) and no nested div: dropping it changes nothing in the index.
_IGNORED_ROW = re.compile(r"<div data-pagefind-ignore>(?:(?!<div|</div>|data-pagefind-(?!ignore[ >])).)*</div>", re.S)
_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")


def search_copy(html):
    """What Pagefind needs of a rendered page, or None when only the whole page will do: its
    one data-pagefind-body element, whole, in a bare document. None unless the attribute is
    there exactly once, inside a tag, and no other Pagefind attribute or h1 lies outside that
    element (Pagefind reads metadata and filters anywhere in a page)."""
    at = html.find(BODY_ATTRIBUTE)
    if at < 0 or html.find(BODY_ATTRIBUTE, at + 1) >= 0:
        return None
    start = html.rfind("<", 0, at)
    name = _TAG_NAME.match(html, start) if start >= 0 and ">" not in html[start:at] else None
    if name is None:
        return None
    depth, end = 0, None
    for tag in re.compile(rf"<{name.group(1)}[\s>]|</{name.group(1)}>").finditer(html, start):
        depth += -1 if tag.group().startswith("</") else 1
        if depth == 0:
            end = tag.end()
            break
    # Pagefind also takes a page's first h1 as its title when none is marked.
    if end is None or any(mark in html[:start] or mark in html[end:] for mark in ("data-pagefind-", "<h1")):
        return None
    opening = html.find("<html")
    language = html[opening:html.index(">", opening) + 1] if opening >= 0 else "<html>"
    return (f'<!DOCTYPE html>\n{language}<head><meta charset="utf-8"></head><body>'
            f"{_IGNORED_ROW.sub('', html[start:end])}</body></html>\n")


def indexable(site, pages):
    """The pages with a data-pagefind-body element. Pagefind indexes nothing else once one page
    has it, yet reads and parses every page it is given; the paginated decision lists alone
    (~14,000 pages at 100,000 decisions) doubled the first shard's CPU."""
    return [relative for relative in pages if BODY_MARKER in (site / relative).read_bytes()]


def _link_farm(site, farm, pages, copies=None):
    """A folder of this shard's pages at their site-relative paths: their search copies, moved
    in, where there are, else hard links to the pages."""
    shutil.rmtree(farm, ignore_errors=True)
    folders = set()
    for relative in pages:
        target = farm / relative
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        if copies is not None:
            try:  # the copy moves into the farm: deleting the farm deletes it (no second pass)
                os.replace(copies / relative, target)
                continue
            except FileNotFoundError:
                pass
        try:
            os.link(site / relative, target)
        except OSError:  # another file system: a copy does the same job
            shutil.copyfile(site / relative, target)


def shard_key(site, shard):
    """Pagefind's version and options, our code that makes the search copies and the bundle
    canonical, and every page's path and bytes: equal keys, equal bundles."""
    digest = hashlib.sha256(f"{PAGEFIND_VERSION}\n{' '.join(PAGEFIND_OPTIONS)}\n".encode())
    digest.update(Path(__file__).read_bytes() + Path(search_canonical.__file__).read_bytes())
    for relative in sorted(shard.pages):
        digest.update(relative.encode() + b"\0" + hashlib.sha256((site / relative).read_bytes()).digest())
    return digest.hexdigest()


def _from_cache(cache, key, target):
    entry = cache / key if cache else None
    if not entry or not (entry / "bundle").is_dir():
        return None
    shutil.copytree(entry / "bundle", target, dirs_exist_ok=True)
    return json.loads((entry / "filters.json").read_text(encoding="utf-8"))


def _to_cache(cache, key, bundle, counts):
    if not cache:
        return
    entry = cache / key
    staging = cache / f".{key}.writing"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(bundle, staging / "bundle", ignore=shutil.ignore_patterns("20*-*"))  # not the older shards inside /pagefind/
    (staging / "filters.json").write_text(json.dumps(counts, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(entry, ignore_errors=True)
    os.replace(staging, entry)


def _prune_cache(cache, keep):
    """Keep only this build's shards: what the next rebuild can reuse."""
    for entry in cache.iterdir():
        if entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)


def _farm(site, index):
    return site.parent / f".{site.name}.search-{index}"


def _index_shard(site, index, shard, copies=None):
    """One Pagefind run over a farm of the shard's pages, then its bundle made canonical.
    Returns (filter counts, None) or (None, Pagefind's output on failure). The farm stays until
    every run is over (build_search_index deletes it): on a file system without a journal, ext4
    makes each new file skip the inodes freed in the last minutes, and the other runs are still
    creating their bundles' files."""
    farm = _farm(site, index)
    _link_farm(site, farm, shard.pages, copies)
    command = [str(get_executable()), "--site", str(farm), "--output-path", str(site / shard.path),
               *PAGEFIND_OPTIONS]
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         env={**os.environ, **PAGEFIND_THREADS})
    if run.returncode != 0:
        return None, f"{shard.path}: {run.stdout.strip()[-2000:]}"
    return canonicalise_bundle(site / shard.path), None


def _run_pagefind(site, shards, workers, copies=None):
    """{shard path: filter counts}. The largest shards start first, so the last run to end is a
    short one and no core waits long for it; each bundle is made canonical as soon as its
    own run ends, while the other runs go on."""
    order = sorted(range(len(shards)), key=lambda index: -len(shards[index].pages))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        runs = {index: pool.submit(_index_shard, site, index, shards[index], copies) for index in order}
    counts, failures = {}, []
    for index, shard in enumerate(shards):
        shard_counts, failure = runs[index].result()
        if failure:
            failures.append(failure)
        else:
            counts[shard.path] = shard_counts
    if failures:
        raise RuntimeError("搜索索引生成失败：\n" + "\n".join(failures))
    return counts


def build_search_index(output_path, other_pages, decisions, shard_size, workers=None, cache_dir=None,
                       keep_scratch=False):
    """Index the site; return the shards. `decisions` are (date, relative path) of published decisions.

    With a cache folder, a shard whose pages are byte-identical to an earlier
    build's is copied from there instead of being indexed again. The search
    copies (copies_folder) are used where there are. The farms and copies,
    beside the site, are deleted at the end, unless keep_scratch (KEEP_SCRATCH_ENV).
    """
    site = Path(output_path).resolve()
    copies = copies_folder(site)
    shards = plan_shards(indexable(site, other_pages), decisions, shard_size)
    try:
        return _build(site, shards, workers, cache_dir, copies)
    finally:
        if not keep_scratch:
            for index in range(len(shards)):
                shutil.rmtree(_farm(site, index), ignore_errors=True)
            shutil.rmtree(copies, ignore_errors=True)


def _build(site, shards, workers, cache_dir, copies):
    cache = Path(cache_dir).resolve() if cache_dir else None
    filter_counts, to_build = {}, []
    for shard in shards:
        shard.key = shard_key(site, shard) if cache else None
        cached = _from_cache(cache, shard.key, site / shard.path) if cache else None
        if cached is None:
            to_build.append(shard)
        else:
            shard.cached = True
            for name, values in cached.items():
                filter_counts.setdefault(name, Counter()).update(values)
    built = _run_pagefind(site, to_build, workers or max(1, min(os.cpu_count() or 1, 2)), copies)
    for shard in to_build:
        counts = built[shard.path]
        _to_cache(cache, shard.key, site / shard.path, counts)
        for name, values in counts.items():
            filter_counts.setdefault(name, Counter()).update(values)
    if cache:
        _prune_cache(cache, {shard.key for shard in shards})
    manifest = [
        {"path": shard.path, "pages": len(shard.pages),
         "newest": shard.newest.isoformat() if shard.newest else None,
         "oldest": shard.oldest.isoformat() if shard.oldest else None}
        for shard in shards
    ]
    (site / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    filters = {name: dict(sorted(counts.items())) for name, counts in sorted(filter_counts.items())}
    (site / FILTERS).write_text(json.dumps(filters, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return shards
