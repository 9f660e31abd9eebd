"""Deterministic synthetic data for the example agency, in the real CSV contract.

Every table of ``schema.ALL_TABLES`` is written as UTF-8 with BOM with exactly
the schema's header row, so the example site, the tests and the benchmarks use
the same files an agency would upload. Names, credit codes and identity
numbers are invented (division code 99xxxx does not exist) but carry valid
check digits, so the validators accept them.

The same seed always gives the same files: each table draws from its own
``random.Random`` seeded with a string; nothing depends on hash order or the
clock. A few fixed records (``LANDMARKS``) are written whatever the seed, so
tests can name them. Rows are streamed to ``csv.writer``; 100,000 decisions
take a few seconds.

    PYTHONPATH=plugins python -m disclosure.testing.synthetic data --decisions 300 --seed 2026
"""

import argparse
import csv
import heapq
import random
from bisect import bisect_left
from datetime import date, timedelta
from pathlib import Path

from ..data import schema
from ..data.validation import USCC_CHARSET, USCC_WEIGHTS

AGENCY = "示例市发展和改革委员会"
CITY_CODE = "990100"  # fictional administrative division code
DISTRICTS = (("城东区", "990102"), ("城西区", "990103"), ("城南区", "990104"),
             ("城北区", "990105"), ("高新区", "990171"), ("示例县", "990121"))
FOREVER = date(2099, 12, 31)

# --- check digits -------------------------------------------------------------



def uscc_check_digit(code17):
    """Check character of a 统一社会信用代码 (GB 32100-2015)."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(code17.upper(), USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def make_uscc(kind, area, body8):
    """kind "11" organ, "91" enterprise, "92" individual business; body8 the 组织机构代码 body."""
    check = 11 - sum(int(c) * w for c, w in zip(body8, (3, 7, 9, 10, 5, 8, 4, 2))) % 11  # GB 11714
    code17 = kind + area + body8 + {10: "X", 11: "0"}.get(check, str(check))
    return code17 + uscc_check_digit(code17)


def id_check_digit(id17):
    """Check character of an 18-digit resident ID number (ISO 7064 MOD 11-2)."""
    return "10X98765432"[sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(id17)) % 11]


def make_id_number(area, birthday, serial):
    """A resident ID number: division code, birthday, 3-digit serial, check digit."""
    id17 = f"{area}{birthday:%Y%m%d}{serial:03d}"
    return id17 + id_check_digit(id17)


AGENCY_USCC = make_uscc("11", CITY_CODE, "00812345")

# --- names and dates ------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志立新文辉红玉兰海燕鹏飞宇浩然涵欣怡佳琪晨阳博思远婷俊嘉慧晓东春梅德胜永庆"
BRAND = "华清蓝湾云帆远景北辰新源恒泰宏达金鼎瑞丰天成鑫盛安和永利博润泽嘉禾图星河绿洲聚力中兴启明长青"
INDUSTRIES = ("能源科技", "新能源", "建材", "物流", "照明", "热力", "化工", "纺织", "电子科技", "建设工程", "钢铁",
              "水泥", "食品", "数据科技", "环保科技", "工程咨询", "招标代理", "置业", "医药", "机械制造", "包装材料",
              "燃气", "商贸", "农业开发", "新材料", "光伏科技", "混凝土", "造纸")
SHOPS = ("五金店", "便利店", "汽车维修部", "餐馆", "超市", "建材经营部", "粮油店", "药店", "停车场", "民宿", "水果店")
PROJECT_KINDS = ("年产20万吨新型建材生产线项目", "数据中心建设项目", "热电联产项目", "现代物流园区项目",
                 "分布式光伏发电项目", "污水处理厂提标改造工程", "城市道路改造工程", "集中供热项目",
                 "新能源汽车零部件生产项目", "人民医院门诊综合楼项目", "职业技术学校实训楼项目", "生活垃圾焚烧发电项目")


def person_name(rng):
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.04 else rng.choice(SURNAMES)
    return surname + "".join(rng.sample(GIVEN, 2 if rng.random() < 0.7 else 1))


def company_name(rng):
    suffix = rng.choices(("有限公司", "有限责任公司", "股份有限公司", "集团有限公司"), (70, 15, 10, 5))[0]
    return "示例市" + "".join(rng.sample(BRAND, 2)) + rng.choice(INDUSTRIES) + suffix


def business_name(rng):
    return "示例市" + rng.choice(DISTRICTS)[0] + "".join(rng.sample(BRAND, 2)) + rng.choice(SHOPS)


def _id_number(rng):
    birthday = date(1955, 1, 1) + timedelta(days=rng.randrange(17000))
    return make_id_number(rng.choice(DISTRICTS)[1], birthday, rng.randrange(1000))


def organisation(rng, name, kind="91"):
    """Party columns of a company (kind "91") or an individual business ("92")."""
    return {"行政相对人名称": name, "行政相对人类别": "法人及非法人组织" if kind == "91" else "个体工商户",
            "行政相对人代码_1": make_uscc(kind, rng.choice(DISTRICTS)[1], f"{rng.randrange(10 ** 8):08d}"),
            "法定代表人": person_name(rng), "法定代表人证件类型": "身份证", "法定代表人证件号码": _id_number(rng)}


def natural_person(rng, name):
    return {"行政相对人名称": name, "行政相对人类别": schema.NATURAL_PERSON, "证件类型": "身份证",
            "证件号码": _id_number(rng)}


def _unique(make, taken):
    name = make()
    while name in taken:
        name = make()
    return name


def cn_date(d):
    return f"{d.year}年{d.month}月{d.day}日"


def add_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def add_working_days(d, n):
    while n:
        d += timedelta(days=1)
        n -= d.weekday() < 5
    return d


# --- free text ------------------------------------------------------------------

def _records(fields, block):
    """One record a line, fields separated by "|", as dicts keyed by the field names."""
    return [dict(zip(fields.split(), line.split("|"))) for line in block.strip().splitlines()]


# Template placeholders, drawn on first use so a row only pays for what its text needs.
FACT_MAKERS = {
    "project": lambda f: f.rng.choice(DISTRICTS)[0] + "".join(f.rng.sample(BRAND, 2)) + f.rng.choice(PROJECT_KINDS),
    "district": lambda f: f.rng.choice(DISTRICTS)[0],
    "company": lambda f: company_name(f.rng),
    "equipment": lambda f: f.rng.choice(("Y系列三相异步电动机", "S7系列配电变压器", "蒸汽往复泵", "链条炉排燃煤锅炉")),
    "goods": lambda f: f.rng.choice(("口罩", "大米", "食用油", "鸡蛋", "液化石油气", "蔬菜", "医用酒精")),
    "service": lambda f: f.rng.choice(("机动车停放服务", "供热", "景区游览", "殡葬服务", "管道燃气安装")),
    "period": lambda f: f.rng.choice(("春节", "国庆节", "台风灾害", "汛期", "寒潮")),
    "scope": lambda f: f.rng.choice(("生产厂房、仓库及配套设施", "标准机房及配套供配电设施", "主体建筑及室外配套工程")),
    "count": lambda f: f.rng.randint(2, 30),
    "pct": lambda f: f.rng.randint(20, 90),
    "gain": lambda f: f.rng.randrange(20, 800) * 100,  # yuan
    "goods_value": lambda f: f.rng.randrange(5, 80) * 1000,  # yuan
    "contract": lambda f: f.rng.randint(60, 900),  # 万元
    "inv": lambda f: f"{f.rng.randint(5, 300) / 10:g}",  # 亿元
    "tce": lambda f: f.rng.randint(500, 60000),
    "kw": lambda f: f.rng.randint(5, 50),
    "years": lambda f: f.rng.choice((15, 20, 25, 30)),
    "year": lambda f: f.day.year - (1 if f.day.month > 4 else 2),  # a year already reported on
    "start": lambda f: cn_date(f.day - timedelta(days=f.rng.randint(30, 200))),
}


class Facts(dict):
    def __init__(self, rng, day, preset=None):
        super().__init__(preset or {})
        self.rng, self.day = rng, day

    def __missing__(self, key):
        value = self[key] = FACT_MAKERS[key](self)
        return value


# who: parties the template suits (C company, B individual business, P natural person);
# kinds: 处罚类别 alternatives separated by "/"; fine: range in yuan.
PENALTY_TEMPLATES = _records("who weight kinds fine violation basis fact", """
C|8|罚款|10000-50000|未按规定报送能源利用状况报告|《中华人民共和国节约能源法》第八十二条|经查，当事人系本市重点用能单位，未按规定报送{year}年度能源利用状况报告，本机关于{start}责令其限期改正，当事人逾期仍未改正。
C|5|罚款|10000-30000|未设立能源管理岗位|《中华人民共和国节约能源法》第八十四条|经查，当事人系本市重点用能单位，未设立能源管理岗位、聘任能源管理负责人并报管理节能工作的部门备案，经责令改正后拒不改正。
C|6|没收非法财物|0-0|使用国家明令淘汰的用能设备|《中华人民共和国节约能源法》第七十一条|经现场监察，当事人生产车间仍在使用国家明令淘汰的{equipment}共{count}台，上述设备均已列入高耗能落后机电设备淘汰目录。
C|6|罚款/罚款；责令停产停业|100000-500000|未经节能审查擅自开工建设|《中华人民共和国节约能源法》第十五条；《示例省实施〈中华人民共和国节约能源法〉办法》第四十一条|经查，当事人投资建设的{project}未依法通过节能审查，即于{start}擅自开工建设，至检查时已完成工程量约{pct}%。
C|2|责令停产停业|0-0|超过单位产品能耗限额标准用能|《中华人民共和国节约能源法》第七十二条|经节能监察，当事人{year}年度主要产品单位能耗超过国家能耗限额标准，经限期治理后逾期仍未达到治理要求。
C|6|罚款|20000-300000|规避招标|《中华人民共和国招标投标法》第四条、第四十九条|经查，当事人作为{project}的建设单位，将依法必须进行招标的施工项目化整为零，分{count}份合同直接发包，合同金额合计{contract}万元，规避招标。
C|7|罚款/没收违法所得；罚款|20000-200000|串通投标|《中华人民共和国招标投标法》第三十二条、第五十三条|经查，当事人在{project}施工招标中，与其他投标人的投标文件由同一单位编制、投标保证金从同一账户转出，构成相互串通投标。
C|5|罚款/警告；罚款|10000-50000|以不合理条件限制、排斥潜在投标人|《中华人民共和国招标投标法》第十八条、第五十一条|经查，当事人在{project}招标公告中设定与项目具体特点和实际需要不相适应的业绩条件，以不合理条件限制、排斥潜在投标人。
P|6|警告；没收违法所得；罚款/警告；罚款；限制从业|3000-50000|评标委员会成员收受投标人财物|《中华人民共和国招标投标法》第四十四条、第五十六条|经查，当事人作为{project}评标委员会成员，在评标期间私下接触投标人并收受其财物，折合人民币{gain}元，影响评标公正。
C|6|罚款/罚款；责令停产停业|100000-1000000|未取得核准文件擅自开工建设|《企业投资项目核准和备案管理条例》第十八条|经查，当事人投资建设的{project}属于核准管理项目，项目总投资{inv}亿元，当事人未依法办理核准手续即于{start}开工建设。
P|4|罚款|20000-50000|擅自开工建设的直接责任人员|《企业投资项目核准和备案管理条例》第十八条|经查，当事人作为{company}的项目负责人，在{project}未取得核准文件的情况下组织开工建设，系直接负责的主管人员。
C|4|罚款|20000-50000|向备案机关提供虚假信息|《企业投资项目核准和备案管理条例》第十九条|经查，当事人报送的{project}备案信息中建设规模、建设内容与实际不符，本机关于{start}责令限期改正，当事人逾期未改正。
CB|5|没收违法所得；罚款/罚款|5000-100000|不执行政府定价|《中华人民共和国价格法》第十二条、第三十九条|经查，当事人在提供{service}过程中，未执行政府定价，擅自提高收费标准，多收取费用共计{gain}元。
CB|6|警告/罚款/警告；罚款|500-5000|不按规定明码标价|《中华人民共和国价格法》第十三条、第四十二条|经检查，当事人经营场所内销售的{goods}等商品未按规定明码标价，未标示品名、计价单位等价格信息。
CBP|4|没收违法所得；罚款/警告；罚款|5000-100000|哄抬价格|《中华人民共和国价格法》第十四条、第四十条|经查，当事人在{period}期间通过网络平台销售{goods}，在进货成本未明显上涨的情况下大幅提高售价，哄抬价格，违法所得{gain}元。
C|2|警告/警告；罚款|5000-50000|拒绝提供价格监督检查所需资料|《中华人民共和国价格法》第三十四条、第四十四条|本机关依法开展价格监督检查，当事人拒绝提供{year}年度收费台账等检查所需资料，经责令改正后逾期仍未改正。
""")
PENALTY_CONTENT = {
    "警告": "给予警告", "罚款": "处罚款人民币{fine}元", "没收违法所得": "没收违法所得人民币{gain}元",
    "没收非法财物": "没收国家明令淘汰的{equipment}{count}台", "责令停产停业": "责令停止建设（生产），限期整改",
    "限制从业": "二年内禁止参加依法必须进行招标的项目的评标",
}
# years: validity in years, 0 for long-term (有效期至 2099-12-31).
PERMIT_TEMPLATES = _records("who weight years title category certificate content", """
C|30|2|企业投资项目核准决定书|核准|企业投资项目核准文件|同意建设{project}。项目建设地点位于示例市{district}，总投资{inv}亿元，主要建设{scope}。
C|25|2|固定资产投资项目节能审查意见|普通|节能审查意见|原则同意{project}节能报告。项目年综合能源消费量{tce}吨标准煤（当量值），应落实节能报告提出的各项节能措施。
C|10|0|政府投资项目可行性研究报告批复|普通|可行性研究报告批复|原则同意{project}可行性研究报告，项目估算总投资{inv}亿元，资金由市级财政统筹安排。
C|8|3|政府投资项目初步设计批复|普通|初步设计批复|批准{project}初步设计，核定项目总概算{inv}亿元，其中建筑安装工程费约占{pct}%。
C|5|2|外商投资项目核准决定书|核准|外商投资项目核准文件|同意外商投资建设{project}，总投资{inv}亿元，主要建设{scope}。
C|4|0|特许经营项目实施方案批复|特许|特许经营项目实施方案批复|同意{project}采用特许经营模式实施，特许经营期限{years}年，期满后项目设施无偿移交。
CB|10|2|企业投资项目备案变更登记表|登记|项目备案证明|对{project}备案信息变更予以登记，变更后主要建设内容为{scope}。
CB|4|3|节能量审核认可书|认可|节能量审核意见|认可{project}节能技术改造年节能量{tce}吨标准煤。
BP|6|0|分布式光伏发电项目备案确认书|其他|项目备案证明|对当事人位于示例市{district}的分布式光伏发电项目予以备案确认，装机容量{kw}千瓦，采用自发自用、余电上网模式。
""")
# 执法类别 -> (文书号 prefix, weight, 执法结论 templates)
OTHER_TYPES = {
    "行政检查": ("示发改检", 60, (
        "经现场检查，当事人各项检查内容符合规定，未发现违法违规行为。",
        "经检查，{project}未按节能审查意见落实余热回收等节能措施，已当场责令限期{count}日内整改。",
        "经书面检查，当事人在{project}招标投标活动中程序基本规范，发现评标报告签字不全等问题，已责令改正。",
        "经检查，当事人未在经营场所公示{service}收费标准，已责令立即改正，拟依法立案调查。")),
    "行政强制": ("示发改强", 10, (
        "在{service}收费检查中，为防止证据灭失，依法对当事人{year}年度收费台账、票据予以先行登记保存，期限七日。",
        "当事人逾期未缴纳罚款，依法自{start}起每日按罚款数额的百分之三加处罚款。")),
    "行政征收": ("示发改征", 5, (
        "经核查，当事人{year}年度单位产品能耗超过限额标准，依法对其超限额用电部分按每千瓦时加价0.3元征收惩罚性电费。",)),
    "行政确认": ("示发改确", 15, (
        "经审核，确认当事人{project}节能技术改造年节能量为{tce}吨标准煤。",
        "受司法机关委托，对涉案{goods}进行价格认定，认定价格为人民币{gain}元。")),
    "其他": ("示发改执", 10, (
        "经审核，当事人已完成违法行为整改并履行行政处罚决定，准予修复其行政处罚信用信息。",
        "对投诉人就{project}招标提出的投诉，经调查投诉事项不成立，依法予以驳回。")),
}
STATUS_REASONS = {
    "撤销": ("经行政复议，{what}认定事实不清，依法予以撤销。", "经行政诉讼，人民法院判决撤销{what}。",
             "经本机关复查，{what}适用依据错误，依法予以撤销。"),
    "变更": ("经行政复议，{what}明显不当，依法予以变更，以新决定为准。",),
    "确认违法": ("经行政诉讼，人民法院确认{what}程序违法。",),
    "重新作出": ("经行政复议，{what}被责令重新作出，本机关已依法重新作出决定。",),
}


def _wan(yuan):
    """Yuan as a 万元 decimal string: 25000 -> "2.5"."""
    return f"{yuan / 10000:.4f}".rstrip("0").rstrip(".")


def _by_party(templates):
    """{party kind: (templates suiting it, their weights)}."""
    return {kind: ([t for t in templates if kind in t["who"]], [int(t["weight"]) for t in templates if kind in t["who"]])
            for kind in "CBP"}


PENALTIES_BY_PARTY, PERMITS_BY_PARTY = _by_party(PENALTY_TEMPLATES), _by_party(PERMIT_TEMPLATES)


def _pick(rng, by_party, party):
    """A template suiting the party, drawn by weight."""
    return rng.choices(*by_party[{"法人及非法人组织": "C", "个体工商户": "B"}.get(party["行政相对人类别"], "P")])[0]


# --- landmarks --------------------------------------------------------------------

LANDMARKS = {
    "penalty_published": {"table": "penalties", "id": "示发改罚〔2026〕8号", "name": "示例市华清能源科技有限公司"},
    "penalty_revoked": {"table": "penalties", "id": "示发改罚〔2025〕21号", "name": "示例市蓝湾建材有限公司"},
    "penalty_expired": {"table": "penalties", "id": "示发改罚〔2025〕3号", "name": "示例市旧城物流有限公司"},
    "penalty_scheduled": {"table": "penalties", "id": "示发改罚〔2026〕99号", "name": "示例市远景照明有限公司"},
    "penalty_natural_person": {"table": "penalties", "id": "示发改罚〔2026〕12号", "name": "欧阳明辉", "phone": "13912345678"},
    "permit_published": {"table": "permits", "id": "示发改许〔2026〕15号", "name": "示例市云帆新能源有限公司"},
    "permit_reissued": {"table": "permits", "id": "示发改许〔2025〕40号", "name": "示例市北辰热力有限公司",
                        "new_id": "示发改许〔2025〕41号"},
    "other_published": {"table": "others", "id": "示发改检〔2026〕5号", "name": "示例市华清能源科技有限公司"},
    "officer_valid": {"table": "officers", "id": "SL99012019000001", "name": "李建国", "valid_to": "2028-12-31"},
    "officer_expired": {"table": "officers", "id": "SL99012020000002", "name": "王志强", "valid_to": "2026-06-30"},
    "officer_transferred": {"table": "officers", "id": "SL99012019000003", "name": "赵立新", "valid_to": "2028-12-31"},
}
RESERVED_NAMES = frozenset(lm["name"] for lm in LANDMARKS.values())
OFFICER_UNITS = (  # (unit within the agency, 执法类别 choices, 职务 choices, weight)
    ("", ("综合",), ("副主任", "一级调研员", "四级调研员"), 1),
    ("法规科", ("综合", "招标投标监督"), ("科长", "副科长", "一级主任科员", "四级主任科员", "一级科员"), 3),
    ("能源科", ("节能监察",), ("科长", "副科长", "二级主任科员", "四级主任科员", "一级科员"), 3),
    ("价格监督检查分局", ("价格监督检查",), ("局长", "副局长", "一级主任科员", "三级主任科员", "一级科员"), 4),
)


def _published(publish):
    """The common decision columns of an ordinary, valid decision published on `publish`."""
    return {"公开日期": publish, "程序类型": "普通", "是否重大执法决定": "否", "状态": schema.STATUS_VALID,
            "涉及未成年人": "否"}


class Generator:
    """Draws the decision and officer rows of one dataset."""

    def __init__(self, seed, n_decisions, start, end):
        self.seed, self.n, self.start, self.end = seed, n_decisions, start, end
        rng, taken = self.rng("parties"), set(RESERVED_NAMES)

        def pool(make, kind, size):  # parties that recur across decisions
            names = []
            for _ in range(min(size, 50000)):
                names.append(_unique(lambda: make(rng), taken))
                taken.add(names[-1])
            return [organisation(rng, name, kind) for name in names]

        self.companies = pool(company_name, "91", max(40, n_decisions // 3))
        self.businesses = pool(business_name, "92", max(10, n_decisions // 12))

    def rng(self, key):
        return random.Random(f"{self.seed}:{key}")

    def party(self, rng, mix):
        kind = rng.choices("CBP", mix)[0]
        if kind == "P":
            return natural_person(rng, _unique(lambda: person_name(rng), RESERVED_NAMES))
        return rng.choice(self.companies if kind == "C" else self.businesses)

    def day(self, rng):
        """A weekday between start and end."""
        for _ in range(10):
            d = self.start + timedelta(days=rng.randrange((self.end - self.start).days + 1))
            if d.weekday() < 5:
                break
        return d

    def publish_date(self, rng, day):
        if rng.random() < 0.05:  # published late
            d = day + timedelta(days=rng.randint(10, 20))
            return add_working_days(d, 1) if d.weekday() >= 5 else d
        return add_working_days(day, rng.randint(1, 6))

    # Row builders: (rng, day, doc id, 执法类别, party, 简易?, 重大?, fixed choices) -> row dict.

    def penalty(self, rng, day, doc_id, _, party, simple, major, template=None, kinds=None, preset=None):
        t = template or _pick(rng, PENALTIES_BY_PARTY, party)
        kinds = ("警告" if simple else kinds or rng.choice(t["kinds"].split("/"))).split("；")
        facts = Facts(rng, day, preset)
        fact = t["fact"].format_map(facts)
        if party["行政相对人类别"] == schema.NATURAL_PERSON and rng.random() < 0.1:  # for the masking tests
            phone = f"，联系电话1{rng.choice('3589')}{rng.randrange(10 ** 9):09d}" if rng.random() < 0.5 else ""
            fact += f"当事人{party['行政相对人名称']}{phone}，对上述事实无异议。"
        low, high = map(int, t["fine"].split("-"))
        facts["fine"] = 0
        if "罚款" in kinds:
            facts["fine"] = high if major else rng.randrange(low, high + 1, 1000 if low >= 10000 else 100)
        seized = facts["gain"] if "没收违法所得" in kinds else facts["goods_value"] if "没收非法财物" in kinds else 0
        paid = day + timedelta(days=rng.randint(5, 30))
        return dict(party, **{
            "行政处罚决定书文号": doc_id, "违法行为类型": t["violation"], "违法事实": fact, "处罚依据": t["basis"],
            "处罚类别": "；".join(kinds),
            "处罚内容": "，".join(PENALTY_CONTENT[k].format_map(facts) for k in kinds) + "。",
            "罚款金额（万元）": _wan(facts["fine"]), "没收违法所得、没收非法财物的金额（万元）": _wan(seized),
            "处罚决定日期": day, "处罚有效期": add_years(day, 1),
            "公示截止期": add_years(day, rng.choice((1, 3))) if rng.random() < 0.08 else "",
            "处罚机关": AGENCY, "处罚机关统一社会信用代码": AGENCY_USCC,
            "数据来源单位": AGENCY, "数据来源单位统一社会信用代码": AGENCY_USCC,
            "备注": f"当事人已于{cn_date(paid)}缴清罚款。" if facts["fine"] and paid <= self.end and rng.random() < 0.1 else "",
        })

    def permit(self, rng, day, doc_id, _, party, simple, major, template=None, preset=None):
        t = template or _pick(rng, PERMITS_BY_PARTY, party)
        years = int(t["years"])
        project_code = f"{day.year}-{rng.choice(DISTRICTS)[1]}-{rng.randint(13, 78)}-0{rng.randint(1, 3)}-{rng.randrange(10 ** 6):06d}"
        return dict(party, **{
            "行政许可决定文书名称": t["title"], "行政许可决定文书号": doc_id, "许可类别": t["category"],
            "许可证书名称": t["certificate"], "许可编号": project_code,
            "许可内容": t["content"].format_map(Facts(rng, day, preset)), "许可决定日期": day, "有效期自": day,
            "有效期至": add_years(day, years) if years else FOREVER, "许可机关": AGENCY, "许可机关统一社会信用代码": AGENCY_USCC,
            "当前状态": "有效", "数据来源单位": AGENCY, "数据来源单位统一社会信用代码": AGENCY_USCC,
        })

    def other(self, rng, day, doc_id, category, party, simple, major, conclusion=None):
        return {"执法机关": AGENCY, "执法对象": party["行政相对人名称"], "执法对象类别": party["行政相对人类别"],
                "执法类别": category, "决定文书号": doc_id, "决定日期": day,
                "执法结论": conclusion or rng.choice(OTHER_TYPES[category][2]).format_map(Facts(rng, day))}

    def decisions(self, table, build, count, prefixes, landmark_rows, major_share=0.0, mix=(70, 15, 15)):
        """Random rows in date order, numbered per prefix and year, merged with the landmark rows."""
        rng = self.rng(table.key)
        reserved = {row[table.id_column] for row in landmark_rows}
        keys, weights = zip(*prefixes)  # keys: (文书号 prefix, 执法类别)
        plan = sorted(((self.day(rng), rng.choices(keys, weights)[0]) for _ in range(count)), key=lambda p: p[0])
        days, ids, numbers = [day for day, _ in plan], [], {}
        for day, (prefix, _) in plan:
            doc_id = None
            while doc_id is None or doc_id in reserved:
                numbers[prefix, day.year] = n = numbers.get((prefix, day.year), 0) + 1
                doc_id = f"{prefix}〔{day.year}〕{n}号"
            ids.append(doc_id)
        what = {"penalties": "原处罚决定", "permits": "原许可决定"}.get(table.key, "原决定")

        def rows():
            replacing = {}  # plan index -> party of the earlier decision it replaces
            for i, (day, (_, category)) in enumerate(plan):
                fresh = i not in replacing
                party = self.party(rng, mix) if fresh else replacing.pop(i)
                simple = fresh and rng.random() < 0.03
                major = not simple and rng.random() < major_share
                row = build(rng, day, ids[i], category, party, simple, major)
                row.update(_published(self.publish_date(rng, day)), 程序类型="简易" if simple else "普通")
                if major:
                    row.update(是否重大执法决定="是", 法制审核日期=day - timedelta(days=rng.randint(1, 5)), 法制审核结论="通过")
                if fresh and rng.random() < 0.01:
                    row["涉及未成年人"] = "是"
                if fresh and rng.random() < 0.03:
                    self.withdraw(rng, row, i, days, ids, party, replacing, what)
                if table is schema.PERMITS and row["状态"] != schema.STATUS_VALID:
                    row["当前状态"] = "无效"
                yield row

        key = lambda row: row[table.date_column]  # noqa: E731
        return heapq.merge(rows(), sorted(landmark_rows, key=key), key=key)

    def withdraw(self, rng, row, i, days, ids, party, replacing, what):
        """Mark row i 撤销/变更/确认违法/重新作出; a replacement is a later, valid decision for the same party."""
        status, changed, new_id = rng.choice(("撤销", "变更", "确认违法", "重新作出")), None, ""
        if status in ("变更", "重新作出"):
            j = bisect_left(days, days[i] + timedelta(days=rng.randint(15, 90)))
            while j in replacing:
                j += 1
            if j < len(days):
                replacing[j], changed, new_id = party, days[j], ids[j]
            else:
                status = "撤销"
        changed = changed or days[i] + timedelta(days=rng.randint(30, 180))
        if changed <= self.end:
            row.update(状态=status, 状态变更日期=changed, 新决定文书号=new_id,
                       状态说明=rng.choice(STATUS_REASONS[status]).format(what=what))

    def landmark_decisions(self):
        rng = random.Random("landmarks")  # the same whatever the seed
        org = {lm["name"]: organisation(rng, lm["name"]) for lm in LANDMARKS.values() if lm["table"] != "officers"}
        org["欧阳明辉"] = natural_person(rng, "欧阳明辉")
        violations = {t["violation"]: t for t in PENALTY_TEMPLATES}
        huaqing, sewage = "高新区华清年产5万吨光伏组件项目", "城东区清源污水处理厂提标改造工程"

        def penalty(key, day, violation, kinds, publish, preset=None, **extra):
            lm = LANDMARKS[key]
            row = self.penalty(rng, day, lm["id"], None, org[lm["name"]], False, False, violations[violation], kinds, preset)
            return {**row, "备注": "", "公示截止期": "", **_published(publish), **extra}

        def permit(doc_id, day, key, template, publish, **extra):
            row = self.permit(rng, day, doc_id, None, org[LANDMARKS[key]["name"]], False, False, template,
                              {"project": "城北区北辰热电联产项目"} if key == "permit_reissued" else None)
            return {**row, **_published(publish), **extra}

        inspection = self.other(rng, date(2026, 2, 10), LANDMARKS["other_published"]["id"], "行政检查",
                                org[LANDMARKS["other_published"]["name"]], False, False,
                                f"经现场检查，当事人投资建设的{huaqing}未依法通过节能审查即开工建设，已责令停止建设，并移送立案调查。")
        approval, energy = PERMIT_TEMPLATES[0], PERMIT_TEMPLATES[1]
        return {
            "penalties": [
                penalty("penalty_published", date(2026, 3, 12), "未经节能审查擅自开工建设", "罚款", date(2026, 3, 16),
                        {"project": huaqing, "start": "2025年11月3日", "pct": 40}),
                penalty("penalty_revoked", date(2025, 5, 20), "串通投标", "罚款", date(2025, 5, 22),
                        状态="撤销", 状态变更日期=date(2025, 9, 10), 状态说明="经行政复议，原处罚决定认定事实不清，依法予以撤销。"),
                # 失信程度 given: the profile would class these low fines as 轻微 (not published);
                # the agency states the class, as the column allows.
                penalty("penalty_expired", date(2025, 1, 15), "未按规定报送能源利用状况报告", "罚款", date(2025, 1, 17),
                        公示截止期=date(2026, 1, 31), 失信程度="一般"),
                penalty("penalty_scheduled", date(2026, 11, 18), "以不合理条件限制、排斥潜在投标人", "警告；罚款",
                        date(2026, 11, 27), 失信程度="一般"),
                penalty("penalty_natural_person", date(2026, 4, 8), "评标委员会成员收受投标人财物", "警告；没收违法所得；罚款",
                        date(2026, 4, 10), {"project": sewage, "gain": 5000},
                        违法事实=f"经查，当事人欧阳明辉作为{sewage}评标委员会成员，在评标期间使用手机13912345678"
                                 "与投标人私下联系，并收受投标人现金5000元，影响评标公正。"),
            ],
            "permits": [
                permit(LANDMARKS["permit_published"]["id"], date(2026, 5, 6), "permit_published", approval, date(2026, 5, 8)),
                permit(LANDMARKS["permit_reissued"]["id"], date(2025, 4, 10), "permit_reissued", energy, date(2025, 4, 14),
                       状态="重新作出", 状态变更日期=date(2025, 5, 16), 新决定文书号=LANDMARKS["permit_reissued"]["new_id"],
                       当前状态="无效", 状态说明="经行政复议，原许可决定被责令重新作出，本机关已依法重新作出决定。"),
                permit(LANDMARKS["permit_reissued"]["new_id"], date(2025, 5, 16), "permit_reissued", energy, date(2025, 5, 20)),
            ],
            "others": [dict(inspection, **_published(date(2026, 2, 12)))],
        }

    def officers(self, landmarks):
        rng, rows = self.rng("officers"), []
        for key, unit, title, category, status in (
                ("officer_valid", "法规科", "科长", "综合", "在岗"),
                ("officer_expired", "能源科", "一级主任科员", "节能监察", "在岗"),
                ("officer_transferred", "价格监督检查分局", "副局长", "价格监督检查", "调离")) if landmarks else ():
            lm = LANDMARKS[key]
            rows.append({"姓名": lm["name"], "单位": AGENCY + unit, "职务": title, "执法证号": lm["id"],
                         "执法类别": category, "执法区域": "示例市", "证件有效期至": lm["valid_to"], "状态": status})
        taken, serial = set(RESERVED_NAMES), 100  # landmark certificates use serials 1-3
        for _ in range(max(48, self.n // 200) - len(rows)):
            unit, categories, titles, _ = rng.choices(OFFICER_UNITS, [u[3] for u in OFFICER_UNITS])[0]
            name, serial = _unique(lambda: person_name(rng), taken), serial + rng.randint(1, 9)
            taken.add(name)
            expired = rng.random() < 0.07
            rows.append({
                "姓名": name, "单位": AGENCY + unit, "职务": rng.choice(titles),
                "执法证号": f"SL9901{rng.randint(2018, 2024)}{serial:06d}", "执法类别": rng.choice(categories),
                "执法区域": "示例市", "状态": rng.choices(schema.OFFICER_STATUSES, (90, 6, 4))[0],
                "证件有效期至": rng.choice((date(2025, 12, 31), date(2026, 5, 31), date(2026, 9, 30))) if expired
                else date(rng.randint(2027, 2029), *rng.choice(((3, 31), (6, 30), (9, 30), (12, 31)))),
            })
        return rows


# --- lists: fixed content, the same for every seed; each has a row already 废止 ---------

DUTIES = {
    "行政许可": "受理、审查申请，依法作出准予或者不予许可的决定，并对被许可人实施监督。",
    "行政处罚": "立案、调查取证、告知、听证，依法作出行政处罚决定并执行。",
    "行政检查": "制定检查计划，实施现场或者书面检查，责令整改或者移送处理发现的问题。",
    "行政强制": "依法实施证据先行登记保存、加处罚款等行政强制措施和执行。",
    "行政征收": "依法核定征收对象和数额，作出征收决定并监督缴纳。",
    "行政确认": "依申请或者依委托审核有关事实，依法出具确认意见。",
    "其他": "依法办理，并对办理结果实施监督。",
}
MATTERS = _records("事项编码 事项名称 事项类别 承办机构 执法依据 生效日期 废止日期", """
SFGW-XK-001|企业投资项目核准|行政许可|固定资产投资科|《企业投资项目核准和备案管理条例》第三条、第六条||
SFGW-XK-002|固定资产投资项目节能审查|行政许可|能源科|《中华人民共和国节约能源法》第十五条；《固定资产投资项目节能审查办法》||
SFGW-XK-003|政府投资项目可行性研究报告审批|行政许可|固定资产投资科|《政府投资条例》第九条、第十条||
SFGW-XK-004|政府投资项目初步设计审批|行政许可|固定资产投资科|《政府投资条例》第十一条||
SFGW-XK-005|外商投资项目核准|行政许可|固定资产投资科|《外商投资项目核准和备案管理办法》||
SFGW-XK-006|企业境外投资项目核准|行政许可|固定资产投资科|《企业境外投资管理办法》||2025-06-30
SFGW-CF-001|违反节约能源法行为的行政处罚|行政处罚|能源科|《中华人民共和国节约能源法》第六十八条至第八十四条||
SFGW-CF-002|招标投标违法行为的行政处罚|行政处罚|法规科|《中华人民共和国招标投标法》第四十九条至第六十条；《中华人民共和国招标投标法实施条例》||
SFGW-CF-003|价格违法行为的行政处罚|行政处罚|价格监督检查分局|《中华人民共和国价格法》第三十九条至第四十四条；《价格违法行为行政处罚规定》||
SFGW-CF-004|违反企业投资项目核准和备案管理规定的行政处罚|行政处罚|固定资产投资科|《企业投资项目核准和备案管理条例》第十八条、第十九条||
SFGW-CF-005|违反固定资产投资项目节能审查规定的行政处罚|行政处罚|能源科|《示例省实施〈中华人民共和国节约能源法〉办法》第四十一条||
SFGW-CF-006|违反价格监测规定行为的行政处罚|行政处罚|价格监督检查分局|《价格监测规定》||2025-06-30
SFGW-JC-001|重点用能单位节能监察|行政检查|能源科|《中华人民共和国节约能源法》第十二条、第五十四条||
SFGW-JC-002|招标投标活动监督检查|行政检查|法规科|《中华人民共和国招标投标法》第七条||
SFGW-JC-003|价格监督检查|行政检查|价格监督检查分局|《中华人民共和国价格法》第三十三条、第三十四条||
SFGW-JC-004|政府投资项目监督检查|行政检查|固定资产投资科|《政府投资条例》第二十八条||
SFGW-JC-005|数据中心能效专项监察|行政检查|能源科|《中华人民共和国节约能源法》第十二条；《示例省数据中心能效管理办法》|2027-01-01|
SFGW-QZ-001|价格违法案件证据先行登记保存|行政强制|价格监督检查分局|《中华人民共和国价格法》第三十四条||
SFGW-QZ-002|加处罚款|行政强制|法规科|《中华人民共和国行政强制法》第四十五条；《中华人民共和国行政处罚法》第七十二条||
SFGW-ZS-001|超能耗限额惩罚性电费征收|行政征收|能源科|《示例市惩罚性电价实施办法》||
SFGW-QR-001|价格认定|行政确认|价格监督检查分局|《价格认定规定》||
SFGW-QR-002|节能量审核确认|行政确认|能源科|《节能技术改造项目节能量审核指南》||
SFGW-QT-001|企业投资项目备案|其他|固定资产投资科|《企业投资项目核准和备案管理条例》第十三条||
SFGW-QT-002|行政处罚信用信息修复|其他|法规科|《失信行为纠正后的信用信息修复管理办法（试行）》||
SFGW-QT-003|招标投标活动投诉处理|其他|法规科|《工程建设项目招标投标活动投诉处理办法》||
""")
RANDOM_CHECKS = _records("事项编码 抽查事项 抽查类别 抽查依据 抽查对象 抽查内容 抽查比例 抽查方式 抽查频次 生效日期 废止日期", """
SFGW-CC-001|重点用能单位节能监察|重点检查|《中华人民共和国节约能源法》第五十四条|年综合能源消费量五千吨标准煤以上的重点用能单位|能源利用状况报告报送、能源管理岗位设置、能耗限额标准执行情况|10%|现场检查|每年1次||
SFGW-CC-002|固定资产投资项目节能审查意见落实情况检查|重点检查|《固定资产投资项目节能审查办法》|取得节能审查意见的在建和已投产项目|节能审查意见落实情况、节能措施建设情况|5%|现场检查、书面检查|每年1次||
SFGW-CC-003|企业投资项目事中事后监管检查|一般检查|《企业投资项目事中事后监管办法》|本机关核准或者备案的企业投资项目|是否按核准（备案）内容建设、是否履行信息报送义务|3%|书面检查|每年1次||
SFGW-CC-004|政府投资项目监督检查|重点检查|《政府投资条例》第二十八条|市本级政府投资项目|审批程序执行、建设资金使用、建设进度|10%|现场检查|每半年1次||
SFGW-CC-005|依法必须招标项目招标投标活动检查|一般检查|《中华人民共和国招标投标法》第七条|本市依法必须进行招标的工程建设项目|招标方式、资格条件设置、评标过程|5%|书面检查、现场检查|每年2次||
SFGW-CC-006|明码标价和收费公示检查|一般检查|《中华人民共和国价格法》第十三条|商品零售、服务收费经营者|明码标价、收费公示情况|3%|现场检查|每年1次||
SFGW-CC-007|政府定价收费执行情况检查|一般检查|《中华人民共和国价格法》第十二条、第三十四条|执行政府定价、政府指导价的经营者|收费项目和收费标准执行情况|5%|书面检查|每年1次||
SFGW-CC-008|价格监测报送情况检查|一般检查|《价格监测规定》|价格监测定点单位|价格监测资料报送的及时性、准确性|10%|书面检查|每年1次||2025-06-30
""")
AV_RECORDS = _records("编号 执法类别 执法环节 记录内容 记录方式 是否全过程音像记录 生效日期 废止日期", """
SFGW-YX-001|行政处罚|现场检查|执法人员出示证件、现场状况、检查过程和当事人陈述|执法记录仪、照相|是||
SFGW-YX-002|行政处罚|调查取证|询问过程、证据提取和封存过程|录音、录像|是||
SFGW-YX-003|行政处罚|听证|听证会全过程|录音、录像|是||
SFGW-YX-004|行政处罚|送达|直接送达、留置送达的过程和送达现场|执法记录仪、照相|否||
SFGW-YX-005|行政处罚|陈述申辩|当事人当面陈述、申辩的过程|录音|否||2025-06-30
SFGW-YX-006|行政检查|现场检查|检查人员、检查对象、检查过程和发现的问题|执法记录仪|是||
SFGW-YX-007|行政检查|询问室执法场所|在询问室进行的询问全过程|视频监控|是||
SFGW-YX-008|行政强制|先行登记保存|登记保存物品的清点、封存和交付过程|执法记录仪、录像|是||
SFGW-YX-009|行政许可|现场核查|核查地点、核查对象和核查情况|照相|否||
SFGW-YX-010|行政确认|价格认定现场勘验|勘验标的物的状况和勘验过程|照相、录像|否||
""")
LEGAL_REVIEWS = _records("编号 执法类别 审核事项 重大执法决定标准 审核依据 生效日期 废止日期", """
SFGW-FS-001|行政处罚|较大数额罚款|对法人或者其他组织处十万元以上、对自然人处一万元以上罚款|《中华人民共和国行政处罚法》第五十八条||
SFGW-FS-002|行政处罚|没收较大数额违法所得或者非法财物|没收违法所得或者非法财物价值十万元以上|《中华人民共和国行政处罚法》第五十八条||
SFGW-FS-003|行政处罚|责令停产停业、限制从业|作出责令停产停业、限制从业决定的|《中华人民共和国行政处罚法》第五十八条、第六十三条||
SFGW-FS-004|行政处罚|经听证程序作出的行政处罚|当事人依法申请并举行听证的|《中华人民共和国行政处罚法》第五十八条||
SFGW-FS-005|行政许可|政府投资项目可行性研究报告审批|项目总投资一亿元以上的|《政府投资条例》；《示例市重大行政执法决定法制审核办法》第八条||
SFGW-FS-006|行政许可|企业投资项目核准|涉及重大公共利益或者可能对生态环境造成重大影响的|《示例市重大行政执法决定法制审核办法》第八条||
SFGW-FS-007|行政强制|加处罚款|加处罚款数额十万元以上的|《中华人民共和国行政强制法》；《示例市重大行政执法决定法制审核办法》第九条||
SFGW-FS-008|行政处罚|案情复杂的行政处罚|涉及多个法律关系、案情复杂的|《示例市重大行政执法决定法制审核办法（试行）》||2025-12-31
""")


def list_rows():
    return {
        "matters": [dict(m, 实施主体=AGENCY, 承办机构=AGENCY + m["承办机构"], 职责权限=DUTIES[m["事项类别"]]) for m in MATTERS],
        "random_checks": [dict(c, 抽查主体=AGENCY) for c in RANDOM_CHECKS],
        "av_records": AV_RECORDS,
        "legal_review_catalog": [dict(r, 审核机构=AGENCY + "法规科") for r in LEGAL_REVIEWS],
    }


# --- output -----------------------------------------------------------------------------

def supplement_rows(start, end, seed):
    """One row of yearly figures (复议, 诉讼, 投诉) per year in the span."""
    rng = random.Random(f"supplement-{seed}")
    rows = []
    for year in range(start.year, end.year + 1):
        reviews, suits = rng.randint(3, 12), rng.randint(0, 5)
        rows.append({
            "年度": str(year), "行政复议申请数": str(reviews), "行政复议纠错数": str(rng.randint(0, reviews // 3)),
            "行政诉讼案件数": str(suits), "行政诉讼败诉数": str(rng.randint(0, suits // 2)),
            "投诉举报数": str(rng.randint(20, 90)), "说明": "示例数据。",
        })
    return rows


def write_table(path, table, rows):
    """Stream rows (dicts keyed by column name) to a UTF-8-with-BOM CSV; return the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    names, known, count = table.column_names, set(table.column_names), 0
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(names)
        for row in rows:
            if row.keys() - known:
                raise ValueError(f"{table.key}: unknown columns {sorted(row.keys() - known)}")
            writer.writerow([v.isoformat() if isinstance(v, date) else v for v in (row.get(n, "") for n in names)])
            count += 1
    return count


def write_dataset(data_dir, n_decisions=300, seed=2026, start=date(2025, 1, 1), end=date(2026, 11, 15),
                  landmarks=True):
    """Write every table of schema.ALL_TABLES under data_dir; return {table key: row count}.

    Decisions are split 40 % penalties, 40 % permits, 20 % others; the landmark
    records take the place of random ones, so the total stays n_decisions.
    """
    gen = Generator(seed, n_decisions, start, end)
    fixed = gen.landmark_decisions() if landmarks else {"penalties": [], "permits": [], "others": []}
    n_each = round(n_decisions * 0.4)
    count = {key: max(0, n - len(fixed[key]))
             for key, n in (("penalties", n_each), ("permits", n_each), ("others", n_decisions - 2 * n_each))}
    rows = {
        "penalties": gen.decisions(schema.PENALTIES, gen.penalty, count["penalties"], [(("示发改罚", None), 1)],
                                   fixed["penalties"], major_share=0.05),
        "permits": gen.decisions(schema.PERMITS, gen.permit, count["permits"], [(("示发改许", None), 1)],
                                 fixed["permits"]),
        "others": gen.decisions(schema.OTHERS, gen.other, count["others"],
                                [((prefix, category), weight) for category, (prefix, weight, _) in OTHER_TYPES.items()],
                                fixed["others"], mix=(80, 10, 10)),
        "officers": gen.officers(landmarks),
        **list_rows(),
        "annual_supplement": supplement_rows(start, end, seed),
    }
    return {t.key: write_table(Path(data_dir) / t.path, t, rows[t.key]) for t in schema.ALL_TABLES}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m disclosure.testing.synthetic",
                                     description="Write deterministic synthetic disclosure data.")
    parser.add_argument("out_dir", type=Path, help="data folder to write (created if missing)")
    parser.add_argument("--decisions", type=int, default=300, help="number of decisions (default 300)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-landmarks", action="store_true", help="leave out the fixed records tests refer to")
    args = parser.parse_args(argv)
    counts = write_dataset(args.out_dir, args.decisions, args.seed, landmarks=not args.no_landmarks)
    for key, n in counts.items():
        print(f"{schema.TABLES_BY_KEY[key].path}: {n}")


if __name__ == "__main__":
    main()
