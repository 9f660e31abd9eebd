"""Check all data and content without rendering anything (make validate; a pre-commit hook).

    PYTHONPATH=plugins python -m disclosure.commands.validate
"""

import argparse
import sys

from .. import pipeline
from ..data.problems import DisclosureDataError
from ..generator import summary_lines


def main(argv=None):
    from pelican.settings import read_settings

    parser = argparse.ArgumentParser(description="检查数据和文稿，不生成网站。")
    parser.add_argument("--settings", default="publishconf.py")
    args = parser.parse_args(argv)
    settings = read_settings(args.settings)
    try:
        pipeline.check_paths(settings)
        result = pipeline.run(settings)
        pipeline.check_content(settings, result)
    except DisclosureDataError as error:
        print(error.report().replace("网站未生成，原有网站保持不变", "请修改"), file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    print("\n".join(summary_lines(result)))
    print("检查通过。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
