"""Benchmark of the city portal: N agencies × D decisions, each agency built by the normal
build command (JOBS at once, xargs -P, as `make city` does), then the portal over them.

    .venv/bin/python benchmarks/portal_bench.py --agencies 50 --decisions 2000   # the issue's target size
    .venv/bin/python benchmarks/portal_bench.py --agencies 2 --decisions 30       # proves it works

Reports the wall time and peak memory of each agency build (and their sum), of the
portal build, the bytes a browser downloads for a first search over all agencies (merged
bundles, as the portal's search does, and separate instances, the alternative), and,
up to --reindex-limit decisions in all, Pagefind re-indexing every agency's pages into
one index: the other way to a city-wide search, measured to choose between them.
Peak memory is /usr/bin/time's maximum resident set of the process (and, for Pagefind,
of the indexer itself). Everything is written under --work (default: a temporary folder).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from disclosure.portal.city import write_agency  # noqa: E402

AS_OF = "2026-11-20"
TIME = "/usr/bin/time"


def identities(count):
    """(slug, name, 文书号 prefix, certificate letters, organisation code body, seed) per agency."""
    for i in range(count):
        letters = chr(65 + i // 26 % 26) + chr(65 + i % 26)
        yield f"a{i:03d}", f"示例市第{i + 1}执法局", f"示{i + 1:03d}局", letters, f"{20000000 + i:08d}", 1000 + i


def timed(command, log, env=None):
    """Run command under /usr/bin/time; (wall seconds, peak RSS MB)."""
    subprocess.run([TIME, "-f", "%e %M", "-o", str(log)] + command, cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall, peak_kb = log.read_text().split()[-2:]
    return float(wall), int(peak_kb) / 1024


def environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCLOSURE_", "PORTAL_"))}
    env.update(PYTHONPATH=str(ROOT / "plugins"), DISCLOSURE_AS_OF=AS_OF, PORTAL_AS_OF=AS_OF)
    return env


def build_agencies(work, slugs, jobs):
    """All agencies with xargs -P (no scheduler of ours); each build timed on its own."""
    script = (f'{TIME} -f "%e %M" -o {work}/times/$0 {sys.executable} -m disclosure.commands.build '
              f'--settings {work}/agencies/$0/agencyconf.py --output {work}/www/$0 >{work}/logs/$0.log 2>&1')
    (work / "times").mkdir(exist_ok=True)
    (work / "logs").mkdir(exist_ok=True)
    started = time.perf_counter()
    process = subprocess.run(["xargs", "-P", str(jobs), "-n", "1", "sh", "-c", script], input="\n".join(slugs),
                             text=True, cwd=ROOT, env=environment())
    if process.returncode != 0:
        failed = [slug for slug in slugs if not (work / "www" / slug / "index.html").exists()]
        for slug in failed:
            print(f"== {slug}\n" + (work / "logs" / f"{slug}.log").read_text(encoding="utf-8")[-3000:], file=sys.stderr)
        raise SystemExit(f"{len(failed)} agency builds failed: {', '.join(failed)}")
    wall = time.perf_counter() - started
    builds = [(float(w), int(m) / 1024) for w, m in
              ((work / "times" / slug).read_text().split()[-2:] for slug in slugs)]
    return wall, builds


def first_search(portal, mode):
    node = shutil.which("node")
    if not node:
        return None
    answer = subprocess.run([node, str(ROOT / "benchmarks" / "portal_first_search.mjs"), str(portal), "罚款", mode],
                            capture_output=True, text=True, check=True)
    return json.loads(answer.stdout)["bytes"] / 1024


def reindex(work, slugs):
    """Pagefind over every agency's pages at once (hard links), as a portal re-index would."""
    from pagefind_bin_extended import get_executable

    farm = work / "reindex-site"
    for slug in slugs:
        source = work / "www" / slug
        for page in source.rglob("*.html"):
            target = farm / slug / page.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(page, target)
    return timed([str(get_executable()), "--site", str(farm), "--output-path", str(work / "reindex-bundle"),
                  "--force-language", "zh-cn", "--quiet"], work / "times-reindex")


def run(agencies, decisions, jobs, work, reindex_limit):
    listing = []
    for slug, name, prefix, letters, body, seed in identities(agencies):
        write_agency(work / "agencies" / slug, slug, name, prefix, letters, body, seed, decisions)
        listing.append({"slug": slug, "name": name, "output": str(work / "www" / slug), "url": f"/{slug}"})
    (work / "agencies.json").write_text(json.dumps(listing, ensure_ascii=False), encoding="utf-8")
    slugs = [entry["slug"] for entry in listing]
    agencies_wall, builds = build_agencies(work, slugs, jobs)
    env = environment()
    env["PORTAL_AGENCIES_FILE"] = str(work / "agencies.json")
    portal = work / "www" / "portal"
    portal_wall, portal_mb = timed([sys.executable, "-m", "disclosure.portal.build", "--settings", str(ROOT / "portalconf.py"),
                                    "--output", str(portal)], work / "times-portal", env)
    result = {
        "agencies": agencies, "decisions_per_agency": decisions, "jobs": jobs,
        "agency_builds_wall": round(agencies_wall, 1), "agency_builds_sum": round(sum(w for w, _ in builds), 1),
        "agency_build_peak_mb": round(max(m for _, m in builds)),
        "portal_wall": round(portal_wall, 1), "portal_peak_mb": round(portal_mb),
        "portal_mb_on_disk": round(sum(p.stat().st_size for p in portal.rglob("*") if p.is_file()) / 2**20, 1),
        "first_search_kb_merged": first_search(portal, "merged"), "first_search_kb_separate": first_search(portal, "separate"),
    }
    if agencies * decisions <= reindex_limit:
        wall, peak = reindex(work, slugs)
        result.update(reindex_wall=round(wall, 1), reindex_peak_mb=round(peak))
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description="全市平台的基准测试：N 个机关各 D 条决定。")
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument("--decisions", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2, help="同时生成的机关数（xargs -P）")
    parser.add_argument("--work", type=Path, help="工作目录（默认临时目录，结束后删除）")
    parser.add_argument("--reindex-limit", type=int, default=20000,
                        help="决定总数不超过此数时，另测 Pagefind 重新索引全部页面（内存随页面数增长）")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="portal-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        result = run(args.agencies, args.decisions, args.jobs, work.resolve(), args.reindex_limit)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
