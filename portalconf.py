"""Settings of the city portal (make portal): plugins/disclosure/portal/, docs/城市平台.md.

The portal reads only the agencies' published outputs; nothing here points to an
agency's raw data. Relative paths are taken from this file's folder.
"""

import os

PORTAL_NAME = "示例市行政执法信息公示平台"
# 政府网站发展指引 (国办发〔2017〕47号): identity shown in the footer and <meta>.
PORTAL_SPONSOR = "示例市司法局"  # 主办单位
PORTAL_PHONE = "0000-12345678"  # 联系电话
PORTAL_ID_CODE = "0000000000"  # 网站标识码
PORTAL_ICP = "示ICP备00000000号"  # ICP备案号

# A path such as /portal when the portal lives under a site; empty at the root.
# Overridden by the environment variable of the same name.
PORTAL_SITEURL = "/portal"
# YYYY-MM-DD; empty = today in Asia/Shanghai. Overridden by the environment variable.
PORTAL_AS_OF = ""

# The oldest agency build the portal accepts, in days before the portal's date. Not a
# legal figure: the gate's answer changes from day to day (a publicity period ends, a
# scheduled decision becomes due; 国办发〔2018〕118号 sets publication within 7 or 20
# working days), so an agency's output is only right for the day it was built. Agencies
# build daily (their CI, docs/城市平台.md); 2 leaves one missed night before the portal
# refuses that agency. Set what your city requires.
PORTAL_MAX_AGE_DAYS = int(os.environ.get("PORTAL_MAX_AGE_DAYS", "2"))

# The agencies: slug (folder name in the portal), name (exactly as in its data package),
# output (the folder its make build published), url (where its column is served).
# Either list them here or in a JSON file (PORTAL_AGENCIES_FILE, which wins when set);
# the example city (make city) writes city/agencies.json.
PORTAL_AGENCIES = []
PORTAL_AGENCIES_FILE = os.environ.get("PORTAL_AGENCIES_FILE", "city/agencies.json")

# Resources of an agency's data package that are its withdrawal register, when it
# publishes one: merged like every table, and counted per year in the city statistics.
PORTAL_WITHDRAWAL_RESOURCES = ("withdrawals",)

PORTAL_THEME = "portal-theme"
# The agencies' stylesheet, so the portal looks like their columns.
PORTAL_CSS = "theme/static/css/site.css"
