"""The command line: `python -m disclosure build|serve|validate|publish|check|template`.

cli.py parses it (the Makefile runs the same commands); build (atomic builds), serve
(the admins' preview, rebuilt when data or content change), validate, deploy, and
run_pelican (Pelican without its English log in the normal output). They sit on top of
everything (pipeline, generator, checks) and nothing in the plugin imports them; only
the package's __main__.py imports cli.
"""
