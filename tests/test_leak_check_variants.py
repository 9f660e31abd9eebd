"""Property: the leak check finds names and personal numbers in every written form.

Hypothesis writes a natural person's name with spaces, invisible characters or another middle
dot in it, and ID, mobile, bank card, passport and 港澳台 permit numbers grouped by spaces or
hyphens, in full-width digits, between Chinese words, into a page (HTML-escaped or not), a JSON
file or a gzip-compressed search fragment, and checks the scan names each one.
"""

import gzip
import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings, strategies as st

from disclosure.checks import numbers, scanner
from disclosure.testing.synthetic import id_check_digit

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
INSIDE = ("\u3000", " ", "\u200b", "\u2060", "\ufeff", "\u00a0", "\u200d", "")
DOTS = "·•‧・･∙⋅"
CONTEXT = st.sampled_from(("当事人", "联系电话", "经查，", "账户", "号码为", "。", "（", "："))
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def write(folder, container, text):
    if container == "html":
        (folder / "page.html").write_text(f"<p>{text}</p>", encoding="utf-8")
    elif container == "escaped":
        (folder / "page.html").write_text("<p>" + "".join(f"&#{ord(c)};" for c in text) + "</p>", encoding="utf-8")
    elif container == "json":
        (folder / "record.json").write_text(json.dumps({"违法事实": text}), encoding="utf-8")  # \u escapes
    else:
        payload = b"pagefind_dcd" + json.dumps({"content": text}, ensure_ascii=False).encode("utf-8")
        (folder / "fragment.pf_fragment").write_bytes(gzip.compress(payload))


def scan_text(container, text, secrets=None):
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), container, text)
        return scanner.scan(folder, secrets or {})


CONTAINERS = st.sampled_from(("html", "escaped", "json", "fragment"))


@settings(max_examples=60, deadline=None)
@given(data=st.data(), container=CONTAINERS)
def test_a_name_in_any_writing_is_found(data, container):
    surname = data.draw(st.sampled_from(SURNAMES))
    given_name = "".join(data.draw(st.lists(st.sampled_from(GIVEN), min_size=2, max_size=3)))
    name = surname + given_name
    written = list(name)
    for gap in sorted(data.draw(st.sets(st.integers(1, len(name) - 1), min_size=1)), reverse=True):
        written.insert(gap, data.draw(st.sampled_from(INSIDE)))
    text = data.draw(CONTEXT) + "".join(written) + data.draw(CONTEXT)
    assert scan_text(container, text, {name: "自然人全名"}), text
    dotted = "阿卜杜" + data.draw(st.sampled_from(DOTS)) + name
    assert scan_text(container, data.draw(CONTEXT) + dotted, {"阿卜杜·" + name: "自然人全名"}), dotted


def group(digits, draw, sizes=None):
    """The digits grouped by single spaces or hyphens at drawn places (or the given sizes)."""
    separator = draw(st.sampled_from((" ", "-", "")))
    if sizes is None:
        cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=4)))
    else:
        cuts, total = [], 0
        for size in sizes[:-1]:
            total += size
            cuts.append(total)
    parts = [digits[a:b] for a, b in zip([0] + cuts, cuts + [len(digits)])]
    return separator.join(parts)


def resident_id(draw):
    born = date(1950, 1, 1) + timedelta(days=draw(st.integers(0, 20000)))
    id17 = f"{draw(st.sampled_from(('110105', '310104', '440305', '990102')))}{born:%Y%m%d}{draw(st.integers(0, 999)):03d}"
    return id17 + id_check_digit(id17)


def luhn_card(draw):
    body = draw(st.sampled_from(("622202", "621700", "436742", "518710"))) + "".join(
        str(draw(st.integers(0, 9))) for _ in range(draw(st.integers(9, 12))))
    for check in "0123456789":
        if numbers._luhn(body + check):
            return body + check
    raise AssertionError


@settings(max_examples=80, deadline=None)
@given(data=st.data(), container=CONTAINERS, kind=st.sampled_from(("id", "id15", "mobile", "card", "passport", "permit")))
def test_a_personal_number_in_any_writing_is_found(data, container, kind):
    draw = data.draw
    if kind == "id":
        number, expected = group(resident_id(draw), draw), "身份证号码"
    elif kind == "id15":
        born = date(1930, 1, 1) + timedelta(days=draw(st.integers(0, 25000)))
        number, expected = group(f"110105{born:%y%m%d}{draw(st.integers(0, 999)):03d}", draw), "身份证号码"
    elif kind == "mobile":
        digits = "1" + str(draw(st.integers(3, 9))) + "".join(str(draw(st.integers(0, 9))) for _ in range(9))
        number = draw(st.sampled_from(("", "+86", "86-"))) + group(digits, draw, draw(st.sampled_from((None, (3, 4, 4)))))
        expected = "手机号码"
    elif kind == "card":
        digits = luhn_card(draw)
        sizes = draw(st.sampled_from((None, (4, 4, 4, 4, 4), (6, 13))))
        number, expected = group(digits, draw, sizes if sizes and sum(sizes) >= len(digits) else None), "银行卡号"
    elif kind == "passport":
        number = draw(st.sampled_from("GE")) + "".join(str(draw(st.integers(0, 9))) for _ in range(8))
        expected = "护照"
    else:
        letter, length = draw(st.sampled_from((("H", 8), ("M", 10), ("C", 8))))
        number, expected = letter + "".join(str(draw(st.integers(0, 9))) for _ in range(length)), "通行证"
    if draw(st.booleans()):
        number = number.translate(FULL_WIDTH)
    text = draw(CONTEXT) + number + draw(CONTEXT)
    messages = [message for _, message in scan_text(container, text)]
    assert any(expected in message for message in messages), (text, messages)


def test_numbers_side_by_side_stay_two():
    messages = [m for _, m in scan_text("html", "身份证号 11010519491231002X 13912345678")]
    assert any("身份证号码" in m for m in messages) and any("手机号码" in m for m in messages)


def test_an_id_number_that_also_passes_the_credit_code_check_is_found():
    """440305195009130243 is a valid resident ID and, by chance, a valid 统一社会信用代码 too."""
    from disclosure.data.validation import uscc_is_valid

    assert uscc_is_valid("440305195009130243")
    messages = [m for _, m in scan_text("html", "当事人440305195009130243当事人")]
    assert any("身份证号码" in m for m in messages)
