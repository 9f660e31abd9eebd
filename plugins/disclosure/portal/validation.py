"""The agencies' data packages validated with frictionless, several at once.

frictionless reads every row of every table, most of the portal's time over a city;
each agency's package is validated on its own, so they are spread over the cores.
The answers come back in the agencies' order, so the portal's errors do not depend on
which finished first.
"""

from .cores import map_on_cores
from .errors import PortalError
from .sources import validate_package


def _problem(agency):
    """The refusal naming the agency, or None when its package is valid."""
    try:
        validate_package(agency)
    except PortalError as error:
        return str(error)
    return None


def validation_problems(agencies, workers=None):
    """[refusal or None] per agency, in the given order."""
    import frictionless  # noqa: F401  (imported once here, inherited by every forked worker)

    return map_on_cores(_problem, agencies, workers)
