"""The one declaration of every table the column publishes.

Validation, the publication gate, the pages, the data downloads and the
admin documentation all read these objects; nothing else names a column.
Header names are the Chinese headers of the national 双公示 exports
(信用信息共享平台 行政许可/行政处罚 数据标准) and of the five 清单 the seeds
ask for.
"""

from dataclasses import dataclass

TEXT = "text"
DATE = "date"
NUMBER = "number"
ENUM = "enum"
MULTI_ENUM = "multi_enum"  # several enum values separated by ；; 、 or ,
USCC = "uscc"  # 统一社会信用代码, GB 32100-2015, check digit verified


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    type: str = TEXT
    required: bool = False
    choices: tuple = ()
    # Never published for anyone (identity document numbers).
    public: bool = True
    # Free text written by officers: ID, phone and bank numbers and the
    # party's full name are masked inside it before publication.
    free_text: bool = False
    # Read by name by the publication gate (rules/gate.py), or by the leak check
    # for the ID numbers it must look for. A misspelt header for such a column
    # would otherwise be dropped as unknown and the gate would apply the
    # default: withdrawn or minors' decisions published. The loader refuses it.
    gate_reads: bool = False
    # For an optional column the gate reads: what the gate does when the file
    # has no such column, as the build warning says it ("按默认值“否”处理").
    if_absent: str = ""
    # Other known spellings of the header (the national standards' variants, provincial
    # exporters' spellings). An alias is exact; a near-miss of an alias is an error.
    aliases: tuple = ()
    # (value as exports write it, canonical value) for ENUM / MULTI_ENUM columns; the
    # canonical value is what is stored, shown and counted.
    value_aliases: tuple = ()
    # A DATE column where “长期”/“长期有效” means open-ended: stored as this text
    # (“2099-12-31”) or, when empty, as no date.
    open_ended: str = None
    # What people read instead of the header on decision and list pages, when the header
    # is data-entry wording (行政相对人代码_1 is shown as 统一社会信用代码). CSV and JSON keep `name`.
    label: str = ""

    @property
    def display_label(self):
        return self.label or self.name


@dataclass(frozen=True)
class Table:
    key: str  # ASCII, used in URLs and file names
    path: str  # relative to the data folder
    title: str
    kind: str  # "decision" | "officer" | "list"
    id_column: str
    columns: tuple
    date_column: str = ""  # the decision date, for decisions
    party_column: str = ""  # the party's name, masked for natural persons
    party_type_column: str = ""
    authority_column: str = ""
    category_label: str = ""  # fixed 类别 for search filters, or
    category_column: str = ""  # the column holding it
    summary_columns: tuple = ()  # shown in list pages after the id
    description: str = ""

    @property
    def column_names(self):
        return [c.name for c in self.columns]

    def column(self, name):
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def header_spellings(self):
        """{known header spelling: column name}: every column name and alias."""
        spellings = {}
        for c in self.columns:
            for spelling in (c.name,) + c.aliases:
                spellings.setdefault(spelling, c.name)
        return spellings

    @property
    def public_columns(self):
        return [c for c in self.columns if c.public]

    @property
    def free_text_columns(self):
        return [c.name for c in self.columns if c.free_text]

    @property
    def gate_columns(self):
        return [c for c in self.columns if c.gate_reads]


PARTY_TYPES = ("法人及非法人组织", "自然人", "个体工商户")
NATURAL_PERSON = "自然人"

STATUS_VALID = "有效"
# 行政处罚法 (2021) 第48条; 国办发〔2018〕118号: these outcomes withdraw a
# published decision. The words are the ones used in the 状态 column.
WITHDRAWING_STATUSES = ("变更", "撤销", "确认违法", "确认无效", "重新作出")
# A penalty's publicity ended early (信用修复; 市场监管总局令第45号 第十四条 提前停止公示):
# taken down on 状态变更日期 without a notice that would repeat the decision.
PUBLICITY_ENDED_STATUSES = ("信用修复", "终止公示")
# 行政许可法 第七十条 (注销 after 期满, 吊销, …) and 第八条 (撤回): the permit ends, but the
# decision was lawful, so its page stays, marked with the status and date. 第六十九条 撤销
# annuls the decision: withdrawn like a penalty.
PERMIT_ENDED_STATUSES = ("注销", "吊销", "期满", "撤回")
DECISION_STATUSES = (STATUS_VALID,) + WITHDRAWING_STATUSES
PENALTY_STATUSES = DECISION_STATUSES + PUBLICITY_ENDED_STATUSES
PERMIT_STATUSES = DECISION_STATUSES + PERMIT_ENDED_STATUSES
SEVERITY_CLASSES = ("轻微", "一般", "严重")

PARTY_CODE_MEANINGS = (
    "统一社会信用代码",
    "工商注册号",
    "组织机构代码",
    "税务登记号",
    "事业单位证书号",
    "社会组织登记证号",
)
PARTY_CODE_PREFIX = "行政相对人代码"
# 行政相对人代码_N written 代码-N, 代码/N, 代码N (published pages and exporters write these).
PARTY_CODE_SEPARATORS = ("_", "-", "/", "")
# The bracketed meaning of a 行政相对人代码_N header decides its column, not N: the 2016
# (first) national standard numbered them differently. Meanings the 2019 standard
# does not use map here; the 2019 meanings map to their own columns.
PARTY_CODE_EXTRA_MEANINGS = {
    "工商登记码": "行政相对人代码_2",
    "营业执照注册号": "行政相对人代码_2",
    "注册号": "行政相对人代码_2",
    "居民身份证号": "证件号码",
    "身份证号": "证件号码",
    "身份证号码": "证件号码",
}
# The 2016 standard's numbering (发改办财金 2016 双公示 数据标准): used for a file that shows
# it is in that standard (a 代码_N header whose bracket gives the 2016 meaning).
STANDARD_2016_CODES = {
    1: "行政相对人代码_1",  # 统一社会信用代码
    2: "行政相对人代码_3",  # 组织机构代码
    3: "行政相对人代码_2",  # 工商登记码
    4: "行政相对人代码_4",  # 税务登记号
    5: "证件号码",  # 居民身份证号: never published
}
STANDARD_2016_MEANINGS = {1: "统一社会信用代码", 2: "组织机构代码", 3: "工商登记码", 4: "税务登记号", 5: "居民身份证号"}
# 个体工商户 without a credit code: the standard's placeholder. Valid input, never published.
PLACEHOLDER_CREDIT_CODE = "0" * 17 + "X"
# 行政相对人类别 as exporters write it in words. Numeric platform codes (01–04) are NOT
# read: their meaning differs between provincial systems and could not be confirmed from a
# primary text, and a code read the wrong way would publish a natural person's full name.
# They are an error asking for the words (fail closed).
PARTY_TYPE_ALIASES = (
    ("法人", "法人及非法人组织"), ("非法人组织", "法人及非法人组织"), ("法人或非法人组织", "法人及非法人组织"),
    ("法人和非法人组织", "法人及非法人组织"), ("个人", "自然人"), ("个体户", "个体工商户"),
)
PARTY_TYPE_CODES = {"01", "02", "03", "04", "1", "2", "3", "4"}


def _code_aliases(i, meaning):
    names = [f"{PARTY_CODE_PREFIX}{sep}{i}" for sep in PARTY_CODE_SEPARATORS if sep != "_"]
    return tuple(names) + (meaning,)

PARTY_COLUMNS = (
    Column("行政相对人名称", "法人、非法人组织、个体工商户的名称，或自然人的姓名。自然人只公开姓氏加“某某”。", required=True,
           gate_reads=True),
    Column("行政相对人类别", "法人及非法人组织、自然人、个体工商户三选一。也可写“法人”“非法人组织”；"
           "不接受 01–04 之类的数字代码（各平台含义不同），请写成文字。", ENUM, True, PARTY_TYPES,
           gate_reads=True, value_aliases=PARTY_TYPE_ALIASES),
) + tuple(
    Column(
        f"行政相对人代码_{i}",
        f"{meaning}。表头也可写作“行政相对人代码_{i}（{meaning}）”；括号中写明含义的，按含义而不是序号对应。"
        + ("个体工商户没有统一社会信用代码的，可填 17 个 0 加 X（不公开）。" if i == 1 else ""),
        USCC if i == 1 else TEXT,
        # Removed from the public withdrawal notice's 状态说明.
        gate_reads=True, if_absent="按空白处理", aliases=_code_aliases(i, meaning),
        label=meaning,
    )
    for i, meaning in enumerate(PARTY_CODE_MEANINGS, start=1)
) + (
    Column("法定代表人", "法人及非法人组织的法定代表人或个体工商户的经营者姓名。",
           aliases=("法定代表人姓名", "法定代表人（负责人）", "法定代表人（负责人）姓名")),
    Column("法定代表人证件类型", "法定代表人的身份证件类型。", aliases=("法定代表人身份证件类型",)),
    Column("法定代表人证件号码", "法定代表人的身份证件号码。仅供内部核对，任何情况下都不公开。", public=False,
           gate_reads=True, if_absent="按空白处理，泄露检查无从核对这些号码",
           aliases=("法定代表人身份证号", "法定代表人身份证号码", "法定代表人身份证件号码")),
    Column("证件类型", "自然人的身份证件类型。", aliases=("自然人证件类型",)),
    Column("证件号码", "自然人的身份证件号码。仅供内部核对，任何情况下都不公开。", public=False,
           gate_reads=True, if_absent="按空白处理，泄露检查无从核对这些号码",
           aliases=("自然人证件号码", "居民身份证号", "身份证号码")),
)

# Columns every decision file may carry (国办发〔2018〕118号 and the gate).
def decision_common_columns(statuses=DECISION_STATUSES):
    return (
        Column("公开日期", "计划公开的日期（YYYY-MM-DD）。留空则自决定日期起公开；晚于生成日期的记录暂不公开。", DATE,
               gate_reads=True, if_absent="各条均自决定日期起公开"),
        Column("程序类型", "普通或简易。简易程序作出的决定是否公开，由 pelicanconf.py 的公示规则决定（默认不公开，见 docs/公开规则.md）。", ENUM, False, ("普通", "简易"),
               gate_reads=True, if_absent="按默认值“普通”处理"),
        Column("是否重大执法决定", "是或否；“是”须有法制审核日期和结论。", ENUM, False, ("是", "否")),
        Column("法制审核日期", "重大执法决定的法制审核日期。", DATE),
        Column("法制审核结论", "法制审核结论，如“通过”。"),
        Column("状态", _status_description(statuses), ENUM, False, statuses,
               gate_reads=True, if_absent=f"按默认值“{STATUS_VALID}”处理"),
        Column("状态变更日期", "决定被变更、撤销等的日期。", DATE, gate_reads=True, if_absent="按空白处理"),
        Column("状态说明", "撤下决定的理由，将在原网址的撤下说明中公开。", free_text=True,
               gate_reads=True, if_absent="按空白处理，撤下说明不写理由"),
        Column("新决定文书号", "重新作出或变更后新决定的文书号。", gate_reads=True, if_absent="按空白处理，撤下说明不链接新决定"),
        # 未成年人保护法 第一百零三条 protects a minor's identity, not the whole decision.
        Column("当事人为未成年人", "是或否；当事人（行政相对人）是未成年人的决定不公开。当事人身份证号显示决定时未满十八周岁的，也不公开。",
               ENUM, False, ("是", "否"), gate_reads=True, if_absent="按默认值“否”处理"),
        Column("涉及未成年人", "是或否；“是”的决定照常公开，但未成年人的姓名等身份信息须遮蔽：把姓名写在“未成年人姓名”列，"
               "公开情况报告会列出这些决定供人工复核。", ENUM, False, ("是", "否"),
               gate_reads=True, if_absent="按默认值“否”处理"),
        Column("未成年人姓名", "决定中涉及的未成年人的姓名，多个用“；”分隔。仅供遮蔽，任何情况下都不公开；这些姓名在所有公开内容中遮蔽。",
               public=False, gate_reads=True, if_absent="按空白处理，涉及未成年人的决定请人工复核"),
    )


def _status_description(statuses):
    text = "、".join(statuses) + "；留空视为有效。变更、撤销、确认违法、确认无效、重新作出的决定从专栏撤下，原网址只留撤下说明。"
    if PUBLICITY_ENDED_STATUSES[0] in statuses:
        text += "信用修复、终止公示：自状态变更日期起停止公示，不留说明页。"
    if PERMIT_ENDED_STATUSES[0] in statuses:
        text += "注销、吊销、期满、撤回：许可决定继续公开，并标明状态和日期。"
    return text + "非“有效”的须填写状态变更日期。"


DECISION_COMMON_COLUMNS = decision_common_columns()

# The 2016/2019 standards' own compound categories: each is ONE category (its 、 is not
# a separator). “其他（需注明）” and “其他（…）” with a note count as 其他.
COMPOUND_PENALTY_TYPES = ("没收违法所得、没收非法财物", "暂扣或者吊销许可证、暂扣或者吊销执照")
PENALTY_TYPES = (
    "警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件",
    "降低资质等级", "吊销许可证件", "限制开展生产经营活动", "责令停产停业",
    "责令关闭", "限制从业", "行政拘留", "其他",
) + COMPOUND_PENALTY_TYPES

PENALTIES = Table(
    key="penalties",
    path="decisions/penalties.csv",
    title="行政处罚",
    kind="decision",
    id_column="行政处罚决定书文号",
    date_column="处罚决定日期",
    party_column="行政相对人名称",
    party_type_column="行政相对人类别",
    authority_column="处罚机关",
    category_label="行政处罚",
    summary_columns=("处罚类别", "罚款金额（万元）"),
    description="行政处罚决定，列与全国信用信息共享平台“双公示”行政处罚数据标准一致。",
    columns=PARTY_COLUMNS + (
        Column("行政处罚决定书文号", "行政处罚决定书的文号，在本文件中唯一。", required=True, gate_reads=True),
        Column("违法行为类型", "违法行为的类型。", required=True),
        Column("违法事实", "违法事实的简要说明。", required=True, free_text=True),
        Column("处罚依据", "作出处罚所依据的法律、法规、规章条款。", required=True),
        # 处罚类别 and 罚款金额 decide the publicity period (3 months for a minor penalty).
        Column("处罚类别", "警告、通报批评、罚款等；多个用“；”分隔。标准中的“没收违法所得、没收非法财物”“暂扣或者吊销许可证、暂扣或者吊销执照”各算一类，“其他（需注明）”及带说明的“其他（…）”算“其他”。", MULTI_ENUM, True, PENALTY_TYPES, gate_reads=True),
        Column("处罚内容", "处罚的具体内容。", required=True, free_text=True),
        Column("罚款金额（万元）", "罚款金额，单位万元；无罚款填 0 或留空。写成“5000元”“0.5万元”的，换算为万元并在生成时提示。", NUMBER,
               gate_reads=True, if_absent="按默认值“0”处理", aliases=("处罚金额（万元）",)),
        Column("没收违法所得、没收非法财物的金额（万元）", "没收金额，单位万元。", NUMBER,
               aliases=("没收违法所得、没收非法财务的金额（万元）", "没收违法所得、没收非法财物金额（万元）")),
        Column("暂扣或吊销证照名称及编号", "被暂扣或吊销的证照名称及编号。"),
        Column("处罚决定日期", "作出处罚决定的日期（YYYY-MM-DD）。", DATE, True, gate_reads=True),
        Column("处罚有效期", "处罚决定的有效期（YYYY-MM-DD）；“长期”按 2099-12-31。", DATE, open_ended="2099-12-31"),
        Column("公示截止期", "在专栏公示的截止日期；此后撤下。", DATE,
               gate_reads=True, if_absent="按 pelicanconf.py 的公示期设置计算各条的公示截止期"),
        Column("处罚机关", "作出处罚的机关全称。", required=True),
        Column("处罚机关统一社会信用代码", "处罚机关的统一社会信用代码。", USCC, True),
        Column("数据来源单位", "报送数据的单位。", required=True),
        Column("数据来源单位统一社会信用代码", "数据来源单位的统一社会信用代码。", USCC, True),
        Column("备注", "其他说明。", free_text=True),
        # The credit rules' class of the penalty; normally derived by the publicity profile.
        Column("失信程度", "轻微、一般或严重；留空由公示规则按处罚类别和罚款金额推定（见 docs/公开规则.md）。决定公示多久。",
               ENUM, False, SEVERITY_CLASSES, gate_reads=True, if_absent="由公示规则按处罚类别和罚款金额推定"),
    ) + decision_common_columns(PENALTY_STATUSES),
)

PERMIT_TYPES = ("普通", "特许", "认可", "核准", "登记", "其他")
# 许可类别 as exports word it (the standard's “其他（需注明）”, the textbooks' “普通许可”).
# Numeric codes are not read (validation: a worded ENUM's code is an error).
PERMIT_TYPE_ALIASES = (("普通许可", "普通"), ("特许许可", "特许"), ("认可许可", "认可"), ("核准许可", "核准"),
                       ("登记许可", "登记"), ("其他（需注明）", "其他"), ("其它", "其他"))

PERMITS = Table(
    key="permits",
    path="decisions/permits.csv",
    title="行政许可",
    kind="decision",
    id_column="行政许可决定文书号",
    date_column="许可决定日期",
    party_column="行政相对人名称",
    party_type_column="行政相对人类别",
    authority_column="许可机关",
    category_label="行政许可",
    summary_columns=("许可类别", "行政许可决定文书名称"),
    description="行政许可决定，列与全国信用信息共享平台“双公示”行政许可数据标准一致。",
    columns=PARTY_COLUMNS + (
        Column("行政许可决定文书名称", "许可决定文书的名称。", required=True),
        Column("行政许可决定文书号", "许可决定文书号，在本文件中唯一。", required=True, gate_reads=True),
        Column("许可类别", "普通、特许、认可、核准、登记、其他。不接受 1、01 之类的数字代码（各平台编号不同），请写成文字。",
               ENUM, True, PERMIT_TYPES, value_aliases=PERMIT_TYPE_ALIASES),
        Column("许可证书名称", "颁发的许可证书名称。"),
        Column("许可编号", "许可证书编号。"),
        Column("许可内容", "许可的具体内容。", required=True, free_text=True),
        Column("许可决定日期", "作出许可决定的日期（YYYY-MM-DD）。", DATE, True, gate_reads=True),
        Column("有效期自", "许可有效期起始日期。", DATE, True),
        Column("有效期至", "许可有效期截止日期；长期有效填 2099-12-31 或“长期”。", DATE, True, open_ended="2099-12-31"),
        Column("许可机关", "作出许可的机关全称。", required=True),
        Column("许可机关统一社会信用代码", "许可机关的统一社会信用代码。", USCC, True),
        Column("当前状态", "有效或无效。", ENUM, False, ("有效", "无效")),
        Column("数据来源单位", "报送数据的单位。", required=True),
        Column("数据来源单位统一社会信用代码", "数据来源单位的统一社会信用代码。", USCC, True),
        Column("备注", "其他说明。", free_text=True),
    ) + decision_common_columns(PERMIT_STATUSES),
)

OTHER_DECISION_TYPES = ("行政检查", "行政强制", "行政征收", "行政确认", "其他")

OTHERS = Table(
    key="others",
    path="decisions/others.csv",
    title="其他执法决定",
    kind="decision",
    id_column="决定文书号",
    date_column="决定日期",
    party_column="执法对象",
    party_type_column="执法对象类别",
    authority_column="执法机关",
    category_column="执法类别",
    summary_columns=("执法类别",),
    description="行政检查、行政强制、行政征收、行政确认等其他执法决定，公开国办发〔2018〕118号要求的执法机关、执法对象、执法类别、执法结论。",
    columns=(
        Column("执法机关", "作出决定的机关全称。", required=True, aliases=("执法主体",)),
        Column("执法对象", "执法对象的名称或姓名。自然人只公开姓氏加“某某”。", required=True, gate_reads=True),
        Column("执法对象类别", "法人及非法人组织、自然人、个体工商户；留空视为法人及非法人组织。写法同“行政相对人类别”。", ENUM, False, PARTY_TYPES,
               gate_reads=True, if_absent="按默认值“法人及非法人组织”处理，执法对象的名称全部公开",
               value_aliases=PARTY_TYPE_ALIASES),
        Column("执法类别", "行政检查、行政强制、行政征收、行政确认、其他。", ENUM, True, OTHER_DECISION_TYPES),
        Column("执法结论", "执法结论。", required=True, free_text=True, aliases=("执法结果",)),
        # Not required: 其他执法决定 exports (执法主体 / 执法结果日期) often have no 文书号; such a
        # row is named by data.validation.record_key, never shown as a 文书号.
        Column("决定文书号", "决定文书号，在本文件中唯一。没有文书号的（如行政检查结果）可留空或不要这一列："
               "这样的决定在网站上以“无文书号-决定日期-编号”区分，文书号一栏为空。", gate_reads=True,
               if_absent="各条以“无文书号-决定日期-编号”区分，文书号一栏为空"),
        Column("决定日期", "作出决定的日期（YYYY-MM-DD）。", DATE, True, gate_reads=True, aliases=("执法结果日期",)),
    ) + DECISION_COMMON_COLUMNS,
)

OFFICER_STATUSES = ("在岗", "调离", "注销")

OFFICERS = Table(
    key="officers",
    path="officers.csv",
    title="执法人员清单",
    kind="officer",
    id_column="执法证号",
    summary_columns=("姓名", "单位", "执法类别", "证件有效期至"),
    description="持有行政执法证件的人员。只公开在岗且证件在有效期内的人员。",
    columns=(
        Column("姓名", "执法人员姓名。", required=True, gate_reads=True),
        Column("单位", "所在单位。", required=True, gate_reads=True),
        Column("职务", "职务。"),
        Column("执法证号", "行政执法证件编号，在本文件中唯一。", required=True, gate_reads=True),
        Column("执法类别", "执法证件载明的执法类别。", required=True),
        Column("执法区域", "执法证件载明的执法区域。", required=True),
        Column("证件有效期至", "执法证件有效期截止日期（YYYY-MM-DD）；“长期”按 2099-12-31。", DATE, True, gate_reads=True,
               aliases=("证件有效期",), open_ended="2099-12-31"),
        Column("状态", "在岗、调离、注销。", ENUM, True, OFFICER_STATUSES, gate_reads=True, aliases=("发布状态",)),
    ),
)

LIST_VALIDITY_COLUMNS = (
    Column("生效日期", "本条开始公开的日期（YYYY-MM-DD）；留空表示已生效。", DATE,
           gate_reads=True, if_absent="各条均按已生效处理"),
    Column("废止日期", "本条废止的日期（YYYY-MM-DD）；当天起不再公开。留空或填“长期”表示长期有效。", DATE,
           gate_reads=True, if_absent="各条均按长期有效处理", open_ended=""),
)

ENFORCEMENT_TYPES = ("行政许可", "行政处罚", "行政强制", "行政检查", "行政征收", "行政收费", "行政给付",
                     "行政奖励", "行政确认", "行政裁决", "其他")

MATTERS = Table(
    key="matters",
    path="lists/matters.csv",
    title="行政执法事项清单",
    kind="list",
    id_column="事项编码",
    category_column="事项类别",
    summary_columns=("事项名称", "事项类别", "实施主体"),
    description="本机关依法实施的行政执法事项，明确执法主体、职责权限和依据。",
    columns=(
        Column("事项编码", "事项编码，在本文件中唯一。", required=True, gate_reads=True),
        Column("事项名称", "执法事项名称。", required=True),
        Column("事项类别", "、".join(ENFORCEMENT_TYPES) + "。", ENUM, True, ENFORCEMENT_TYPES),
        Column("实施主体", "实施该事项的行政执法主体。", required=True),
        Column("承办机构", "具体承办的内设机构。"),
        Column("职责权限", "该事项的职责和权限。"),
        Column("执法依据", "设定和实施依据。", required=True),
    ) + LIST_VALIDITY_COLUMNS,
)

RANDOM_CHECKS = Table(
    key="random_checks",
    path="lists/random_checks.csv",
    title="随机抽查事项清单",
    kind="list",
    id_column="事项编码",
    category_column="抽查类别",
    summary_columns=("抽查事项", "抽查对象", "抽查比例", "抽查频次"),
    description="“双随机、一公开”监管的抽查事项，明确抽查主体、依据、对象、内容、比例、方式、频次。",
    columns=(
        Column("事项编码", "事项编码，在本文件中唯一。", required=True, gate_reads=True),
        Column("抽查事项", "抽查事项名称。", required=True),
        Column("抽查类别", "重点检查或一般检查（也可写“重点检查事项”“重点抽查”等）。", ENUM, True, ("重点检查", "一般检查"),
               value_aliases=(("重点检查事项", "重点检查"), ("一般检查事项", "一般检查"),
                              ("重点抽查", "重点检查"), ("一般抽查", "一般检查"))),
        Column("抽查主体", "实施抽查的机关。", required=True),
        Column("抽查依据", "抽查依据。", required=True),
        Column("抽查对象", "抽查对象范围。", required=True),
        Column("抽查内容", "抽查内容。", required=True),
        Column("抽查比例", "抽查比例，如“5%”。", required=True),
        Column("抽查方式", "抽查方式，如现场检查、书面检查。", required=True),
        Column("抽查频次", "抽查频次，如“每年1次”。", required=True),
    ) + LIST_VALIDITY_COLUMNS,
)

AV_RECORDS = Table(
    key="av_records",
    path="lists/av_records.csv",
    title="音像记录事项清单",
    kind="list",
    id_column="编号",
    category_column="执法类别",
    summary_columns=("执法类别", "执法环节", "记录方式", "是否全过程音像记录"),
    description="应当进行音像记录的执法环节、记录方式，以及应当全过程音像记录的现场执法活动和执法场所。",
    columns=(
        Column("编号", "编号，在本文件中唯一。", required=True, gate_reads=True),
        Column("执法类别", "行政许可、行政处罚、行政强制、行政检查等。", ENUM, True, ENFORCEMENT_TYPES),
        Column("执法环节", "需要音像记录的执法环节，如现场检查、调查取证、听证、送达。", required=True),
        Column("记录内容", "应当记录的内容。", required=True),
        Column("记录方式", "录音、录像、照相、执法记录仪、视频监控等。", required=True),
        Column("是否全过程音像记录", "是或否。", ENUM, True, ("是", "否")),
    ) + LIST_VALIDITY_COLUMNS,
)

LEGAL_REVIEW_CATALOG = Table(
    key="legal_review_catalog",
    path="lists/legal_review_catalog.csv",
    title="重大执法决定法制审核目录清单",
    kind="list",
    id_column="编号",
    category_column="执法类别",
    summary_columns=("执法类别", "审核事项", "审核机构"),
    description="作出前必须经过法制审核的重大执法决定的范围和标准。",
    columns=(
        Column("编号", "编号，在本文件中唯一。", required=True, gate_reads=True),
        Column("执法类别", "行政许可、行政处罚、行政强制等。", ENUM, True, ENFORCEMENT_TYPES),
        Column("审核事项", "需要法制审核的事项。", required=True),
        Column("重大执法决定标准", "构成重大执法决定的情形或标准。", required=True),
        Column("审核依据", "审核依据。", required=True),
        Column("审核机构", "承担法制审核的机构。", required=True),
    ) + LIST_VALIDITY_COLUMNS,
)

HOLIDAYS = Table(
    key="holidays",
    path="holidays.csv",
    title="节假日调整",
    kind="calendar",
    id_column="日期",
    description="chinesecalendar 尚未收录年份（2027年起）的法定节假日和调休上班日；也可覆盖其已收录的安排。",
    columns=(
        Column("日期", "日期（YYYY-MM-DD）。", DATE, True),
        Column("类型", "休（放假）或 班（调休上班）。", ENUM, True, ("休", "班")),
        Column("说明", "如“元旦”“春节调休上班”。"),
    ),
)

ANNUAL_SUPPLEMENT = Table(
    key="annual_supplement",
    path="annual_supplement.csv",
    title="年度执法补充数据",
    kind="supplement",
    id_column="年度",
    description="执法决定数据中得不到的年度数字（国办发〔2018〕118号要求公开的行政执法总体情况数据），每年一行；可选。",
    columns=(
        Column("年度", "年份，如 2025；每年一行。", NUMBER, True, gate_reads=True),
        Column("行政复议申请数", "当年收到的针对本机关执法行为的行政复议申请数。", NUMBER),
        Column("行政复议纠错数", "其中被撤销、变更、确认违法等纠错的件数。", NUMBER),
        Column("行政诉讼案件数", "当年本机关作为被告的行政诉讼案件数。", NUMBER),
        Column("行政诉讼败诉数", "其中本机关败诉的件数。", NUMBER),
        Column("投诉举报数", "当年收到的执法投诉举报件数。", NUMBER),
        Column("说明", "对以上数字的说明。"),
    ),
)

DECISION_TABLES = (PENALTIES, PERMITS, OTHERS)
LIST_TABLES = (MATTERS, RANDOM_CHECKS, AV_RECORDS, LEGAL_REVIEW_CATALOG)
ALL_TABLES = DECISION_TABLES + (OFFICERS,) + LIST_TABLES + (ANNUAL_SUPPLEMENT,)
TABLES_BY_KEY = {t.key: t for t in ALL_TABLES}
# Everything read from the data folder: the published tables plus the calendar.
INPUT_TABLES = ALL_TABLES + (HOLIDAYS,)
# The filled-in Excel template (make template): one sheet per table, named with its title.
# A sheet with data rows in it is that table's file.
COMBINED_WORKBOOK = "行政执法公示数据.xlsx"
