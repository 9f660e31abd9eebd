"""Stage timings of one build, for admins and the benchmark (reports/build-timings.json).

Wall-clock durations live only in the report folder, never in the site, so
builds stay byte-identical.
"""

import json
import resource
import time
from contextlib import contextmanager
from pathlib import Path

STAGES = {}


@contextmanager
def stage(name):
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        STAGES[name] = {
            "wall_seconds": round(time.perf_counter() - started_wall, 3),
            "cpu_seconds": round(time.process_time() - started_cpu, 3),
        }


def measured(name, seconds):
    """A stage timed in another process (outputs/beside.py): seconds is its (wall, cpu)."""
    if seconds:
        STAGES[name] = {"wall_seconds": round(seconds[0], 3), "cpu_seconds": round(seconds[1], 3)}


def write(report_dir):
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    payload = {"stages": STAGES, "peak_rss_mb": {"python": peak_self // 1024, "children": peak_children // 1024}}
    Path(report_dir).mkdir(parents=True, exist_ok=True)
    (Path(report_dir) / "build-timings.json").write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")


def record(report_dir, name, wall_seconds, cpu_seconds):
    """Add a stage timed outside Pelican (the leak check in commands/build.py) to the report."""
    path = Path(report_dir) / "build-timings.json"
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        payload = {"stages": {}}
    payload.setdefault("stages", {})[name] = {
        "wall_seconds": round(wall_seconds, 3), "cpu_seconds": round(cpu_seconds, 3),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
