"""The portal's one error type: a Chinese message that names the agency and what to do."""


class PortalError(Exception):
    exitcode = 2
