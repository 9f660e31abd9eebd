"""Settings for a published build: `pelican content -s publishconf.py -o DIR` (what `make build` runs)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

# A path such as /zfgs when the column lives under an existing site; empty at the root.
SITEURL = os.environ.get("DISCLOSURE_SITEURL", "").rstrip("/")
RELATIVE_URLS = False
# Build the output folder fresh: a file left from an earlier build (a withdrawn
# decision, an old search fragment) must never survive.
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = []

# Where `make publish` deploys when DEPLOY_TARGET is not given: a folder, or
# user@host:/path (rsync over SSH). Every deploy deletes what the new build lacks.
DISCLOSURE_DEPLOY_TARGET = os.environ.get("DISCLOSURE_DEPLOY_TARGET", "")
# Where `make publish` copies the web server's files (withdrawn.map, security-headers.conf,
# built into output.server/, never into the public site): a folder or user@host:/path that
# the nginx config includes. Empty: the deploy target's folder name + ".server", beside it.
DISCLOSURE_SERVER_TARGET = os.environ.get("DISCLOSURE_SERVER_TARGET", "")
