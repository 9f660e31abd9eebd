"""Atomic builds: build beside the target, check, then swap it in.

    PYTHONPATH=plugins python -m disclosure.commands.build --output output

The new site is built into a hidden folder next to the target. Only when
Pelican, the search index and the leak scanner have all succeeded does it
replace the target; on any failure the previous site stays exactly as it was.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..checks import scanner
from ..data.problems import DisclosureDataError


def staging_folder(output):
    return output.parent / f".{output.name}.building"


def swap_in(new, output):
    previous = output.parent / f".{output.name}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        os.replace(output, previous)
    os.replace(new, output)
    shutil.rmtree(previous, ignore_errors=True)


def build(settings_file, output):
    """Return 0 when the new site is in place, non-zero otherwise (the old site untouched)."""
    from pelican.settings import read_settings

    output = Path(output).resolve()
    staging = staging_folder(output)
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    process = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", settings_file, "-o", str(staging)])
    if process.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"生成失败，{output} 中原有的网站保持不变。", file=sys.stderr)
        return process.returncode
    try:
        findings = scanner.check_site(staging, read_settings(settings_file))
    except DisclosureDataError as error:
        findings = [("", str(error))]
    if findings:
        for name, finding in findings:
            print(f"{name}：{finding}", file=sys.stderr)
        shutil.rmtree(staging, ignore_errors=True)
        print(f"泄露检查未通过，新网站已丢弃，{output} 中原有的网站保持不变。", file=sys.stderr)
        return 3
    swap_in(staging, output)
    print(f"网站已生成并通过泄露检查：{output}")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description="生成网站：先在旁边的临时目录生成并检查，全部成功后再替换原网站。")
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--output", default="output")
    args = parser.parse_args(argv)
    return build(args.settings, args.output)


if __name__ == "__main__":
    sys.exit(main())
