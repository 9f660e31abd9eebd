"""Static SVG bar charts drawn at build time: no JavaScript, no other host, readable on a phone.

Every chart is paired in the template with a table of the same numbers, for
screen readers and for copying.
"""

from markupsafe import Markup, escape

FONT_SIZE = 14
BAR_HEIGHT = 22
GAP = 10
WIDTH = 640


def _text_width(text):
    """Full-width CJK characters count 1 em, others about 0.6 em."""
    return sum(FONT_SIZE if ord(c) > 0x2E80 else FONT_SIZE * 0.6 for c in str(text))


def _format(value):
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def horizontal_bars(chart_id, title, items, unit=""):
    """items: [(label, value)]. Returns an inline <svg> as Markup: every value in it is escaped here."""
    label_width = max([_text_width(label) for label, _ in items] + [FONT_SIZE * 2]) + 12
    value_room = max([_text_width(_format(v) + unit) for _, v in items] + [FONT_SIZE * 3]) + 12
    bar_room = max(WIDTH - label_width - value_room, 80)
    largest = max([v for _, v in items] + [0]) or 1
    height = len(items) * (BAR_HEIGHT + GAP) + GAP
    description = "；".join(f"{label} {_format(v)}{unit}" for label, v in items)
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'viewBox="0 0 {WIDTH:.0f} {height}" width="{WIDTH}" height="{height}" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT_SIZE}">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]
    for index, (label, value) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        bar = bar_room * value / largest
        parts += [
            f'<text x="{label_width - 8:.1f}" y="{y + BAR_HEIGHT * 0.72:.1f}" text-anchor="end" fill="#1b1b1b">{escape(str(label))}</text>',
            f'<rect x="{label_width:.1f}" y="{y}" width="{max(bar, 1):.1f}" height="{BAR_HEIGHT}" fill="#a61b1b"/>',
            f'<text x="{label_width + bar + 6:.1f}" y="{y + BAR_HEIGHT * 0.72:.1f}" fill="#1b1b1b">{escape(_format(value) + unit)}</text>',
        ]
    parts.append("</svg>")
    return Markup("".join(parts))
