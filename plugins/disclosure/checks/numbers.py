"""Unmasked personal numbers found by their shape: resident IDs, mobiles, bank cards, travel documents."""

import re
from datetime import date

from ..data.validation import uscc_is_valid
from .matcher import ASCII_WORD

# -- numbers by their shape ----------------------------------------------------------------------

# Digits (and spaces and hyphens) mapped to a byte that is never in UTF-8 text
# (A 0xFF byte of a text that is not UTF-8 becomes 0xFE.)
_DIGIT_MAP = bytes.maketrans(b"0123456789\xff", b"\xff" * 10 + b"\xfe")
_NUMBER_MAP = bytes.maketrans(b"0123456789 -\xff", b"\xff" * 12 + b"\xfe")
_HASH = 0xFF
_SEVEN, _ELEVEN = b"\xff" * 7, b"\xff" * 11
_RUN = re.compile(rb"\xff*")  # the rest of a run
_SEPARATORS = frozenset(b" -")
_GROUPS = re.compile(rb"[0-9]+(?:[ \-][0-9]+)*")  # digit groups, a single space or hyphen between them
_GROUP_SPLIT = re.compile(r"[ \-]")
_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CODE_CHARS = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-")
_UPPER = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LOWER = frozenset(b"abcdefghijklmnopqrstuvwxyz")
# A 投资项目统一代码 (rules.masking.PROJECT_CODE), public in permits: judged whole (20 digits, no
# personal number), not group by group (its last 16 digits are grouped like a bank card).
_PROJECT_CODE = re.compile(rb"[0-9]{4}-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}")
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
    size = len(text)
    digits = text.translate(_DIGIT_MAP)
    i = digits.find(_SEVEN)
    while i != -1:
        start = i
        end = _RUN.match(digits, i + 7).end()
        if start >= 2 and text[start - 1] in _SEPARATORS and digits[start - 2] == _HASH:
            while start >= 2 and text[start - 1] in _SEPARATORS and digits[start - 2] == _HASH:
                start = digits.rfind(b"\xff", 0, start - 1)  # the group before, over one separator
                while start and digits[start - 1] == _HASH:
                    start -= 1
            end = _GROUPS.match(text, start).end()
        elif end + 1 < size and text[end] in _SEPARATORS and digits[end + 1] == _HASH:
            end = _GROUPS.match(text, start).end()  # more groups after it
        seen.add(start)
        _judge_number(text, start, end, book, secrets, findings)
        i = digits.find(_SEVEN, end)
    grouped = text.translate(_NUMBER_MAP)
    i = grouped.find(_ELEVEN)
    while i != -1:
        end = _RUN.match(grouped, i + 11).end()
        separators = text.count(b" ", i, end) + text.count(b"-", i, end)
        # A run of digits only is one group of 7 or more digits: judged above.
        if separators and end - i - separators >= 11:
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
    elif text[end:end + 1] in (b" ", b"-") and text[end + 1:end + 2] in (b"X", b"x") and not (
            end + 2 < len(text) and text[end + 2] in ASCII_WORD):
        end += 2  # a check digit X set apart like a group: 31010419500303000 X
    if end < len(text) and text[end] in ASCII_WORD:
        return
    if text.startswith(b".", end) and end + 1 < len(text) and text[end + 1] in _LOWER:
        return  # a file name: a page named by its slug (penalties/6526527380231740.html)
    token = text[start:end]
    if token.translate(None, b" -").upper() in book.public_numbers:
        return  # the footer's codes, the agency's: on every page
    groups = _GROUP_SPLIT.split(token.decode("ascii"))
    if _PROJECT_CODE.fullmatch(token) and not (start and text[start - 1] in ASCII_WORD):
        groups = ["".join(groups)]
    if start and text[start - 1] in ASCII_WORD:
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
            # A 统一社会信用代码 is public, but one in 31 resident ID numbers also passes its check:
            # such a number is a leak unless it is a public value (checked above).
            if len(token) == 18 and uscc_is_valid(token) and not resident_id_kind(token):
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
        if begin and view[begin - 1] in ASCII_WORD:
            continue
        candidate = view[begin:end]
        if _TRAVEL.fullmatch(candidate) and candidate not in book.public_numbers:
            return ("护照或港澳台通行证号码", candidate.decode())
    return None


