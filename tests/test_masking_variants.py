"""Names and numbers are masked in every form people write them, in every record's free text.

Property tests draw names with full-width, half-width, no-break and zero-width spaces and
every middle-dot variant, and numbers in every grouping and width; a real build then carries
such text in every free-text column of every decision table, in records of every state,
and no output file holds any of them.
"""

import csv
import gzip
import io
import random
import re

from hypothesis import given
from hypothesis import strategies as st

from conftest import assert_built, build_site
from disclosure.data import schema
from disclosure.rules.masking import NameMatcher, compact, is_resident_id_number, mask_free_text, normalize

SPACES = ("\u3000", " ", "\u00a0", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\t")
DOTS = ("·", "•", "‧", "・", "･", "∙", "⋅", "·")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
GIVEN = "芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红"
FILLER = "经查当事人于现场检查时在仓库内发现其未按规定办理相关手续并已责令改正"


def full_width(text):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@st.composite
def written_name(draw):
    """(name, how it is written in free text)."""
    if draw(st.booleans()):
        name = draw(st.sampled_from(SURNAMES)) + "".join(draw(st.lists(st.sampled_from(GIVEN), min_size=1, max_size=2)))
        gaps = [draw(st.sampled_from(("",) + SPACES)) for _ in name[1:]]
        written = name[0] + "".join(g + c for g, c in zip(gaps, name[1:]))
    else:
        name = "阿卜杜·热合曼"
        written = name.replace("·", draw(st.sampled_from(DOTS)))
    return name, written


def id_number(rng):
    area, born = "110101", f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = area + born + f"{rng.randint(0, 999):03d}"
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(body))
    return body + "10X98765432"[total % 11]


def group(digits, sizes, separator):
    parts, position = [], 0
    for size in sizes:
        parts.append(digits[position:position + size])
        position += size
    parts.append(digits[position:])
    return separator.join(p for p in parts if p)


@st.composite
def written_number(draw):
    """(the digits that must vanish, how they are written)."""
    rng = random.Random(draw(st.integers(0, 10**6)))
    separator = draw(st.sampled_from(("", " ", "-", "\u3000")))
    kind = draw(st.sampled_from(("id18", "id15", "mobile", "landline", "card", "passport", "permit")))
    if kind == "id18":
        digits = id_number(rng)
        written = group(digits, draw(st.sampled_from(((6, 8), (4, 4, 4, 4), (18,)))), separator)
    elif kind == "id15":
        digits = f"110101{rng.randint(50, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
        written = group(digits, draw(st.sampled_from(((6, 6), (15,)))), separator)
    elif kind == "mobile":
        digits = f"1{rng.choice('3456789')}{rng.randint(0, 10**9 - 1):09d}"
        written = draw(st.sampled_from(("", "+86", "+86 "))) + group(digits, (3, 4), separator)
    elif kind == "landline":
        digits = f"0731{rng.randint(2, 9)}{rng.randint(0, 10**6 - 1):06d}"
        written = draw(st.sampled_from((f"0731-{digits[4:]}", f"(0731){digits[4:]}", f"（0731）{digits[4:]}",
                                        f"0731 {digits[4:]}")))
    elif kind == "card":
        length = draw(st.sampled_from((16, 19)))
        digits = "6222" + "".join(str(rng.randint(0, 9)) for _ in range(length - 4))
        written = group(digits, draw(st.sampled_from(((4, 4, 4, 4), (6,), (length,)))), separator or " ")
    elif kind == "passport":
        digits = rng.choice("EG") + f"{rng.randint(0, 10**8 - 1):08d}"
        written = digits
    else:
        digits = rng.choice("HMC") + f"{rng.randint(0, 10**8 - 1):08d}"
        written = digits
    if draw(st.booleans()):
        written = full_width(written)
    return digits, written


def digits_survive(digits, published):
    flat = re.sub(r"[\s\-()（）]", "", normalize(published))
    return digits.upper() in flat.upper()


@given(written_name(), st.sampled_from(("own", "other")), st.integers(0, len(FILLER)))
def test_every_way_of_writing_a_name_is_masked(named, whose, cut):
    name, written = named
    text = FILLER[:cut] + written + FILLER[cut:]
    if whose == "own":
        masked = mask_free_text(text, [name])
    else:
        masked = mask_free_text(text, [], NameMatcher([name, "某甲乙"], ["示例市市场监督管理局"]))
    assert compact(name)[0] not in compact(masked)[0]
    assert "某某" in masked


@given(written_number(), st.integers(0, len(FILLER)))
def test_every_way_of_writing_a_number_is_masked(number, cut):
    digits, written = number
    masked = mask_free_text(FILLER[:cut] + "，" + written + "，" + FILLER[cut:])
    assert not digits_survive(digits, masked), (written, masked)
    assert "已隐去" in masked


def test_public_names_and_ordinary_numbers_stay():
    matcher = NameMatcher(["程建", "王芳"], ["示例市工程建设局"])
    text = "示例市工程建设局于2025-09-30作出罚款10,000元的决定，文书号示发改罚〔2025〕0012号，限15日内缴纳"
    assert mask_free_text(text, [], matcher) == text
    # A two-character name is masked even inside an ordinary word (never leak), until the admin
    # names that word as ordinary (DISCLOSURE_ORDINARY_WORDS): the report lists every such masking.
    assert mask_free_text("工程建设项目中王芳签字", [], matcher) == "工程某某设项目中王某某签字"
    shielded = NameMatcher(["程建", "王芳"], ["示例市工程建设局", "工程建设"])
    assert mask_free_text("工程建设项目中王芳签字", [], shielded) == "工程建设项目中王某某签字"


def test_resident_id_check_ignores_separators_and_width():
    number = id_number(random.Random(3))
    assert is_resident_id_number(full_width(group(number, (6, 8), " ")))


# -- in a real build --------------------------------------------------------------------------------

def site_text(site):
    """Every output file's text, normalised, with Pagefind's compressed files opened."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in (".png", ".woff2", ".ico", ".wasm", ".docx"):
            continue
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        texts[str(path.relative_to(site))] = normalize(raw.decode("utf-8", "ignore"))
    return texts


def test_a_build_masks_every_variant_in_every_free_text_column(tmp_path):
    from disclosure.testing.synthetic import write_dataset

    small_data = tmp_path / "data"
    write_dataset(small_data, n_decisions=150, seed=7)
    rng = random.Random(11)
    people, planted_names, planted_numbers = [], set(), set()
    tables = [t for t in schema.DECISION_TABLES if t.free_text_columns]
    rows_by_table = {}
    for table in tables:
        path = small_data / table.path
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        rows_by_table[table] = rows
        people += [r[table.party_column] for r in rows if r[table.party_type_column] == schema.NATURAL_PERSON]
    assert len(people) >= 3
    for table, rows in rows_by_table.items():
        for index, row in enumerate(rows):
            for column in table.free_text_columns:
                if column == "状态说明" and not row.get(column):
                    continue
                person = people[(index + len(column)) % len(people)]
                gap = rng.choice(SPACES)
                written_person = person[0] + gap + person[1:]
                number = id_number(rng)
                mobile = f"1{rng.choice('3589')}{rng.randint(0, 10**9 - 1):09d}"
                row[column] = (f"{row[column]}。当事人{written_person}（身份证 {group(number, (6, 8), ' ')}，"
                               f"电话 {full_width(mobile)}）在场")
                planted_names.add(person)
                planted_numbers.update((number, mobile))
        path = small_data / table.path
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8-sig")
    output = tmp_path / "output"
    assert_built(build_site(output, small_data))
    texts = site_text(output)
    assert any("[证件号码已隐去]" in t for t in texts.values())
    leaks = [(name, file) for file, text in texts.items()
             for name in planted_names if len(name) >= 3 and compact(name)[0] in compact(text)[0]]
    leaks += [(number, file) for file, text in texts.items() for number in planted_numbers
              if number in re.sub(r"[\s\-]", "", text)]
    assert not leaks, leaks[:10]
