"""Atomic builds: build beside the target, check, then swap it in.

    PYTHONPATH=plugins python -m disclosure.commands.build --output output

The new site is built into a hidden folder next to the target. Only when
Pelican, the search index and the leak scanner have all succeeded does it
replace the target; on any failure the previous site stays exactly as it was.

The leak check starts before Pelican ends: once Pelican has written every file but the
search index, it reads them while Pagefind runs (early_scan.py, stage
`leak_check_during_search` in build-timings.json); after Pelican it reads only the files
that are new or changed since, and the search index (stage `leak_check`).

The web server's files (withdrawn.map, security-headers.conf) are built beside
the site, in `<output>.server/`, never inside it (outputs/servermap.py), and are
swapped in with it.

Replacing a folder deletes it, so a build only ever replaces what an earlier
build made: a folder holding the `.disclosure-build` marker, or an empty one.
The repository, a folder holding it, and the source folders (data, content,
theme, plugins, .git) are refused outright, marker or not. The replaced site is
deleted by a background process once the new one is in place (discard_in_background).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .. import pipeline, timings
from ..checks import scanner
from ..checks.matcher import Book
from ..data.problems import DisclosureDataError
from ..generator import PAGES_DONE_ENV
from ..outputs.search import KEEP_SCRATCH_ENV
from ..outputs.servermap import server_folder
from . import run_pelican
from .early_scan import EarlyScan

BUILD_MARKER = ".disclosure-build"
# Marks a staging folder as this command's, so a leftover from a crashed build may be removed
# while a folder that merely has the same name never is.
STAGING_MARKER = ".disclosure-staging"
SOURCE_FOLDERS = ("data", "content", "theme", "plugins", ".git")


def staging_folder(output):
    return output.parent / f".{output.name}.building"


def previous_folder(output):
    return output.parent / f".{output.name}.previous"


def repository_roots(settings_file):
    """The project folder (where the settings live), the enclosing git repository and the
    current folder: a site folder may never be one of these or hold one."""
    project = Path(settings_file).resolve().parent
    roots = [project, Path.cwd().resolve()]
    for folder in (project, *project.parents):
        if (folder / ".git").exists():
            roots.append(folder)
            break
    return list(dict.fromkeys(roots))


def source_folders(settings_file, settings):
    """Folders holding what a site is made from; DISCLOSURE_DATA_DIR may lie outside the project."""
    project = Path(settings_file).resolve().parent
    folders = [project / name for name in SOURCE_FOLDERS]
    folders += [Path(project, settings[key]) for key in ("PATH", "THEME") if settings.get(key)]
    folders += [Path(project, path) for path in settings.get("PLUGIN_PATHS", [])]
    folders.append(pipeline.resolve_data_dir(settings))
    folders += [root / ".git" for root in repository_roots(settings_file)]
    return list(dict.fromkeys(folder.resolve() for folder in folders))


def overlap(path, folder):
    """How path relates to folder: "same", "contains", "inside" or None."""
    if path == folder:
        return "same"
    if folder.is_relative_to(path):
        return "contains"
    if path.is_relative_to(folder):
        return "inside"
    return None


def overlap_reason(path, folder, label, refused=("same", "contains", "inside")):
    relation = overlap(path, folder)
    if relation not in refused:
        return None
    return {
        "same": f"它就是{label} {folder}",
        "contains": f"它包含{label} {folder}",
        "inside": f"它在{label} {folder} 之中",
    }[relation]


def protected_reason(path, settings_file, settings, inside_repository_allowed):
    """Why a folder that is about to be replaced or mirrored into would destroy the project, or None."""
    path = Path(path).resolve()
    refused = ("same", "contains") if inside_repository_allowed else ("same", "contains", "inside")
    for root in repository_roots(settings_file):
        reason = overlap_reason(path, root, "仓库（项目）目录", refused)
        if reason:
            return reason
    for folder in source_folders(settings_file, settings):
        reason = overlap_reason(path, folder, "源文件目录")
        if reason:
            return reason
    return None


def holds_only(folder, marker):
    """True when folder is missing, empty, or carries marker: the only folders a command may delete."""
    if not folder.exists() and not folder.is_symlink():
        return True
    if folder.is_symlink() or not folder.is_dir():
        return False
    return (folder / marker).is_file() or not any(folder.iterdir())


def marker_text(generator, as_of):
    # No clock time: two builds of the same inputs must be byte-identical.
    return json.dumps({"as_of": str(as_of), "generator": generator}, ensure_ascii=False, sort_keys=True) + "\n"


def swap_in(new, output):
    previous = previous_folder(output)
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        os.replace(output, previous)
    os.replace(new, output)
    discard_in_background(previous)


def discarded_folders(output):
    """(folder, marker): old sites and staging folders on their way out (discard_in_background),
    left over if their deleting was cut short."""
    return [(folder, marker) for folder, marker in (
        *((f, BUILD_MARKER) for f in sorted(output.parent.glob(f".{output.name}.previous.deleting-*"))),
        *((f, STAGING_MARKER) for f in sorted(output.parent.glob(f".{output.name}.building.deleting-*"))),
    )]


# Deletes a replaced site's files, its marker last: a folder cut short still shows it is ours.
_DISCARD = (
    "import os, shutil, sys\n"
    "folder, marker = sys.argv[1], sys.argv[2]\n"
    "for entry in os.scandir(folder):\n"
    "    if entry.name == marker:\n"
    "        continue\n"
    "    if entry.is_dir(follow_symlinks=False):\n"
    "        shutil.rmtree(entry.path, ignore_errors=True)\n"
    "    else:\n"
    "        os.unlink(entry.path)\n"
    "shutil.rmtree(folder, ignore_errors=True)\n"
)


def discard_in_background(folder, marker=BUILD_MARKER):
    """Delete a replaced site, or a used staging folder (one of ours: it holds `marker`), after
    the command has returned. At 100,000 decisions a site is 230,000 files and half a minute of
    the disk's time, and the staging folder's search copies (outputs/search.py) ten seconds more,
    which the new site, already in place, need not wait for."""
    if not folder.is_dir() or not holds_only(folder, marker):
        return
    if ".deleting-" not in folder.name:
        renamed = folder.with_name(f"{folder.name}.deleting-{os.getpid()}-{time.time_ns()}")
        os.replace(folder, renamed)
        folder = renamed
    subprocess.Popen([sys.executable, "-c", _DISCARD, str(folder), marker],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)


def refuse(output, reason, advice):
    print(f"不能生成到 {output}：{reason}。\n没有改动任何文件。{advice}", file=sys.stderr)
    return 2


def unsafe_output(output, settings_file, settings):
    """(reason, advice), in Chinese, not to replace output (or its staging and previous folders), or None."""
    staging, previous = staging_folder(output), previous_folder(output)
    server = server_folder(output)
    for folder in (output, staging, previous, server, previous_folder(server)):
        reason = protected_reason(folder, settings_file, settings, inside_repository_allowed=True)
        if reason:
            if folder != output:
                reason = f"生成时要用到的临时目录 {folder} 不安全：{reason}"
            return reason, "请换一个输出目录，例如默认的 output/（make build OUTPUT=output）。"
    if not holds_only(output, BUILD_MARKER):
        return (f"这里已有文件，但不是 make build 生成的网站（其中没有 {BUILD_MARKER} 标记），替换它会删除这些文件",
                f"请换一个不存在或空的目录。如果它是旧版本的 make build 或 make serve 留下的网站，"
                f"确认其中没有需要保留的文件后，先手动删除 {output}，再运行 make build。")
    if not holds_only(server, BUILD_MARKER):
        reason = f"它旁边的 {server} 不是 make build 生成的服务器文件目录（其中没有 {BUILD_MARKER} 标记），生成时要替换它"
        return reason, f"请先移走 {server}，或换一个输出目录。"
    for folder, marker, what in ((staging, STAGING_MARKER, "临时目录"), (previous, BUILD_MARKER, "旧网站"),
                                 (previous_folder(server), BUILD_MARKER, "旧服务器文件")):
        if not holds_only(folder, marker):
            return (f"它旁边的 {folder} 不是 make build 留下的{what}，不能删除",
                    f"请先移走 {folder}，或换一个输出目录。")
    return None


def build(settings_file, output, verbose=False):
    """Return 0 when the new site is in place, non-zero otherwise (the old site untouched)."""
    from pelican.settings import read_settings

    output = Path(output).resolve()
    settings = read_settings(settings_file)
    refusal = unsafe_output(output, settings_file, settings)
    if refusal:
        return refuse(output, *refusal)
    staging = staging_folder(output)
    for leftover, marker in discarded_folders(output):
        discard_in_background(leftover, marker)
    # Pelican empties its output folder (DELETE_OUTPUT_DIRECTORY), so the site goes one level
    # down and the staging marker beside it survives.
    site = staging / "site"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / STAGING_MARKER).write_text("", encoding="utf-8")
    # The leak check reads the data again, on its own, while Pelican builds, and reads the
    # finished pages while Pelican builds the search index (early_scan): after Pelican only
    # the new and changed files and the search index are left.
    preparation = scanner.Preparation(settings)
    env = run_pelican.child_env(verbose)
    env[PAGES_DONE_ENV] = str(staging / "pages-done")  # outside the site, which Pelican empties
    env[KEEP_SCRATCH_ENV] = "1"  # the search copies stay in staging, deleted with it in the background
    early = EarlyScan(site, staging / "pages-done", preparation)
    returncode = early.wait_for(subprocess.Popen(run_pelican.command("content", "-s", settings_file, "-o", site), env=env))
    if returncode != 0:
        early.cancel()
        preparation.cancel()
        shutil.rmtree(staging, ignore_errors=True)
        print(f"生成失败，{output} 中原有的网站保持不变。", file=sys.stderr)
        return returncode
    try:
        marker = marker_text("disclosure.commands.build", pipeline.resolve_as_of(settings))
        for folder in (site, server_folder(site)):
            (folder / BUILD_MARKER).write_text(marker, encoding="utf-8")
        findings = leak_check(site, settings, preparation, early)
    except DisclosureDataError as error:
        early.cancel()
        preparation.cancel()
        findings = [("", str(error))]
    if findings:
        for name, finding in findings:
            print(f"{name}：{finding}", file=sys.stderr)
        shutil.rmtree(staging, ignore_errors=True)
        print(f"泄露检查未通过，新网站已丢弃，{output} 中原有的网站保持不变。", file=sys.stderr)
        return 3
    # The site first, then the server's files: the 410 map never names a page before its notice is there.
    swap_in(site, output)
    swap_in(server_folder(site), server_folder(output))
    discard_in_background(staging, STAGING_MARKER)
    print(f"网站已生成并通过泄露检查：{output}（给 Web 服务器的文件在 {server_folder(output)}，不对外公开）")
    return 0


def leak_check(site, settings, preparation, early):
    """The findings of one full scan of the finished site: the first pass's (if Pelican got to
    its marker) and the second's, over what is new or changed since, and the search index."""
    started, cpu = time.perf_counter(), time.thread_time()
    if early.started:
        prepared, book, first = early.result()
    else:
        prepared = preparation.result()  # normally there already: gathered while Pelican built
        book, first = Book(prepared), None
    second = scanner.scan_pass(site, book, earlier=first)
    seconds = time.perf_counter() - started
    report_dir = pipeline.resolve_report_dir(settings)
    timings.record(report_dir, "leak_check_data", prepared.seconds, prepared.seconds)
    if first is not None:
        timings.record(report_dir, "leak_check_during_search", early.seconds, early.cpu_seconds)
    # From Pelican's end: the wait for the first pass, then the second (this thread and its workers).
    timings.record(report_dir, "leak_check", seconds, time.thread_time() - cpu + second.worker_cpu_seconds)
    if first is None:
        print(f"泄露检查：{len(second.findings)} 处发现，Pelican 结束后检查 {second.read} 个文件，用时 {seconds:.1f} 秒"
              f"（另有 {prepared.seconds:.1f} 秒读取数据，与 Pelican 同时进行）")
    else:
        print(f"泄露检查：{len(second.findings)} 处发现。Pelican 生成搜索索引时先检查了 {first.read} 个文件，"
              f"用时 {early.seconds:.1f} 秒；Pelican 结束后再检查新增、改动的文件和搜索索引共 {second.read} 个，"
              f"用时 {seconds:.1f} 秒（另有 {prepared.seconds:.1f} 秒读取数据，与 Pelican 同时进行）")
    return second.findings


def main(argv=None):
    parser = argparse.ArgumentParser(description="生成网站：先在旁边的临时目录生成并检查，全部成功后再替换原网站。"
                                                 "只替换以前由 make build 生成的目录（或空目录）。")
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help=f"同时显示 Pelican 的英文日志（也可设环境变量 {run_pelican.VERBOSE_ENV}=1）")
    args = parser.parse_args(argv)
    return build(args.settings, args.output, args.verbose)


if __name__ == "__main__":
    sys.exit(main())
