"""行政执法公示 column: load → validate → gate → pages, data files, feeds, sitemap, search index."""

from pelican import signals

from .generator import DisclosureGenerator, install_template_helpers


def get_generators(pelican_object):
    return DisclosureGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(install_template_helpers)
