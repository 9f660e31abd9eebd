"""The search index: Pagefind's extended build (the one that segments Chinese), in date shards.

One Pagefind index over 100,000 Chinese pages needs about 9 GB and three
minutes on one core, and its metadata alone is ~800 KB for the browser to
fetch before the first answer. So decisions are split by date, newest first,
into shards of at most DISCLOSURE_SEARCH_SHARD_PAGES pages. The first shard,
at /pagefind/, also holds every other page (guides, lists, statistics); older
shards sit in /pagefind/older-N/. Shards are built by Pagefind's own binary
(shipped in the pagefind[extended] package), several at once, each from a
folder of hard links to its pages, so each run only sees its share.

The search box asks the newest shard first and shows its answers at once,
then asks the older shards and appends theirs. `shards.json` lists the shards
with their date ranges; `filters.json` the filter values over all shards.

Only elements marked `data-pagefind-body` are indexed, and only gated content
is ever rendered into such pages, so the index holds nothing the gate withheld.
"""

import json
import os
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pagefind_bin_extended import get_executable

from .search_canonical import canonicalise_bundle

BUNDLE = "pagefind"
MANIFEST = f"{BUNDLE}/shards.json"
FILTERS = f"{BUNDLE}/filters.json"


@dataclass
class Shard:
    path: str  # bundle folder relative to the site, e.g. pagefind/older-1
    pages: list = field(default_factory=list)  # site-relative HTML files
    newest: object = None  # decision dates covered
    oldest: object = None


def plan_shards(other_pages, decisions, shard_size):
    """decisions: [(decision date, relative path)]. Newest shard first; it also takes other_pages."""
    ordered = sorted(decisions, reverse=True)
    chunks = [ordered[i:i + shard_size] for i in range(0, len(ordered), shard_size)] or [[]]
    shards = []
    for index, chunk in enumerate(chunks):
        shard = Shard(BUNDLE if index == 0 else f"{BUNDLE}/older-{index}", [path for _, path in chunk])
        if chunk:
            shard.newest, shard.oldest = chunk[0][0], chunk[-1][0]
        shards.append(shard)
    shards[0].pages += sorted(set(other_pages))
    return shards


def _link_farm(site, farm, pages):
    """A folder of hard links to this shard's pages, at their site-relative paths."""
    shutil.rmtree(farm, ignore_errors=True)
    for relative in pages:
        target = farm / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / relative, target)
        except OSError:  # another file system: a copy does the same job
            shutil.copyfile(site / relative, target)


def _run_pagefind(site, shards, workers):
    executable = str(get_executable())
    farms, running, failures = [], [], []
    queue = list(enumerate(shards))

    def start(index, shard):
        farm = site.parent / f".{site.name}.search-{index}"
        farms.append(farm)
        _link_farm(site, farm, shard.pages)
        command = [executable, "--site", str(farm), "--output-path", str(site / shard.path),
                   "--force-language", "zh-cn", "--keep-index-url", "--quiet"]
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    try:
        while queue or running:
            while queue and len(running) < workers:
                index, shard = queue.pop(0)
                running.append((shard, start(index, shard)))
            shard, process = running.pop(0)
            output, _ = process.communicate()
            if process.returncode != 0:
                failures.append(f"{shard.path}: {output.strip()[-2000:]}")
    finally:
        for farm in farms:
            shutil.rmtree(farm, ignore_errors=True)
    if failures:
        raise RuntimeError("搜索索引生成失败：\n" + "\n".join(failures))


def build_search_index(output_path, other_pages, decisions, shard_size, workers=None):
    """Index the site; return the shards. `decisions` are (date, relative path) of published decisions."""
    site = Path(output_path).resolve()
    shards = plan_shards(other_pages, decisions, shard_size)
    workers = workers or max(1, min(os.cpu_count() or 1, 2))
    _run_pagefind(site, shards, workers)
    filter_counts = {}
    for shard in shards:
        for name, values in canonicalise_bundle(site / shard.path).items():
            filter_counts.setdefault(name, Counter()).update(values)
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
