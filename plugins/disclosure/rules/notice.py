"""The withdrawal notice's reason: 状态说明 with every identifier of the party and the old decision removed.

A withdrawn decision leaves only a notice at its old URL (kind of decision, status,
date, and this reason). Officers write the reason freely, so it may name what the
notice must not: `strip_identifiers` replaces each of these with "（已隐去）":

- the old 文书号 and the 新决定文书号 in any writing: 示发改罚〔2025〕21号 also as
  [2025], (2025), （2025）, 【2025】, with spaces instead of brackets, 2025年第21号,
  021号, full-width digits; and the year and number alone when followed by 号
  (〔2025〕21号);
- the party's full name and its short names (below), its codes (行政相对人代码_1…_6),
  the identity document numbers (证件号码, 法定代表人证件号码), the 许可编号, and the
  法定代表人's name; a natural person's masked name (欧阳某某) too.

Everything is matched on the normalised view of rules.masking (the same one the
masking and the leak check use: full-width letters, digits and brackets half-width,
NFKC where one character stays one, zero-width/format characters and odd spaces
as spaces, middle-dot variants folded; whitespace removed for names, kept as a separator for numbers,
so 示发改罚 2025 21号 is not read as 202521), so spacing tricks do not help, and
the published text keeps its own characters: each match is mapped back to the
original span.

Short names of an organisation are derived from its full name by taking off, one
at a time and keeping every step: a region prefix (示例市, XX省, XX县, XX区…),
an organisation-form suffix (有限公司, 股份有限公司, 分公司, 合作社, 个体工商户,
店, 厂…) and trailing industry words (科技, 建材, 五金…). 示例市蓝湾建材有限公司
gives 蓝湾建材有限公司, 示例市蓝湾建材, 蓝湾建材 and 蓝湾. A residue of one
character is never used, nor one that is only a place (示例市) or only
organisation-form and industry words (有限公司, 建设工程). A residue of two
characters is used unless it is an ordinary word (ORDINARY_WORDS: 科技, 建设,
中国, 有限…) or the place name the authority's own name starts with (示例 of
示例市发展和改革委员会): those are far more likely to be meant as words than as the
party's name, and the party's longer names are still removed. So 示例科技有限公司
gives 示例科技 but not 示例. Over-removal costs little here: a withdrawn decision's
reason is short and says why it was withdrawn, not who was concerned.

A name inside the authority's own name (示例 in 示例市发展和改革委员会) is left alone.
"""

import re

from ..data import schema
from .masking import compact, mask_person_name, normalize

HIDDEN = "（已隐去）"


REGION_PREFIX = re.compile(
    r"^(?:中华人民共和国|中国)?[\u4e00-\u9fff]{1,7}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|州|地区|盟|县|区|旗)"
)
# Longest first: 股份有限公司 before 有限公司 before 公司.
ORGANISATION_FORMS = (
    "农民专业合作社", "股份有限公司", "有限责任公司", "集团有限公司", "股份合作公司", "专业合作社",
    "个体工商户", "有限合伙", "合伙企业", "个人独资企业", "有限公司", "分公司", "子公司", "合作社",
    "事务所", "工作室", "经营部", "门市部", "营业部", "服务部", "维修部", "加工厂", "分店", "总店",
    "商行", "商店", "公司", "集团", "企业", "中心", "店", "厂", "场", "行", "社", "部", "馆", "院", "所", "站",
)
INDUSTRY_WORDS = (
    "新能源", "新材料", "能源", "科技", "技术", "电子", "信息", "网络", "数据", "软件", "智能", "光伏",
    "建材", "建设", "建筑", "工程", "置业", "地产", "房地产", "物业", "物流", "运输", "贸易", "商贸",
    "实业", "投资", "控股", "发展", "开发", "咨询", "招标代理", "代理", "服务", "管理", "照明", "热力",
    "燃气", "电力", "电气", "化工", "纺织", "钢铁", "水泥", "混凝土", "食品", "医药", "生物", "环保",
    "环境", "机械", "制造", "设备", "包装", "材料", "造纸", "农业", "文化", "传媒", "旅游", "餐饮",
    "酒店", "汽车", "维修", "五金", "便利", "超市", "粮油", "药", "水果", "民宿", "停车", "餐馆",
    "农机", "农资", "农产品", "机电", "家电", "电器", "服装", "服饰", "家具", "印刷", "装饰", "装修",
    "园林", "绿化", "养殖", "种植", "矿业", "石化", "石油", "塑料", "橡胶", "陶瓷", "玻璃", "百货",
    "日用品", "通信", "通讯", "广告", "教育", "培训", "健康", "医疗", "保健", "物资", "水产", "果蔬",
    "茶业", "酒业", "乳业", "工贸", "经贸", "商务", "科贸", "劳务", "人力资源", "安装", "装备", "仪器",
    "仪表", "光电", "半导体", "电子商务", "供应链", "再生资源", "节能", "水务", "供热", "供水", "供电",
    "市政工程", "路桥", "交通", "港口", "航运", "船舶", "钢结构", "铝业", "铜业", "冶金", "煤业", "煤炭",
    "焦化", "化学", "化肥", "饲料", "面粉", "米业", "油脂", "调味品", "烟花爆竹", "加油站", "加气站",
    "检测", "认证", "评估", "勘察", "设计", "监理", "造价", "规划", "测绘", "会计", "律师", "拍卖",
    "典当", "担保", "租赁", "保险", "证券", "基金", "小额贷款", "金融", "银行",
)
# Two-character residues that are ordinary words, not names (see the module docstring).
ORDINARY_WORDS = frozenset(w for w in INDUSTRY_WORDS if len(w) == 2) | frozenset((
    "中国", "中华", "国际", "全国", "人民", "城市", "城建", "市政", "新区", "高新", "产业", "联合",
    "综合", "公共", "社会", "国有", "集体", "行政", "复议", "诉讼", "法院", "决定", "处罚", "许可",
    "事实", "证据", "程序", "依法", "机关", "本市", "东方", "南方", "北方", "西部", "东部", "中部",
    "华东", "华南", "华北", "华中", "西南", "西北", "东北", "第一", "第二", "第三", "公司", "集团",
    "有限", "责任", "股份", "专业", "合作",
))
_CODE_COLUMNS = ("证件号码", "法定代表人证件号码", "许可编号")
_NAME_COLUMNS = ("法定代表人",)
_BRACKETED = re.compile(r"[(\[【〔（［{][^)\]】〕）］}]*[)\]】〕）］}]")
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_SEPARATOR = r"(?:[\W_]|[年第字])*"
_OPENING = r"[(\[【〔{<《]?"


def normalise(text, spaces=False):
    """(view, index): masking's matching view (full-width folded, format characters and every
    space as spaces, middle dots folded) without whitespace, or with spaces=True each whitespace
    character as one space; for each character of view the index of the character of text it
    comes from. The same view as the gate's masking and the leak check."""
    if spaces:
        view = _ANY_SPACE.sub(" ", normalize(text))
        return view, range(len(view))
    view, index = compact(text)
    return view, index if index is not None else range(len(view))


_ANY_SPACE = re.compile(r"\s")


def _view(text):
    return normalise(text or "")[0]


def _number(digits):
    return rf"(?<!\d)0*{int(digits)}(?!\d)"


def document_number_patterns(value):
    """Regexes (on the normalised view) for a 文书号 in any bracket style and spacing."""
    view = _view(value)
    tokens = _TOKEN.findall(view)
    if tokens and tokens[-1] == "号":
        tokens.pop()
    if len(view) < 4 or not tokens:
        return []
    words = [_number(t) if t.isdigit() else r"\s*".join(map(re.escape, t)) for t in tokens]
    patterns = [_SEPARATOR.join(words) + r"\s*号?"]
    if len(tokens) > 2 and tokens[-1].isdigit() and tokens[-2].isdigit():
        # 〔2025〕21号 without the prefix: the year and the number, with 号 to tell it from a date.
        patterns.append(_OPENING + words[-2] + _SEPARATOR + words[-1] + r"\s*号")
    return patterns


def _by_last_character(words):
    """words grouped by their last character, keeping their order: only a name's last character's
    group can hold a suffix of it (thousands of names, hundreds of words)."""
    groups = {}
    for word in words:
        groups.setdefault(word[-1], []).append(word)
    return groups


_LONGEST_FIRST = {words: _by_last_character(sorted(words, key=len, reverse=True))
                  for words in (ORGANISATION_FORMS, INDUSTRY_WORDS)}
_GENERIC_SUFFIXES = _by_last_character(ORGANISATION_FORMS + INDUSTRY_WORDS)


def _longest_suffix(name, words):
    candidates = _LONGEST_FIRST[words].get(name[-1:], ()) if words in _LONGEST_FIRST else sorted(words, key=len, reverse=True)
    return next((w for w in candidates if name.endswith(w) and len(name) > len(w)), None)


def short_names(name, place_names=()):
    """The full name and every shorter form of an organisation's name (see the module docstring).

    place_names: two-character place names (the authority's region, 示例) that count as ordinary words.
    """
    full = _view(name)
    found, todo = [], [full, _BRACKETED.sub("", full)]
    # The head office's name inside a branch's: 示例科技有限公司城东分公司 → 示例科技有限公司.
    for form in ("有限责任公司", "有限公司", "公司"):
        head, found_form, rest = full.partition(form)
        if found_form and rest:
            todo.append(head + found_form)
            break
    while todo:
        current = todo.pop()
        if len(current) < 2 or current in found:
            continue
        found.append(current)
        region = REGION_PREFIX.match(current)
        if region and region.end() < len(current):
            todo.append(current[region.end():])
        for words in (ORGANISATION_FORMS, INDUSTRY_WORDS):
            suffix = _longest_suffix(current, words)
            if suffix:
                todo.append(current[: -len(suffix)])
    ordinary = ORDINARY_WORDS | set(place_names)
    return [n for n in found if n == full or not (
        _generic(n) or _place(n) or len(n) == 2 and n in ordinary)]


def _generic(name):
    """True for a name made only of organisation-form and industry words (有限公司, 科技有限公司)."""
    while name:
        suffix = next((s for s in _GENERIC_SUFFIXES.get(name[-1], ()) if name.endswith(s)), None)
        if suffix is None:
            return False
        name = name[: -len(suffix)]
    return True


def _place(name):
    """True for a place name alone (示例市, 湖南省长沙县): a region prefix with nothing after it."""
    while name:
        region = REGION_PREFIX.match(name)
        if not region:
            return False
        name = name[region.end():]
    return True


def place_stems(name):
    """Two-character place names at the start of a name: 示例 of 示例市发展和改革委员会."""
    stems, name = [], _view(name)
    while (region := REGION_PREFIX.match(name)) and region.end() < len(name):
        stem = re.sub(r"(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|州|地区|盟|县|区|旗)$", "", region.group(0))
        stems.append(stem)
        name = name[region.end():]
    return [s for s in stems if len(s) == 2]


def person_name_forms(name):
    """A person's name as written and without its middle dot (阿卜杜·热合曼, 阿卜杜热合曼)."""
    view = _view(name)
    return [view, view.replace("·", "")] if len(view) >= 2 else []


def identifier_patterns(record):
    """[(regex, spaces)]: every regex that finds an identifier of record's party or decision, on
    the normalised view with (spaces=True) or without whitespace."""
    return [(pattern, spaces) for pattern, spaces, _ in _identifier_patterns(record)]


def _identifier_patterns(record):
    """[(regex, spaces, may_match)]: identifier_patterns, each with a cheap test of a view that is
    False only when the regex cannot match there. Compiling these one-off regexes is what a
    notice costs (milliseconds each), and most reasons name nothing, so most are never compiled."""
    table = record.table
    natural = bool(table.party_type_column) and record.get(table.party_type_column) == schema.NATURAL_PERSON
    party = record.get(table.party_column)
    if natural:
        names = set(person_name_forms(party))
        if party:
            names.add(_view(mask_person_name(party)))
    else:
        names = set(short_names(party, place_stems(record.get(table.authority_column))))
    for column in _NAME_COLUMNS:
        names.update(person_name_forms(record.get(column)))
    names.discard("")
    patterns = []
    for number in (record.id, record.get("新决定文书号")):
        # Each pattern holds the number's last figure literally (0*21 for 21): no figure, no match.
        found = document_number_patterns(number)
        digits = [t for t in _TOKEN.findall(_view(number)) if t.isdigit()] if found else []
        figure = str(int(digits[-1])) if digits else None
        patterns += [(p, True, _contains_all((figure,) if figure else ())) for p in found]
    if names:
        # Names without cased characters match only themselves, case-insensitive or not.
        literal = all(c.lower() == c == c.upper() for n in names for c in n)
        patterns.append(("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)), False,
                         _contains_any(names) if literal else _always))
    codes = [record.get(c.name) for c in table.columns if c.name.startswith("行政相对人代码") or c.name in _CODE_COLUMNS]
    for code in filter(None, map(_view, codes)):
        if len(code) >= 4:
            # Only non-word characters may come between the code's characters, so its ASCII
            # digits stand together among the view's ASCII digits.
            figures = _ascii_digits(code)
            patterns.append((r"[\W_]*".join(map(re.escape, code)), True,
                             (lambda view, figures=figures: figures in _ascii_digits(view)) if figures else _always))
    return patterns


def _always(view):
    return True


def _contains_all(needles):
    return lambda view: all(needle in view for needle in needles)


def _contains_any(needles):
    return lambda view: any(needle in view for needle in needles)


_NOT_ASCII_DIGIT = re.compile(r"[^0-9]")


def _ascii_digits(text):
    return _NOT_ASCII_DIGIT.sub("", text)


def _all_spans(pattern, view):
    """Every match, overlapping ones too (a match may start inside an earlier one)."""
    spans, position = [], 0
    while True:
        match = pattern.search(view, position)
        if not match:
            return spans
        if match.end() > match.start():
            spans.append(match.span())
        position = match.start() + 1


def _literal_spans(literal, view):
    """_all_spans of a literal (non-empty) string, without a regex."""
    spans, start = [], view.find(literal)
    while start != -1:
        spans.append((start, start + len(literal)))
        start = view.find(literal, start + 1)
    return spans


def strip_identifiers(text, record):
    """text with every identifier of record's party and decision replaced by （已隐去）."""
    if not text:
        return text
    authority = _view(record.get(record.table.authority_column))
    patterns = _identifier_patterns(record)
    spans = []
    for spaces in (False, True):
        view, index = normalise(text, spaces)
        shields = _literal_spans(authority, view) if authority and not spaces else []
        for pattern, on_spaces, may_match in patterns:
            if on_spaces != spaces or not may_match(view):
                continue
            for start, end in _all_spans(re.compile(pattern, re.IGNORECASE), view):
                if not any(s <= start and end <= e for s, e in shields):
                    spans.append((index[start], index[end - 1] + 1))
    if not spans:
        return text
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, last = [], 0
    for start, end in merged:
        parts += [text[last:start], HIDDEN]
        last = end
    return "".join(parts + [text[last:]])
