"""Run part of the writing in a second process, beside the build's own.

Pelican renders on one core; a build machine has two or more. The one-row JSON
downloads and a share of the decision pages are written by a forked copy of the
generator (same gate result, same templates and context, so the same bytes),
while the build goes on with the rest. Which process writes a file changes
nothing in it: the output stays byte-identical.
"""

import multiprocessing
import sys
import time
import traceback


class Beside:
    """job() in a forked process; wait() returns when it is done and raises if it failed.
    Without fork (Windows), job() runs here, at once. After wait(), `seconds` holds the
    job's (wall, cpu) seconds in its process, for the build's timings."""

    def __init__(self, job):
        self.process, self.seconds = None, None
        if "fork" not in multiprocessing.get_all_start_methods():
            self.seconds = _timed(job)
            return
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_run, args=(job, send), daemon=True)
        self.process.start()
        send.close()

    def wait(self):
        if self.process is None:
            return
        self.process.join()
        code, self.process = self.process.exitcode, None
        if code != 0:
            raise RuntimeError(f"并行写出的进程失败（退出码 {code}），网站未生成完整；错误见上方。")
        self.seconds = self.receive.recv() if self.receive.poll() else None
        self.receive.close()


def _timed(job):
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    job()
    return time.perf_counter() - started_wall, time.process_time() - started_cpu


def _run(job, send):
    try:
        send.send(_timed(job))
    except BaseException:  # noqa: BLE001 - reported here, and by the exit code to the parent
        traceback.print_exc()
        sys.stderr.flush()
        raise SystemExit(1) from None
