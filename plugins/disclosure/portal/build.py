"""make portal: read the agencies' published outputs, check them, write the portal.

    PYTHONPATH=plugins python -m disclosure.portal.build --settings portalconf.py --output portal

Like an agency build, the portal is written beside its folder and swapped in only
when everything succeeded; it replaces only a folder an earlier portal build made
(it holds .disclosure-portal) or an empty one. Every agency is read and checked
before anything is written: one stale or invalid agency output stops the build
with an error naming it, and the previous portal stays as it was.
"""

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from . import merge, pages, search, statistics
from .errors import PortalError
from .settings import agencies, read_settings, resolve_as_of
from .sources import check_build, read_validated
from .validation import validation_problems

PORTAL_MARKER = ".disclosure-portal"
STAGING_MARKER = ".disclosure-portal-staging"


def _may_replace(folder, marker):
    if not folder.exists() and not folder.is_symlink():
        return True
    if folder.is_symlink() or not folder.is_dir():
        return False
    return (folder / marker).is_file() or not any(folder.iterdir())


def check_output(output, settings, configured):
    """Refuse an output folder whose replacement would delete something that is not a portal."""
    project = Path(settings["_BASE"]).resolve()
    if project.is_relative_to(output):
        raise PortalError(f"不能生成到 {output}：它是或包含平台设置所在的目录 {project}。请换一个输出目录。")
    for agency in configured:
        folder = agency.output
        if output == folder or folder.is_relative_to(output) or output.is_relative_to(folder):
            raise PortalError(f"不能生成到 {output}：它与机关“{agency.name}”的网站目录 {folder} 重叠。请换一个输出目录。")
    if not _may_replace(output, PORTAL_MARKER):
        raise PortalError(f"不能生成到 {output}：这里已有文件，但不是平台生成的（其中没有 {PORTAL_MARKER} 标记），替换它会删除这些文件。"
                          "请换一个不存在或空的目录。")
    staging = output.parent / f".{output.name}.building"
    if not _may_replace(staging, STAGING_MARKER):
        raise PortalError(f"不能生成到 {output}：它旁边的 {staging} 不是平台生成时留下的临时目录。请先移走它。")
    return staging


def read_all(configured, as_of, max_age_days):
    """Every agency's checked output; all refusals at once, each naming its agency, in the configured order."""
    problems, checked = {}, {}
    for index, agency in enumerate(configured):
        try:
            checked[index] = check_build(agency, as_of, max_age_days)
        except PortalError as error:
            problems[index] = str(error)
    verdicts = validation_problems([configured[index] for index in checked])
    outputs = []
    for (index, (package, built)), verdict in zip(checked.items(), verdicts):
        if verdict:
            problems[index] = verdict
            continue
        try:
            outputs.append(read_validated(configured[index], package, built))
        except PortalError as error:
            problems[index] = str(error)
    if problems:
        numbered = "\n".join(f"  {i}. {problems[index]}" for i, index in enumerate(sorted(problems), 1))
        raise PortalError(f"有 {len(problems)} 个机关的公开数据不能用于平台，平台未生成，原有平台保持不变：\n{numbered}")
    return outputs


def write_portal(site, settings, outputs, as_of):
    merged = merge.merge_tables(outputs, site / "data", as_of)
    merge.write_package(merged, outputs, settings, as_of, site / "data")
    search.copy_bundles(outputs, site)
    figures = statistics.city_statistics(outputs, settings.get("PORTAL_WITHDRAWAL_RESOURCES", ()))
    theme = Path(settings["_BASE"], settings["PORTAL_THEME"])
    static = site / "static"
    shutil.copytree(theme / "static", static)
    shutil.copyfile(Path(settings["_BASE"], settings["PORTAL_CSS"]), static / "site.css")
    context = {k: v for k, v in settings.items() if k.startswith("PORTAL_")}
    context.update(SITEURL=settings.get("PORTAL_SITEURL", "").rstrip("/"), AS_OF=as_of)
    pages.write_pages(pages.environment(theme), site, context, outputs, merged, figures)
    return merged


def build(settings_file, output):
    started = time.perf_counter()
    settings = read_settings(settings_file)
    as_of = resolve_as_of(settings)
    configured = agencies(settings)
    output = Path(output).resolve()
    staging = check_output(output, settings, configured)
    outputs = read_all(configured, as_of, int(settings["PORTAL_MAX_AGE_DAYS"]))
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / STAGING_MARKER).write_text("", encoding="utf-8")
    site = staging / "site"
    site.mkdir()
    try:
        merged = write_portal(site, settings, outputs, as_of)
        marker = {"as_of": as_of.isoformat(), "agencies": {o.agency.slug: o.as_of.isoformat() for o in outputs}}
        (site / PORTAL_MARKER).write_text(json.dumps(marker, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        previous = output.parent / f".{output.name}.previous"
        shutil.rmtree(previous, ignore_errors=True)
        if output.exists():
            os.replace(output, previous)
        os.replace(site, output)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    rows = "，".join(f"{t.title} {t.rows}" for t in merged)
    print(f"平台已生成：{output}（{len(outputs)} 个机关；{rows}；用时 {time.perf_counter() - started:.1f} 秒）")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description="生成全市行政执法信息公示平台：只读取各机关已公开（make build 生成）的网站。")
    parser.add_argument("--settings", default="portalconf.py")
    parser.add_argument("--output", default="portal")
    args = parser.parse_args(argv)
    try:
        return build(args.settings, args.output)
    except PortalError as error:
        print(str(error), file=sys.stderr)
        return error.exitcode


if __name__ == "__main__":
    sys.exit(main())
