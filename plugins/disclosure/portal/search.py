"""One search over every agency, same-origin: the agencies' own Pagefind bundles, copied.

Chosen by measurement (docs/城市平台.md, benchmarks/portal_bench.py): re-indexing
every agency's pages with Pagefind costs what the agency builds already paid
(memory and minutes grow with the pages, ~9 GB for 100,000 in one index), while the
bundles each agency built are final, deterministic files: copying them (hard
links where the file system allows) takes a moment, and the index can only hold
what the agency's own index held. The search page loads one Pagefind instance and
merges the other bundles into it with Pagefind's multisite support (mergeIndex),
each with the filter 执法机关 = its agency: one script and WebAssembly download
instead of one per agency (measured: ~113 KB each), one ranking over all
agencies. With the agency filter only that agency's bundles are merged; over all
agencies they are merged a few at a time, newest shards first, answers shown after
each step.

search/agencies.json lists the agencies with their column URL (the results' base)
and shards; search/filters.json the filter values over all agencies.
"""

import json
import os
import shutil
from collections import Counter
from pathlib import Path

SEARCH_FOLDER = "search"
# Filters the portal offers besides the agency: the agencies' own ones that make sense city-wide.
SHARED_FILTERS = ("类别", "年份")


def _link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)


def copy_bundles(outputs, site):
    """Copy every agency's pagefind/ into search/<slug>/pagefind/; write the manifest and filters."""
    manifest, filters = [], {name: Counter() for name in SHARED_FILTERS}
    agency_pages = {}
    for output in outputs:
        agency = output.agency
        target = Path(site) / SEARCH_FOLDER / agency.slug / "pagefind"
        shutil.copytree(agency.output / "pagefind", target, copy_function=_link_or_copy)
        manifest.append({
            "slug": agency.slug, "name": agency.name, "url": agency.url,
            "shards": [
                {"path": f"{SEARCH_FOLDER}/{agency.slug}/{shard['path']}", "pages": shard.get("pages"),
                 "newest": shard.get("newest"), "oldest": shard.get("oldest")}
                for shard in output.shards
            ],
        })
        for name in SHARED_FILTERS:
            filters[name].update(output.filters.get(name, {}))
        agency_pages[agency.name] = sum(shard.get("pages") or 0 for shard in output.shards)
    folder = Path(site) / SEARCH_FOLDER
    (folder / "agencies.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    merged = {name: dict(sorted(counts.items())) for name, counts in filters.items()}
    merged["执法机关"] = agency_pages
    (folder / "filters.json").write_text(json.dumps(merged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest
