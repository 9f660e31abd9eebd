"""Static SVG bar charts drawn at build time: no JavaScript, no other host, readable on a phone.

Every chart is paired in the template with a table of the same numbers, for
screen readers and for copying.
"""

from markupsafe import Markup, escape

# Drawn at most WIDTH units wide: on a 320 px phone (288 px of column) the chart is scaled by
# at least 288 / WIDTH, so its text stays above 12 px (FONT_SIZE * 288 / WIDTH). Wider screens
# scale it up (site.css caps it).
FONT_SIZE = 15
WIDTH = 340
BAR_HEIGHT = 20
GAP = 10
# Labels wider than this leave too little room for the bars: each label goes above its bar.
MIN_BAR_ROOM = 120
LINE = FONT_SIZE * 1.3


def _text_width(text):
    """Full-width CJK characters count 1 em, others about 0.6 em."""
    return sum(FONT_SIZE if ord(c) > 0x2E80 else FONT_SIZE * 0.6 for c in str(text))


def _wrap(text, width):
    """Lines of text no wider than width (labels are short; characters are the break points)."""
    lines, line = [], ""
    for char in str(text):
        if line and _text_width(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    return lines + [line] if line else lines or [""]


def _format(value):
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def horizontal_bars(chart_id, title, items, unit=""):
    """items: [(label, value)]. Returns an inline <svg> as Markup: every value in it is escaped here."""
    label_width = max([_text_width(label) for label, _ in items] + [FONT_SIZE * 2]) + 8
    value_room = max([_text_width(_format(v) + unit) for _, v in items] + [FONT_SIZE * 3]) + 8
    beside = WIDTH - label_width - value_room >= MIN_BAR_ROOM
    bar_left = label_width if beside else 0
    bar_room = WIDTH - bar_left - value_room
    largest = max([v for _, v in items] + [0]) or 1
    rows, y = [], GAP
    for label, value in items:
        lines = [str(label)] if beside else _wrap(label, WIDTH)
        bar_top = y if beside else y + len(lines) * LINE
        rows.append((lines, value, y, bar_top))
        y = bar_top + BAR_HEIGHT + GAP
    height = int(y + 0.999)
    description = "；".join(f"{label} {_format(v)}{unit}" for label, v in items)
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT_SIZE}">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]
    for lines, value, top, bar_top in rows:
        bar = bar_room * value / largest
        baseline = bar_top + BAR_HEIGHT * 0.75
        if beside:
            parts.append(f'<text x="{label_width - 8:.1f}" y="{baseline:.1f}" text-anchor="end" fill="#1b1b1b">{escape(lines[0])}</text>')
        else:
            parts += [f'<text x="0" y="{top + (i + 0.8) * LINE:.1f}" fill="#1b1b1b">{escape(line)}</text>'
                      for i, line in enumerate(lines)]
        parts += [
            f'<rect x="{bar_left:.1f}" y="{bar_top:.1f}" width="{max(bar, 1):.1f}" height="{BAR_HEIGHT}" fill="#a61b1b"/>',
            f'<text x="{bar_left + max(bar, 1) + 6:.1f}" y="{baseline:.1f}" fill="#1b1b1b">{escape(_format(value) + unit)}</text>',
        ]
    parts.append("</svg>")
    return Markup("".join(parts))
