"""One command line for everything an admin runs, on Linux, macOS and Windows alike:

    python -m disclosure build|serve|validate|publish|check|template [options]

(on Windows `py -m disclosure …` or `.venv\\Scripts\\python -m disclosure …`). The Makefile
runs the same commands; nothing here needs a shell, make or a Unix path.
"""

import argparse
import sys

from ..checks import scanner
from ..data import template
from . import build, deploy, run_pelican, serve, validate

COMMANDS = {
    "build": "生成网站到 output/：先在旁边的临时目录生成、建立搜索索引、做泄露检查，全部通过后才替换原网站",
    "serve": "在本机预览（生成到 .preview/），数据、文稿、主题改动后自动重新生成",
    "validate": "只检查数据和文稿，不生成（几秒钟；可作为提交前检查）",
    "publish": "部署 build 的结果到目录或服务器（先做泄露检查；删除目标中新网站没有的文件）",
    "check": "对生成的网站做泄露检查",
    "template": "生成填数据用的 Excel 模板",
}


def parser():
    top = argparse.ArgumentParser(prog="python -m disclosure", description="行政执法公示专栏生成器。")
    commands = top.add_subparsers(dest="command", metavar="命令", required=True)
    sub = {name: commands.add_parser(name, help=text, description=text) for name, text in COMMANDS.items()}
    verbose_help = f"同时显示 Pelican 的英文日志（也可设环境变量 {run_pelican.VERBOSE_ENV}=1）"

    sub["build"].add_argument("--settings", default="publishconf.py")
    sub["build"].add_argument("--output", default="output", help="网站目录，默认 output")
    sub["build"].add_argument("-v", "--verbose", action="store_true", help=verbose_help)

    sub["serve"].add_argument("--settings", default="pelicanconf.py")
    sub["serve"].add_argument("--host", default="127.0.0.1", help="只在本机访问时保持默认的 127.0.0.1")
    sub["serve"].add_argument("--port", type=int, default=8000)
    sub["serve"].add_argument("-v", "--verbose", action="store_true", help=verbose_help + "，以及每个网页请求")

    sub["validate"].add_argument("--settings", default="publishconf.py")

    sub["publish"].add_argument("target", nargs="?", default="",
                                help="本地目录，或 user@host:path；省略时用 DISCLOSURE_DEPLOY_TARGET 设置")
    sub["publish"].add_argument("--output", default="output", help="build 生成的网站目录，默认 output")
    sub["publish"].add_argument("--settings", default="publishconf.py")
    sub["publish"].add_argument("--dry-run", action="store_true", help="只列出会新增、替换和删除的文件，不做任何改动")
    sub["publish"].add_argument("--force", action="store_true",
                                help="目标中已有不是本工具部署的文件时仍然发布（会删除新网站没有的文件；先用 --dry-run 查看）")
    sub["publish"].add_argument("--server-target", default="",
                                help="Web 服务器文件的目录；省略时为部署目录旁边的“目录名.server”")

    sub["check"].add_argument("site", nargs="?", default="output", help="网站目录，默认 output")
    sub["check"].add_argument("--settings", default="publishconf.py")

    sub["template"].add_argument("path", nargs="?", default=template.TEMPLATE_PATH,
                                 help=f"模板文件，默认 {template.TEMPLATE_PATH}")
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    if args.command == "build":
        return build.build(args.settings, args.output, args.verbose)
    if args.command == "serve":
        return serve.serve(args.settings, args.host, args.port, args.verbose or run_pelican.verbose_requested([]))
    if args.command == "validate":
        return validate.main(["--settings", args.settings])
    if args.command == "publish":
        return deploy.deploy(args.output, args.target, args.settings, force=args.force, dry_run=args.dry_run,
                             server_target=args.server_target)
    if args.command == "check":
        return scanner.main([args.site, "--settings", args.settings])
    written = template.build(args.path)
    print(f"已生成 {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
