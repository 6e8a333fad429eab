"""The admin of the alignment app: reference data (reference), statuses (status), their
filters, history and country scope, and the spreadsheet import and export (spreadsheets).

Django's autodiscovery imports this package; importing the modules registers their admins.
"""

from alignment.admin import reference, status  # noqa: F401
from alignment.treaties import admin as treaties_admin  # noqa: F401  (issue 8)
