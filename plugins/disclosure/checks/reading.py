"""Reading a site's files for the leak check: which files, and their text (HTML, JSON, CSV, Pagefind,
documents)."""

import gzip
import html
import io
import os
import re
import zipfile
import zlib
from pathlib import Path
from urllib.parse import unquote_to_bytes

from ..data import schema
from ..rules.masking import normalize
from .matcher import MARKUP, words_view
from .numbers import pattern_findings
from .views import (
    IDEOGRAPHIC_SPACE,
    JSON_ESCAPE,
    SEP,
    UTF8_BOM,
    ZERO_WIDTH_SPACE,
    fast_view,
    partial,
    slow_view,
)

# -- reading files -------------------------------------------------------------------------------

SKIP, INDEX, TEXT, DATA_TEXT, DOCUMENT, LEGACY_DOCUMENT = range(6)
_PROGRAM_SUFFIXES = {".js", ".mjs", ".css", ".wasm", ".map"}
_ASSET_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".bmp", ".avif", ".woff", ".woff2", ".ttf",
                   ".otf", ".eot", ".mp4", ".mp3", ".webm"}
_CONTENT_SUFFIXES = {".html", ".htm", ".xml", ".svg", ".json", ".csv", ".txt", ".md", ".pf_fragment", ".atom",
                     ".rss", ".conf", ""}
_INDEX_SUFFIXES = {".pf_index", ".pf_meta", ".pf_filter"}
_ZIP_DOCUMENTS = {".docx", ".xlsx", ".pptx", ".docm", ".xlsm", ".odt", ".ods", ".odp"}
_LEGACY_DOCUMENTS = {".doc", ".xls", ".ppt", ".wps", ".et", ".dps"}
_FRAGMENT_URL = re.compile(rb'"url":"([^"]*)"')
_DECISION_KEYS = {t.key for t in schema.DECISION_TABLES}


def classify(relative, site, theme_static):
    suffix = os.path.splitext(relative)[1].lower()
    if suffix in _ASSET_SUFFIXES:
        return SKIP
    if suffix in _PROGRAM_SUFFIXES or suffix == ".pagefind":
        if relative.startswith("pagefind/") or suffix == ".pagefind":
            return SKIP  # Pagefind's own program files
        source = theme_static.get(relative)
        if source and Path(source).read_bytes() == Path(site, relative).read_bytes():
            return SKIP
        return INDEX  # a program file of unknown origin: secret values only
    if suffix in _INDEX_SUFFIXES:
        return INDEX
    if suffix == ".pdf" or suffix in _ZIP_DOCUMENTS:
        return DOCUMENT
    if suffix in _LEGACY_DOCUMENTS:
        return LEGACY_DOCUMENT
    if suffix in _CONTENT_SUFFIXES:
        return DATA_TEXT if suffix == ".csv" else TEXT
    return INDEX


def page_of(relative):
    parts = relative.split("/")
    if len(parts) == 2 and parts[0] in _DECISION_KEYS and parts[1].endswith((".html", ".json")):
        return f"{parts[0]}/{parts[1].rsplit('.', 1)[0]}"
    return None


def _fragment_page(raw):
    match = _FRAGMENT_URL.search(raw, 0, 400)
    if not match:
        return None
    parts = match.group(1).decode("utf-8", "replace").rstrip("/").split("/")
    return page_of("/".join(parts[-2:])) if len(parts) >= 2 else None


def unescape(raw):
    """Undo HTML entities, JSON \\u escapes and URL %-escapes."""
    if b"%" in raw:
        raw = unquote_to_bytes(raw)
    # Any "&" after an HTML page's head, or any entity in it but the &#39; and &#34; of the
    # Content-Security-Policy <meta> that every page has.
    head_end = raw.find(b"</head>")
    entity = raw.find(b"&", head_end + 1) != -1 or (
        head_end > 0 and raw.count(b"&", 0, head_end) != raw.count(b"&#39;", 0, head_end) + raw.count(b"&#34;", 0, head_end))
    if entity or (b"\\" in raw and b"\\u" in raw):  # one byte first: memchr
        text = raw.decode("utf-8", "replace")
        if "\\u" in text:
            text = JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
        if entity:
            text = html.unescape(text)
        raw = text.encode("utf-8", "surrogatepass")
    return raw


_XML_BREAK = re.compile(rb"<(?:/w:p|/w:tc|w:br|w:tab|/a:p|/si|/c|/row|/text:p|/text:h|/table:table-cell|/dc:[a-z]+|/cp:[a-z]+)\b[^>]*>")
_XML_TAG = re.compile(rb"<[^>]*>")


def document_text(raw, suffix):
    """The text of a document sample: zip + XML parts, or a PDF's pages and metadata."""
    if suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(raw))
        parts = [page.extract_text() or "" for page in reader.pages]
        parts += [str(v) for v in (reader.metadata or {}).values()]
        return "\x00".join(parts)
    parts = []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")) and not name.endswith("].xml"):
                xml = _XML_BREAK.sub(SEP, archive.read(name))
                parts.append(html.unescape(_XML_TAG.sub(b"", xml).decode("utf-8", "replace")))
    return "\x00".join(parts)


def legacy_text(raw):
    """Old binary Office formats keep Chinese text as UTF-16; as well as it goes."""
    return "\x00".join(raw[offset:len(raw) - (len(raw) - offset) % 2].decode("utf-16-le", "ignore") for offset in (0, 1))


def scan_file(book, site, relative):
    """[(relative, finding)] for one file."""
    kind = classify(relative, site, book.theme_static)
    if kind == SKIP:
        return []
    raw = read_bytes(os.path.join(site, relative))
    page = page_of(relative)
    if raw[:2] == b"\x1f\x8b":
        raw = gunzip(raw)
    elif raw[:3] == UTF8_BOM:
        raw = raw[3:]  # the data downloads' byte order mark, for Excel
    if kind == INDEX:
        return _report(book, relative, page, book.match_index(raw), [])
    if kind == LEGACY_DOCUMENT:
        return _report(book, relative, page, book.match_index(slow_view(legacy_text(raw))), [])
    lines = kind == DATA_TEXT
    if kind == DOCUMENT:
        # Its text (entities already undone) goes the way of a page's: through normalize
        # only when a character in it sends it there.
        raw = document_text(raw, os.path.splitext(relative)[1].lower()).encode("utf-8", "replace")
    else:
        if relative.endswith(".pf_fragment"):
            page = _fragment_page(raw)
            raw = raw.replace(ZERO_WIDTH_SPACE, b"")
        raw = unescape(raw)
    found, triggered = book.match_words(words_view(raw, lines), page)
    if triggered:
        found, raw, view = _match_slow(book, raw.decode("utf-8", "replace"), page, lines)
    else:
        view = fast_view(raw, lines) if book.code_words is not None else None
        if IDEOGRAPHIC_SPACE in raw:
            raw = raw.replace(IDEOGRAPHIC_SPACE, b" ")  # an ideographic space groups digits too
    if view is not None:
        book.match_codes(view, found)
    secret_numbers, numbers = pattern_findings(raw, book)
    for key, entries in secret_numbers.items():
        found.setdefault(key, entries)
    return _report(book, relative, page, found, numbers)


def read_bytes(path, first=1 << 16):
    """A file's bytes: one read for most of a site's files, without asking for its size."""
    fd = os.open(path, os.O_RDONLY)
    try:
        raw = os.read(fd, first)
        if len(raw) == first:  # a large file: read whole, not in parts to join
            os.lseek(fd, 0, os.SEEK_SET)
            raw = os.read(fd, os.fstat(fd).st_size + 1)
        return raw
    finally:
        os.close(fd)


def gunzip(raw):
    """gzip.decompress, without its Python header parsing for the usual one member."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    data = decompressor.decompress(raw)
    if decompressor.unused_data or not decompressor.eof:
        return gzip.decompress(raw)  # more members, or a broken file: gzip's own answer
    return data


def _match_slow(book, text, page, lines):
    """(found, text for the number patterns, fast view) through normalize."""
    view = slow_view(text, lines)
    found, _ = book.match_words(view.translate(None, MARKUP), page)
    return found, normalize(text).encode("utf-8", "replace"), view


def _report(book, relative, page, found, numbers):
    if not found and not numbers:
        return []
    findings, reported = [], set()
    for entries in found.values():
        if id(entries) in reported:
            continue
        reported.add(id(entries))
        more = f"，另有 {len(entries) - 1} 条记录有同一值" if len(entries) > 1 else ""
        findings.append((relative, entries[0].describe()[:-1] + more + "）"))
    where = f"（{book.pages[page]} 的页面）" if page in book.pages else ""
    for kind, token in numbers:
        findings.append((relative, f"未隐去的{kind}“{partial(token)}”{where}"))
    return findings


