"""行政执法公示 column: load → validate → gate → pages, data files, sitemap, search index."""

from pelican import signals

from . import timings
from .generator import DisclosureGenerator
from .pipeline import resolve_report_dir
from .search import build_search_index


def get_generators(pelican_object):
    return DisclosureGenerator


def index_search(pelican_object):
    with timings.stage("search_index"):
        build_search_index(pelican_object.output_path)
    timings.write(resolve_report_dir(pelican_object.settings))


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_search)
