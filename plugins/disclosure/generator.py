"""The Pelican generator that publishes the column's data pages."""

import logging
import os
import shutil
import sys
import time
from fractions import Fraction

from pelican.generators import Generator

from . import pipeline, timings
from .checks.compliance import add_calendar_warnings, build_report, write_report
from .content.sanitize import sanitize_html
from .data.problems import DisclosureDataError
from .data.schema import DECISION_TABLES, TABLES_BY_KEY
from .outputs.beside import Beside
from .outputs.exports import export_records, export_tables, terms_of_use
from .outputs.favicon_robots import FAVICON, FAVICON_TYPE, favicon_svg, write_favicon_and_robots
from .outputs.feeds import write_feeds
from .outputs.pages import PageWriter, cn_date, write_all, write_statistics_pages
from .outputs.search import KEEP_SCRATCH_ENV, build_search_index, copies_folder
from .outputs.servermap import (
    CONTENT_SECURITY_POLICY_META,
    CONTENT_SECURITY_POLICY_SEARCH_META,
    write_server_files,
)
from .outputs.sitemap import write_sitemap
from .outputs.statistics import yearly_statistics
from .outputs.withdrawals import register_resource, write_withdrawal_register
from .rules.gate import STATE_LABELS

# commands/build.py names a file here (outside the site) that is created once every file but the
# search index is written, so its leak check can read them while Pagefind runs.
PAGES_DONE_ENV = "DISCLOSURE_PAGES_DONE"


def install_template_helpers(generator):
    """Every generator's Jinja environment (Pelican's pages and ours) gets the one
    reviewed path for content HTML and the page's Content-Security-Policy."""
    generator.env.filters["sanitized_html"] = sanitize_html
    generator.env.globals["CONTENT_SECURITY_POLICY"] = CONTENT_SECURITY_POLICY_META
    generator.env.globals["CONTENT_SECURITY_POLICY_SEARCH"] = CONTENT_SECURITY_POLICY_SEARCH_META


class DisclosureGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Templates do not change during a build: without this Jinja stats base.html and
        # macros.html again for each of 100,000 pages (a rebuild makes a new generator).
        self.env.auto_reload = False
        # The one context name macros.html reads, for templates that import it without context
        # (decision.html: one module per build instead of one per page). Our pages' context
        # holds the same SITEURL.
        self.env.globals["SITEURL"] = self.settings["SITEURL"]
        self.env.globals["cn_date"] = cn_date
        # The data is loaded, validated and gated here, in __init__, because
        # Pelican empties the output folder after creating the generators and
        # before generate_context: bad data must stop the build while the
        # previous site is still intact.
        try:
            with timings.stage("load_validate_gate"):
                pipeline.check_paths(self.settings)
                self.result = pipeline.run(self.settings)
                pipeline.check_content(self.settings, self.result)
                self.favicon = favicon_svg(self.settings.get("SITE_FAVICON_COLOR", "#a61b1b"))
        except DisclosureDataError as error:
            # Printed plainly: Pelican's log handler wraps and cuts long lines.
            print(error.report(), file=sys.stderr, flush=True)
            if logging.getLogger().isEnabledFor(logging.DEBUG):
                raise DisclosureDataError(error.problems, brief=True) from None
            # SystemExit passes Pelican's catch-all, which would log the error in
            # English with a traceback; the admin has the Chinese list above.
            raise SystemExit(error.exitcode) from None
        self.report_dir = pipeline.resolve_report_dir(self.settings)
        # The compliance report (about 3 s of one core at 100,000 decisions) is written by a
        # forked process while this one goes on; generate_output waits for it, so a failure
        # still fails the build. Its calendar warnings are added here first: this process
        # prints result.warnings.
        add_calendar_warnings(self.result, self.settings)
        self.report = Beside(lambda: write_report(build_report(self.result, self.settings), self.report_dir))

    def _write_beside(self, urls, pages, register):
        result, output = self.result, self.output_path
        for table in DECISION_TABLES:
            export_records(result.published[table.key], output, result.as_of, self.settings)
        writer = PageWriter(self.get_template, self.context, output, copies_folder(output))
        writer.only = urls
        write_all(writer, result, pages, self.settings, register)

    def generate_context(self):
        self.context["AS_OF"] = self.result.as_of
        self.context.update(FAVICON=FAVICON, FAVICON_TYPE=FAVICON_TYPE)

    def generate_output(self, writer):
        result, settings, output = self.result, self.settings, self.output_path
        pages = self.context.get("pages", [])
        # Pagefind reads each page's search copy (outputs/search.py), written beside the page.
        shutil.rmtree(copies_folder(output), ignore_errors=True)
        page_writer = PageWriter(self.get_template, self.context, output, copies_folder(output))
        # Both processes write pages that list the withdrawals: the register is worked out before the fork.
        register = write_withdrawal_register(result, output, settings)
        # A second process writes the one-row JSON downloads and a share of the decision pages
        # (the same code, so the same bytes) from here on, while this one writes the data files,
        # the feeds (only data/index.html, written here, shows them) and the other pages. So the
        # walls of data_files_and_feeds and render_pages below overlap the forked process's
        # (render_pages_beside) rather than following one another.
        page_writer.delegated = beside_share(result)
        beside = Beside(lambda: self._write_beside(page_writer.delegated, pages, register))
        forked = time.perf_counter(), time.process_time()
        with timings.stage("data_files_and_feeds"):
            data_files = export_tables(result, output, settings, [register_resource()])
            feeds = write_feeds(result, output, settings)
        self.context.update(data_files=data_files, feeds=feeds)
        with timings.stage("render_pages"):
            write_all(page_writer, result, pages, settings, register)
            page_writer.write("data/index.html", "data_download", files=data_files, terms=terms_of_use(settings))
            # This process's own share, from the fork: set beside render_pages_beside to balance the split.
            timings.measured("pages_and_data_here", (time.perf_counter() - forked[0], time.process_time() - forked[1]))
            beside.wait()
        # The leak check's first pass may start (commands/early_scan.py): what is written from
        # here on (statistics, sitemap, server files, search index) its later passes read as new.
        signal_pages_done()
        timings.measured("render_pages_beside", beside.seconds)
        self.report.wait()
        timings.measured("compliance_report", self.report.seconds)
        with timings.stage("statistics"):
            statistics = yearly_statistics(result, settings["DISCLOSURE_STATS_MIN_DECISIONS"])
            write_statistics_pages(page_writer, statistics)
        write_sitemap(output, settings["SITE_ORIGIN"], settings["SITEURL"], page_writer.written + [p.url for p in pages])
        write_server_files(output, settings["SITEURL"], result.notices)
        write_favicon_and_robots(output, settings, self.favicon)
        decisions = [(r.date, r.url) for t in DECISION_TABLES for r in result.published[t.key]]
        decision_urls = {url for _, url in decisions}
        other_pages = [url for url in page_writer.written if url not in decision_urls] + [p.save_as for p in pages]
        with timings.stage("search_index"):
            shards = build_search_index(
                output, other_pages, decisions, settings["DISCLOSURE_SEARCH_SHARD_PAGES"],
                cache_dir=os.environ.get("DISCLOSURE_SEARCH_CACHE", settings["DISCLOSURE_SEARCH_CACHE"]),
                keep_scratch=bool(os.environ.get(KEEP_SCRATCH_ENV)),
            )
        timings.write(self.report_dir)
        for warning in result.warnings:
            print(f"警告：{warning}", file=sys.stderr)
        print("\n".join(summary_lines(result)))
        reused = sum(shard.cached for shard in shards)
        print(f"搜索索引：{len(shards)} 个分片（{reused} 个内容未变，沿用上次的索引），共 {sum(len(s.pages) for s in shards)} 个页面")
        print(f"公开情况报告：{self.report_dir}/compliance.html")


# The share of each decision table's pages the forked process writes, beside all one-row JSON
# downloads. Chosen by measurement so that both processes end together: this process also
# writes the data files and feeds (about 9 s of CPU at 100,000 decisions) and every list,
# filter and other page, and a page costs the forked process more (its first touch of each
# record copies memory). CPU seconds from the fork at 100,000 decisions, render_pages_beside
# against pages_and_data_here: 3/5 gave 25.2 and 28.5, 16/25 gave 29.2 and 27.0, 5/8 gave
# 27.1 and 27.3. (Every third page, before the fork moved ahead of the data files, left
# this process last by about 10 s.) Since each decision page also has its search copy
# (outputs/search.py), 5/8 gave 33.2 and 37.3, and 4/7 32.2 and 29.8: 3/5.
BESIDE_DECISION_SHARE = Fraction(3, 5)


def beside_share(result):
    """The decision pages the forked process writes, spread evenly over each table."""
    share = BESIDE_DECISION_SHARE
    return {
        record.url for table in DECISION_TABLES for i, record in enumerate(result.published[table.key])
        if (i + 1) * share // 1 > i * share // 1
    }


def summary_lines(result):
    lines = [f"公示生成日期：{result.as_of}"]
    for key, counts in result.counts().items():
        states = "，".join(f"{STATE_LABELS[state]} {n}" for state, n in counts.items() if n)
        lines.append(f"  {TABLES_BY_KEY[key].title}：{states}")
    if result.warnings:
        lines.append(f"  警告 {len(result.warnings)} 条（见上方）")
    if result.next_change:
        lines.append(f"下次内容变化日期（须在当天重新生成网站）：{result.next_change}")
    return lines


def signal_pages_done():
    """Create the file named by PAGES_DONE_ENV, if it is set: the decision and list pages and the
    data files are written; the statistics pages, sitemap, server files and search index
    (pagefind/) are still to come."""
    marker = os.environ.get(PAGES_DONE_ENV)
    if marker:
        open(marker, "a", encoding="utf-8").close()
