"""The leak check's first pass, made while Pelican builds the search index (commands/build.py).

Pelican's generator creates a marker file (generator.PAGES_DONE_ENV, outside the site) once
the decision and list pages and the data files are written; the statistics pages, sitemap and
server files (a second's work) and Pagefind's bundle (pagefind/, most of a minute at 100,000
decisions) are still to come.
As soon as the marker is there, a thread here reads every file of the site but pagefind/,
noting each file's (size, mtime_ns) before reading it (checks/scanner.scan_pass). When Pelican
is done, the second pass reads only what is new or changed since, and pagefind/: the findings
are those of one full scan of the finished site.

After the first pass, and until Pelican is done, the thread reads the search index's files as
Pagefind's runs write them, shard by shard (a pass over pagefind/ every CATCH_UP_SECONDS): the
second pass is left with the last shards, and the core the last Pagefind run leaves idle reads
the others' bundles. A file read while being written is read again: its (size, mtime_ns) has
changed, or was too fresh to count (scanner.scan_pass).

If Pelican fails, the pass is cancelled (its worker processes terminated and joined); if the
marker never comes, nothing was scanned early and the whole scan happens after Pelican.
"""

import subprocess
import threading
import time

from ..checks import scanner
from ..checks.matcher import Book
from ..outputs.search import BUNDLE

POLL_SECONDS = 0.2
# The first pass runs in this process, in one thread, with no worker processes: Pelican (about
# 1 GB at 100,000 decisions) and Pagefind are still alive, and each forked worker would add the
# secrets' automaton to the process tree's memory (peak at 100,000 decisions: 3.3 GB with two
# workers, 2.7 GB with none, 2.5 GB without the early pass; the target is 3 GB). Pagefind keeps
# the other core busy for most of the stage, and one core reads the pages well within it.
FIRST_PASS_WORKERS = 1
EXCLUDED = (f"{BUNDLE}/",)  # being written while the first pass runs
CATCH_UP_SECONDS = 3


class EarlyScan:
    def __init__(self, site, marker, preparation, workers=FIRST_PASS_WORKERS):
        self.site, self.marker, self.preparation, self.workers = site, marker, preparation, workers
        self.cancelled = threading.Event()
        self.pelican_done = threading.Event()
        self.thread = self.error = self.prepared = self.book = self.first = self.bundle = None
        self.seconds = self.cpu_seconds = 0.0

    def wait_for(self, process):
        """Pelican's return code; starts the first pass as soon as the marker is there."""
        try:
            while True:
                try:
                    code = process.wait(timeout=POLL_SECONDS if self.thread is None else None)
                    self.pelican_done.set()
                    return code
                except subprocess.TimeoutExpired:
                    if self.marker.exists():
                        self.thread = threading.Thread(target=self._run, daemon=True)
                        self.thread.start()
        except BaseException:
            process.kill()
            process.wait()
            self.cancel()
            raise

    def _run(self):
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            self.prepared = self.preparation.result()  # normally there already
            self.book = Book(self.prepared)
            if not self.cancelled.is_set():
                self.first = scanner.scan_pass(self.site, self.book, self.workers, EXCLUDED, cancel=self.cancelled)
            while self.first is not None and not self.cancelled.is_set() and not self.pelican_done.wait(CATCH_UP_SECONDS):
                self.bundle = scanner.scan_pass(self.site, self.book, self.workers, earlier=self.bundle,
                                                cancel=self.cancelled, only=f"{BUNDLE}/") or self.bundle
            if self.first is not None and self.bundle is not None and not self.cancelled.is_set():
                self.first = scanner.merged(self.first, self.bundle)
        except BaseException as error:  # noqa: BLE001 - raised again in the main thread by result()
            self.error = error
        self.seconds = time.perf_counter() - started
        self.cpu_seconds = time.thread_time() - cpu + (self.first.worker_cpu_seconds if self.first else 0.0)

    @property
    def started(self):
        return self.thread is not None

    def result(self):
        """(BookData, Book, first ScanPass) once the pass is over; raises what it raised."""
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.prepared, self.book, self.first

    def cancel(self):
        """Stop the pass (its workers are terminated when it next looks) and wait for it."""
        self.cancelled.set()
        if self.thread is not None:
            self.thread.join()
