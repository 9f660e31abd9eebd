"""sitemap.xml, listing only pages that were written from gated content."""

from pathlib import Path
from xml.sax.saxutils import escape


def write_sitemap(output_path, origin, siteurl, relative_urls):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for relative in sorted(set(relative_urls)):
        lines.append(f"  <url><loc>{escape(f'{origin}{siteurl}/{relative}')}</loc></url>")
    lines.append("</urlset>")
    (Path(output_path) / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
