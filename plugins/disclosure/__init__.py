"""行政执法公示 column: load → validate → gate → pages, data files, sitemap, search index."""

from pelican import signals

from .generator import DisclosureGenerator
from .search import build_search_index


def get_generators(pelican_object):
    return DisclosureGenerator


def index_search(pelican_object):
    build_search_index(pelican_object.output_path)


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_search)
