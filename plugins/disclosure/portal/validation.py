"""The agencies' data packages validated with frictionless, several at once.

frictionless reads every row of every table, most of the portal's time over a city;
each agency's package is validated on its own, so they are spread over the cores
(one process each, as the leak check does). The answers come back in the agencies'
order, so the portal's errors and output do not depend on which finished first.
"""

import multiprocessing
import os

from .errors import PortalError
from .sources import validate_package


def _problem(agency):
    """The refusal naming the agency, or None when its package is valid."""
    try:
        validate_package(agency)
    except PortalError as error:
        return str(error)
    return None


def worker_count():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def validation_problems(agencies, workers=None):
    """[refusal or None] per agency, in the given order."""
    agencies = list(agencies)
    workers = min(workers or worker_count(), len(agencies))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_problem(agency) for agency in agencies]
    import frictionless  # noqa: F401  (imported once here, inherited by every worker)

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_problem, agencies, chunksize=1)
