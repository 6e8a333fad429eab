"""The admin of the alignment app.

status (the StatusChange admin) is put together from recording (the add form),
review (approve and return) and spreadsheet_admin (template, import, export; the
columns and the reading of rows are in spreadsheets); reference holds the reference
data and assessment admins; filters, history, scope and waiting are shared pieces.

Django's autodiscovery imports this package; importing the modules registers their admins.
"""

from alignment.admin import reference, status  # noqa: F401
from alignment.treaties import admin as treaties_admin  # noqa: F401  (issue 8)
