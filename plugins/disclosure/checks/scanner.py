"""Leak scanner: read every file of a built or deployed site and look for what the gate withheld.

    make check                      # the example site in output/
    PYTHONPATH=plugins python -m disclosure.checks.scanner output --settings publishconf.py

It recomputes the gate from the data, then searches every file (HTML, CSV,
JSON, XML, JS and Pagefind's gzip-compressed index and fragments, after
stripping zero-width characters and undoing HTML, URL and JSON escapes) for
the identifying values of every record that is not published, for natural
persons' full names, and for unmasked ID, mobile and bank card numbers.
"""

import argparse
import gzip
import html
import re
import sys
from pathlib import Path
from urllib.parse import unquote

from .. import pipeline
from ..data.schema import NATURAL_PERSON, TABLES_BY_KEY
from ..data.validation import uscc_is_valid
from ..rules.gate import PUBLISHED, record_slug
from ..rules.masking import (
    BANK_CARD_NUMBER,
    ID_NUMBER,
    MOBILE_NUMBER,
    is_resident_id_number,
)

USCC_TOKEN = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
# Files whose text is meant for people; Pagefind's binary index files get value checks only.
TEXT_SUFFIXES = {".html", ".csv", ".json", ".xml", ".txt", ".js", ".pf_fragment", ".atom", ".svg"}


def readable_text(raw):
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8", errors="replace")
    text = JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return ZERO_WIDTH.sub("", html.unescape(unquote(text)))


def secrets_of(result, records_by_table):
    """(secrets, own_file_secrets): values that must appear in no public file, value → whose it is;
    and, per file, values checked in that file only.

    A two-character personal name (程建, 高新) is also an everyday part of words (工程建设,
    高新区); it is looked for only in its own record's page and data file, where a leak of
    that person's name would be. Longer names are looked for everywhere.
    """
    state_of = {(s.table, s.id): s.state for s in result.states}
    published_parties = {r.party for records in result.published.values() for r in records if r.party}
    # An officer on duty may share a name with a natural-person party; the officer's name is public.
    published_officers = {r.values["姓名"] for r in result.published.get("officers", [])}
    secrets, own_file_secrets = {}, {}
    for key, records in records_by_table.items():
        table = TABLES_BY_KEY.get(key)
        if table is None:
            continue
        for record in records:
            label = f"{table.title} {record.id}"
            withheld = state_of.get((key, record.id)) != PUBLISHED
            natural_person = bool(table.party_type_column) and record.get(table.party_type_column) == NATURAL_PERSON
            party = record.get(table.party_column) if table.party_column else ""
            if withheld:
                secrets[record.id] = f"未公开记录（{label}）的编号"
                if party and party not in published_parties and not natural_person:
                    secrets[party] = f"未公开记录（{label}）的当事人"
            if natural_person and len(party) >= 2 and party not in published_officers:
                description = f"自然人全名（{label}）"
                if len(party) > 2:
                    secrets[party] = description
                else:
                    slug = record_slug(table, record.id)
                    for own in (f"{table.key}/{slug}.html", f"{table.key}/{slug}.json"):
                        own_file_secrets.setdefault(own, {})[party] = description
            for column in ("证件号码", "法定代表人证件号码"):
                if len(record.get(column)) >= 6:
                    secrets[record.get(column)] = f"证件号码（{label}）"
    return secrets, own_file_secrets


def public_names_containing(result, secrets):
    """Published names (parties, officers) that contain a secret, e.g. officer 田强华 and a
    fined person 田强, or 城东区张伟五金店 and 张伟: blanked out before matching, so a
    public name never reads as a leak of the shorter one."""
    names = {r.party for records in result.published.values() for r in records if r.party}
    names |= {r.values["姓名"] for r in result.published.get("officers", [])}
    return sorted((n for n in names if any(s in n and s != n for s in secrets)), key=len, reverse=True)


def pattern_findings(text):
    # An all-digit 统一社会信用代码 looks like an ID or card number; it is public, so drop it first.
    text = USCC_TOKEN.sub(lambda m: " " if uscc_is_valid(m.group(0)) else m.group(0), text)
    for match in ID_NUMBER.finditer(text):
        if is_resident_id_number(match.group(0)):
            yield f"未隐去的身份证号码 {match.group(0)}"
    for match in MOBILE_NUMBER.finditer(text):
        yield f"未隐去的手机号码 {match.group(0)}"
    for match in BANK_CARD_NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if 16 <= len(digits) <= 19 and not text.startswith(".html", match.end()) and _luhn(digits):
            yield f"未隐去的银行卡号 {match.group(0)}"


def _luhn(digits):
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def scan(site, secrets, allowed=(), own_file_secrets=None):
    """Return [(relative file, finding)] for everything that should not be there."""
    own_file_secrets = own_file_secrets or {}
    site = Path(site)
    allowed_matcher = re.compile("|".join(map(re.escape, allowed))) if allowed else None
    values = sorted(secrets, key=len, reverse=True)
    matcher = re.compile("|".join(map(re.escape, values))) if values else None
    findings = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        text = readable_text(path.read_bytes())
        name = str(path.relative_to(site))
        if allowed_matcher:
            text = allowed_matcher.sub("\u3000", text)
        if matcher:
            for value in sorted(set(matcher.findall(text))):
                findings.append((name, f"{secrets[value]}：{value}"))
        for value, description in sorted(own_file_secrets.get(name, {}).items()):
            if value in text:
                findings.append((name, f"{description}：{value}"))
        if path.suffix in TEXT_SUFFIXES:
            findings += [(name, finding) for finding in sorted(set(pattern_findings(text)))]
    return findings


def check_site(site, settings, data_dir=None, as_of=None):
    records_by_table, result = pipeline.run_with_records(settings, data_dir, as_of)
    secrets, own_file_secrets = secrets_of(result, records_by_table)
    return scan(site, secrets, public_names_containing(result, secrets), own_file_secrets)


def main(argv=None):
    from pelican.settings import read_settings

    parser = argparse.ArgumentParser(description="检查生成或已部署的网站中是否泄露了不应公开的信息。")
    parser.add_argument("site", help="网站目录，如 output")
    parser.add_argument("--settings", default="publishconf.py")
    args = parser.parse_args(argv)
    findings = check_site(args.site, read_settings(args.settings))
    for name, finding in findings:
        print(f"{args.site}/{name}：{finding}", file=sys.stderr)
    if findings:
        print(f"泄露检查未通过：发现 {len(findings)} 处不应公开的信息。", file=sys.stderr)
        return 1
    print(f"泄露检查通过：{args.site} 中没有发现不应公开的信息。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
