"""Checks that sit on top of a build: the leak scanner and the compliance report.

The scanner re-runs the pipeline and reads the built site independently of the
outputs; the report summarises the gate's decisions for the agency. May import
`pipeline`, `data`, `rules` and `outputs`, never `commands` or the generator.
"""
