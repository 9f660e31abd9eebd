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

# How long a decision stays public, in months from its publication date, when
# its row gives no 公示截止期. None = no end.
# 市场监督管理行政处罚信息公示规定（市场监管总局令第45号）第十三条: other
# penalty information is public for 3 years.
DISCLOSURE_PUBLICITY_MONTHS = {"penalties": 36, "permits": None, "others": None}
# Same article: 通报批评 or a low fine only → 3 months.
DISCLOSURE_MINOR_PENALTY_MONTHS = 3
DISCLOSURE_MINOR_PENALTY_TYPES = ("警告", "通报批评")
# "较低数额罚款" is set by each province; 10,000 yuan (1 万元) is used here as
# the example's threshold. Set your province's figure.
DISCLOSURE_LOW_FINE_WAN = 1.0

# Decisions that are never published, whatever their dates.
DISCLOSURE_EXCLUSIONS = [
    # 国办发〔2018〕118号 and most provincial rules: 适用简易程序作出的决定 are not
    # published in the column.
    {"column": "程序类型", "values": ("简易",), "reason": "适用简易程序作出的决定不予公开"},
    # 未成年人保护法 第103条: nothing that identifies a minor may be disclosed.
    {"column": "涉及未成年人", "values": ("是",), "reason": "涉及未成年人的决定不予公开（未成年人保护法第一百零三条）"},
]

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
    },
    "output_format": "html5",
}
