"""The one path by which HTML written in content reaches a page: Markdown output, cleaned by nh3.

Autoescape is on for every template, so data is always text. Markdown bodies are
HTML by nature, and an admin (or whoever can push to the repository) may paste raw
HTML into them; nh3 (the Ammonia sanitizer) keeps only the elements and attributes
below. Nothing here can run script, load from another host, restyle the page or
navigate: no script, style, meta, iframe, form, object, event handlers, style
attributes, or javascript:/data: URLs. The flowchart SVG written by
`flowchart.render_svg` is made of the SVG elements listed, so it passes unchanged.
"""

import nh3
from markupsafe import Markup

_TEXT_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var",
}
# Exactly what flowchart.render_svg draws.
_SVG_TAGS = {"svg", "title", "desc", "defs", "marker", "path", "g", "rect", "text", "tspan"}

_GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-labelledby",
                      "aria-describedby", "aria-hidden", "hidden"}
_ATTRIBUTES = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    # data-label: the column's header, shown beside the value on phones (table_labels.py).
    "td": {"colspan", "rowspan", "headers", "data-label"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "details": {"open"},
    # A flowchart pans sideways on a phone: keyboard users can focus it and scroll with the arrows.
    "figure": {"tabindex"},
    "svg": {"xmlns", "viewBox", "width", "height", "preserveAspectRatio", "font-size"},
    "marker": {"viewBox", "refX", "refY", "markerWidth", "markerHeight", "markerUnits", "orient"},
    "path": {"d", "fill", "stroke", "stroke-width", "stroke-dasharray", "marker-end"},
    "g": {"fill", "stroke", "stroke-width", "stroke-linejoin", "font-size", "text-anchor", "font-weight"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "fill", "stroke", "stroke-width"},
    "text": {"x", "y", "fill", "dominant-baseline", "text-anchor", "font-weight"},
    "tspan": {"x", "y", "dy"},
}
# Relative links (the column's own pages) have no scheme and are always kept.
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html):
    """Return Markdown's HTML with everything outside the allowlist removed, as template-safe Markup."""
    cleaned = nh3.clean(
        str(html or ""),
        tags=_TEXT_TAGS | _SVG_TAGS,
        attributes=_ATTRIBUTES,
        # Pagefind's markers (data-pagefind-ignore around a flowchart) decide what is indexed.
        generic_attribute_prefixes={"data-pagefind-"},
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Markup(cleaned)
