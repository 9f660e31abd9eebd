"""Settings for the 行政执法公示 column. `make serve` uses these; publishconf.py adds the rest."""

import os

# -- The agency ----------------------------------------------------------------
SITENAME = "示例市发展和改革委员会 行政执法公示专栏"
AGENCY_NAME = "示例市发展和改革委员会"
SITEURL = ""
# The scheme and host, used where a full address is required (sitemap).
SITE_ORIGIN = "https://fgw.example.gov.cn"
# 政府网站发展指引 (国办发〔2017〕47号): identity shown in the footer and <meta>.
SITE_SPONSOR = "示例市发展和改革委员会"  # 主办单位
SITE_PHONE = "0000-12345678"  # 联系电话
SITE_ID_CODE = "0000000000"  # 网站标识码
SITE_ICP = "示ICP备00000000号"  # ICP备案号
SITE_PSB = "示公网安备 00000000000000号"  # 公安备案号
SITE_COLUMN_NAME = "行政执法公示"
# The column-level page metadata of the same guideline (附件《政府网站页面元数据》).
SITE_COLUMN_DESCRIPTION = "依法公开本机关行政执法主体、人员、职责、权限、依据、程序、监督方式和救济渠道，以及行政执法决定。"
SITE_COLUMN_KEYWORDS = "行政执法公示,行政处罚,行政许可,执法人员,双公示"
SITE_COLUMN_TYPE = "行政执法公示"
# Links at the foot of every page, e.g. the national 政府网站找错 entry with your 网站标识码
# and the 党政机关网站 identification page. Links only: the site loads nothing from other hosts.
SITE_FOOTER_LINKS = [
    ("我为政府网站找错", "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=0000000000"),
]
SITE_FOOTER_NOTE = ""
# The browser-tab icon (favicon.svg, drawn by the build: a shield with a tick) takes this colour.
SITE_FAVICON_COLOR = "#a61b1b"
# robots.txt: paths under the site that search engines are asked not to crawl (the search
# index's files are of no use to them). ["/"] keeps a test site out of search engines.
SITE_ROBOTS_DISALLOW = ["/pagefind/"]

TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
LOCALE = ("C.UTF-8",)

PATH = "content"
THEME = "theme"
THEME_STATIC_DIR = "theme"

# -- Data and the publication gate ----------------------------------------------
# Overridden by the environment variables of the same names.
DISCLOSURE_DATA_DIR = "data"
DISCLOSURE_AS_OF = ""  # YYYY-MM-DD; empty = today in Asia/Shanghai
# The admins' compliance report; outside the public output on purpose.
DISCLOSURE_REPORT_DIR = "reports"
# The environment variable holding the secret key of the decision pages' URLs (a keyed
# HMAC of table + 文书号, so withdrawn 文书号 cannot be recovered from their URLs). Set it
# as a CI secret; never write the key itself in this file, which is in git. Unset: a
# public fallback key, stable URLs, and a warning in every build (docs/管理员指南.md).
DISCLOSURE_URL_KEY_ENV = "DISCLOSURE_URL_KEY"

# Working days after the decision date by which a decision must be public.
# 国办发〔2018〕118号 （三）加强事后公开: 行政许可、行政处罚 within 7 working days
# of the decision, other enforcement decisions within 20.
DISCLOSURE_DEADLINE_WORKDAYS = {"penalties": 7, "permits": 7, "others": 20}

# Working days are counted with the State Council's yearly notice (chinesecalendar, or rows
# in data/holidays.csv). A year known to neither uses these statutory holidays plus weekends,
# and every build warns that the year's 调休 make-up days and 补假 are unknown.
# 《全国年节及纪念日放假办法》第二条, as amended by 国务院令第795号 (in force 2025-01-01).
# Each holiday: a 公历 date ("solar": (month, day)), a 农历 date ("lunar": (month, day)) or a
# 节气 ("solar_term"); "offset" days from there to the first day off; "days" off in a row.
DISCLOSURE_STATUTORY_HOLIDAYS = {
    "basis": "《全国年节及纪念日放假办法》第二条（国务院令第795号修订，2025年1月1日起施行）",
    "holidays": [
        {"name": "元旦", "solar": (1, 1), "days": 1},
        {"name": "春节", "lunar": (1, 1), "offset": -1, "days": 4},  # 农历除夕、正月初一至初三
        {"name": "清明节", "solar_term": "清明", "days": 1},  # 农历清明当日
        {"name": "劳动节", "solar": (5, 1), "days": 2},
        {"name": "端午节", "lunar": (5, 5), "days": 1},
        {"name": "中秋节", "lunar": (8, 15), "days": 1},
        {"name": "国庆节", "solar": (10, 1), "days": 3},
    ],
}

# Working days after 状态变更日期 by which a withdrawn decision must be off the site; the
# compliance report flags every withdrawal whose deadline has passed.
# 行政处罚法 第四十八条第二款: a published penalty decision that is 变更、撤销、确认违法或者确认无效
# is withdrawn 在三日内, with the reason made public; 第八十五条: 三日 are working days, 不含法定节假日.
# No law sets a deadline for permits or other decisions: the example applies the same 3 working
# days; remove a table to report no deadline for it.
DISCLOSURE_WITHDRAWAL_DEADLINES = {
    "penalties": {"workdays": 3, "basis": "行政处罚法第四十八条第二款、第八十五条"},
    "permits": {"workdays": 3, "basis": "无专门规定，参照行政处罚法第四十八条第二款"},
    "others": {"workdays": 3, "basis": "无专门规定，参照行政处罚法第四十八条第二款"},
}

# How long permits and other decisions stay public, in months from their publication date,
# when a row gives no 公示截止期. None = no end (国办发〔2018〕118号 sets none for them).
# Penalties follow the publicity profile below.
DISCLOSURE_PUBLICITY_MONTHS = {"permits": None, "others": None}

# -- Which penalties are published, and for how long: the publicity profile ------------
# Each profile is data with its citations; rules/publicity.py only applies it
# (docs/公开规则.md explains them for admins). A 市场监督管理部门 (and a 药品监督管理部门,
# 45号令 第十八条) sets "samr45"; every other agency keeps "credit". A province or agency
# with its own rules copies a profile under a new name, e.g. "custom", and selects it.
DISCLOSURE_PUBLICITY_PROFILE = "credit"

# 较低数额罚款, in yuan, by party type: a fine BELOW it (不含本数) is "较低数额". Set by
# each province (45号令 第十三条第二款: 省级以上市场监督管理部门); the figures here are
# the example's (e.g. 贵州、福建: 自然人 5,000 元, 法人 5 万元). Set your province's figures.
LOW_FINE_YUAN = {"自然人": 5000, "个体工商户": 5000, "法人及非法人组织": 50000}

DISCLOSURE_PUBLICITY_PROFILES = {
    "credit": {
        "title": "信用信息公示规则（行政处罚信息按失信程度分类公示）",
        "citation": "国务院办公厅国办发〔2025〕22号文件；"
                    "国家发展改革委《信用修复管理办法》（令第36号，2026年4月1日起施行）",
        # The periods are counted from the decision date.
        "count_from": "decision",
        # Months of publicity per class; 0 = not published.
        "months": {"轻微": 0, "一般": 12, "严重": 36},
        "class_citations": {
            "轻微": "轻微失信信息（适用简易程序，仅警告、通报批评，或较低数额罚款）原则上不公示；确需公示的最长 3 个月"
                    "（国办发〔2025〕22号；令第36号）。要公示 3 个月，把 months 的“轻微”改为 3。",
            "一般": "一般失信信息最短公示 3 个月、最长 1 年，自处罚决定之日起计算（国办发〔2025〕22号；令第36号）。",
            "严重": "严重失信信息（吊销许可证件、限制开展生产经营活动、责令停产停业、责令关闭、限制从业）"
                    "最短公示 1 年、最长 3 年，自处罚决定之日起计算（国办发〔2025〕22号；令第36号）。",
        },
        "severe_types": ("吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业"),
        # 轻微: any of these procedures, or only these types, or only these types with a fine below LOW_FINE_YUAN.
        "minor_procedures": ("简易",),
        "minor_only_types": ("警告", "通报批评"),
        "low_fine_types": ("警告", "通报批评", "罚款"),
        "low_fine_yuan": LOW_FINE_YUAN,
        # Never published, whatever the class: (condition, reason with citation).
        "unpublished": (),
        # The publicity ends on the 状态变更日期 of these statuses (信用修复 stops publication,
        # on the credit website and on the department's own site alike: 令第36号).
        "early_end_statuses": ("信用修复", "终止公示"),
        "extend_to_validity_types": (),
    },
    "samr45": {
        "title": "市场监督管理行政处罚信息公示规定",
        "citation": "《市场监督管理行政处罚信息公示规定》（国家市场监督管理总局令第45号）；第十八条：药品监督管理部门适用",
        # 第十三条: 自公示之日起.
        "count_from": "publication",
        "months": {"轻微": 3, "一般": 36, "严重": 36},
        "class_citations": {
            "轻微": "仅受到通报批评或者较低数额罚款的，自公示之日起届满三个月停止公示（第十三条第一款）；"
                    "较低数额由省级以上市场监督管理部门规定（第十三条第二款）。",
            "一般": "其他行政处罚信息自公示之日起届满三年的，停止公示（第十三条第一款）。",
            "严重": "其他行政处罚信息自公示之日起届满三年的，停止公示（第十三条第一款）；"
                    "较为严重的处罚不得提前停止公示（第十四条第三款）。",
        },
        "severe_types": ("责令停产停业", "限制开展生产经营活动", "限制从业", "降低资质等级", "吊销许可证件"),
        "minor_procedures": (),
        "minor_only_types": ("通报批评",),
        "low_fine_types": ("警告", "通报批评", "罚款"),
        "low_fine_yuan": LOW_FINE_YUAN,
        "unpublished": (
            {"procedures": ("简易",), "reason": "适用简易程序作出的行政处罚不予公示（45号令第二条第一款：公示适用普通程序作出的行政处罚）"},
            {"only_types": ("警告",), "reason": "仅受到警告行政处罚的不予公示（45号令第二条第二款）"},
        ),
        "early_end_statuses": ("信用修复", "终止公示"),
        # 第十三条第三款: 限制开展生产经营活动、限制从业超过三年的，公示期按照实际限制期限执行
        # (the 处罚有效期 column holds the end of the restriction).
        "extend_to_validity_types": ("限制开展生产经营活动", "限制从业"),
    },
}

# Decisions of these tables that are never published, whatever their dates (penalties: the
# profile above decides). Each rule names the column, the values and the reason shown in
# the admins' report.
DISCLOSURE_EXCLUSIONS = [
    # Not a legal requirement: the example agency publishes simple-procedure inspections
    # and permits only in its case files, like simple-procedure penalties under its profile.
    {"tables": ("permits", "others"), "column": "程序类型", "values": ("简易",),
     "reason": "适用简易程序作出的决定不在专栏公开（本机关的公开范围，与行政处罚的公示规则一致）"},
]

# A decision whose party is a minor is withheld (未成年人保护法 第一百零三条: no
# information that can identify a minor may be disclosed). A decision that only involves
# a minor is published with the minors' names (列“未成年人姓名”) masked everywhere.
DISCLOSURE_MINOR_PARTY_REASON = "当事人为未成年人的决定不予公开（未成年人保护法第一百零三条）"
# The age of majority (民法典 第十七条), for a party whose ID number shows the birth date.
DISCLOSURE_ADULT_AGE = 18

# Every natural person named as a party (in any record, whatever its state) is masked in
# every record's free text (个人信息保护法 第二十八条; 政府信息公开条例 第十五条). A
# two-character name can also be part of an ordinary word (程建 in 工程建设): it is then
# masked there too, because a missed name cannot be taken back. reports/compliance.html
# lists every name masked outside its own record; words listed here are recognised as
# ordinary, and a name inside one of them is left alone.
DISCLOSURE_ORDINARY_WORDS = []

# Terms of use of the data downloads (data/index.html and datapackage.json). Information made
# public under 政府信息公开条例 (国务院令第711号) carries no licence of its own, so the data
# package names none and states these terms instead. {agency} is replaced by AGENCY_NAME.
DISCLOSURE_TERMS_OF_USE = (
    "本数据是{agency}依据《中华人民共和国政府信息公开条例》和国办发〔2018〕118号文件主动公开的政府信息，"
    "不另行授予许可协议。可以免费获取、下载和使用，使用时请注明来源“{agency}行政执法公示专栏”和数据生成日期，"
    "不得歪曲、篡改数据的原意。数据中的个人信息已按《个人信息保护法》隐去，不得用于识别、追查特定自然人，"
    "也不得用于违法用途。数据只含生成日期当天正在公开的记录：已撤下、公示期满的决定不在其中，"
    "转载时请以本专栏的最新数据为准。本数据不作为证明行政相对人信用状况的依据，如需证明请以有关机关出具的文件为准。"
)

# A year with fewer published decisions says so instead of drawing near-empty charts.
DISCLOSURE_STATS_MIN_DECISIONS = 10

# Pages per search-index shard. Pagefind's memory and the browser's first
# download grow with the pages in one index; decisions are split by date,
# newest first (see plugins/disclosure/outputs/search.py).
DISCLOSURE_SEARCH_SHARD_PAGES = int(os.environ.get("DISCLOSURE_SEARCH_SHARD_PAGES", "12000"))
# Finished search shards are kept here, keyed by the exact bytes of their pages,
# so a rebuild re-indexes only the shards whose pages changed. Empty = no cache.
# Overridden by the environment variable of the same name.
DISCLOSURE_SEARCH_CACHE = ".cache/search"

# Decisions per list page.
DISCLOSURE_PAGE_SIZE = 20
# Officers per page of the 执法人员清单 (the certificate check always lists them all).
DISCLOSURE_LIST_PAGE_SIZE = 100

# Shown under every penalty decision (theme/templates/decision.html), followed by the agency's
# phone. 信用修复管理办法（国家发展改革委令第36号，2025年11月20日公布，自2026年4月1日起施行）
# 第三条、第四条: 行政处罚信息 is 失信信息; after correcting the conduct and fulfilling the
# decision the party may apply, and once repaired the credit systems, 信用中国 included, stop
# publishing it. Empty = no such line (e.g. before that date, or where a province words it otherwise).
DISCLOSURE_CREDIT_REPAIR = (
    "当事人纠正违法行为、履行本处罚决定后，可以依照《信用修复管理办法》（国家发展改革委令第36号）申请信用修复；"
    "修复后，“信用中国”网站等信用信息系统不再公开本条处罚信息。申请的条件和途径可在“信用中国”网站"
    "（www.creditchina.gov.cn）查询，也可以向本机关咨询。"
)

# -- Pelican: Markdown pages only; the data pages come from the disclosure plugin --
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["disclosure"]

ARTICLE_PATHS = []
PAGE_PATHS = ["pages", "guides", "flowcharts"]
STATIC_PATHS = ["documents", "images"]
PATH_METADATA = r"(?P<kind>pages|guides|flowcharts)/.*"
PAGE_URL = "{kind}/{slug}.html"
PAGE_SAVE_AS = "{kind}/{slug}.html"
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
SLUGIFY_SOURCE = "basename"

# Every value from data or Markdown is text, never markup: autoescape is on for
# every template, ours and Pelican's. The only HTML that reaches a page from
# content is Markdown's, through the plugin's nh3 sanitizer (filter sanitized_html).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.toc": {"permalink": False},
        "disclosure.content.flowchart_markdown": {},
        "disclosure.content.table_labels": {},
    },
    "output_format": "html5",
}
