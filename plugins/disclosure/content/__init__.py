"""The Markdown side of the column: service guides, ```flow charts and document samples.

Checks what agencies write by hand and turns flowchart text into SVG. May import
`data` (problems, decoding, dates) only; it knows nothing of the gate or of outputs.
"""
