"""`python -m disclosure build|serve|validate|publish|check|template` (see commands/cli.py)."""

import sys

from .commands.cli import main

# Guarded: a process started with "spawn" (Windows) imports this module again under another name.
if __name__ == "__main__":
    sys.exit(main())
