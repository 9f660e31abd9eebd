"""The publication rules: the one gate every record passes before any output sees it.

Owns the gate (publication deadlines, publicity periods, withdrawals, exclusions),
masking of personal data, what a withdrawal notice's reason may say (notice.py),
and the working-day calendar. May import `data` only;
no output, check or command is imported here.
"""
