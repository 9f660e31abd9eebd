"""Deterministic synthetic data for the example site, the tests and the benchmarks.

Reads the schema so the data it writes always matches the input contract; nothing
in the build imports it.
"""
