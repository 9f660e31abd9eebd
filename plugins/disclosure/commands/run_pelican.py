"""Pelican, without its English log lines in the admin's normal output.

    PYTHONPATH=plugins python -m disclosure.commands.run_pelican content -s publishconf.py -o DIR

Takes Pelican's own arguments. Everything an admin needs to read is printed by the
plugin, in Chinese; Pelican's progress line ("Done: Processed …") and its warnings
are English noise there. They are shown with DISCLOSURE_VERBOSE=1 (or -v / -D);
otherwise the warnings are counted, in one Chinese line. Pelican's errors are always
shown, marked as Pelican's, because they stop the build.
"""

import logging
import os
import sys
from pathlib import Path

VERBOSE_ENV = "DISCLOSURE_VERBOSE"
# The folder holding the disclosure package (plugins/): a child Python finds the plugin
# there however this one was started (make, python -m disclosure, an editable install).
PLUGINS_FOLDER = Path(__file__).resolve().parents[2]


def command(*pelican_args):
    """The command line that runs Pelican through this module."""
    return [sys.executable, "-m", "disclosure.commands.run_pelican", *map(str, pelican_args)]


def child_env(verbose=False):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(PLUGINS_FOLDER)] + [p for p in [env.get("PYTHONPATH", "")] if p])
    # Read as UTF-8 by whoever captures it (serve), whatever the system's code page (Windows: GBK).
    env["PYTHONIOENCODING"] = "utf-8"
    if verbose:
        env[VERBOSE_ENV] = "1"
    return env


def verbose_requested(argv):
    return os.environ.get(VERBOSE_ENV, "") not in ("", "0") or any(a in ("-v", "--verbose", "-D", "--debug") for a in argv)


class QuietLog(logging.Handler):
    """Pelican's errors, marked as Pelican's; its warnings only counted, so none goes unnoticed."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.warnings = 0

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            print(f"Pelican 报错（原文为英文）：{record.levelname} {record.getMessage()}", file=sys.stderr, flush=True)
        else:
            self.warnings += 1


def main(argv=None):
    import pelican
    from pelican.log import console
    from pelican.log import init as init_logging

    argv = list(sys.argv[1:] if argv is None else argv)
    if verbose_requested(argv):
        return pelican.main(argv) or 0
    args = pelican.parse_arguments(argv)
    console.quiet = True  # the "Done: Processed …" line and the progress spinner
    log = QuietLog()
    init_logging(level=logging.WARNING, fatal=args.fatal, name="pelican", handler=log)
    try:
        instance, _ = pelican.get_instance(args)
        instance.run()
    except Exception as error:  # what pelican.main() does, minus the traceback
        logging.getLogger("pelican").critical("%s: %s", error.__class__.__name__, error)
        return getattr(error, "exitcode", 1)
    finally:
        if log.warnings:
            print(f"Pelican 另有 {log.warnings} 条英文警告没有显示，需要时加 VERBOSE=1（或 --verbose）查看。",
                  file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
