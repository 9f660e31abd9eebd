"""Deploy a built site with deletion: the target ends up holding exactly the new build.

    PYTHONPATH=plugins python -m disclosure.commands.deploy output /var/www/zfgs
    PYTHONPATH=plugins python -m disclosure.commands.deploy output user@host:/var/www/zfgs
    PYTHONPATH=plugins python -m disclosure.commands.deploy output /var/www/zfgs --dry-run

Deletion is what keeps a withdrawn decision off the server, and also what could
wipe someone else's files, so a deploy:

- publishes only a folder `make build` made (it holds `.disclosure-build`), after
  the leak scanner passed on it, before a single file is copied;
- never touches the repository, a folder holding it or inside it, nor the source site;
- mirrors only into an empty or missing folder, or one holding the
  `.disclosure-deploy` marker an earlier deploy wrote; anything else needs --force;
- with --dry-run lists what it would add, replace and delete, and changes nothing.

A remote target goes through rsync over SSH; a local folder is mirrored in
Python and scanned again afterwards.

The web server's files (withdrawn.map, security-headers.conf) are not part of the
site: make build leaves them in `<output>.server/`. After the site, a deploy copies
just these files (nothing is deleted there) to the server target: --server-target,
else the DISCLOSURE_SERVER_TARGET setting, else `<target>.server` beside the site
folder, which is where deploy/nginx.conf includes them from.
"""

import argparse
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..checks import scanner
from ..data.problems import DisclosureDataError
from ..outputs.servermap import SERVER_FILES, server_folder
from .build import BUILD_MARKER, marker_text, overlap_reason, protected_reason

# user@host:path or host:path; a Windows drive (C:\www, D:/www) is a local folder, not a host "C".
REMOTE = re.compile(r"^(?![A-Za-z]:(?:[\\/]|$))[^/:]+@?[^/:]*:")
DEPLOY_MARKER = ".disclosure-deploy"
# Shown when the listing of a first deploy into a full folder would otherwise run off the screen.
SHOWN_ENTRIES = 10


# -- what is where --------------------------------------------------------------------

def tree(folder):
    """{relative path: "dir" | "file" | "link"}, not following symlinks, so a link in the
    target never leads the mirror (or its deletion pass) outside the target."""
    entries = {}
    for top, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(top, name)
            kind = "link" if path.is_symlink() else "dir" if path.is_dir() else "file"
            entries[path.relative_to(folder)] = kind
    return entries


def plan(source, target):
    """(wanted, added, replaced, deleted): what mirroring source into target changes.

    The build marker stays behind (the target is a deployed site, not a build) and the
    deploy marker is never deleted (it is what makes the target ours next time).
    """
    source, target = Path(source), Path(target)
    wanted = {rel: kind for rel, kind in tree(source).items() if rel != Path(BUILD_MARKER)}
    have = tree(target) if target.is_dir() else {}
    added, replaced = [], []
    for rel, kind in sorted(wanted.items()):
        if kind == "dir":
            if rel in have and have[rel] != "dir":
                replaced.append(rel)
        elif rel not in have:
            added.append(rel)
        elif have[rel] != "file" or not filecmp.cmp(source / rel, target / rel, shallow=False):
            replaced.append(rel)
    deleted = sorted(rel for rel in have if rel not in wanted and rel != Path(DEPLOY_MARKER))
    return wanted, added, replaced, deleted


def remove(path):
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def mirror(source, target, marker):
    """Write the deploy marker, copy new and changed files, then delete everything the source lacks."""
    source, target = Path(source), Path(target)
    wanted, added, replaced, deleted = plan(source, target)
    target.mkdir(parents=True, exist_ok=True)
    # First, so that a deploy cut short still leaves a target the next deploy recognises.
    (target / DEPLOY_MARKER).write_text(marker, encoding="utf-8")
    changed = set(added) | set(replaced)
    # Sorted, so a folder is in place before its files.
    for rel, kind in sorted(wanted.items()):
        destination = target / rel
        if rel in changed:
            remove(destination)
        if kind == "dir":
            destination.mkdir(exist_ok=True)
        elif rel in changed:
            shutil.copy2(source / rel, destination)
    # Deepest first, so folders are empty when their turn comes.
    for rel in sorted(deleted, key=lambda p: len(p.parts), reverse=True):
        remove(target / rel)


# -- refusals -------------------------------------------------------------------------

def unsafe_local_target(target, source, settings_file, settings):
    reason = protected_reason(target, settings_file, settings, inside_repository_allowed=False)
    return reason or overlap_reason(target, source, "要发布的网站目录")


def local_state(target):
    """("ours" | "empty" | "foreign" | "file", top-level entries) of a local target; a missing one is empty."""
    if not target.exists() and not target.is_symlink():
        return "empty", []
    if not target.is_dir():
        return "file", [target.name]
    if (target / DEPLOY_MARKER).is_file():
        return "ours", []
    entries = sorted(p.name + ("/" if p.is_dir() and not p.is_symlink() else "") for p in target.iterdir())
    return ("foreign" if entries else "empty"), entries


def remote_folder(target):
    # "host:" is the login's home folder; a slash added there would make it the server's root.
    return target if target.endswith((":", "/")) else f"{target}/"


class RemoteError(Exception):
    pass


def remote_state(target):
    """The same for user@host:path, from `rsync --list-only`: no shell access to the server is assumed."""
    try:
        process = subprocess.run(["rsync", "--list-only", remote_folder(target)], capture_output=True, text=True)
    except FileNotFoundError:
        raise RemoteError("部署到服务器需要 rsync，请先安装（apt-get install rsync）。") from None
    if process.returncode == 23 and "No such file or directory" in process.stderr:
        return "empty", []
    if process.returncode != 0:
        raise RemoteError(f"无法读取部署目标 {target}（rsync 返回 {process.returncode}）：\n{process.stderr.strip()}")
    entries = []
    for line in process.stdout.splitlines():
        parts = line.split(None, 4)
        if len(parts) == 5 and parts[4] != ".":
            entries.append(parts[4] + ("/" if line.startswith("d") else ""))
    if DEPLOY_MARKER in entries:
        return "ours", []
    return ("foreign" if entries else "empty"), sorted(entries)


def explain_foreign(target, entries, dry_run):
    shown = "、".join(entries[:SHOWN_ENTRIES]) + (f" 等 {len(entries)} 项" if len(entries) > SHOWN_ENTRIES else "")
    if dry_run:
        print(f"注意：{target} 中已有不是本工具部署的文件（没有 {DEPLOY_MARKER} 标记）：{shown}。"
              f"实际发布时需要加 FORCE=1（--force），下面列出的删除会真的执行。")
        return
    print(f"不能发布到 {target}：其中已有不是本工具部署的文件（没有 {DEPLOY_MARKER} 标记）：{shown}。\n"
          f"发布会删除目标中新网站没有的文件，所以没有改动任何文件。\n"
          f"请先用 make publish DRY_RUN=1 查看会新增、替换和删除哪些文件；确认可以删除后，"
          f"再用 make publish FORCE=1 发布（命令行：--dry-run、--force）。", file=sys.stderr)


# -- listing a dry run ----------------------------------------------------------------

def print_changes(target, added, replaced, deleted, first_deploy):
    print(f"演习（DRY_RUN）：发布到 {target} 会做以下改动，实际没有改动任何文件。")
    for title, sign, names in (("新增", "+", added), ("替换", "~", replaced), ("删除", "-", deleted)):
        print(f"{title} {len(names)} 项：")
        for name in names:
            print(f"  {sign} {name}")
    if first_deploy:
        print(f"首次发布到这里：会写入 {DEPLOY_MARKER} 标记，以后的发布据此确认这是本工具部署的目录。")
    print(f"合计：新增 {len(added)} 项，替换 {len(replaced)} 项，删除 {len(deleted)} 项。")


def collapse(deleted):
    """A deleted folder ("name/") is listed once, with how many files go with it, not file by file."""
    folders = [name for name in deleted if name.endswith("/")]
    shown = []
    for name in sorted(deleted):
        if any(name != folder and name.startswith(folder) for folder in folders):
            continue
        if name.endswith("/"):
            inside = sum(1 for other in deleted if other.startswith(name) and not other.endswith("/"))
            name = f"{name}（整个目录，内有 {inside} 个文件）"
        shown.append(name)
    return shown


def local_changes(source, target):
    _, added, replaced, deleted = plan(source, target)
    have = tree(target) if target.is_dir() else {}
    deleted = [rel.as_posix() + ("/" if have[rel] == "dir" else "") for rel in deleted]
    return [r.as_posix() for r in added], [r.as_posix() for r in replaced], collapse(deleted)


def itemized_changes(output):
    """rsync --itemize-changes lines → (added, replaced, deleted); attribute-only updates are no change."""
    added, replaced, deleted = [], [], []
    for line in output.splitlines():
        if line.startswith("*deleting"):
            deleted.append(line.split(None, 1)[1])
            continue
        code, _, name = line.partition(" ")
        if len(code) < 3 or code[0] not in "<>ch" or code[1] == "d":
            continue
        if set(code[2:]) == {"+"}:
            added.append(name)
        elif "c" in code[2:3] or "s" in code[3:4]:
            replaced.append(name)
    return added, replaced, collapse(deleted)


# -- the two ways out -----------------------------------------------------------------

def rsync_command(source, target, dry_run):
    # The build marker stays behind; the deploy marker is protected from --delete.
    command = ["rsync", "-rlptz", "--delete", "--checksum", f"--exclude=/{BUILD_MARKER}",
               f"--filter=P /{DEPLOY_MARKER}"]
    if dry_run:
        command += ["--dry-run", "--itemize-changes"]
    return command + [f"{source}/", remote_folder(target)]


def deploy_remote(source, target, marker, dry_run, first_deploy):
    if dry_run:
        process = subprocess.run(rsync_command(source, target, True), capture_output=True, text=True)
        if process.returncode != 0:
            print(process.stderr, file=sys.stderr)
            return process.returncode
        print_changes(target, *itemized_changes(process.stdout), first_deploy)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        marker_file = Path(folder, DEPLOY_MARKER)
        marker_file.write_text(marker, encoding="utf-8")
        # First, so that a deploy cut short still leaves a target the next deploy recognises.
        command = ["rsync", "-z", str(marker_file), remote_folder(target)]
        print(" ".join(command))
        process = subprocess.run(command)
        if process.returncode != 0:
            return process.returncode
    command = rsync_command(source, target, False)
    print(" ".join(command))
    return subprocess.run(command).returncode


# -- the web server's files ----------------------------------------------------------

def default_server_target(target):
    """<target>.server beside the site folder, local or user@host:path; None for a login's home ("host:")."""
    if REMOTE.match(str(target)):
        folder = str(target).rstrip("/")
        return None if folder.endswith(":") else folder + ".server"
    return str(server_folder(target))


def unsafe_server_target(server_target, target, source, settings_file, settings):
    """Why the server's files may not go to server_target (a local folder), or None."""
    path = Path(server_target).resolve()
    reason = protected_reason(path, settings_file, settings, inside_repository_allowed=False)
    if reason:
        return reason
    if not REMOTE.match(str(target)):
        reason = overlap_reason(path, Path(target).resolve(), "网站的部署目录")
        if reason:
            return reason  # inside the site it would be public, and the next deploy would delete it
    for folder, label in ((source, "要发布的网站目录"), (server_folder(source), "生成的服务器文件目录")):
        reason = overlap_reason(path, folder, label)
        if reason:
            return reason
    if path.exists() and not path.is_dir():
        return "它是一个文件，不是目录"
    return None


def server_changes(source, server_target):
    """(added, replaced) server files, for a local server target."""
    added, replaced = [], []
    for name in SERVER_FILES:
        there = Path(server_target, name)
        if not there.is_file():
            added.append(name)
        elif not filecmp.cmp(server_folder(source) / name, there, shallow=False):
            replaced.append(name)
    return added, replaced


def copy_server_files(source, server_target, dry_run):
    """Copy SERVER_FILES to server_target (local or user@host:path); delete nothing there."""
    files = [server_folder(source) / name for name in SERVER_FILES]
    if REMOTE.match(server_target):
        command = ["rsync", "-z", "--checksum"] + (["--dry-run", "--itemize-changes"] if dry_run else [])
        command += [str(f) for f in files] + [remote_folder(server_target)]
        if not dry_run:
            print(" ".join(command))
        process = subprocess.run(command, capture_output=dry_run, text=True)
        if dry_run:
            added, replaced, _ = itemized_changes(process.stdout)
            print_server_changes(server_target, added, replaced)
        return process.returncode
    if dry_run:
        print_server_changes(server_target, *server_changes(source, server_target))
        return 0
    folder = Path(server_target)
    folder.mkdir(parents=True, exist_ok=True)
    for file in files:
        # A new name, then a rename: nginx reloading meanwhile never reads half a map.
        partial = folder / f".{file.name}.partial"
        shutil.copyfile(file, partial)
        os.replace(partial, folder / file.name)
    print(f"服务器文件（{'、'.join(SERVER_FILES)}）已复制到 {folder}；nginx 重新加载（nginx -s reload）后生效。")
    return 0


def print_server_changes(server_target, added, replaced):
    print(f"服务器文件（不对外公开）复制到 {server_target}：新增 {len(added)} 项，替换 {len(replaced)} 项。")
    for sign, names in (("+", added), ("~", replaced)):
        for name in names:
            print(f"  {sign} {name}")


def deploy_local(source, target, settings, marker, dry_run, first_deploy):
    target = Path(target)
    if dry_run:
        print_changes(target, *local_changes(source, target), first_deploy)
        return 0
    mirror(source, target, marker)
    findings = scanner.check_site(target, settings)
    for name, finding in findings:
        print(f"{target}/{name}：{finding}", file=sys.stderr)
    if findings:
        print("部署后的泄露检查未通过，请立即处理。", file=sys.stderr)
        return 3
    print(f"已部署到 {target}，并通过泄露检查。")
    return 0


def built_as_of(source):
    try:
        return json.loads((source / BUILD_MARKER).read_text(encoding="utf-8")).get("as_of", "")
    except (ValueError, AttributeError):
        return ""


def deploy(source, target, settings_file="publishconf.py", force=False, dry_run=False, server_target=""):
    from pelican.settings import read_settings

    settings = read_settings(settings_file)
    target = str(target or settings.get("DISCLOSURE_DEPLOY_TARGET", ""))
    if not target:
        print("请指定部署目标：make publish DEPLOY_TARGET=/var/www/zfgs（或 user@host:/var/www/zfgs），"
              "或在 publishconf.py 中设置 DISCLOSURE_DEPLOY_TARGET。", file=sys.stderr)
        return 2
    source_path = Path(source).resolve()
    if not (source_path / "index.html").is_file():
        print(f"{source} 中没有生成好的网站，请先运行 make build。", file=sys.stderr)
        return 2
    if not (source_path / BUILD_MARKER).is_file():
        print(f"{source} 不是 make build 生成的网站（其中没有 {BUILD_MARKER} 标记；make serve 的预览和直接用 pelican "
              f"生成的目录都没有经过泄露检查）。请先运行 make build，再发布。", file=sys.stderr)
        return 2
    remote = bool(REMOTE.match(target))
    if remote:
        try:
            state, entries = remote_state(target)
        except RemoteError as error:
            print(error, file=sys.stderr)
            return 2
    else:
        target = Path(target).resolve()
        reason = unsafe_local_target(target, source_path, settings_file, settings)
        if reason:
            print(f"不能发布到 {target}：{reason}。发布会删除目标中新网站没有的文件，所以没有改动任何文件。"
                  f"请指定仓库以外、专门存放本网站的目录。", file=sys.stderr)
            return 2
        state, entries = local_state(target)
    if state == "file":
        print(f"不能发布到 {target}：它是一个文件，不是目录。没有改动任何文件。", file=sys.stderr)
        return 2
    # make build writes the server's files beside the site; a copied site folder has none.
    has_server_files = all((server_folder(source_path) / name).is_file() for name in SERVER_FILES)
    server_target = str(server_target or settings.get("DISCLOSURE_SERVER_TARGET", "") or default_server_target(target) or "")
    if has_server_files and not server_target:
        print(f"部署到 {target}（登录用户的主目录）时，请用 SERVER_TARGET=（--server-target）指定 Web 服务器文件的目录。"
              f"没有改动任何文件。", file=sys.stderr)
        return 2
    if has_server_files and not REMOTE.match(server_target):
        reason = unsafe_server_target(server_target, target, source_path, settings_file, settings)
        if reason:
            print(f"不能把服务器文件复制到 {server_target}：{reason}。没有改动任何文件。"
                  f"请用 SERVER_TARGET=（--server-target）指定网站目录以外、专门存放这些文件的目录。", file=sys.stderr)
            return 2
    if state == "foreign" and not force:
        explain_foreign(target, entries, dry_run)
        if not dry_run:
            return 2
    try:
        findings = scanner.check_site(source_path, settings)
    except DisclosureDataError as error:
        findings = [("", str(error))]
    if findings:
        for name, finding in findings:
            print(f"{source}/{name}：{finding}", file=sys.stderr)
        print(f"泄露检查未通过：{source} 中有不应公开的信息。没有向 {target} 复制任何文件；请修正后重新运行 make build。",
              file=sys.stderr)
        return 3
    marker = marker_text("disclosure.commands.deploy", built_as_of(source_path))
    first_deploy = state != "ours"
    if remote:
        code = deploy_remote(source_path, target, marker, dry_run, first_deploy)
    else:
        code = deploy_local(source_path, target, settings, marker, dry_run, first_deploy)
    if code != 0:
        return code
    if not has_server_files:
        print(f"注意：{server_folder(source_path)} 中没有给 Web 服务器的文件（{'、'.join(SERVER_FILES)}，由 make build "
              f"写在网站目录旁边），服务器上的 410 映射和安全头没有更新。请用 make build 的 output/ 发布。", file=sys.stderr)
        return 0
    # After the site: the 410 map never names a page whose notice is not there yet.
    return copy_server_files(source_path, server_target, dry_run)


def main(argv=None):
    parser = argparse.ArgumentParser(description="部署 make build 生成的网站，并删除目标中新网站没有的文件。")
    parser.add_argument("source", help="make build 生成的网站目录，如 output")
    parser.add_argument("target", nargs="?", default="", help="本地目录，或 user@host:path；省略时用 DISCLOSURE_DEPLOY_TARGET 设置")
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--force", action="store_true",
                        help="目标中已有不是本工具部署的文件时仍然发布（会删除新网站没有的文件；先用 --dry-run 查看）")
    parser.add_argument("--dry-run", action="store_true", help="只列出会新增、替换和删除的文件，不做任何改动")
    parser.add_argument("--server-target", default="",
                        help="Web 服务器文件（withdrawn.map、security-headers.conf）的目录，本地或 user@host:path；"
                             "省略时用 DISCLOSURE_SERVER_TARGET 设置，再省略则为部署目录旁边的“目录名.server”")
    args = parser.parse_args(argv)
    return deploy(args.source, args.target, args.settings, force=args.force, dry_run=args.dry_run,
                  server_target=args.server_target)


if __name__ == "__main__":
    sys.exit(main())
