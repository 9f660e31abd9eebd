"""The admins' preview: build into .preview/, serve it on this computer, rebuild on every change.

    python -m disclosure serve            (make serve; on Windows: py -m disclosure serve)

Watches the data folder (editing the CSV files and workbooks is the admins' main job),
the Markdown content, the theme, the plugin and the settings, by polling: it works the
same on every system and every kind of drive. A change is built once the files have
stopped changing (Excel saves in several writes).

The preview has its own folder, emptied at start and before every rebuild: it is never
mixed into output/ (which only `build` writes and `publish` sends), and a file removed
from the data never lingers in it. It is not leak-checked and never published. When the
data has errors, the preview shows them (the same Chinese list the build prints) instead
of an old site that would no longer be true.
"""

import argparse
import functools
import html
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from .. import pipeline
from ..outputs.servermap import server_folder
from . import run_pelican

PREVIEW = ".preview"
POLL_SECONDS = 1.0
# Skipped when watching: bytecode, editors' and Excel's lock and backup files.
IGNORED_PARTS = ("__pycache__", ".git")
IGNORED_PREFIXES = ("~$", ".~lock.", ".#")
IGNORED_SUFFIXES = ("~", ".swp", ".tmp", ".pyc")


def watched(settings_file, settings):
    """The folders and files whose changes show in the preview."""
    project = Path(settings_file).resolve().parent
    folders = [Path(settings["PATH"]), Path(settings["THEME"]), pipeline.resolve_data_dir(settings),
               run_pelican.PLUGINS_FOLDER / "disclosure"]
    files = [Path(settings_file).resolve(), project / "pelicanconf.py", project / "publishconf.py"]
    return [f.resolve() for f in folders], files


def ignored(path):
    name = path.name
    return (any(part in IGNORED_PARTS for part in path.parts) or name.startswith(IGNORED_PREFIXES)
            or name.endswith(IGNORED_SUFFIXES))


def snapshot(folders, files):
    """{path: (modification time, size)} of every watched file."""
    state = {}
    for path in files:
        if path.is_file():
            stat = path.stat()
            state[path] = (stat.st_mtime_ns, stat.st_size)
    for folder in folders:
        for path in folder.rglob("*") if folder.is_dir() else ():
            try:
                if path.is_file() and not ignored(path):
                    stat = path.stat()
                    state[path] = (stat.st_mtime_ns, stat.st_size)
            except OSError:  # removed while we looked: the next poll sees it gone
                continue
    return state


def changed(before, after):
    return sorted(str(p) for p in set(before) | set(after) if before.get(p) != after.get(p))


def settled(folders, files, state, poll):
    """Wait until two polls in a row agree; return that state."""
    while True:
        time.sleep(poll)
        again = snapshot(folders, files)
        if again == state:
            return state
        state = again


def empty(folder, attempts=10):
    """Remove everything in folder. On Windows a file the browser is still being sent cannot be
    deleted for a moment: try again, and stop rather than leave an old page in the preview."""
    if folder.is_symlink():
        raise SystemExit(f"{folder} 是一个符号链接，预览不会清空它。请删除这个链接后再运行。")
    for _ in range(attempts):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            break
        time.sleep(0.3)
    else:
        raise SystemExit(f"无法清空预览目录 {folder}（其中的文件正被其他程序使用）。请关闭占用它的程序后重新运行预览。")
    folder.mkdir(parents=True)


ERROR_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>预览未生成</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6">
<h1>预览未生成：数据或文稿有错误</h1>
<p>请按下面的说明改正文件并保存，预览会自动重新生成，稍后刷新本页即可。</p>
<pre style="white-space: pre-wrap; background: #f3f2f1; padding: 1rem">{report}</pre>
</body></html>
"""


def build_preview(settings_file, preview, verbose):
    """Empty the preview and build into it; on failure leave a page with the errors. True when built."""
    started = time.monotonic()
    for folder in (preview, server_folder(preview)):
        empty(folder)
    process = subprocess.run(
        run_pelican.command("content", "-s", settings_file, "-o", preview),
        env=run_pelican.child_env(verbose), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, encoding="utf-8", errors="replace",
    )
    sys.stdout.write(process.stdout)
    sys.stderr.write(process.stderr)
    if process.returncode != 0:
        empty(preview)
        report = process.stderr.strip() or process.stdout.strip() or f"生成失败（返回值 {process.returncode}）"
        (preview / "index.html").write_text(ERROR_PAGE.format(report=html.escape(report)), encoding="utf-8")
        print("预览未生成：数据或文稿有错误（见上方，浏览器中的预览页也列出了），改正并保存后会自动重新生成。", flush=True)
        return False
    print(f"预览已更新（{time.monotonic() - started:.1f} 秒）。", flush=True)
    return True


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    quiet = True
    # Fixed here: on Windows the guesses come from the registry, where .js is often text/plain,
    # and the browser then refuses the search's scripts.
    extensions_map = {
        ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript",
        ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json",
        ".svg": "image/svg+xml", ".xml": "application/xml", ".csv": "text/csv; charset=utf-8",
        ".txt": "text/plain; charset=utf-8", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }

    def end_headers(self):
        # The preview changes under the browser: never show a cached page after a rebuild.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)


class PreviewServer(http.server.ThreadingHTTPServer):
    # On Windows, SO_REUSEADDR lets a second server take a port already in use, silently
    # splitting the requests between two previews; elsewhere it only allows a quick restart.
    allow_reuse_address = os.name != "nt"
    daemon_threads = True


def start_server(preview, host, port, verbose):
    handler = functools.partial(type("Handler", (PreviewHandler,), {"quiet": not verbose}), directory=str(preview))
    server = PreviewServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def serve(settings_file="pelicanconf.py", host="127.0.0.1", port=8000, verbose=False, poll=POLL_SECONDS):
    from pelican.settings import read_settings

    settings = read_settings(settings_file)
    preview = Path(settings_file).resolve().parent / PREVIEW
    try:
        server = start_server(preview, host, port, verbose)
    except OSError as error:
        print(f"无法在 {host}:{port} 打开预览（{error.strerror or error}）：这个端口可能已被另一个预览或程序占用。\n"
              f"请换一个端口，如 make serve PORT=8001，或 python -m disclosure serve --port 8001。", file=sys.stderr)
        return 2
    folders, files = watched(settings_file, settings)
    state = snapshot(folders, files)
    shown = ("localhost" if host in ("127.0.0.1", "::1") else host)
    try:
        build_preview(settings_file, preview, verbose)
        print(f"预览地址：http://{shown}:{server.server_address[1]}/index.html（按 Ctrl+C 停止）\n"
              f"正在监视 {'、'.join(str(f) for f in folders)} 和设置文件，保存改动后自动重新生成。", flush=True)
        while True:
            time.sleep(poll)
            now = snapshot(folders, files)
            if now == state:
                continue
            now = settled(folders, files, now, poll)
            names = changed(state, now)
            state = now
            more = f" 等 {len(names)} 个文件" if len(names) > 3 else ""
            print(f"\n文件有改动：{'、'.join(names[:3])}{more}，重新生成预览……", flush=True)
            build_preview(settings_file, preview, verbose)
    except KeyboardInterrupt:
        print("\n预览已停止。")
        return 0
    finally:
        server.shutdown()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m disclosure serve",
                                     description="在本机预览网站（生成到 .preview/），数据、文稿、主题改动后自动重新生成。")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--host", default="127.0.0.1", help="只在本机访问时保持默认的 127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("-v", "--verbose", action="store_true", help="同时显示 Pelican 的英文日志和每个网页请求")
    args = parser.parse_args(argv)
    return serve(args.settings, args.host, args.port, args.verbose or run_pelican.verbose_requested([]))


if __name__ == "__main__":
    sys.exit(main())
