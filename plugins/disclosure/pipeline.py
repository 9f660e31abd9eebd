"""load → validate → gate, with no Pelican in it (usable by tests, `make validate`, benchmarks)."""

import os
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .data import schema
from .data.loading import load_table
from .data.paths import links_leaving
from .data.problems import DisclosureDataError, Problem
from .data.validation import validate_table
from .rules.gate import PUBLIC_URL_KEY, Gate
from .rules.workdays import WorkdayCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")


def resolve_as_of(settings):
    """DISCLOSURE_AS_OF from the environment, then settings, else today in Asia/Shanghai."""
    text = os.environ.get("DISCLOSURE_AS_OF") or settings.get("DISCLOSURE_AS_OF") or ""
    if not text:
        return datetime.now(SHANGHAI).date()
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise DisclosureDataError([Problem(
            "环境变量 DISCLOSURE_AS_OF", f"“{text}”不是有效日期", "YYYY-MM-DD，如 2026-11-20",
        )]) from None


URL_KEY_MIN_LENGTH = 16


def resolve_url_key(settings):
    """(key, warning or None): the key of the decision pages' names (rules.gate.record_slug).

    Read from the environment variable named by the setting DISCLOSURE_URL_KEY_ENV (default
    DISCLOSURE_URL_KEY), which agencies set as a CI secret; never from a settings file, which
    is in git. Unset or empty: the public fallback key, so URLs stay the same from build to
    build, but anyone can recompute them from guessable 文书号; the warning says so.
    """
    name = settings.get("DISCLOSURE_URL_KEY_ENV") or "DISCLOSURE_URL_KEY"
    key = os.environ.get(name, "").strip()
    if not key:
        return PUBLIC_URL_KEY, (
            f"未设置 {name}：决定网址可被推算。任何人都能由文书号（机关代字+年份+序号）算出决定页面的网址，"
            f"从撤下说明的网址反推出已撤下决定的文书号。请生成一个密钥（如 python3 -c \"import secrets; "
            f"print(secrets.token_urlsafe(32))\"），在 CI 的机密变量（Secrets）中设置 {name}；"
            f"设置后所有决定的网址改变一次，以后保持不变。见 docs/管理员指南.md。")
    if len(key) < URL_KEY_MIN_LENGTH:
        return key.encode("utf-8"), (
            f"{name} 太短（少于 {URL_KEY_MIN_LENGTH} 个字符）：可由已公开决定的网址穷举出密钥，进而推算已撤下决定的文书号。"
            f"请换用 python3 -c \"import secrets; print(secrets.token_urlsafe(32))\" 生成的密钥。")
    return key.encode("utf-8"), None


def resolve_data_dir(settings, base="."):
    text = os.environ.get("DISCLOSURE_DATA_DIR") or settings.get("DISCLOSURE_DATA_DIR") or "data"
    return Path(base, text).resolve() if not Path(text).is_absolute() else Path(text)


def load_and_validate(data_dir):
    """Return (records by table key, warnings); raise DisclosureDataError listing every problem."""
    records_by_table, problems, warnings = {}, [], []
    display_root = Path(data_dir).name or "data"
    for table in schema.INPUT_TABLES:
        loaded, load_problems = load_table(data_dir, table, display_root)
        problems += load_problems
        # Header warnings (unknown columns, absent gate columns and their defaults) are kept
        # even when the file has errors: the admin sees everything to fix in one go.
        warnings += loaded.warnings
        warnings_before = list(loaded.warnings)
        if load_problems:
            continue
        if not loaded.present and table.kind != "calendar":
            warnings.append(f"{loaded.source} 不存在，{table.title}没有数据。")
        records, row_problems = validate_table(loaded)
        # Value warnings (amounts converted from 元, platform codes read as wording).
        warnings += loaded.warnings[len(warnings_before):]
        problems += row_problems
        records_by_table[table.key] = records
    if problems:
        raise DisclosureDataError(problems, warnings=warnings)
    return records_by_table, warnings


def run(settings, data_dir=None, as_of=None):
    """The whole data side of a build: the GateResult every output reads."""
    return run_with_records(settings, data_dir, as_of)[1]


def run_with_records(settings, data_dir=None, as_of=None):
    """(validated records by table, GateResult); the leak scanner needs both."""
    data_dir = data_dir or resolve_data_dir(settings)
    as_of = as_of or resolve_as_of(settings)
    url_key, key_warning = resolve_url_key(settings)
    records_by_table, warnings = load_and_validate(data_dir)
    workdays = WorkdayCalendar.from_settings(records_by_table.get(schema.HOLIDAYS.key, []), settings)
    result = Gate(settings, as_of, workdays, url_key).run(records_by_table)
    result.workdays = workdays
    result.warnings = warnings + result.warnings + ([key_warning] if key_warning else [])
    return records_by_table, result


def resolve_report_dir(settings, base="."):
    text = os.environ.get("DISCLOSURE_REPORT_DIR") or settings.get("DISCLOSURE_REPORT_DIR") or "reports"
    return Path(base, text) if not Path(text).is_absolute() else Path(text)


def check_paths(settings):
    """Symbolic links in data/ and content/ that leave them are errors, before anything is read."""
    problems = links_leaving(resolve_data_dir(settings), "data") + links_leaving(settings["PATH"], "content")
    if problems:
        raise DisclosureDataError(problems)


def check_content(settings, result):
    """The Markdown side: ```flow blocks and service guides. Raises DisclosureDataError.

    Run before Pelican reads the Markdown (and before it empties the output folder):
    Pelican itself would only log a failed page and leave it out.
    """
    from .content.documents import list_documents
    from .content.flowchart_markdown import validate_flowcharts
    from .content.guides import validate_guides
    from .content.markdown_pages import validate_markdown_pages

    matter_codes = {r.id for r in result.published.get(schema.MATTERS.key, [])}
    problems = validate_flowcharts(settings["PATH"]) + validate_guides(settings["PATH"], matter_codes)
    problems += list_documents(settings["PATH"])[1]
    problems += validate_markdown_pages(settings["PATH"], settings["PAGE_PATHS"])
    if problems:
        raise DisclosureDataError(problems)
