"""The withdrawal notice names neither the party nor the old decision, however the reason is written (issue 13, item 3)."""

import html
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import assert_built, build_site
from disclosure.data import schema
from disclosure.data.validation import Record
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.rules.masking import mask_person_name
from disclosure.rules.notice import ORDINARY_WORDS, place_stems, short_names, strip_identifiers
from test_input_errors import rewrite_csv

AUTHORITY = "示例市发展和改革委员会"
# (opening, closing) of every bracket style a 文书号 is written with; a space instead of brackets too.
BRACKETS = [("〔", "〕"), ("[", "]"), ("(", ")"), ("（", "）"), ("【", "】"), ("［", "］"), (" ", " "), ("", "年")]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ZERO_WIDTH = "\u200b"


def squash(text):
    """What a reader takes in: NFKC, no spaces or invisible characters, no punctuation, one case."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if c.isalnum() and unicodedata.category(c) != "Cf").casefold()


def write_number(prefix, year, number, brackets, full_width=False, di=False, zeros=0, spaced_prefix=False):
    opening, closing = brackets
    digits = f"{year}{closing}{'第' if di else ''}{'0' * zeros}{number}"
    if full_width:
        digits = digits.translate(FULL_WIDTH)
    return (" ".join(prefix) if spaced_prefix else prefix) + opening + digits + "号"


def number_left(text, prefix, year, number):
    """The old 文书号 (or its year and number with 号) still readable in text."""
    flat = squash(text)
    return bool(re.search(rf"{prefix}(字)?{year}年?第?0*{number}(?!\d)", flat)
                or re.search(rf"(?<!\d){year}年?第?0*{number}号", flat))


def spread(name, how):
    """A name written with a trick: spaces, a full-width space or a zero-width character inside."""
    joiner = {"plain": "", "space": " ", "ideographic": "\u3000", "zero-width": ZERO_WIDTH}[how]
    return joiner.join(name)


# -- the rule on its own, over generated names and numbers ---------------------------------

REGIONS = ("", "示例市", "湖南省长沙县", "示例市城东区")
TRADE_CHARS = "华清蓝湾云帆远景北辰新源恒泰宏达金鼎瑞丰天成鑫盛嘉禾星河绿洲聚力启明长青"
INDUSTRIES = ("建材", "能源科技", "五金", "热力", "农机", "置业")
FORMS = ("有限公司", "有限责任公司", "股份有限公司", "集团有限公司", "专业合作社", "店", "厂", "有限公司城东分公司")
PREFIXES = ("示发改罚", "示发改许", "示发改检", "示发改确")


@st.composite
def organisations(draw):
    trade = draw(st.text(TRADE_CHARS, min_size=2, max_size=3).filter(lambda t: t not in ORDINARY_WORDS))
    region, industry, form = draw(st.sampled_from(REGIONS)), draw(st.sampled_from(INDUSTRIES)), draw(st.sampled_from(FORMS))
    return region + trade + industry + form, trade, trade + industry


@given(
    organisation=organisations(),
    written_as=st.sampled_from(("full", "short", "trade")),
    trick=st.sampled_from(("plain", "space", "ideographic", "zero-width")),
    prefix=st.sampled_from(PREFIXES),
    year=st.integers(2018, 2027),
    number=st.integers(1, 999),
    brackets=st.sampled_from(BRACKETS),
    full_width=st.booleans(), di=st.booleans(), zeros=st.integers(0, 2), spaced_prefix=st.booleans(),
    prefixless=st.booleans(),
    code_case=st.sampled_from((str.upper, str.lower)), code_joiner=st.sampled_from(("", " ", "-")),
    representative=st.text("王李张刘陈杨欧阳明辉建国志立新", min_size=2, max_size=4),
)
def test_the_reason_loses_every_identifier_in_every_writing(
        organisation, written_as, trick, prefix, year, number, brackets, full_width, di, zeros, spaced_prefix,
        prefixless, code_case, code_joiner, representative):
    full, trade, short = organisation
    code = "91990102MA4L8Q2X3R"
    doc_id = f"{prefix}〔{year}〕{number}号"
    record = Record(schema.PENALTIES, 2, {
        "行政处罚决定书文号": doc_id, "行政相对人名称": full, "行政相对人类别": "法人及非法人组织",
        "行政相对人代码_1": code, "法定代表人": representative, "处罚机关": AUTHORITY,
    })
    name = {"full": full, "short": short, "trade": trade}[written_as]
    number_text = write_number(prefix, year, number, brackets, full_width, di, zeros, spaced_prefix)
    if prefixless:
        number_text = number_text[len(" ".join(prefix) if spaced_prefix else prefix):]
    written_code = code_joiner.join(code_case(code)[i:i + 6] for i in range(0, 18, 6))
    reason = (f"经复议，{spread(name, trick)}（{written_code}）的{number_text}认定事实不清，"
              f"法定代表人{spread(representative, trick)}已签收，{AUTHORITY}依法予以撤销。")

    stripped = strip_identifiers(reason, record)

    flat = squash(stripped)
    for secret in (full, short, trade, representative, code):
        assert squash(secret) not in flat, (secret, stripped)
    assert not number_left(stripped, prefix, year, number), stripped
    # Only identifiers go: the reason itself and the authority's name stay readable.
    assert "认定事实不清" in stripped and f"{AUTHORITY}依法予以撤销" in stripped and "（已隐去）" in stripped


@pytest.mark.parametrize("name, expected, not_expected", [
    ("示例科技有限公司", {"示例科技有限公司", "示例科技"}, {"示例", "有限公司"}),
    ("示例市蓝湾建材有限公司", {"蓝湾建材有限公司", "示例市蓝湾建材", "蓝湾建材", "蓝湾"}, {"示例市", "建材", "有限"}),
    ("示例市城东区恒泰五金店", {"恒泰五金店", "恒泰五金", "恒泰"}, {"城东区", "五金", "店"}),
    ("湖南省长沙县星城农机专业合作社", {"星城农机专业合作社", "星城农机"}, {"长沙县", "湖南省长沙县"}),
    ("示例市华夏实业股份有限公司第一分公司", {"示例市华夏实业股份有限公司", "华夏实业", "华夏"}, {"实业", "股份"}),
    ("示例市建设工程有限公司", {"示例市建设工程"}, {"建设", "工程", "建设工程", "示例市"}),
    ("华润万家超市有限公司", {"华润万家"}, {"有限", "有限公司"}),
])
def test_short_names_take_off_region_form_and_industry_but_not_ordinary_words(name, expected, not_expected):
    names = set(short_names(name, place_stems(AUTHORITY)))
    assert expected <= names and not names & not_expected, names


def test_a_natural_persons_name_and_masked_name_go_too():
    record = Record(schema.OTHERS, 2, {"决定文书号": "示发改检〔2026〕7号", "执法对象": "阿卜杜·热合曼",
                                       "执法对象类别": "自然人", "执法机关": AUTHORITY})
    masked = mask_person_name("阿卜杜·热合曼")  # what the party column of a published decision would show
    stripped = strip_identifiers(f"阿卜杜•热合曼、阿卜杜 热合曼和{masked}的示发改检(2026)7号予以撤销。", record)
    assert stripped == "（已隐去）、（已隐去）和（已隐去）的（已隐去）予以撤销。"


# -- a real build: every variant in one site ----------------------------------------------------

LEGAL_REPRESENTATIVE = "司马文博"
# (table, 文书号 of the row to withdraw, party written into it, how its reason names the party, bracket style,
#  full-width digits, status, 文书号 of the published decision that replaces it)
WITHDRAWN = [
    (schema.PENALTIES, "示发改罚〔2025〕1号", "示例科技有限公司", "示例科技", ("[", "]"), False, "撤销", None),
    (schema.PENALTIES, "示发改罚〔2025〕2号", "示例市蓝桥建材股份有限公司", "蓝 桥 建 材", ("(", ")"), True, "确认违法", None),
    (schema.PENALTIES, "示发改罚〔2025〕4号", "湖南省长沙县星城农机专业合作社", "星城农机", ("（", "）"), False, "撤销", None),
    (schema.PENALTIES, "示发改罚〔2025〕5号", "示例市华夏实业股份有限公司第一分公司", "华夏公司", ("【", "】"), True, "确认无效", None),
    (schema.PENALTIES, "示发改罚〔2026〕1号", "示例市城东区恒泰五金店", "恒\u200b泰五金", (" ", " "), False, "撤销", None),
    (schema.PERMITS, "示发改许〔2025〕2号", None, "short", ("〔", "〕"), False, "重新作出", "示发改许〔2025〕3号"),
    (schema.OTHERS, "示发改检〔2026〕1号", None, "short", ("［", "］"), True, "变更", "示发改检〔2026〕2号"),
]


def withdraw(rows, table, doc_id, party, written_as, brackets, full_width, status, new_id, captured):
    header = rows[0]
    col = header.index
    row = next(r for r in rows[1:] if r[col(table.id_column)] == doc_id)
    if new_id:  # the new decision is for the same party
        new = next(r for r in rows[1:] if r[col(table.id_column)] == new_id)
        for name in header:
            if name.startswith(("行政相对人", "法定代表人")) or name in (table.party_column, table.party_type_column):
                row[col(name)] = new[col(name)]
        row[col("新决定文书号")] = new_id
    if party:
        row[col(table.party_column)] = party
    if "法定代表人" in header:
        row[col("法定代表人")] = LEGAL_REPRESENTATIVE
    full = row[col(table.party_column)]
    name = min(short_names(full, place_stems(AUTHORITY)), key=len) if written_as == "short" else written_as
    prefix, year, number = re.fullmatch(r"(.+)〔(\d{4})〕(\d+)号", doc_id).groups()
    codes = [row[col(n)] for n in header if n.startswith("行政相对人代码") and row[col(n)]]
    row[col("状态")] = status
    row[col("状态变更日期")] = "2026-11-02"
    row[col("状态说明")] = (
        f"经行政复议，{name}（{'、'.join(c.lower() for c in codes) or '无代码'}）的"
        f"{write_number(prefix, year, number, brackets, full_width)}认定事实不清，"
        + (f"法定代表人{' '.join(LEGAL_REPRESENTATIVE)}已签收，" if "法定代表人" in header else "")
        + f"依法予以{status}。")
    captured.append(dict(table=table, id=doc_id, prefix=prefix, year=year, number=number, full=full,
                         short=[n for n in short_names(full, place_stems(AUTHORITY)) if len(n) > 2] + [squash(name)],
                         codes=codes, status=status, new_id=new_id,
                         representative=[LEGAL_REPRESENTATIVE] if "法定代表人" in header else []))


def test_the_notice_page_names_neither_party_nor_old_decision_in_any_writing(small_data, tmp_path):
    captured = []
    for table in schema.DECISION_TABLES:
        rewrite_csv(small_data / table.path, lambda rows, table=table: [
            withdraw(rows, *w, captured) for w in WITHDRAWN if w[0] is table])
    assert len(captured) == len(WITHDRAWN)
    output = tmp_path / "site"
    assert_built(build_site(output, small_data))

    for case in captured:
        table = case["table"]
        page = (output / table.key / f"{record_slug(table, case['id'], PUBLIC_URL_KEY)}.html").read_text(encoding="utf-8")
        reason = html.unescape(re.search(r"<p>原因：(.*?)</p>", page, re.S).group(1))
        assert "认定事实不清" in reason and "（已隐去）" in reason, reason
        assert f"原在此公开的{AUTHORITY}{table.title}" in page
        flat = squash(html.unescape(page))
        for secret in [case["full"], *case["representative"], *case["short"], *case["codes"]]:
            assert squash(secret) not in flat, (case["id"], secret, reason)
        assert not number_left(reason, case["prefix"], case["year"], case["number"]), reason
        assert not re.search(rf"{case['prefix']}{case['year']}年?第?0*{case['number']}(?!\d)", flat), case["id"]
        if case["new_id"]:
            label = "变更后的决定" if case["status"] == "变更" else "重新作出的决定"
            link = re.search(r'<p>新的决定：<a href="([^"]+)">([^<]+)</a></p>', page)
            assert link and link.group(2) == label, page
            assert link.group(1) == f"/{table.key}/{record_slug(table, case['new_id'], PUBLIC_URL_KEY)}.html"
            assert "title=" not in link.group(0)
