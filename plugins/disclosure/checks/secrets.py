"""What the leak check looks for: secrets from the validated records and the gate's states, and from a
second raw read of the data files; the public values that are never secrets (see checks/scanner.py)."""

import csv
import io
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import pipeline
from ..data import schema
from ..rules.gate import PUBLISHED, STATE_LABELS, minor_names, record_slug
from ..rules.masking import normalize
from .matcher import (
    ID_KIND,
    NAME_KIND,
    PARTY_CODE_KIND,
    PARTY_KIND,
    REPRESENTATIVE_KIND,
    compile_secrets,
)
from .numbers import resident_id_kind
from .reading import document_text, legacy_text
from .views import canonical

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


