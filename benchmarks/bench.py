"""Benchmark: `make build` on N decisions (render, search index, leak check, swap), beside
plain Pelican on the same N in the same run.

    make bench                      # N = 1,000 and 10,000
    make bench BENCH_SIZES="100000" BENCH_RUNS=1

Reports wall time, CPU time and peak memory (the whole process tree, sampled) of
`make build` and each of its stages (reports/build-timings.json; the leak check is
its own stage), `make check` (the leak check alone, reading the data itself), output
size and file count, search bundle size, the bytes a browser downloads for a first
query, the time to rebuild after one record changed, and plain Pelican rendering the
same decisions as Markdown articles with its default theme. Results go to
BENCHMARKS.md, between its `bench:start` and `bench:end` markers.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from disclosure.data import schema  # noqa: E402
from disclosure.testing.synthetic import write_dataset  # noqa: E402

AS_OF = "2026-11-20"


def tree_rss_kb(pid):
    """Resident memory of a process and all its descendants, from /proc."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry.name))
            except (OSError, IndexError):
                continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
        stack += children.get(current, [])
    return total


def settle(folder):
    """Start each timed command from the same state: the background deletions of earlier builds
    beside `folder` over (make build deletes a replaced site and its staging folder after it
    returns), everything written out, and the page cache dropped when this user may (root).

    Why: on a file system without a journal (this machine's ext4), creating a file looks up
    every free inode freed in the last minutes in the buffer cache (ext4 recently_deleted), and
    a warm cache of the last build's 300,000 deleted files made file creation 3 to 10 times
    dearer (160-560 µs instead of 45-70 µs a file, measured). A user's build does not follow
    another one's deletions by seconds; a CI runner starts cold. Returns whether the cache was dropped."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and list(Path(folder).parent.glob(f".{Path(folder).name}.*.deleting-*")):
        time.sleep(0.5)
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def measure(command, env, cwd=ROOT, settle_beside=None):
    """Run a command; return wall seconds, CPU seconds (tree) and peak tree RSS in MB."""
    dropped = settle(settle_beside) if settle_beside else None
    before = os.times()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = [0]

    def sample():
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss_kb(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    wall = time.perf_counter() - started
    sampler.join()
    after = os.times()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{output[-3000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"wall": wall, "cpu": cpu, "peak_mb": peak[0] / 1024, "cold_cache": dropped}


def folder_stats(folder):
    files = [p for p in Path(folder).rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def build_env(data, reports, cache=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSURE_")}
    env.update(DISCLOSURE_AS_OF=AS_OF, DISCLOSURE_DATA_DIR=str(data), DISCLOSURE_REPORT_DIR=str(reports),
               DISCLOSURE_SEARCH_CACHE=str(cache) if cache else "")
    return env


MAKE = shutil.which("make")


def make_command(target, output):
    """`make build` / `make check` as the user runs them, or the command the Makefile runs."""
    if MAKE:
        return [MAKE, "--no-print-directory", target, f"OUTPUT={output}"]
    module = "disclosure.commands.build" if target == "build" else "disclosure.checks.scanner"
    arguments = ["--output", str(output)] if target == "build" else [str(output)]
    return [sys.executable, "-m", module, "--settings", "publishconf.py", *arguments]


def prepare_make():
    """Install the requirements now (untimed), so no timed `make build` starts with pip."""
    if MAKE:
        subprocess.run([MAKE, "--no-print-directory", ".venv/bin/.requirements-installed"], cwd=ROOT, check=True)


def our_build(data, output, reports, cache=None):
    """`make build`; without a cache folder every search shard is indexed from scratch."""
    shutil.rmtree(output, ignore_errors=True)
    env = build_env(data, reports, cache)
    env["PYTHONPATH"] = str(ROOT / "plugins")
    result = measure(make_command("build", output), env, settle_beside=output)
    result["stages"] = json.loads((reports / "build-timings.json").read_text())["stages"]
    return result


def leak_check(data, output, reports):
    """`make check` on the built site: the leak check alone, reading the data itself."""
    env = build_env(data, reports)
    env["PYTHONPATH"] = str(ROOT / "plugins")
    return measure(make_command("check", output), env, settle_beside=output)


def write_baseline_content(data, content):
    """The same published-or-not decisions as plain Markdown articles, one per decision."""
    import csv

    content.mkdir(parents=True, exist_ok=True)
    for table in schema.DECISION_TABLES:
        with open(data / table.path, encoding="utf-8-sig", newline="") as handle:
            for index, row in enumerate(csv.DictReader(handle)):
                body = "\n\n".join(f"**{name}**：{row[name]}" for name in table.column_names if row.get(name))
                (content / f"{table.key}-{index}.md").write_text(
                    f"Title: {row[table.party_column]}{table.title}决定（{row[table.id_column]}）\n"
                    f"Date: {row[table.date_column]}\nCategory: {table.title}\nSlug: {table.key}-{index}\n\n{body}\n",
                    encoding="utf-8",
                )


def baseline_build(data, workdir):
    content, output = workdir / "content", workdir / "output"
    if not content.exists():
        write_baseline_content(data, content)
    shutil.rmtree(output, ignore_errors=True)
    settings = workdir / "baseline.py"
    settings.write_text('SITENAME = "baseline"\nTIMEZONE = "Asia/Shanghai"\nDEFAULT_LANG = "zh"\n'
                        'FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\n'
                        'AUTHOR_FEED_RSS = None\nTRANSLATION_FEED_ATOM = None\nCACHE_CONTENT = False\n', encoding="utf-8")
    return measure([sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output)],
                   dict(os.environ), cwd=workdir, settle_beside=output)


def first_query_bytes(output):
    node = shutil.which("node")
    if not node:
        return None
    answer = subprocess.run([node, str(ROOT / "benchmarks" / "first_query.mjs"), str(output), "罚款"],
                            capture_output=True, text=True, check=True)
    return json.loads(answer.stdout)["bytes"]


def change_one_record(data):
    """Edit the facts of the newest published penalty: its search shard is the newest and largest."""
    import csv
    import io
    from datetime import date

    from pelican.settings import read_settings

    from disclosure import pipeline

    result = pipeline.run(read_settings(str(ROOT / "publishconf.py")), data, date.fromisoformat(AS_OF))
    newest = result.published["penalties"][0].id  # published lists are newest first
    path = data / schema.PENALTIES.path
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index(schema.PENALTIES.id_column)] == newest)
    row[header.index("违法事实")] += "（经复核补充说明。）"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def median(values):
    return statistics.median(values) if values else None


def run_size(n, runs, workroot, baseline_runs=None):
    """baseline_runs: how many of the runs also time plain Pelican (all when None, none when 0)."""
    data = workroot / f"data-{n}"
    write_dataset(data, n_decisions=n, seed=1)
    ours, baseline, checks = [], [], []
    output, reports = workroot / f"out-{n}", workroot / f"reports-{n}"
    baseline_runs = runs if baseline_runs is None else baseline_runs
    for run in range(runs):
        ours.append(our_build(data, output, reports))
        checks.append(leak_check(data, output, reports))
        if run < baseline_runs:
            baseline.append(baseline_build(data, workroot / f"baseline-{n}"))
    files, size = folder_stats(output)
    _, search_size = folder_stats(output / "pagefind")
    shards = len(json.loads((output / "pagefind" / "shards.json").read_text()))
    first_query = first_query_bytes(output)
    # Rebuild after one changed record: a first build fills the search-shard cache,
    # then only the shard holding the changed decision (and the newest) is indexed again.
    cache = workroot / f"search-cache-{n}"
    our_build(data, output, reports, cache)
    change_one_record(data)
    rebuild = our_build(data, output, reports, cache)
    stage_names = list(ours[0]["stages"])
    return {
        "n": n, "runs": runs, "baseline_runs": len(baseline), "cold_cache": all(r["cold_cache"] for r in ours),
        "wall": median([r["wall"] for r in ours]), "cpu": median([r["cpu"] for r in ours]),
        "peak_mb": median([r["peak_mb"] for r in ours]),
        "stages": {s: median([r["stages"][s]["wall_seconds"] for r in ours]) for s in stage_names},
        "files": files, "output_mb": size / 2**20, "search_mb": search_size / 2**20, "shards": shards,
        "first_query_kb": first_query / 1024 if first_query else None,
        "rebuild_wall": rebuild["wall"],
        "check_wall": median([r["wall"] for r in checks]), "check_peak_mb": median([r["peak_mb"] for r in checks]),
        "baseline_wall": median([r["wall"] for r in baseline]),
        "baseline_peak_mb": median([r["peak_mb"] for r in baseline]),
    }


def machine():
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))) / 2**20
    return f"{os.cpu_count()} 核 {model}，内存 {memory:.0f} GB，Python {platform.python_version()}，{platform.system()}"


STAGE_LABELS = {
    "load_validate_gate": "读取校验和闸门", "data_files_and_feeds": "数据文件和订阅", "render_pages": "页面",
    "statistics": "统计", "search_index": "搜索索引", "leak_check": "泄露检查",
    "leak_check_data": "泄露检查读取数据（与 Pelican 同时）",
    "leak_check_during_search": "泄露检查第一遍（与搜索索引同时）",
    "render_pages_beside": "另一进程写的页面（与数据文件、页面同时）",
    "pages_and_data_here": "本进程的数据文件和页面（从分出另一进程起）",
    "compliance_report": "公开情况报告（另一进程，同时）",
}
MARKERS = ("<!-- bench:start -->", "<!-- bench:end -->")


def baseline_count(result):
    """“（1 次）” when plain Pelican was timed fewer times than make build (--baseline-runs)."""
    count = result.get("baseline_runs", result["runs"])
    return f"（{count} 次）" if 0 < count < result["runs"] else ""


def report(results, command):
    def fmt(value, pattern="{:.1f}"):
        return "—" if value is None else pattern.format(value)

    lines = [
        f"机器：{machine()}", "",
        f"命令：`{command}`（每个规模取 {results[0]['runs']} 次的中位数；生成日期 {AS_OF}）", "",
        "每次计时前：等上一次生成在后台删除旧文件结束，sync，"
        + ("并清空页缓存（冷启动，与 CI 的新机器相同）。" if all(r["cold_cache"] for r in results)
           else "未能清空页缓存（需要 root），结果含上一次生成留下的缓存。"), "",
        "| 决定数 | 次数 | make build（秒） | CPU（秒） | 峰值内存（MB） | 其中泄露检查（秒） | 普通 Pelican（秒） | 倍数 |"
        " 普通 Pelican 内存（MB） | make check（秒） | 文件数 | 输出（MB） | 搜索索引（MB） | 分片 | 首次搜索下载（KB） |"
        " 改一条后重建（秒） |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        speedup = r["baseline_wall"] / r["wall"] if r["baseline_wall"] else None
        lines.append(
            f"| {r['n']:,} | {r['runs']} | {fmt(r['wall'])} | {fmt(r['cpu'])} | {fmt(r['peak_mb'], '{:,.0f}')} | "
            f"{fmt(r['stages'].get('leak_check'))} | {fmt(r['baseline_wall'])}{baseline_count(r)} | {fmt(speedup, '{:.1f}×')} | "
            f"{fmt(r['baseline_peak_mb'], '{:,.0f}')} | {fmt(r['check_wall'])} | {r['files']:,} | {fmt(r['output_mb'])} | "
            f"{fmt(r['search_mb'])} | {r['shards']} | {fmt(r['first_query_kb'], '{:.0f}')} | {fmt(r['rebuild_wall'])} |"
        )
    stages = list(results[0]["stages"])
    lines += ["", "`make build` 各阶段耗时（秒，中位数；`reports/build-timings.json` 每次生成都会写出）：", "",
              "| 决定数 | " + " | ".join(STAGE_LABELS.get(s, s) for s in stages) + " |",
              "|---|" + "---|" * len(stages)]
    for r in results:
        lines.append(f"| {r['n']:,} | " + " | ".join(fmt(r["stages"].get(s), "{:.2f}") for s in stages) + " |")
    return "\n".join(lines) + "\n"


def write_report(path, text):
    """Replace what lies between the markers in BENCHMARKS.md (the rest is written by hand);
    a file without them is written whole."""
    path = Path(path)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if MARKERS[0] in old and MARKERS[1] in old:
        head, rest = old.split(MARKERS[0], 1)
        tail = rest.split(MARKERS[1], 1)[1]
        text = f"{head}{MARKERS[0]}\n{text}{MARKERS[1]}{tail}"
    else:
        text = f"# 性能测试结果\n\n{MARKERS[0]}\n{text}{MARKERS[1]}\n"
    path.write_text(text, encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--baseline-runs", type=int, default=None,
                        help="time plain Pelican in only the first N runs (at 100,000 decisions one run takes 15 minutes)")
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args(argv)
    command = "python benchmarks/bench.py " + " ".join(sys.argv[1:] if argv is None else argv)
    prepare_make()
    with tempfile.TemporaryDirectory(prefix="disclosure-bench-") as workroot:
        results = []
        for n in args.sizes:
            print(f"N = {n:,} …", flush=True)
            results.append(run_size(n, args.runs, Path(workroot), 0 if args.no_baseline else args.baseline_runs))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    text = report(results, command.strip())
    write_report(args.output, text)
    print(text)


if __name__ == "__main__":
    main()
