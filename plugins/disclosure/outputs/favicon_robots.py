"""favicon.svg and robots.txt, written from the settings into the site's root.

The icon is drawn here (a shield with a tick in the site's colour), so no page ever
asks another host for it and nothing depends on a font being installed. robots.txt
names the sitemap and asks crawlers to skip what is no use in a search engine.
"""

import re
from pathlib import Path

from ..data.problems import DisclosureDataError, Problem

FAVICON = "favicon.svg"
FAVICON_TYPE = "image/svg+xml"
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    '<rect width="64" height="64" rx="12" fill="{colour}"/>'
    '<path d="M32 8 52 15v15c0 13-8.5 22-20 26C20.5 52 12 43 12 30V15z" fill="none" stroke="#fff" stroke-width="5"'
    ' stroke-linejoin="round"/>'
    '<path d="M22 31l7 7 13-14" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round"'
    ' stroke-linejoin="round"/>'
    "</svg>\n"
)


def favicon_svg(colour):
    if not COLOUR.fullmatch(colour or ""):
        raise DisclosureDataError([Problem(
            "pelicanconf.py", f"设置 SITE_FAVICON_COLOR 的值“{colour}”不是颜色", "#a61b1b 这样的 # 加 6 位十六进制数")])
    return _SVG.format(colour=colour)


def robots_txt(origin, siteurl, disallow):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {siteurl}/{path.lstrip('/')}" for path in disallow] or ["Disallow:"]
    lines += ["", f"Sitemap: {origin}{siteurl}/sitemap.xml"]
    return "\n".join(lines) + "\n"


def write_favicon_and_robots(output_path, settings, icon):
    """icon: favicon_svg()'s text, made (and checked) before the build started writing."""
    output = Path(output_path)
    (output / FAVICON).write_text(icon, encoding="utf-8")
    robots = robots_txt(settings["SITE_ORIGIN"], settings["SITEURL"], settings.get("SITE_ROBOTS_DISALLOW", ()))
    (output / "robots.txt").write_text(robots, encoding="utf-8")
