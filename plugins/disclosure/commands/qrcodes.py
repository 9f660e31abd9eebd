"""Print masters of the certificate check's QR codes, one per officer on duty (make qrcodes).

    PYTHONPATH=plugins python -m disclosure.commands.qrcodes [--settings publishconf.py] [--output FOLDER]

Runs the same load → validate → gate as a build, so only officers the gate published
(on duty, certificate valid on the as-of date) get a code. Written beside the
compliance report (DISCLOSURE_REPORT_DIR), never into the public site.
"""

import argparse
import sys
from pathlib import Path

from .. import pipeline
from ..data.problems import DisclosureDataError
from ..outputs.qrcodes import write_sheet

FOLDER = "执法证核验二维码"


def main(argv=None):
    from pelican.settings import read_settings

    parser = argparse.ArgumentParser(description="生成执法证件核验二维码（每名在岗且证件有效的执法人员一个），供打印。")
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--output", help=f"输出文件夹；默认为公开情况报告文件夹中的“{FOLDER}”")
    args = parser.parse_args(argv)
    settings = read_settings(args.settings)
    try:
        pipeline.check_paths(settings)
        result = pipeline.run(settings)
    except DisclosureDataError as error:
        print(error.report().replace("网站未生成，原有网站保持不变", "二维码未生成"), file=sys.stderr)
        return 1
    folder = Path(args.output) if args.output else pipeline.resolve_report_dir(settings) / FOLDER
    officers = result.published["officers"]
    sheet = write_sheet(
        officers, folder, settings["SITE_ORIGIN"], settings.get("SITEURL", ""), settings["AGENCY_NAME"],
        settings["SITE_PHONE"], result.as_of,
    )
    print(f"已生成 {len(officers)} 个执法证件核验二维码：{sheet}")
    print("打印前请用手机扫描其中一个，确认打开的是本机关网站的“执法证件核验”页面。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
