"""`python -m disclosure build|serve|validate|publish|check|template` (see commands/cli.py)."""

import sys

from .commands.cli import main

sys.exit(main())
