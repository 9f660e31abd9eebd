"""Read every file of a built site the way a leak hunter would."""

import gzip
import html
import re
from pathlib import Path
from urllib.parse import unquote

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def readable_text(path):
    """A file's text with Pagefind fragments decompressed and escapes undone."""
    raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8", errors="replace")
    text = ZERO_WIDTH.sub("", text)
    text = html.unescape(unquote(text))
    if "\\u" in text:
        text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return text


def site_texts(site):
    return {str(p.relative_to(site)): readable_text(p) for p in sorted(Path(site).rglob("*")) if p.is_file()}


def html_files(site):
    return sorted(Path(site).rglob("*.html"))
