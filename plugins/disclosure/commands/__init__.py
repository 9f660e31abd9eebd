"""The command-line entry points behind the Makefile: build, validate, deploy.

`python -m disclosure.commands.build` and friends. They sit on top of everything
(pipeline, generator, checks) and nothing in the plugin imports them.
"""
