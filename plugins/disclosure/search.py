"""The search index: Pagefind's extended build (the one that segments Chinese), run on the built pages.

Only elements marked `data-pagefind-body` are indexed, and only gated content
is ever rendered into such pages, so the index holds nothing the gate withheld.
"""

import asyncio
import logging
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from .search_canonical import canonicalise_bundle

logger = logging.getLogger(__name__)


async def _index_site(site):
    # Leaving the context writes the bundle to output_path; an unset path would
    # mean "pagefind/" in the current directory, outside the site.
    config = IndexConfig(force_language="zh-cn", keep_index_url=True, output_path=str(site / "pagefind"))
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(path=str(site))
    return result.get("page_count", 0)


def build_search_index(output_path):
    site = Path(output_path).resolve()
    pages = asyncio.run(_index_site(site))
    canonicalise_bundle(site / "pagefind")
    logger.info("搜索索引：已收录 %s 个页面", pages)
    return pages
