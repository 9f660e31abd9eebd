"""Printable QR codes for the certificate check: one per officer the gate published.

Each code holds the absolute address of verify.html?cert=NUMBER, so a citizen who scans
an officer's card or a 公示牌 sees the check's answer at once (verify.js reads the
number from the address). Officers' names and certificate numbers are public by law,
but only for officers on duty with a valid certificate: the sheet is made from the
gate's published officers and nothing else. It is written for the admins (beside the
compliance report), not into the public site: it is a print master, not a page.

segno makes the codes (pure Python, SVG): error correction level Q, so a worn or
partly covered card still scans, and the standard four-module quiet zone.
"""

import html
import re
from pathlib import Path
from urllib.parse import quote

import segno

ERROR_LEVEL = "q"
QUIET_ZONE = 4  # modules; ISO/IEC 18004 asks for four
INDEX = "index.html"

STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5rem; color: #1b1b1b; }
.sheet { display: grid; grid-template-columns: repeat(auto-fill, minmax(6cm, 1fr)); gap: 0.5cm; }
.card { border: 1px dashed #888; padding: 0.3cm; text-align: center; break-inside: avoid; page-break-inside: avoid; }
.card svg { width: 4cm; height: 4cm; }
.card p { margin: 0.1cm 0; font-size: 10pt; }
.card .name { font-size: 13pt; font-weight: 700; }
.card .url { font-size: 7pt; word-break: break-all; color: #4a4a4a; }
@media print { .no-print { display: none; } body { margin: 0; } }
"""


def verify_url(origin, siteurl, certificate):
    """The absolute address of the certificate check for one number."""
    return f"{origin.rstrip('/')}{siteurl.rstrip('/')}/verify.html?cert={quote(certificate, safe='')}"


def qr_code(url):
    return segno.make(url, error=ERROR_LEVEL, micro=False)


def qr_svg(url):
    """The code as an SVG fragment: one module per viewBox unit, sized by the sheet's CSS."""
    return qr_code(url).svg_inline(scale=1, border=QUIET_ZONE, omitsize=True, svgclass="qr")


def _file_name(index, certificate):
    return f"{index:03d}-{re.sub(r'[^0-9A-Za-z_-]', '_', certificate)}.svg"


def write_sheet(officers, folder, origin, siteurl, agency, phone, as_of):
    """Write the sheet (index.html) and one SVG per officer into folder; return the sheet's path.

    officers: the gate's published officer records (PublicRecord), in the order to print.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.svg"):  # an officer no longer on duty must not keep a code here
        old.unlink()
    cards = []
    for index, officer in enumerate(officers, start=1):
        url = verify_url(origin, siteurl, officer.id)
        svg = qr_svg(url)
        (folder / _file_name(index, officer.id)).write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n' + svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1) + "\n",
            encoding="utf-8",
        )
        values = officer.values
        cards.append(
            f'<div class="card" data-cert="{html.escape(officer.id)}" data-url="{html.escape(url)}">'
            f'<div role="img" aria-label="{html.escape(officer.id)} 的执法证件核验二维码">{svg}</div>'
            f'<p class="name">{html.escape(values.get("姓名", ""))}</p>'
            f'<p>{html.escape(values.get("单位", "") or agency)}</p>'
            f'<p>执法证号：{html.escape(officer.id)}</p>'
            f'<p>有效期至：{html.escape(values.get("证件有效期至", ""))}</p>'
            f'<p>扫码核验执法证件</p>'
            f'<p class="url">{html.escape(url)}</p></div>'
        )
    page = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>执法证件核验二维码 - {html.escape(agency)}</title><style>{STYLE}</style></head><body>"
        f'<div class="no-print"><h1>执法证件核验二维码（{len(officers)} 人）</h1>'
        f"<p>按 {as_of.year}年{as_of.month}月{as_of.day}日的公开规则，只含在岗且证件有效的执法人员。"
        "扫描二维码打开网站的“执法证件核验”页面，直接显示核验结果。</p>"
        f"<p>二维码指向：{html.escape(verify_url(origin, siteurl, ''))}…… 打印前请扫描一个二维码，确认网址正确"
        f"（网址由 pelicanconf.py 的 SITE_ORIGIN 和发布路径决定）。核验页面无法显示时，群众可拨打 {html.escape(phone)} 核实。</p>"
        "<p>人员调离、证件到期后，请重新生成本页并停止使用其二维码。每个二维码另存为同一文件夹中的 SVG 文件，可用于执法证件和公示牌。</p></div>"
        f'<div class="sheet">{"".join(cards)}</div></body></html>\n'
    )
    sheet = folder / INDEX
    sheet.write_text(page, encoding="utf-8")
    return sheet
