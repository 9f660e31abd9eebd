"""Deploy a built site with deletion: the target ends up holding exactly the new build.

    PYTHONPATH=plugins python -m disclosure.commands.deploy output /var/www/zfgs
    PYTHONPATH=plugins python -m disclosure.commands.deploy output user@host:/var/www/zfgs

A remote target goes through `rsync --delete`; a local folder is mirrored in
Python (rsync is used there too when installed), then scanned for leaks.
"""

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ..checks import scanner

REMOTE = re.compile(r"^[^/:]+@?[^/:]*:")


def mirror(source, target):
    """Copy new and changed files, then delete everything the source does not have."""
    source, target = Path(source), Path(target)
    target.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        wanted.add(relative)
        destination = target / relative
        if path.is_dir():
            destination.mkdir(exist_ok=True)
        elif not destination.is_file() or not filecmp.cmp(path, destination, shallow=False):
            shutil.copy2(path, destination)
    # Deepest first, so folders are empty when their turn comes.
    for path in sorted(target.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.relative_to(target) not in wanted:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()


def deploy(source, target, settings_file="publishconf.py"):
    from pelican.settings import read_settings

    settings = read_settings(settings_file)
    target = target or settings.get("DISCLOSURE_DEPLOY_TARGET", "")
    if not target:
        print("请指定部署目标：make publish DEPLOY_TARGET=/var/www/zfgs（或 user@host:/var/www/zfgs），"
              "或在 publishconf.py 中设置 DISCLOSURE_DEPLOY_TARGET。", file=sys.stderr)
        return 2
    if not (Path(source) / "index.html").is_file():
        print(f"{source} 中没有生成好的网站，请先运行 make build。", file=sys.stderr)
        return 2
    if REMOTE.match(target):
        command = ["rsync", "-rlptz", "--delete", "--checksum", f"{source.rstrip('/')}/", target]
        print(" ".join(command))
        return subprocess.run(command).returncode
    mirror(source, target)
    findings = scanner.check_site(target, settings)
    for name, finding in findings:
        print(f"{target}/{name}：{finding}", file=sys.stderr)
    if findings:
        print("部署后的泄露检查未通过，请立即处理。", file=sys.stderr)
        return 3
    print(f"已部署到 {target}，并通过泄露检查。")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description="部署网站，并删除目标中新网站没有的文件。")
    parser.add_argument("source", help="生成的网站目录，如 output")
    parser.add_argument("target", nargs="?", default="", help="本地目录，或 user@host:path；省略时用 DISCLOSURE_DEPLOY_TARGET 设置")
    parser.add_argument("--settings", default="publishconf.py")
    args = parser.parse_args(argv)
    return deploy(args.source, args.target, args.settings)


if __name__ == "__main__":
    sys.exit(main())
