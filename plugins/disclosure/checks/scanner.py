"""Leak check: read every file of a built or deployed site and look for what the gate withheld.

    make check                      # the example site in output/
    PYTHONPATH=plugins python -m disclosure.checks.scanner output --settings publishconf.py

What counts as a secret
    From the validated records and the gate's decision on each (pipeline.run_with_records):
    every withheld record's (withdrawn, expired, scheduled, excluded) 编号/文书号, its party's
    name (an organisation), codes (行政相对人代码_1…_6) and 法定代表人; every natural person's
    full name, in any state; every identity document number (证件号码, 法定代表人证件号码).
    And, independently of the loader, from a second raw read of every file in the data
    folder (`raw_secrets`): in CSV files, read with the csv module, every cell of a column
    whose header reads like 证件号码 or 文书号 in any spelling (an unpublished 文书号 only);
    in every file, CSV or workbook (its zipped XML; an old .xls as UTF-16 text), every cell
    shaped like a resident ID number. A header mistake cannot blind both reads.

    Not secrets: anything that is also a public value in the gate's published output (an
    officer on duty, a published company's 法定代表人, an authority, a published record's id:
    a person who shares a name with one of these cannot be told apart from it), values too
    generic to mean anything alone (an identifier shorter than 6 characters, or with fewer
    than 8 digits and fewer than 2 letters: the 编号 “2” of a repealed 清单 item), names of
    one character. A two-character personal name (程建, 高新) is also part of everyday words
    (工程建设, 高新区): it counts only in the files of its own record (the record's page, its
    JSON and its search fragment). A secret inside a longer public value that is present
    around it (田强 in the officer 田强华) is not a leak.

    Unmasked personal numbers are found by their shape as well: 18-digit resident IDs
    (valid date and check digit), 15-digit first-generation IDs (valid province and date),
    mobile numbers, bank cards (16–19 digits, Luhn, issuer 3–6), passports and
    港澳台 permits; digits may be grouped by hyphens, and spaces are removed before
    matching. Numbers that are public values, record page names (the 16-hex-digit slugs) or
    valid 统一社会信用代码 are not findings. Landlines are not looked for: the agency's own
    service numbers are public on many pages.

Normalisation
    Text is matched in one view: whitespace (also U+3000 and the zero-width space that
    Pagefind puts between words) and brackets ()[]（）［］【】〔〕〖〗 removed, HTML entities,
    JSON \\u escapes and URL %-escapes undone. A text holding any character that
    `rules.masking.normalize` changes (full-width digits and letters, zero-width and other
    format characters, middle-dot variants, other spaces and digits) is matched through
    `normalize` itself. Secrets are put in the matcher in both forms. So 王　芳, 王 芳,
    王\\u200b芳, １１０１０５…, 110105 19491231 002X and 示发改罚[2025]21号 all match.

Which files are read
    Every file, except the program files that no data reaches: the theme's static files
    when they are byte-identical to the theme's (theme/js/search.js holds a 文书号 in a
    comment), Pagefind's own .js/.css/WebAssembly, images and fonts. HTML, XML, SVG, CSV,
    JSON, text, Pagefind fragments (gzip) are read whole, markup and attribute values
    included; Pagefind's binary index files (gzip) for secret values only; .docx/.xlsx/
    .pptx/.odt/.ods (zip + XML) and .pdf (pypdf) document samples by their text; legacy
    .doc/.xls/.wps/.et only as UTF-16 text, for secret values, as well as it goes. A file
    that cannot be read is a finding.

Speed
    One pass per file with an Aho–Corasick automaton (ahocorasick-rs, the Rust crate, as a
    contiguous NFA: four times faster than pyahocorasick, a DFA would take 0.8 GB at 100,000
    decisions) holding every secret with a Chinese character in it, over the UTF-8 bytes of
    the view without ASCII letters and punctuation (markup is half a page); the characters
    that send a text through `normalize` are keys of the same automaton. A document
    sample's text goes the same way as a page's. Numbers and codes are looked up
    in sets, at the runs of digits that plain byte searches find. Files are scanned by one
    process per core. `commands/build.py` gathers the secrets in a child process while
    Pelican builds (`Preparation`), and scans in two passes (`scan_pass`): the first over
    every file but pagefind/ while Pelican builds the search index, noting each file's
    (size, mtime_ns) before reading it; the second, after Pelican, over the files that are
    new or whose (size, mtime_ns) changed, and pagefind/. A file whose mtime was less than a
    second old when the first pass read it is read again (a coarse file system clock could
    give a rewrite the same mtime). `make check` scans in one pass.

Each finding names the file and the record (table, data file and row, state), and shows
the secret only in part (示发改*********号), so CI logs do not carry it.
"""

import argparse
import multiprocessing
import os
import sys
import threading
import time
from pathlib import Path
from typing import NamedTuple

from ..data.problems import DisclosureDataError
from .matcher import Book
from .reading import page_of, scan_file
from .secrets import BookData, collect

# -- scanning a site -----------------------------------------------------------------------------

_WORKER = None  # (book, site, earlier) in the scanning processes, inherited through fork; one scan at a time
# A file whose mtime is this close to the clock may still be rewritten within the same tick of
# the file system's coarse clock, keeping its (size, mtime_ns): it is not remembered as read.
_SETTLED_NS = 1_000_000_000


class ScanPass(NamedTuple):
    findings: list  # [(relative file, finding)], sorted, for every file listed (earlier passes included)
    seen: dict  # {relative file: (size, mtime_ns)} taken before reading it; settled files only
    read: int  # files read by this pass
    worker_cpu_seconds: float  # CPU of the worker processes (the calling thread's is the caller's to take)


def _file_state(path):
    try:
        stat = os.stat(path)
    except OSError:
        return None  # scan_file reports it as unreadable
    return stat.st_size, stat.st_mtime_ns


def _scan_files(files):
    """(findings, {file: state} of the files read, [files left as the earlier pass read them], CPU)."""
    book, site, earlier = _WORKER
    started = time.thread_time()
    findings, seen, kept = [], {}, []
    for relative in files:
        settled = time.time_ns() - _SETTLED_NS  # the clock before the file's state, the state before its bytes
        state = _file_state(os.path.join(site, relative))
        if state is not None and earlier.get(relative) == state:
            kept.append(relative)
            continue
        try:
            findings += scan_file(book, site, relative)
        except Exception as error:  # noqa: BLE001 - a file that cannot be read cannot be cleared
            findings.append((relative, f"无法读取（{type(error).__name__}：{error}），不能确认其中没有不应公开的信息"))
        if state is not None and state[1] < settled:
            seen[relative] = state
    return findings, seen, kept, time.thread_time() - started


def site_files(site, exclude=(), only=None):
    """(site-relative paths of every file, sorted; the large ones among them, biggest first).

    exclude: folder prefixes ("pagefind/") left out; only: the one folder ("pagefind/") to list.
    Sizes are asked for only in folders of up to 2,000 files (the data downloads' folder, not the
    folders of one page per decision), to plan the work, nothing else.
    """
    files, large, folders = [], [], [(os.path.join(site, only), only) if only else (str(site), "")]
    if only and not os.path.isdir(folders[0][0]):
        return [], []
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as scan:
            entries = list(scan)
        names = [e for e in entries if e.is_file(follow_symlinks=False) or (e.is_symlink() and not e.is_dir())]
        folders += [(e.path, f"{prefix}{e.name}/") for e in entries if e.is_dir(follow_symlinks=False)
                    and not f"{prefix}{e.name}/".startswith(tuple(exclude))]
        for entry in names:
            relative = prefix + entry.name
            if len(names) <= 2000 and entry.stat().st_size > 1 << 20:
                large.append((entry.stat().st_size, relative))
            else:
                files.append(relative)
    return sorted(files), [f for _, f in sorted(large, reverse=True)]


def _fork_context():
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def worker_count():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def scan_site(site, book, workers=None):
    """[(relative file, finding)], sorted, for every file of a site; one process per core."""
    return scan_pass(site, book, workers).findings


def scan_pass(site, book, workers=None, exclude=(), earlier=None, cancel=None, only=None):
    """One pass over the files of a site (but the folders in exclude; or only those in the folder
    `only`); a ScanPass, or None when cancel (a threading.Event) is set, its workers then gone.

    earlier: a ScanPass over the same site. A file whose (size, mtime_ns) is still the one that
    pass saw before reading it is not read again, and that pass's findings in it stand; every
    other file, new or changed, is read. commands/build.py makes a first pass while Pelican
    builds the search index and this second one when Pelican is done.
    """
    global _WORKER
    site = Path(site)
    files, large = site_files(site, exclude, only)
    workers = workers or worker_count()
    context = _fork_context()
    # The large files (data downloads) first, one to a task, so no worker is left with one at
    # the end; then the rest in tasks of 500.
    chunks = [[f] for f in large] + [files[i:i + 500] for i in range(0, len(files), 500)]
    _WORKER = (book, str(site), earlier.seen if earlier else {})
    try:
        if workers <= 1 or context is None or len(files) < 2000:
            parts, in_workers = _gather(map(_scan_files, chunks), cancel), False
        else:
            with context.Pool(workers) as pool:  # leaving it terminates and joins the workers
                parts, in_workers = _gather(pool.imap_unordered(_scan_files, chunks), cancel), True
    finally:
        _WORKER = None
    if parts is None:
        return None
    findings = [f for part in parts for f in part[0]]
    seen = {relative: state for part in parts for relative, state in part[1].items()}
    kept = {relative for part in parts for relative in part[2]}
    if earlier:
        findings += [f for f in earlier.findings if f[0] in kept]
        seen.update((relative, earlier.seen[relative]) for relative in kept)
    return ScanPass(sorted(findings), seen, sum(len(c) for c in chunks) - len(kept),
                    sum(part[3] for part in parts) if in_workers else 0.0)


def merged(one, other):
    """One ScanPass from two over different files (a pass over the site but pagefind/, and one over pagefind/)."""
    return ScanPass(sorted(one.findings + other.findings), {**one.seen, **other.seen}, one.read + other.read,
                    one.worker_cpu_seconds + other.worker_cpu_seconds)


def _gather(parts, cancel):
    gathered = []
    for part in parts:
        if cancel is not None and cancel.is_set():
            return None
        gathered.append(part)
    return gathered


def scan(site, secrets, allowed=(), own_file_secrets=None):
    """Scan for given values (value → description) only; allowed: public values that shield
    the secrets inside them; own_file_secrets: {site-relative file: {value: description}}."""
    data = BookData(filter_public=False, public=set(allowed))
    data.secrets = [(value, description, "给定的值", None) for value, description in secrets.items()]
    for relative, values in (own_file_secrets or {}).items():
        page = page_of(relative) or relative
        data.secrets += [(value, description, "给定的值", page) for value, description in values.items()]
    return scan_site(site, Book(data))


class Preparation:
    """The secrets, gathered in a child process while something else runs (Pelican, in
    commands/build.py): the data is read once more, independently of the build. A thread
    takes them in as soon as they are sent, so the child, which holds a copy of all the
    data, is gone long before Pelican's busiest stage (the search index)."""

    def __init__(self, settings, data_dir=None, as_of=None):
        self.arguments = (settings, data_dir, as_of)
        self.data = self.process = self.thread = None
        context = _fork_context()
        if context is None:
            return
        receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_prepare_in_child, args=(sender, *self.arguments), daemon=True)
        self.process.start()
        sender.close()
        self.thread = threading.Thread(target=self._receive, args=(receiver,), daemon=True)
        self.thread.start()

    def _receive(self, receiver):
        try:
            self.data = receiver.recv()
        except (EOFError, OSError):
            self.data = None
        finally:
            receiver.close()

    def result(self):
        """BookData; gathered here if the child could not (it then raises the data's errors)."""
        if self.process is not None:
            self.thread.join()
            self.process.join()
            self.process = None
            if isinstance(self.data, BookData):
                return self.data
        return collect(*self.arguments)

    def cancel(self):
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.process = None


def _prepare_in_child(sender, settings, data_dir, as_of):
    try:
        sender.send(collect(settings, data_dir, as_of))
    except BaseException:  # noqa: BLE001 - the parent gathers again and reports the error
        sender.send(None)
    finally:
        sender.close()


def check_site(site, settings, data_dir=None, as_of=None, prepared=None, workers=None):
    """[(relative file, finding)] for a built or deployed site; [] when nothing leaks.

    prepared: a Preparation started earlier (or BookData) for the same settings and data.
    """
    if prepared is None:
        # In a child process: its copy of all the data is gone before the scan's workers
        # start, each of which would otherwise carry it.
        prepared = Preparation(settings, data_dir, as_of)
    if isinstance(prepared, Preparation):
        prepared = prepared.result()
    return scan_site(site, Book(prepared), workers)


def main(argv=None):
    from pelican.settings import read_settings

    parser = argparse.ArgumentParser(description="检查生成或已部署的网站中是否泄露了不应公开的信息。")
    parser.add_argument("site", help="网站目录，如 output")
    parser.add_argument("--settings", default="publishconf.py")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        findings = check_site(args.site, read_settings(args.settings))
    except DisclosureDataError as error:
        print(error.report(), file=sys.stderr)
        return error.exitcode
    for name, finding in findings:
        print(f"{args.site}/{name}：{finding}", file=sys.stderr)
    if findings:
        print(f"泄露检查未通过：发现 {len(findings)} 处不应公开的信息。", file=sys.stderr)
        return 1
    print(f"泄露检查通过：{args.site} 中没有发现不应公开的信息（{time.perf_counter() - started:.1f} 秒）。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
