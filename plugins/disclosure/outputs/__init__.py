"""Everything written into the site, read only from the gate's result.

Pages, open-data exports, Atom feeds, sitemap, server map, yearly statistics and
their SVG charts, and the Pagefind search index (with its canonical byte form).
May import `data`, `rules` and `content`; never `pipeline`, `checks` or `commands`.
"""
