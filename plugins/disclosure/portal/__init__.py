"""The city portal: many agencies' published columns merged into one 行政执法信息公示平台.

A separate flow, after the agencies' own builds: it reads only what each agency's
`make build` published (the data package and its CSV/JSON files, the search
bundles) from folders, and writes the portal (home page of agencies, merged open
data, one certificate check, one search, city statistics). It never reads an
agency's raw data and never runs the gate, so it can only show what an agency's gate
already let through. Imports only the schema (which tables hold decisions) and, for
the example city, the synthetic generator; nothing of the agency build imports it.
"""
