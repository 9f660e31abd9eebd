"""The search index: Pagefind's extended build (the one that segments Chinese), run on the built pages.

Only elements marked `data-pagefind-body` are indexed, and only gated content
is ever rendered into such pages, so the index holds nothing the gate withheld.
"""

import asyncio
import logging
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

logger = logging.getLogger(__name__)


async def _index_site(site):
    config = IndexConfig(force_language="zh-cn", keep_index_url=True)
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(path=str(site))
        await index.write_files(output_path=str(site / "pagefind"))
    return result.get("page_count", 0)


def build_search_index(output_path):
    site = Path(output_path).resolve()
    pages = asyncio.run(_index_site(site))
    logger.info("搜索索引：已收录 %s 个页面", pages)
    return pages
