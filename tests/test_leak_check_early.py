"""The leak check's first pass while Pelican builds the search index, and the second after it (issue 13).

scanner.scan_pass: the second pass reads exactly the files that are new or changed since the
first, and pagefind/; its findings are those of one full scan. commands/early_scan: the first
pass starts at Pelican's marker and is cancelled, workers and all, when Pelican fails. And a
real `make build` records both stages and still refuses a leaking site.
"""

import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time

from conftest import assert_built, background_deletions_done, tree_snapshot
from disclosure.checks import scanner
from disclosure.checks.matcher import Book
from disclosure.checks.secrets import BookData
from disclosure.commands import early_scan
from disclosure.commands.early_scan import EXCLUDED, EarlyScan
from disclosure.data import schema
from test_input_errors import rewrite_csv, set_cell
from test_publishing import run_module

SECRET = "示例泄露科技有限公司"
OTHER_SECRET = "示发改罚〔2025〕4321号"


def book():
    data = BookData(filter_public=False)
    data.secrets = [(SECRET, "已撤下决定的当事人", "测试记录", None),
                    (OTHER_SECRET, "已撤下决定的文书号", "测试记录", None)]
    return Book(data)


def page(text):
    return f"<!DOCTYPE html><html><body><p>{text}</p></body></html>\n"


def write(site, relative, text, age_seconds=None):
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page(text), encoding="utf-8")
    if age_seconds is not None:  # written well before the first pass, as Pelican's pages are
        then = time.time() - age_seconds
        os.utime(path, (then, then))
    return path


def findings_by_file(findings):
    return sorted({name for name, _ in findings})


def test_second_pass_reads_only_new_and_changed_files_and_the_search_index(tmp_path):
    site, matcher = tmp_path / "site", book()
    for n in range(5):
        write(site, f"clean/{n}.html", "公开的内容", age_seconds=60)
    write(site, "leaking.html", f"当事人：{SECRET}", age_seconds=60)
    write(site, "removed.html", f"当事人：{SECRET}", age_seconds=60)
    write(site, "pagefind/fragment/a.pf_fragment", f"{OTHER_SECRET}", age_seconds=60)

    first = scanner.scan_pass(site, matcher, workers=1, exclude=EXCLUDED)
    assert findings_by_file(first.findings) == ["leaking.html", "removed.html"]  # pagefind/ not read yet
    assert first.read == 7 and set(first.seen) == {f"clean/{n}.html" for n in range(5)} | {"leaking.html", "removed.html"}

    # What Pelican does after its marker: change a page (another size), add one, remove one,
    # and write the search index.
    write(site, "clean/3.html", f"改成了：{OTHER_SECRET}")
    write(site, "added.html", f"新增：{SECRET}")
    (site / "removed.html").unlink()
    second = scanner.scan_pass(site, matcher, workers=1, earlier=first)

    assert findings_by_file(second.findings) == [
        "added.html", "clean/3.html", "leaking.html", "pagefind/fragment/a.pf_fragment"]
    # Read: the changed page, the new one and the search index; not the unchanged five.
    assert second.read == 3
    assert second.findings == sorted(second.findings)
    # The same as one pass over the finished site.
    assert second.findings == scanner.scan_site(site, matcher, workers=1)


def test_a_file_changed_to_the_same_size_or_only_touched_is_read_again(tmp_path):
    site, matcher = tmp_path / "site", book()
    clean = write(site, "a.html", "公开的内容公开的内容公开的内容", age_seconds=60)
    touched = write(site, "b.html", "公开的内容", age_seconds=60)
    first = scanner.scan_pass(site, matcher, workers=1)
    assert first.findings == []
    size = clean.stat().st_size
    clean.write_text(page(SECRET + "公开的内容"), encoding="utf-8")
    assert clean.stat().st_size == size  # the same size: only the mtime tells
    os.utime(touched)
    second = scanner.scan_pass(site, matcher, workers=1, earlier=first)
    assert findings_by_file(second.findings) == ["a.html"]
    assert second.read == 2


def test_a_file_written_just_before_the_first_pass_is_read_again(tmp_path):
    """The file system's clock is coarse: a rewrite in the same tick could keep (size, mtime_ns)."""
    site, matcher = tmp_path / "site", book()
    write(site, "old.html", "公开的内容", age_seconds=60)
    write(site, "fresh.html", "公开的内容")
    first = scanner.scan_pass(site, matcher, workers=1)
    assert set(first.seen) == {"old.html"}
    second = scanner.scan_pass(site, matcher, workers=1, earlier=first)
    assert second.read == 1  # fresh.html


def test_both_passes_in_worker_processes_and_a_cancelled_pass_leaves_no_worker(tmp_path):
    site, matcher = tmp_path / "site", book()
    for n in range(2100):  # enough for the worker processes
        write(site, f"penalties/{n:04d}.html", "公开的内容", age_seconds=60)
    write(site, "penalties/0007.html", f"当事人：{SECRET}", age_seconds=60)
    first = scanner.scan_pass(site, matcher, workers=2, exclude=EXCLUDED)
    assert findings_by_file(first.findings) == ["penalties/0007.html"] and first.read == 2100
    assert first.worker_cpu_seconds > 0
    write(site, "penalties/2000.html", f"改成了：{OTHER_SECRET}")
    second = scanner.scan_pass(site, matcher, workers=2, earlier=first)
    assert findings_by_file(second.findings) == ["penalties/0007.html", "penalties/2000.html"]
    assert second.read == 1

    cancel = threading.Event()
    cancel.set()
    assert scanner.scan_pass(site, matcher, workers=2, cancel=cancel) is None
    assert multiprocessing.active_children() == []


class Ready:
    """A Preparation whose data is already there."""

    def __init__(self, data):
        self.data = data

    def result(self):
        return self.data


def secrets_data():
    data = BookData(filter_public=False)
    data.secrets = [(SECRET, "已撤下决定的当事人", "测试记录", None)]
    return data


def fake_pelican(marker, returncode, seconds):
    """A process that creates the marker, works on, then ends with returncode."""
    script = (f"import pathlib, sys, time; pathlib.Path({str(marker)!r}).touch(); "
              f"time.sleep({seconds}); sys.exit({returncode})")
    return subprocess.Popen([sys.executable, "-c", script])


def test_the_first_pass_starts_at_the_marker_while_pelican_still_runs(tmp_path):
    site, go = tmp_path / "site", tmp_path / "go"
    write(site, "leaking.html", f"当事人：{SECRET}", age_seconds=60)
    early = EarlyScan(site, tmp_path / "pages-done", Ready(secrets_data()), workers=1)
    # The "search index" ends only when the test says so, once it has seen the first pass end.
    script = (f"import pathlib, time; pathlib.Path({str(early.marker)!r}).touch()\n"
              f"while not pathlib.Path({str(go)!r}).exists(): time.sleep(0.05)")
    process = subprocess.Popen([sys.executable, "-c", script])
    still_running = []

    def release():
        while early.first is None:
            time.sleep(0.05)
        still_running.append(process.poll() is None)
        go.touch()

    threading.Thread(target=release, daemon=True).start()
    assert early.wait_for(process) == 0
    assert still_running == [True]
    _, _, first = early.result()
    assert findings_by_file(first.findings) == ["leaking.html"]


def test_the_search_index_is_read_as_pagefind_writes_it_and_a_file_changed_after_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setattr(early_scan, "CATCH_UP_SECONDS", 0.1)
    site, go, matcher = tmp_path / "site", tmp_path / "go", book()
    write(site, "clean.html", "公开的内容", age_seconds=60)
    fragment = "pagefind/fragment/a.pf_fragment"
    early = EarlyScan(site, tmp_path / "pages-done", Ready(secrets_data()), workers=1)
    # "Pagefind": after the marker, a shard's file; once it has been read, the same file rewritten with a leak.
    script = (f"import os, pathlib, time; pathlib.Path({str(early.marker)!r}).touch()\n"
              f"f = pathlib.Path({str(site / fragment)!r}); f.parent.mkdir(parents=True); f.write_text('公开的内容')\n"
              f"then = time.time() - 60; os.utime(f, (then, then))\n"
              f"while not pathlib.Path({str(go)!r}).exists(): time.sleep(0.05)\n"
              f"f.write_text({page('当事人：' + SECRET)!r})\n")
    process = subprocess.Popen([sys.executable, "-c", script])

    def release():
        deadline = time.monotonic() + 30
        while (early.bundle is None or fragment not in early.bundle.seen) and time.monotonic() < deadline:
            time.sleep(0.05)
        go.touch()

    threading.Thread(target=release, daemon=True).start()
    assert early.wait_for(process) == 0
    _, _, first = early.result()
    assert set(first.seen) == {"clean.html", fragment} and first.findings == []  # read while "Pagefind" ran
    second = scanner.scan_pass(site, matcher, workers=1, earlier=first)
    assert second.read == 1 and findings_by_file(second.findings) == [fragment]
    assert second.findings == scanner.scan_site(site, matcher, workers=1)


def test_without_the_marker_nothing_is_scanned_early(tmp_path):
    early = EarlyScan(tmp_path, tmp_path / "pages-done", Ready(secrets_data()), workers=1)
    process = subprocess.Popen([sys.executable, "-c", "import sys; sys.exit(4)"])
    assert early.wait_for(process) == 4
    assert not early.started
    early.cancel()


def test_when_pelican_fails_after_the_marker_the_first_pass_is_cancelled_with_its_workers(tmp_path):
    site = tmp_path / "site"
    for n in range(6000):
        write(site, f"penalties/{n:04d}.html", "公开的内容" * 40, age_seconds=60)
    early = EarlyScan(site, tmp_path / "pages-done", Ready(secrets_data()), workers=2)
    assert early.wait_for(fake_pelican(tmp_path / "pages-done", 1, 0.3)) == 1
    early.cancel()
    assert not early.thread.is_alive()
    assert multiprocessing.active_children() == []


def test_make_build_scans_during_the_search_index_and_still_refuses_a_leak(small_data, tmp_path):
    output, reports = tmp_path / "site", tmp_path / "r"
    built = run_module("disclosure.commands.build", "--output", output, data_dir=small_data, report_dir=reports)
    assert_built(built)
    stages = json.loads((reports / "build-timings.json").read_text(encoding="utf-8"))["stages"]
    for stage in ("search_index", "leak_check_during_search", "leak_check", "leak_check_data"):
        assert stages[stage]["wall_seconds"] > 0, stage
    assert "Pelican 生成搜索索引时先检查了" in built.stdout and "Pelican 结束后再检查" in built.stdout
    assert not (output / "pages-done").exists()
    background_deletions_done(tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

    # A leak in a page written before the marker: found by the first pass, the build refused.
    before = tree_snapshot(output)
    from disclosure.pipeline import load_and_validate

    records, _ = load_and_validate(small_data)
    withdrawn = next(r for r in records["penalties"] if r.get("状态") in schema.WITHDRAWING_STATUSES)
    rewrite_csv(small_data / schema.MATTERS.path, set_cell("承办机构", f"见{withdrawn.id}"))
    refused = run_module("disclosure.commands.build", "--output", output, data_dir=small_data, report_dir=reports)
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert "Pelican 生成搜索索引时先检查了" in refused.stdout
    assert "泄露检查未通过" in refused.stderr and "matters" in refused.stderr
    assert tree_snapshot(output) == before
    background_deletions_done(tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
