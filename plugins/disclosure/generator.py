"""The Pelican generator that publishes the column's data pages."""

import logging
import sys

from pelican.generators import Generator

from . import pipeline
from .gate import STATE_LABELS
from .schema import TABLES_BY_KEY
from .compliance import build_report, write_report
from .exports import export_tables
from .problems import DisclosureDataError
from .pages import PageWriter, write_all
from .servermap import write_server_files
from .sitemap import write_sitemap

logger = logging.getLogger(__name__)


class DisclosureGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The data is loaded, validated and gated here, in __init__, because
        # Pelican empties the output folder after creating the generators and
        # before generate_context: bad data must stop the build while the
        # previous site is still intact.
        try:
            self.result = pipeline.run(self.settings)
        except DisclosureDataError as error:
            # Printed plainly: Pelican's log handler wraps and cuts long lines.
            print(error.report(), file=sys.stderr, flush=True)
            raise DisclosureDataError(error.problems, brief=True) from None
        self.report_dir = pipeline.resolve_report_dir(self.settings)
        write_report(build_report(self.result), self.report_dir)
        self.data_files = []

    def generate_context(self):
        self.context["disclosure"] = self.result
        self.context["AS_OF"] = self.result.as_of

    def generate_output(self, writer):
        self.data_files = export_tables(self.result, self.output_path)
        self.context["data_files"] = self.data_files
        pages = self.context.get("pages", [])
        page_writer = PageWriter(self.get_template, self.context, self.output_path)
        write_all(page_writer, self.result, pages, self.settings)
        page_writer.write("data/index.html", "data_download", files=self.data_files)
        write_sitemap(
            self.output_path, self.settings["SITE_ORIGIN"], self.settings["SITEURL"],
            page_writer.written + [p.url for p in pages],
        )
        write_server_files(self.output_path, self.settings["SITEURL"], self.result.notices)
        for warning in self.result.warnings:
            logger.warning(warning)
        print("\n".join(summary_lines(self.result)))
        print(f"公开情况报告：{self.report_dir}/compliance.html")


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
