"""Leak check: read every file of a built or deployed site and look for what the gate withheld.

    make check                      # the example site in output/
    PYTHONPATH=plugins python -m disclosure.checks.scanner output --settings publishconf.py

What counts as a secret
    From the validated records and the gate's decision on each (pipeline.run_with_records):
    every withheld record's (withdrawn, expired, scheduled, excluded) 编号/文书号, its party's
    name (an organisation), codes (行政相对人代码_1…_6) and 法定代表人; every natural person's
    full name, in any state; every identity document number (证件号码, 法定代表人证件号码).
    And, independently of the loader, from a second raw read of every file in the data
    folder (`raw_secrets`): in CSV files, read with the csv module, every cell of a column
    whose header reads like 证件号码 or 文书号 in any spelling (an unpublished 文书号 only);
    in every file, CSV or workbook (its zipped XML; an old .xls as UTF-16 text), every cell
    shaped like a resident ID number. A header mistake cannot blind both reads.

    Not secrets: anything that is also a public value in the gate's published output (an
    officer on duty, a published company's 法定代表人, an authority, a published record's id:
    a person who shares a name with one of these cannot be told apart from it), values too
    generic to mean anything alone (an identifier shorter than 6 characters, or with fewer
    than 8 digits and fewer than 2 letters: the 编号 “2” of a repealed 清单 item), names of
    one character. A two-character personal name (程建, 高新) is also part of everyday words
    (工程建设, 高新区): it counts only in the files of its own record (the record's page, its
    JSON and its search fragment). A secret inside a longer public value that is present
    around it (田强 in the officer 田强华) is not a leak.

    Unmasked personal numbers are found by their shape as well: 18-digit resident IDs
    (valid date and check digit), 15-digit first-generation IDs (valid province and date),
    mobile numbers, bank cards (16–19 digits, Luhn, issuer 3–6), passports and
    港澳台 permits; digits may be grouped by hyphens, and spaces are removed before
    matching. Numbers that are public values, record page names (the 16-hex-digit slugs) or
    valid 统一社会信用代码 are not findings. Landlines are not looked for: the agency's own
    service numbers are public on many pages.

Normalisation
    Text is matched in one view: whitespace (also U+3000 and the zero-width space that
    Pagefind puts between words) and brackets ()[]（）［］【】〔〕〖〗 removed, HTML entities,
    JSON \\u escapes and URL %-escapes undone. A text holding any character that
    `rules.masking.normalize` changes (full-width digits and letters, zero-width and other
    format characters, middle-dot variants, other spaces and digits) is matched through
    `normalize` itself. Secrets are put in the matcher in both forms. So 王　芳, 王 芳,
    王\\u200b芳, １１０１０５…, 110105 19491231 002X and 示发改罚[2025]21号 all match.

Which files are read
    Every file, except the program files that no data reaches: the theme's static files
    when they are byte-identical to the theme's (theme/js/search.js holds a 文书号 in a
    comment), Pagefind's own .js/.css/WebAssembly, images and fonts. HTML, XML, SVG, CSV,
    JSON, text, Pagefind fragments (gzip) are read whole, markup and attribute values
    included; Pagefind's binary index files (gzip) for secret values only; .docx/.xlsx/
    .pptx/.odt/.ods (zip + XML) and .pdf (pypdf) document samples by their text; legacy
    .doc/.xls/.wps/.et only as UTF-16 text, for secret values, as well as it goes. A file
    that cannot be read is a finding.

Speed
    One pass per file with an Aho–Corasick automaton (pyahocorasick) holding every secret
    with a Chinese character in it, over the UTF-8 bytes (as a latin-1 string, which the
    automaton walks byte by byte, twice as fast as characters) of the view without ASCII
    letters and punctuation (markup is half a page); the characters that send a text
    through `normalize` are keys of the same automaton. Numbers and codes are looked up
    in sets, at the runs of digits that plain byte searches find. Files are scanned by one
    process per core. `commands/build.py` gathers the secrets in a child process while
    Pelican builds (`Preparation`), so after Pelican only the scan is left.

Each finding names the file and the record (table, data file and row, state), and shows
the secret only in part (示发改*********号), so CI logs do not carry it.
"""

import argparse
import csv
import gzip
import html
import io
import multiprocessing
import os
import re
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import unquote_to_bytes

import ahocorasick

from .. import pipeline
from ..data import schema
from ..data.problems import DisclosureDataError
from ..data.validation import uscc_is_valid
from ..rules.gate import PUBLISHED, STATE_LABELS, minor_names, record_slug
from ..rules.masking import normalize

# -- the matching view ---------------------------------------------------------------------------

SEP = b"\x00"  # between CSV lines and document paragraphs: never part of a match
_ASCII_DROP = b" \t\r\n\x0b\x0c()[]"
_IDEOGRAPHIC_SPACE = "\u3000".encode("utf-8")  # in every page's footer
_ZERO_WIDTH_SPACE = "\u200b".encode("utf-8")  # Pagefind's, between the words of a fragment
_BOM = "\ufeff".encode("utf-8")
_OPENING, _CLOSING = "(（[［【〔〖", ")）]］】〕〗"
_BRACKET_RE = re.compile("[" + re.escape(_OPENING + _CLOSING) + "]")
_BRACKET_PAIR = re.compile("[" + re.escape(_OPENING) + "]([^" + re.escape(_CLOSING) + "]*)[" + re.escape(_CLOSING) + "]")
# Styles a bracketed part of a secret is also looked for in on the fast path: ASCII brackets
# are removed from the fast view, 〔〕 and （） are kept; the rarer ones send a text down
# the slow path, which removes every bracket.
_BRACKET_STYLES = (("", ""), ("〔", "〕"), ("（", "）"))
# Full-width punctuation is everywhere in Chinese text; normalize maps it to ASCII, but no
# secret depends on it, so it does not send a text down the slow path.
_FULLWIDTH_PUNCTUATION = {*range(0xFF01, 0xFF10), *range(0xFF1A, 0xFF21), *range(0xFF3B, 0xFF41),
                          *range(0xFF5B, 0xFF5F)} - {0xFF0B, 0xFF0D, 0xFF3B, 0xFF3D}  # ＋－［］ stay rare
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def fast_view(raw, lines=False):
    """The view of UTF-8 bytes that hold no character that sends a text down the slow path."""
    if lines:
        raw = raw.replace(b"\n", SEP)
    raw = raw.translate(None, _ASCII_DROP)
    if _IDEOGRAPHIC_SPACE in raw:
        raw = raw.replace(_IDEOGRAPHIC_SPACE, b"")
    return raw


def slow_view(text, lines=False):
    """The view of any text, through rules.masking.normalize: no spaces, no brackets."""
    if lines:
        text = text.replace("\n", "\x00")
    text = "".join(normalize(text).split())
    return _BRACKET_RE.sub("", text).encode("utf-8", "replace")


def views_of(value):
    """The forms a secret or public value is looked for in: the slow path's view, the fast
    path's in each bracket style, and all in lower case too (Pagefind's index is)."""
    if not _needs_slow(value):
        views = {value.encode("utf-8")}  # both paths leave it as it is
    else:
        views = {slow_view(value)}
        if _BRACKET_PAIR.search(value):
            for opening, closing in _BRACKET_STYLES:
                styled = _BRACKET_PAIR.sub(lambda m, o=opening, c=closing: o + m.group(1) + c, value)
                views.add(fast_view(styled.encode("utf-8")))
        else:
            views.add(fast_view(value.encode("utf-8")))
    return (views | {v.lower() for v in views}) - {b""}


def canonical(value):
    """The form values are compared in (a secret that is also a public value is none)."""
    return slow_view(value).decode("utf-8") if _needs_slow(value) else value


_NEEDS_SLOW = None
_TRIGGER_RE = None


def _needs_slow(value):
    """Whether a value holds anything a view changes: spaces, brackets, characters that
    normalize changes (full-width punctuation included)."""
    global _NEEDS_SLOW, _TRIGGER_RE
    if _NEEDS_SLOW is None:
        triggers = set(map(ord, trigger_characters()))
        _TRIGGER_RE = re.compile("[" + _character_class(triggers) + "]")
        body = _character_class(triggers | _FULLWIDTH_PUNCTUATION | set(map(ord, _OPENING + _CLOSING)))
        _NEEDS_SLOW = re.compile(r"[\s\x00-\x1f\x85\u3000" + body + "]")
    return _NEEDS_SLOW.search(value) is not None


def _character_class(codes):
    codes = sorted(codes)
    ranges, first, last = [], codes[0], codes[0]
    for code in codes[1:]:
        if code == last + 1:
            last = code
            continue
        ranges.append((first, last))
        first = last = code
    ranges.append((first, last))
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


_TRIGGERS = None


def trigger_characters():
    """Characters that send a text through `normalize`: those it changes, but for the
    ideographic space (removed the same way on both paths) and full-width punctuation
    (frequent, and in no secret); plus the rarer brackets."""
    global _TRIGGERS
    if _TRIGGERS is None:
        codes = [c for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF]
        chars = "".join(map(chr, codes))
        folded = normalize(chars)
        if len(folded) == len(chars):
            changed = {c for c, f in zip(chars, folded) if c != f}
        else:  # a normaliser that changes lengths: ask one character at a time
            changed = {c for c in chars if normalize(c) != c}
        changed.discard("\u3000")
        changed = {c for c in changed if ord(c) not in _FULLWIDTH_PUNCTUATION}
        _TRIGGERS = frozenset(changed | set("［］【】〖〗"))
    return _TRIGGERS


def partial(value):
    """Enough of a secret to find it in the data, not enough to read it: 示发改*********号."""
    value = str(value)
    n = len(value)
    if n <= 1:
        return "*"
    if n <= 4:
        return value[0] + "*" * (n - 1)
    keep = n // 4
    return value[:keep] + "*" * (n - keep - 1) + value[-1]


def is_specific(value):
    """An identifier that means something alone: ≥ 6 characters with ≥ 8 digits or ≥ 2 letters."""
    if len(value) < 6:
        return False
    return sum(map(str.isdigit, value)) >= 8 or sum(map(str.isalpha, value)) >= 2


# -- secrets -------------------------------------------------------------------------------------

@dataclass
class BookData:
    """Everything the scan needs, in plain data (it crosses a process boundary)."""

    # (value, kind, record label, own page or None): a value with an own page ("penalties/<slug>")
    # counts only in that page's files.
    secrets: list = field(default_factory=list)
    public: set = field(default_factory=set)  # published values but free text, as written
    public_text: set = field(default_factory=set)  # published free text
    public_numbers: set = field(default_factory=set)  # digits of public numbers (bytes)
    slugs: set = field(default_factory=set)  # record page names (bytes)
    pages: dict = field(default_factory=dict)  # "penalties/<slug>" → record label
    theme_static: dict = field(default_factory=dict)  # site-relative path → theme source file
    filter_public: bool = True
    seconds: float = 0.0  # time taken to gather them
    # Filled by compile_secrets (in the child process, when there is one):
    everywhere: dict = None  # view (latin-1 str of its UTF-8) → [Secret], for every file
    own: dict = None  # page → {view: [Secret]}, two-character names in their own page only
    number_secrets: dict = None  # digits (bytes) → [Secret]
    containers: dict = None  # view → {public views around it that make it no leak}


def record_label(table, source, row, state):
    return f"{table.title}，{source} 第{row}行，{STATE_LABELS.get(state, state)}"


NAME_KIND = "自然人全名"
REPRESENTATIVE_KIND = "未公开记录的法定代表人"
_NAME_KINDS = (NAME_KIND, REPRESENTATIVE_KIND)
PARTY_KIND, PARTY_CODE_KIND = "未公开记录的当事人名称", "未公开记录的当事人代码"
_ORGANISATION_KINDS = (PARTY_KIND, PARTY_CODE_KIND, REPRESENTATIVE_KIND)
ID_KIND = "证件号码"


def record_secrets(records_by_table, result, data_dir):
    """Secrets from the validated records and the gate's states (see the module docstring)."""
    state_of = {(s.table, s.id): s.state for s in result.states}
    folder = Path(data_dir).name or "data"
    secrets, pages = [], {}
    for table in schema.ALL_TABLES:
        source = f"{folder}/{table.path}"
        for record in records_by_table.get(table.key, []):
            state = state_of.get((table.key, record.id), PUBLISHED)
            label = record_label(table, source, record.row, state)
            page = None
            if table.kind == "decision":
                page = f"{table.key}/{record_slug(table, record.id, result.url_key)}"
                pages[page] = label
            withheld = state != PUBLISHED
            natural = bool(table.party_type_column) and record.get(table.party_type_column) == schema.NATURAL_PERSON
            party = record.get(table.party_column) if table.party_column else ""
            if withheld:
                secrets.append((record.id, f"未公开记录的{table.id_column}", label, None))
                if party and not natural:
                    secrets.append((party, PARTY_KIND, label, None))
                for column in table.columns:
                    if column.name.startswith("行政相对人代码") and record.get(column.name):
                        secrets.append((record.get(column.name), PARTY_CODE_KIND, label, None))
                if record.get("法定代表人"):
                    secrets.append((record.get("法定代表人"), REPRESENTATIVE_KIND, label, page))
            if natural and party:
                secrets.append((party, NAME_KIND, label, page))
            # Minors named in a decision (未成年人姓名): never public, in any record's files.
            for name in minor_names(record.get("未成年人姓名")):
                secrets.append((name, NAME_KIND, label, page))
            for column in ("证件号码", "法定代表人证件号码"):
                if record.get(column):
                    secrets.append((record.get(column), ID_KIND, label, None))
    return secrets, pages


# A header that reads like an identity document number, or like a 文书号, in any spelling.
_ID_HEADER = re.compile(r"证件号|身份证|身份号码|公民身份|护照|通行证|居住证|军官证|证件编号")
_DOCUMENT_NUMBER_HEADER = re.compile(r"文号|文书号|文书编号|决定书号|决定书编号")
# 18 digits (or 17 and X), or 15, grouped by single spaces or hyphens or not at all.
# What normalize turns into a digit or a space, or removes: full-width digits, other spaces, format characters.
_UNUSUAL_DIGIT = re.compile("[\uff10-\uff19\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]")
_ID_SHAPED = re.compile(r"(?<![0-9A-Za-z])\d(?:[ \-]?\d){14}(?:(?:[ \-]?\d){2}[ \-]?[\dXx])?(?![0-9A-Za-z])")


def _decode_csv(raw):
    """Text and delimiter of a CSV file: UTF-8 (with or without BOM), GB18030, or Excel's
    “Unicode 文本” (UTF-16, tab-separated)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", "replace"), "\t"
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding), ","
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace"), ","


_WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".ods"}
_RAW_SUFFIXES = {".csv", ".txt", ".xls"} | _WORKBOOK_SUFFIXES


def raw_secrets(data_dir):
    """Secrets from a second, raw read of every data file, independent of the loader (no
    pandas, no schema header matching): in CSV files (csv module), the cells of 证件号码-like
    and 文书号-like columns; in every file, CSV or workbook (cells read from its zipped XML,
    or an old .xls as UTF-16 text), every cell shaped like a resident ID number."""
    data_dir = Path(data_dir)
    folder = data_dir.name or "data"
    titles = {Path(t.path).with_suffix("").as_posix(): t.title for t in schema.INPUT_TABLES}
    secrets = []
    for path in sorted(data_dir.rglob("*")):
        suffix = path.suffix.lower()
        if suffix not in _RAW_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(data_dir).as_posix()
        title = titles.get(str(Path(relative).with_suffix("").as_posix()), "数据文件")
        source = f"{folder}/{relative}"
        raw = path.read_bytes()
        if suffix == ".csv" or (suffix == ".txt" and raw[:2] in (b"\xff\xfe", b"\xfe\xff")):
            if raw[:4] == b"PK\x03\x04":  # a workbook saved under a .csv name
                secrets += _shaped_ids(_cells_text(raw, ".xlsx"), f"{title}，{source}（原始数据）")
            else:
                secrets += _csv_secrets(raw, title, source)
        else:
            try:
                text = _cells_text(raw, suffix)
            except (zipfile.BadZipFile, KeyError, ValueError):
                text = legacy_text(raw)
            secrets += _shaped_ids(text, f"{title}，{source}（原始数据）")
    return secrets


def _cells_text(raw, suffix):
    return legacy_text(raw) if suffix == ".xls" else document_text(raw, suffix)


def _shaped_ids(text, label):
    if _UNUSUAL_DIGIT.search(text):
        text = normalize(text)
    return [(m.group(0), "身份证号码", label, None) for m in _ID_SHAPED.finditer(text)
            if resident_id_kind(re.sub(r"[ \-]", "", m.group(0)))]


def _csv_secrets(raw, title, source):
    text, delimiter = _decode_csv(raw)
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(rows, [])
    keys = [canonical(h) for h in header]
    id_columns = [i for i, k in enumerate(keys) if _ID_HEADER.search(k)]
    number_columns = [i for i, k in enumerate(keys) if _DOCUMENT_NUMBER_HEADER.search(k)]
    taken = set(id_columns) | set(number_columns)
    secrets = []
    for row_number, row in enumerate((r for r in rows if any(c.strip() for c in r)), start=2):
        for columns, kind in ((id_columns, ID_KIND), (number_columns, "未公开的文书号")):
            for i in columns:
                if i < len(row) and row[i].strip():
                    label = f"{title}，{source} 第{row_number}行“{header[i].strip()}”列（原始数据）"
                    secrets.append((row[i].strip(), kind, label, None))
        joined = "\x00".join(row[i] if i not in taken else "" for i in range(len(row)))
        if len(joined) < 15:
            continue
        if _UNUSUAL_DIGIT.search(joined):
            joined = normalize(joined)  # one character for one: positions stay
        for match in _ID_SHAPED.finditer(joined):
            if resident_id_kind(re.sub(r"[ \-]", "", match.group(0))):
                column = joined.count("\x00", 0, match.start())
                name = header[column].strip() if column < len(header) else f"第{column + 1}列"
                label = f"{title}，{source} 第{row_number}行“{name}”列（原始数据）"
                secrets.append((match.group(0), "身份证号码", label, None))
    return secrets


_SITE_VALUES = ("AGENCY_NAME", "SITENAME", "SITE_SPONSOR", "SITE_PHONE", "SITE_ID_CODE", "SITE_ICP",
                "SITE_PSB", "SITE_COLUMN_NAME", "SITE_ORIGIN")
_NUMBER_IN_TEXT = re.compile(r"\d[\d\- ]{5,}\d[Xx]?")


def public_values(result, settings):
    """(values, free text) the gate publishes: ids, names, codes, dates… and the site's own;
    and the masked free text of published records."""
    values, texts = set(), set()
    for records in result.published.values():
        for record in records:
            values.add(record.id)
            free = set(record.table.free_text_columns)
            for column, value in record.values.items():
                if value:
                    (texts if column in free else values).add(value)
    for notice in result.notices:
        if getattr(notice, "authority", ""):
            values.add(notice.authority)
    values.update(str(settings.get(key)) for key in _SITE_VALUES if settings.get(key))
    values.update(settings.get("DISCLOSURE_ORDINARY_WORDS", ()) or ())
    return values, texts


def public_numbers(values):
    numbers = set()
    for value in values:
        for match in _NUMBER_IN_TEXT.finditer(normalize(value)):
            numbers.add(re.sub(r"[\- ]", "", match.group(0)).upper().encode("ascii"))
    return numbers


def theme_static_files(settings):
    """Site-relative path → source of the theme's static files that Pelican copies as they are."""
    theme = settings.get("THEME")
    if not theme:
        return {}
    target = settings.get("THEME_STATIC_DIR", "theme")
    files = {}
    for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
        source = Path(theme, folder)
        if source.is_dir():
            for path in source.rglob("*"):
                if path.is_file():
                    files[f"{target}/{path.relative_to(source).as_posix()}"] = str(path.resolve())
    return files


def collect(settings, data_dir=None, as_of=None):
    """BookData from the data: the pipeline's records and gate, and the raw CSV read."""
    started = time.perf_counter()
    data_dir = data_dir or pipeline.resolve_data_dir(settings)
    records_by_table, result = pipeline.run_with_records(settings, data_dir, as_of)
    secrets, pages = record_secrets(records_by_table, result, data_dir)
    del records_by_table
    secrets += raw_secrets(data_dir)
    values, texts = public_values(result, settings)
    slugs = {r.slug.encode() for records in result.published.values() for r in records}
    slugs |= {n.slug.encode() for n in result.notices}
    slugs |= {page.rsplit("/", 1)[1].encode() for page in pages}
    data = BookData(secrets, values, texts, public_numbers(values), slugs, pages, theme_static_files(settings))
    compile_secrets(data)
    data.seconds = time.perf_counter() - started
    return data


# -- the matcher ---------------------------------------------------------------------------------

_SECRET, _TRIGGER = 0, 1
_NUMBER_SECRET = re.compile(r"[0-9][0-9\-]{5,}[0-9Xx]")
_ASCII_WORD = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")


@dataclass
class Secret:
    value: str
    kind: str
    record: str
    page: object = None  # own page, or None: everywhere

    def describe(self):
        return f"{self.kind}“{partial(self.value)}”（{self.record}）"


def _counts(key, kind, page):
    """Whether a secret is specific enough to count (see the module docstring)."""
    if kind in _NAME_KINDS:
        return len(key) >= 3 or (len(key) == 2 and page is not None)
    if kind == PARTY_KIND:
        return len(key) >= 4
    return is_specific(key)


def compile_secrets(data):
    """Sort out the secrets that count, their views, and the public values around them."""
    public = {canonical(v) for v in data.public} if data.filter_public else set()
    everywhere, own, seen = {}, {}, set()
    for value, kind, record, page in data.secrets:
        value = value.strip()
        if not value or (value, page) in seen:
            continue  # the first (the validated record's) describes it
        seen.add((value, page))
        key = canonical(value)
        if data.filter_public and (key in public or not _counts(key, kind, page)):
            continue
        if page is not None and kind in _NAME_KINDS and len(key) > 2:
            page = None  # a longer name counts everywhere
            if (value, None) in seen:
                continue
            seen.add((value, None))
        secret = Secret(value, kind, record, page)
        table = everywhere if page is None else own.setdefault(page, {})
        for view in views_of(value):
            table.setdefault(view.decode("latin-1"), []).append(secret)
    # Secrets that are numbers (digits, maybe X): also looked up among the numbers of a text
    # with its spaces (pattern_findings), where 11010519491231002X 13912345678 is two.
    numbers = {}
    for key, entries in everywhere.items():
        if _NUMBER_SECRET.fullmatch(key):
            numbers.setdefault(key.replace("-", "").upper().encode("ascii"), entries)
    data.everywhere, data.own, data.number_secrets = everywhere, own, numbers
    data.containers = _containers(data)
    data.secrets = []  # all in the tables now
    return data


def _containers(data):
    """View → the public values (views) around it that make it no leak: 田强华 for 田强 (any
    public value that is not free text); for an organisation's name, code or 法定代表人 also
    the published free text that names it (the gate publishes organisations in other
    records' facts; a natural person's name there is a leak)."""
    automaton = ahocorasick.Automaton()
    for key, entries in data.everywhere.items():
        # Only a name (or an organisation's code) can sit inside a longer public value; a withheld 文书号 or ID
        # number inside any published value is still a leak.
        if not any(s.kind in _NAME_KINDS + _ORGANISATION_KINDS for s in entries):
            continue
        automaton.add_word(key, (key, any(s.kind in _ORGANISATION_KINDS for s in entries)))
    for page in data.own.values():
        for key in page:
            automaton.add_word(key, (key, False))
    if not len(automaton):
        return {}
    automaton.make_automaton()
    containers = {}
    for values, organisations_only in ((data.public, False), (data.public_text, True)):
        for value in values:
            for view in _container_views(value):
                haystack = view.decode("latin-1")
                for _end, (key, organisation) in automaton.iter(haystack):
                    if len(key) < len(haystack) and (organisation or not organisations_only):
                        containers.setdefault(key, set()).add(haystack)
    return containers


# ASCII but digits, capitals, "-", < and > (kept as the ends of tags) and SEP: the words
# view (below) has no markup in it, so the words automaton walks far fewer bytes.
_KEPT = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-<>\x00")
_MARKUP = bytes(c for c in range(0x80) if c not in _KEPT)
_WORDS_DROP = bytes(sorted(set(_ASCII_DROP) | set(_MARKUP)))
_CODE_RUN = re.compile(rb"[0-9]{7}")
_CODE_WORD = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-")


def words_view(raw, lines=False):
    """The fast view without ASCII letters and punctuation: what the words automaton reads."""
    if lines:
        raw = raw.replace(b"\n", SEP)
    raw = raw.translate(None, _WORDS_DROP)
    if _IDEOGRAPHIC_SPACE in raw:
        raw = raw.replace(_IDEOGRAPHIC_SPACE, b"")
    return raw


def _container_views(value):
    """How a public value reads in a page: its fast view (and its slow one, when the page it is
    in must go the slow way, which only a character that sends it there can cause)."""
    views = {fast_view(value.encode("utf-8"))}
    _needs_slow("")  # compiles _TRIGGER_RE
    if _TRIGGER_RE.search(value):
        views.add(slow_view(value))
    return views - {b""}


class Book:
    """The compiled secrets, kept where they are fastest to find:

    - words (a secret with a Chinese character in it and no ASCII letter: names, 文书号):
      one Aho–Corasick automaton (pyahocorasick) over the UTF-8 bytes, as a latin-1 string,
      of the words view; it also holds the characters that send a text down the slow path;
    - numbers (digits, maybe X): looked up among the numbers of the text (pattern_findings);
    - codes with a run of 7 digits (统一社会信用代码, 执法证号, passport numbers): looked up
      as the whole code around each such run;
    - other codes (SFGW-XK-001): a small automaton over the fast view, whole words only;
    - every one of them in one more automaton over the raw bytes of Pagefind's index;
    - per page, the two-character names that count there only.
    """

    def __init__(self, data):
        if data.everywhere is None:
            compile_secrets(data)
        self.slugs = data.slugs
        self.public_numbers = data.public_numbers
        self.pages = data.pages
        self.theme_static = data.theme_static
        self.own, self.number_secrets, self.containers = data.own, data.number_secrets, data.containers
        self.word_containers = {
            key: {c.encode("latin-1").translate(None, _WORDS_DROP).decode("latin-1") for c in containers}
            for key, containers in self.containers.items()
        }
        self.words = ahocorasick.Automaton()
        self.index = ahocorasick.Automaton()
        self.codes, code_words = {}, {}
        for key, entries in data.everywhere.items():
            encoded = key.encode("latin-1")
            self.index.add_word(key, (_SECRET, len(key), entries, encoded.isascii()))
            if encoded.isdigit() and len(encoded) >= 7:
                continue  # a number: pattern_findings looks it up
            if encoded != encoded.upper() and encoded.upper().decode("latin-1") in data.everywhere:
                continue  # the lower-case form is for Pagefind's index only
            if encoded.isascii() and _CODE_RUN.search(encoded):
                self.codes.setdefault(encoded.upper(), entries)
            elif encoded.translate(None, _MARKUP) == encoded:
                # In the words view; a code (ASCII only) must be a whole word there.
                self.words.add_word(key, (_SECRET, len(key), entries, encoded.isascii()))
            else:
                code_words[key] = entries  # lower case or punctuation: in the fast view
        for char in trigger_characters():
            key = char.encode("utf-8").decode("latin-1")
            if key not in self.words:
                self.words.add_word(key, (_TRIGGER, len(key), None, False))
        self.words.make_automaton()
        if len(self.index):
            self.index.make_automaton()
        self.code_words = None
        if code_words:
            self.code_words = ahocorasick.Automaton()
            for key, entries in code_words.items():
                self.code_words.add_word(key, (_SECRET, len(key), entries, key.isascii()))
            self.code_words.make_automaton()
        self.size = len(data.everywhere) + sum(map(len, self.own.values()))

    def match_words(self, haystack, page):
        """(secrets found, triggered) in a words view (latin-1 string)."""
        found, triggered = {}, False
        for end, (role, length, entries, ascii_word) in self.words.iter(haystack):
            if role == _TRIGGER:
                triggered = True
                continue
            start = end - length + 1
            if ascii_word and (
                (start > 0 and ord(haystack[start - 1]) in _CODE_WORD)
                or (end + 1 < len(haystack) and ord(haystack[end + 1]) in _CODE_WORD)
            ):
                continue
            key = haystack[start:end + 1]
            if key not in found and not self._shielded(haystack, key, start, self.word_containers):
                found[key] = entries
        for key, entries in self.own.get(page, {}).items():
            start = haystack.find(key)
            while start != -1 and key not in found:
                if not self._shielded(haystack, key, start, self.word_containers):
                    found[key] = entries
                start = haystack.find(key, start + 1)
        return found, triggered

    def match_codes(self, haystack, found):
        """Other codes, whole words only, in a fast view (latin-1 string)."""
        if self.code_words is not None:
            self._match(self.code_words, haystack, found, whole_words=True)

    def match_index(self, haystack):
        """Every secret in the raw bytes of a binary file (Pagefind's index)."""
        found = {}
        if len(self.index):
            self._match(self.index, haystack, found, whole_words=False)
        return found

    def _match(self, automaton, haystack, found, whole_words):
        for end, (_role, length, entries, ascii_word) in automaton.iter(haystack):
            start = end - length + 1
            if whole_words and ascii_word and (
                (start > 0 and ord(haystack[start - 1]) in _ASCII_WORD)
                or (end + 1 < len(haystack) and ord(haystack[end + 1]) in _ASCII_WORD)
            ):
                continue
            key = haystack[start:end + 1]
            if key not in found and not self._shielded(haystack, key, start, self.containers):
                found[key] = entries

    @staticmethod
    def _shielded(haystack, key, start, containers):
        for container in containers.get(key, ()):
            offset = container.find(key)
            while offset != -1:
                if haystack.startswith(container, start - offset):
                    return True
                offset = container.find(key, offset + 1)
        return False


# -- numbers by their shape ----------------------------------------------------------------------

# Digits (and spaces and hyphens) mapped to a byte that is never in UTF-8 text.
_DIGIT_MAP = bytes.maketrans(b"0123456789", b"\xff" * 10)
_NUMBER_MAP = bytes.maketrans(b"0123456789 -", b"\xff" * 12)
_HASH = 0xFF
_SEVEN, _ELEVEN = b"\xff" * 7, b"\xff" * 11
_SEPARATORS = frozenset(b" -")
_RUN = re.compile(rb"\xff+")
_GROUPS = re.compile(rb"[0-9]+(?:[ \-][0-9]+)*")  # digit groups, a single space or hyphen between them
_GROUP_SPLIT = re.compile(r"[ \-]")
_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CODE_CHARS = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-")
_UPPER = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LOWER = frozenset(b"abcdefghijklmnopqrstuvwxyz")
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
              50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91}


def _valid_date(year, month, day):
    try:
        return 1900 <= date(year, month, day).year <= date.today().year
    except ValueError:
        return False


def resident_id_kind(token):
    """'身份证号码' for a real-looking 18-digit (valid date, check digit) or 15-digit (valid
    province and date) resident ID, else None."""
    token = token.upper()
    if len(token) == 18 and token[:17].isdigit() and (token[17].isdigit() or token[17] == "X"):
        if not _valid_date(int(token[6:10]), int(token[10:12]), int(token[12:14])):
            return None
        total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(token[:17]))
        return "身份证号码" if "10X98765432"[total % 11] == token[17] else None
    if len(token) == 15 and token.isdigit() and int(token[:2]) in _PROVINCES:
        return "身份证号码（15位）" if _valid_date(1900 + int(token[6:8]), int(token[8:10]), int(token[10:12])) else None
    return None


def _luhn(digits):
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _number_kind(token):
    digits = token.replace("-", "").upper()
    n = len(digits)
    if n in (15, 18):
        kind = resident_id_kind(digits)
        if kind:
            return kind
    if not digits.isdigit():
        return None
    if n == 11 and digits[0] == "1" and digits[1] in "3456789":
        return "手机号码"
    if n == 13 and digits.startswith("861") and digits[3] in "3456789":
        return "手机号码"
    if 16 <= n <= 19 and digits[0] in "3456" and _luhn(digits):
        return "银行卡号"
    return None


_TRAVEL = re.compile(rb"[GE]\d{8}|E[A-Z]\d{7}|[HM]\d{8}(?:\d{2})?|C\d{8}|C[A-Z]\d{7}")


def pattern_findings(text, book):
    """(secret numbers found, [(kind, token)] unmasked personal numbers) in UTF-8 text whose
    spaces are still there (a number may be grouped by single spaces or hyphens, and two
    numbers side by side must stay two).

    Plain byte searches find the places to look: runs of 7 or more digits (with every digit
    mapped to one byte), and runs of 11 or more digits, spaces and hyphens (all mapped to it: a
    mobile number is 11 digits, however grouped). Each sequence of digit groups there with
    7 or more digits is looked up among the secrets' numbers and codes and judged by its
    shape, every run of whole groups in it (the whole first).
    """
    secrets, findings, seen = {}, [], set()
    digits = text.translate(_DIGIT_MAP)
    i = digits.find(_SEVEN)
    while i != -1:
        start, end = i, _RUN.match(digits, i).end()
        while start >= 2 and text[start - 1] in _SEPARATORS and digits[start - 2] == _HASH:
            start = digits.rfind(b"\xff", 0, start - 1)  # the group before, over one separator
            while start and digits[start - 1] == _HASH:
                start -= 1
        match = _GROUPS.match(text, start)
        if match is None:  # a 0xFF byte in a text that is not UTF-8
            i = digits.find(_SEVEN, end)
            continue
        if match.start() not in seen:
            seen.add(match.start())
            _judge_number(text, match.start(), match.end(), book, secrets, findings)
        i = digits.find(_SEVEN, max(end, match.end()))
    grouped = text.translate(_NUMBER_MAP)
    i = grouped.find(_ELEVEN)
    while i != -1:
        end = _RUN.match(grouped, i).end()
        if end - i - text.count(b" ", i, end) - text.count(b"-", i, end) >= 11:
            for match in _GROUPS.finditer(text, i, end):
                if match.start() not in seen:
                    seen.add(match.start())
                    _judge_number(text, match.start(), match.end(), book, secrets, findings)
        i = grouped.find(_ELEVEN, end)
    return secrets, findings


def _judge_number(text, start, end, book, secrets, findings):
    token = text[start:end]
    if len(token) - token.count(b" ") - token.count(b"-") < 7:
        return
    if book.codes and ((start and text[start - 1] in _LETTERS) or (end < len(text) and text[end] in _LETTERS)):
        first, last = start, end  # the whole code around the digits: 91990105422935121X, SL99…
        while first and text[first - 1] in _CODE_CHARS:
            first -= 1
        while last < len(text) and text[last] in _CODE_CHARS:
            last += 1
        entries = book.codes.get(text[first:last].upper())
        if entries:
            secrets.setdefault(text[first:last].decode("latin-1"), entries)
            return
    if end < len(text) and text[end] in b"Xx":
        end += 1
    if end < len(text) and text[end] in _ASCII_WORD:
        return
    if text.startswith(b".", end) and end + 1 < len(text) and text[end + 1] in _LOWER:
        return  # a file name: a page named by its slug (penalties/6526527380231740.html)
    token = text[start:end]
    if token.translate(None, b" -").upper() in book.public_numbers:
        return  # the footer's codes, the agency's: on every page
    groups = _GROUP_SPLIT.split(token.decode("ascii"))
    if start and text[start - 1] in _ASCII_WORD:
        # The first group is part of a word (a code, a hash); a passport or permit if it is
        # one or two capital letters and 7–10 digits.
        finding = _travel_document(text, start, start + len(groups[0]), book)
        if finding:
            findings.append(finding)
        groups = groups[1:]
    _judge_groups(groups, book, secrets, findings)


def _judge_groups(groups, book, secrets, findings):
    """Every run of whole groups, longest first; a group used by a finding is not used again."""
    used = [False] * len(groups)
    count = len(groups)
    # A long list of numbers (more than 8 groups): judged whole and group by group only.
    for length in range(count, 0, -1) if count <= 8 else (count, 1):
        for first in range(count - length + 1):
            if any(used[first:first + length]):
                continue
            token = "".join(groups[first:first + length]).upper()
            if len(token) < 7:
                continue
            encoded = token.encode("ascii")
            entries = book.number_secrets.get(encoded)
            if entries:
                secrets.setdefault(encoded.decode("latin-1"), entries)
                used[first:first + length] = [True] * length
                continue
            if encoded in book.public_numbers or encoded.lower() in book.slugs:
                continue
            if len(token) == 18 and uscc_is_valid(token):
                continue
            kind = _number_kind(token)
            if kind:
                findings.append((kind, "-".join(groups[first:first + length]) if length > 1 else token))
                used[first:first + length] = [True] * length


def _travel_document(view, start, end, book):
    """A passport or 港澳台 permit: one or two capital letters, then 7–10 digits."""
    if not view[start:end].isdigit():
        return None
    for letters in (1, 2):
        begin = start - letters
        if begin < 0 or any(c not in _UPPER for c in view[begin:start]):
            return None
        if begin and view[begin - 1] in _ASCII_WORD:
            continue
        candidate = view[begin:end]
        if _TRAVEL.fullmatch(candidate) and candidate not in book.public_numbers:
            return ("护照或港澳台通行证号码", candidate.decode())
    return None


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
            text = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
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
    fd = os.open(os.path.join(site, relative), os.O_RDONLY)
    try:
        raw = os.read(fd, os.fstat(fd).st_size + 1)
    finally:
        os.close(fd)
    page = page_of(relative)
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    elif raw[:3] == _BOM:
        raw = raw[3:]  # the data downloads' byte order mark, for Excel
    if kind == INDEX:
        return _report(book, relative, page, book.match_index(raw.decode("latin-1")), [])
    if kind == LEGACY_DOCUMENT:
        return _report(book, relative, page, book.match_index(slow_view(legacy_text(raw)).decode("latin-1")), [])
    lines = kind == DATA_TEXT
    if kind == DOCUMENT:
        text = document_text(raw, os.path.splitext(relative)[1].lower())
        found, raw, view = _match_slow(book, text, page, lines)
    else:
        if relative.endswith(".pf_fragment"):
            page = _fragment_page(raw)
            raw = raw.replace(_ZERO_WIDTH_SPACE, b"")
        raw = unescape(raw)
        found, triggered = book.match_words(words_view(raw, lines).decode("latin-1"), page)
        if triggered:
            found, raw, view = _match_slow(book, raw.decode("utf-8", "replace"), page, lines)
        else:
            view = fast_view(raw, lines) if book.code_words is not None else None
            if _IDEOGRAPHIC_SPACE in raw:
                raw = raw.replace(_IDEOGRAPHIC_SPACE, b" ")  # an ideographic space groups digits too
    if view is not None:
        book.match_codes(view.decode("latin-1"), found)
    secret_numbers, numbers = pattern_findings(raw, book)
    for key, entries in secret_numbers.items():
        found.setdefault(key, entries)
    return _report(book, relative, page, found, numbers)


def _match_slow(book, text, page, lines):
    """(found, text for the number patterns, fast view) through normalize."""
    view = slow_view(text, lines)
    found, _ = book.match_words(view.translate(None, _MARKUP).decode("latin-1"), page)
    return found, normalize(text).encode("utf-8", "replace"), view


def _report(book, relative, page, found, numbers):
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


# -- scanning a site -----------------------------------------------------------------------------

_WORKER = None  # (book, site) in the scanning processes, inherited through fork


def _scan_files(files):
    book, site = _WORKER
    findings = []
    for relative in files:
        try:
            findings += scan_file(book, site, relative)
        except Exception as error:  # noqa: BLE001 - a file that cannot be read cannot be cleared
            findings.append((relative, f"无法读取（{type(error).__name__}：{error}），不能确认其中没有不应公开的信息"))
    return findings


def site_files(site):
    """(site-relative paths of every file, sorted; the large ones among them, biggest first).

    Sizes are asked for only in folders of up to 2,000 files (the data downloads' folder,
    not the folders of one page per decision), to plan the work, nothing else.
    """
    files, large, folders = [], [], [(str(site), "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as scan:
            entries = list(scan)
        names = [e for e in entries if e.is_file(follow_symlinks=False) or (e.is_symlink() and not e.is_dir())]
        folders += [(e.path, f"{prefix}{e.name}/") for e in entries if e.is_dir(follow_symlinks=False)]
        for entry in names:
            relative = prefix + entry.name
            if len(names) <= 2000 and entry.stat().st_size > 1 << 20:
                large.append((entry.stat().st_size, relative))
            else:
                files.append(relative)
    return sorted(files), [f for _, f in sorted(large, reverse=True)]


def _fork_context():
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def worker_count():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def scan_site(site, book, workers=None):
    """[(relative file, finding)], sorted, for every file of a site; one process per core."""
    global _WORKER
    site = Path(site)
    files, large = site_files(site)
    workers = workers or worker_count()
    context = _fork_context()
    _WORKER = (book, str(site))
    try:
        if workers <= 1 or context is None or len(files) < 2000:
            findings = _scan_files(large + files)
        else:
            # The large files (data downloads) first, one to a task, so no worker is left
            # with one at the end; then the rest in tasks of 500.
            chunks = [[f] for f in large] + [files[i:i + 500] for i in range(0, len(files), 500)]
            with context.Pool(workers) as pool:
                findings = [f for part in pool.imap_unordered(_scan_files, chunks) for f in part]
    finally:
        _WORKER = None
    return sorted(findings)


def scan(site, secrets, allowed=(), own_file_secrets=None):
    """Scan for given values (value → description) only; allowed: public values that shield
    the secrets inside them; own_file_secrets: {site-relative file: {value: description}}."""
    data = BookData(filter_public=False, public=set(allowed))
    data.secrets = [(value, description, "给定的值", None) for value, description in secrets.items()]
    for relative, values in (own_file_secrets or {}).items():
        page = page_of(relative) or relative
        data.secrets += [(value, description, "给定的值", page) for value, description in values.items()]
    return scan_site(site, Book(data))


class Preparation:
    """The secrets, gathered in a child process while something else runs (Pelican, in
    commands/build.py): the data is read once more, independently of the build. A thread
    takes them in as soon as they are sent, so the child, which holds a copy of all the
    data, is gone long before Pelican's busiest stage (the search index)."""

    def __init__(self, settings, data_dir=None, as_of=None):
        self.arguments = (settings, data_dir, as_of)
        self.data = self.process = self.thread = None
        context = _fork_context()
        if context is None:
            return
        receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_prepare_in_child, args=(sender, *self.arguments), daemon=True)
        self.process.start()
        sender.close()
        self.thread = threading.Thread(target=self._receive, args=(receiver,), daemon=True)
        self.thread.start()

    def _receive(self, receiver):
        try:
            self.data = receiver.recv()
        except (EOFError, OSError):
            self.data = None
        finally:
            receiver.close()

    def result(self):
        """BookData; gathered here if the child could not (it then raises the data's errors)."""
        if self.process is not None:
            self.thread.join()
            self.process.join()
            self.process = None
            if isinstance(self.data, BookData):
                return self.data
        return collect(*self.arguments)

    def cancel(self):
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.process = None


def _prepare_in_child(sender, settings, data_dir, as_of):
    try:
        sender.send(collect(settings, data_dir, as_of))
    except BaseException:  # noqa: BLE001 - the parent gathers again and reports the error
        sender.send(None)
    finally:
        sender.close()


def check_site(site, settings, data_dir=None, as_of=None, prepared=None, workers=None):
    """[(relative file, finding)] for a built or deployed site; [] when nothing leaks.

    prepared: a Preparation started earlier (or BookData) for the same settings and data.
    """
    if prepared is None:
        # In a child process: its copy of all the data is gone before the scan's workers
        # start, each of which would otherwise carry it.
        prepared = Preparation(settings, data_dir, as_of)
    if isinstance(prepared, Preparation):
        prepared = prepared.result()
    return scan_site(site, Book(prepared), workers)


def main(argv=None):
    from pelican.settings import read_settings

    parser = argparse.ArgumentParser(description="检查生成或已部署的网站中是否泄露了不应公开的信息。")
    parser.add_argument("site", help="网站目录，如 output")
    parser.add_argument("--settings", default="publishconf.py")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        findings = check_site(args.site, read_settings(args.settings))
    except DisclosureDataError as error:
        print(error.report(), file=sys.stderr)
        return error.exitcode
    for name, finding in findings:
        print(f"{args.site}/{name}：{finding}", file=sys.stderr)
    if findings:
        print(f"泄露检查未通过：发现 {len(findings)} 处不应公开的信息。", file=sys.stderr)
        return 1
    print(f"泄露检查通过：{args.site} 中没有发现不应公开的信息（{time.perf_counter() - started:.1f} 秒）。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
