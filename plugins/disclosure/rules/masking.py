"""Privacy masking applied by the gate (政府信息公开条例 第15条、第37条; 个人信息保护法).

Everything published goes through here first, so pages, search, feeds and
data files all carry the same masked text.
"""

import re

# Longest first, so 欧阳明辉 keeps 欧阳 and not 欧.
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "南宫", "西门", "独孤",
    "百里", "呼延", "澹台", "公冶", "太史", "申屠", "闻人", "万俟", "赫连", "拓跋",
)

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE_NUMBER = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
BANK_CARD_NUMBER = re.compile(r"(?<!\d)\d{4}(?:[ -]?\d{4}){2,3}(?:[ -]?\d{1,3})?(?!\d)")

_DIGIT = re.compile(r"\d")

ID_MASK = "[证件号码已隐去]"
MOBILE_MASK = "[手机号码已隐去]"
BANK_CARD_MASK = "[银行卡号已隐去]"


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


def mask_free_text(text, person_names=()):
    """Mask ID, mobile and bank card numbers and the given natural persons' full names."""
    if not text or (not person_names and not _DIGIT.search(text)):
        return text
    text = ID_NUMBER.sub(ID_MASK, text)
    text = BANK_CARD_NUMBER.sub(_bank_card_or_keep, text)
    text = MOBILE_NUMBER.sub(MOBILE_MASK, text)
    for name in person_names:
        name = name.strip()
        if len(name) >= 2:
            text = text.replace(name, mask_person_name(name))
    return text


def is_resident_id_number(text):
    """A real-looking 18-digit resident ID: a valid birth date and ISO 7064 MOD 11-2 check digit.

    Stricter than the masking pattern on purpose: the leak scanner must not take an
    all-digit 统一社会信用代码 for an ID number.
    """
    from datetime import date

    if not ID_NUMBER.fullmatch(text):
        return False
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2100:
        return False
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(text[:17]))
    return "10X98765432"[total % 11] == text[17].upper()


def _bank_card_or_keep(match):
    digits = re.sub(r"\D", "", match.group(0))
    # 16–19 digits is a bank card; shorter runs (dates, amounts) stay.
    return BANK_CARD_MASK if 16 <= len(digits) <= 19 else match.group(0)
