"""Privacy masking applied by the gate (政府信息公开条例 第15条、第37条; 个人信息保护法).

Everything published goes through here first, so pages, search, feeds and
data files all carry the same masked text.

Matching happens on a normalised view of the text (`normalize`): full-width
letters and digits become half-width, zero-width and other format characters
and every kind of space become a plain space, every middle-dot variant becomes
"·". The view has exactly one character per character of the original, so a
match found in it masks the same span of the original text, and the published
text keeps its own punctuation. Names are matched once more with the spaces
taken out, so 王　芳, 李 娜 and 王\u200b芳 are all 王芳. The leak scanner uses the
same `normalize`.
"""

import re
import unicodedata
from functools import lru_cache

import ahocorasick

# Longest first, so 欧阳明辉 keeps 欧阳 and not 欧.
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "南宫", "西门", "独孤",
    "百里", "呼延", "澹台", "公冶", "太史", "申屠", "闻人", "万俟", "赫连", "拓跋",
)

# U+00B7 · U+2022 • U+2027 ‧ U+30FB ・ U+FF65 ･ U+2219 ∙ U+22C5 ⋅ U+0387 · U+16EB ᛫ U+2E31 ⸱ U+318D ㆍ
MIDDLE_DOTS = "\u00b7\u2022\u2027\u30fb\uff65\u2219\u22c5\u0387\u16eb\u2e31\u318d"


def _one_to_one_table():
    table = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII → ASCII
    for dot in MIDDLE_DOTS:
        table[ord(dot)] = "·"
    # The Basic Multilingual Plane, mathematical digits and the tag characters (format characters).
    for code in [*range(0x10000), *range(0x1D7CE, 0x1D800), *range(0xE0000, 0xE0080)]:
        char = chr(code)
        if code in table or code < 0x80:
            continue
        if char.isspace() or unicodedata.category(char) == "Cf":
            table[code] = " "  # U+3000, NBSP, zero-width space/joiners, BOM, soft hyphen…
        elif unicodedata.category(char) == "Nd":
            table[code] = str(unicodedata.digit(char))  # Arabic-Indic, mathematical digits…
        else:
            # NFKC where it keeps one character for one (①, compatibility ideographs…), so the
            # view stays aligned with the text.
            folded = unicodedata.normalize("NFKC", char)
            if len(folded) == 1 and folded != char:
                table[code] = table.get(ord(folded), folded)
    return table


_TABLE = _one_to_one_table()
_WHITESPACE = re.compile(r"\s")


def _changed_characters(table):
    """A character class of exactly the characters the table changes, as ranges."""
    ranges = []
    for code in sorted(code for code, to in table.items() if to not in (code, chr(code))):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[" + "".join(
        f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]")


# str.translate looks up every character in a dict of 65,000 entries; most text (Chinese
# with ASCII digits) has no character to change, and one regex search says so faster.
_CHANGED = _changed_characters(_TABLE)


def normalize(text):
    """The matching view of text: same length, one character for each character of text."""
    return text.translate(_TABLE) if _CHANGED.search(text) else text


def compact(text):
    """normalize(text) without spaces, and for each of its characters the index in text."""
    view = normalize(text)
    if not _WHITESPACE.search(view):
        return view, None
    keep = [i for i, c in enumerate(view) if not c.isspace()]
    return "".join(view[i] for i in keep), keep


# -- numbers ---------------------------------------------------------------------------------------
# Digits may be grouped by one space or hyphen anywhere (110101 19900307 123X, 6222-0200-…).
_SEP = r"[ \-]?"
_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"

ID_NUMBER = re.compile(_NOT_ALNUM_BEFORE + r"(?:\d" + _SEP + r"){17}[\dXx]" + _NOT_ALNUM_AFTER)
# First-generation (1984–2004) IDs: 6-digit area, YYMMDD, 3 digits.
ID_NUMBER_15 = re.compile(
    _NOT_ALNUM_BEFORE + r"\d{6}" + _SEP + r"\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])" + _SEP + r"\d{3}"
    + _NOT_ALNUM_AFTER
)
MOBILE_NUMBER = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:" + _SEP + r"\d){8}(?!\d)")
LANDLINE_NUMBER = re.compile(
    r"(?<!\d)(?:[(（]0\d{2,3}[)）] ?|0\d{2,3}" + _SEP + r")[2-9]\d{2,3}" + _SEP + r"\d{4}(?:[-转]\d{1,5})?(?!\d)"
)
BANK_CARD_NUMBER = re.compile(r"(?<!\d)\d(?:" + _SEP + r"\d){15,18}(?!\d)")
# 投资项目统一代码 (年份-6 位地区和行业-2-2-6 位顺序号, e.g. 2025-990104-34-03-443701), public in
# permits: its last 16 digits are shaped like a grouped bank card, but the whole is 20 digits,
# more than any card has.
PROJECT_CODE = re.compile(r"(?<![0-9A-Za-z\-])\d{4}-\d{6}-\d{2}-\d{2}-\d{6}(?![0-9A-Za-z\-])")
# 护照 (G/E + 8 digits; E + letter + 7 digits), 港澳居民来往内地通行证 (H/M + 8 or 10 digits),
# 往来港澳通行证 (C + 8 digits or C + letter + 7 digits), 台湾居民来往大陆通行证 (8 digits, or 10 with a letter).
TRAVEL_DOCUMENT = re.compile(
    _NOT_ALNUM_BEFORE + r"(?:[GEge]\d{8}|[Ee][A-HJ-NP-Za-hj-np-z]\d{7}|[HMhm]\d{8}(?:\d{2})?"
    r"|[Cc]\d{8}|[Cc][A-HJ-NP-Za-hj-np-z]\d{7})" + _NOT_ALNUM_AFTER
)
# Any number right after the name of an identity document, whatever its shape.
NAMED_DOCUMENT_NUMBER = re.compile(
    r"(?:身份证(?:号码|号)?|证件号码?|护照(?:号码|号)?|通行证(?:号码|号)?|台胞证(?:号码|号)?|回乡证(?:号码|号)?"
    r"|居住证(?:号码|号)?|军官证(?:号码|号)?)[:：是为 ]*(?P<number>[0-9A-Za-z][0-9A-Za-z\-()（） ]{6,22}[0-9A-Za-z)）])"
)

ID_MASK = "[证件号码已隐去]"
MOBILE_MASK = "[手机号码已隐去]"
LANDLINE_MASK = "[电话号码已隐去]"
BANK_CARD_MASK = "[银行卡号已隐去]"

_NUMBER_RULES = (
    (NAMED_DOCUMENT_NUMBER, ID_MASK),
    (ID_NUMBER, ID_MASK),
    (ID_NUMBER_15, ID_MASK),
    (TRAVEL_DOCUMENT, ID_MASK),
    (BANK_CARD_NUMBER, BANK_CARD_MASK),
    (MOBILE_NUMBER, MOBILE_MASK),
    (LANDLINE_NUMBER, LANDLINE_MASK),
)
_DIGIT_LIKE = re.compile(r"[0-9０-９]")


# Every rule but NAMED_DOCUMENT_NUMBER matches at least 7 digits in a row, each pair apart by
# at most one space or hyphen (a passport's E + letter + 7; a landline's 234 5678 after the
# area code): a 文书号 such as 〔2025〕00123号 needs none of their scans.
_SEVEN_DIGITS = re.compile(r"\d(?:[ \-]?\d){6}")


def number_spans(view):
    """[(start, end, mask)] of every personal number in a normalised view, earliest rule first."""
    spans = []
    # Most free text has a date or a count in it, not a number of 7 digits: one cheap look
    # spares six regex scans (whose matches all hold 7 or more digits).
    rules = _NUMBER_RULES if _SEVEN_DIGITS.search(view) else _NUMBER_RULES[:1]
    # NAMED_DOCUMENT_NUMBER needs a document's name, and each has 证 in it but 护照: two
    # substring looks spare its scan of a 文书号 or a 许可编号.
    if "证" not in view and "护照" not in view:
        rules = rules[1:]
    project_codes = [m.span() for m in PROJECT_CODE.finditer(view)] if "-" in view else []
    for pattern, mask in rules:
        for match in pattern.finditer(view):
            start, end = match.span("number") if "number" in pattern.groupindex else match.span()
            if pattern is BANK_CARD_NUMBER and any(a <= start and end <= b for a, b in project_codes):
                continue
            spans.append((start, end, mask))
    return spans


# -- names -----------------------------------------------------------------------------------------

def surname_of(name):
    name = name.strip()
    for surname in COMPOUND_SURNAMES:
        if name.startswith(surname) and len(name) > len(surname):
            return surname
    return name[:1]


def mask_person_name(name):
    """张三 → 张某某; 欧阳明辉 → 欧阳某某."""
    name = name.strip()
    if not name:
        return name
    return surname_of(name) + "某某"


@lru_cache(maxsize=1 << 16)
def name_key(name):
    """The form a name is matched in: normalised, no spaces (王　芳 → 王芳, 阿卜杜•热合曼 → 阿卜杜·热合曼).
    Cached: a record's own party is looked for in each of its free-text columns."""
    return compact(name or "")[0]


class NameMatcher:
    """Every natural person's name in one Aho–Corasick automaton, and the public names that shield them.

    A personal name is masked wherever it occurs, except inside a public name
    (an authority, an officer on duty, a published organisation) that contains it:
    程建 inside 示例市工程建设局 is part of the authority's name, not the person.
    """

    def __init__(self, person_names=(), public_names=()):
        self.automaton = ahocorasick.Automaton()
        people = {name_key(n) for n in person_names}
        for key in {name_key(n) for n in public_names} - people:
            if len(key) >= 2:
                self.automaton.add_word(key, (False, key))
        for key in people:
            if len(key) >= 2:
                self.automaton.add_word(key, (True, key))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def spans(self, view):
        """[(start, end, name)] of personal names in a compact view, outside public names."""
        if self.empty or not view:
            return []
        found, shields = [], []
        for end, (personal, key) in self.automaton.iter(view):
            (found if personal else shields).append((end - len(key) + 1, end + 1, key))
        return [(s, e, k) for s, e, k in found if not any(a <= s and e <= b for a, b, _ in shields)]


NO_NAMES = NameMatcher()


def mask_free_text(text, person_names=(), matcher=NO_NAMES, found=None):
    """Mask ID, travel-document, mobile, landline and bank card numbers, and natural persons' names.

    person_names: this record's own natural persons; matcher: everyone else's (a NameMatcher).
    found, if a list, receives each masked name (for the admins' report of over-masking).
    """
    if not text:
        return text
    own = [key for key in map(name_key, person_names) if len(key) >= 2]
    if not own and matcher.empty and not _DIGIT_LIKE.search(text):
        return text
    spans = number_spans(normalize(text)) if _DIGIT_LIKE.search(text) else []
    if own or not matcher.empty:
        view, keep = compact(text)
        names = matcher.spans(view)
        for key in own:
            start = view.find(key)
            while start != -1:
                names.append((start, start + len(key), key))
                start = view.find(key, start + len(key))
        for start, end, key in names:
            if keep is not None:
                start, end = keep[start], keep[end - 1] + 1
            spans.append((start, end, mask_person_name(key)))
            if found is not None:
                found.append(key)
    return _apply(text, spans)


def _apply(text, spans):
    """Replace spans (earliest and longest first; overlapping later ones are dropped)."""
    if not spans:
        return text
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out, position = [], 0
    for start, end, mask in spans:
        if start < position:
            continue
        out += [text[position:start], mask]
        position = end
    out.append(text[position:])
    return "".join(out)


def is_resident_id_number(text):
    """A real-looking 18-digit resident ID: a valid birth date and ISO 7064 MOD 11-2 check digit.

    Stricter than the masking pattern on purpose: the leak scanner must not take an
    all-digit 统一社会信用代码 for an ID number. Separators and full-width digits are ignored.
    """
    from datetime import date

    text = re.sub(r"[ \-]", "", normalize(text))
    if not re.fullmatch(r"\d{17}[\dXx]", text):
        return False
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2100:
        return False
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(text[:17]))
    return "10X98765432"[total % 11] == text[17].upper()
