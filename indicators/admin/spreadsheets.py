"""Spreadsheets of indicator values: the template an editor fills in and its import.

Columns (the template's first row):

    country_code, country, indicator_code, indicator, unit, period, value,
    not_reported_reason, source_url, source_title, note

`country` and `indicator` are for people and are not read. `unit` must be the
indicator's unit, so that a number in another unit is caught. `value` is a number with a
point as decimal separator and no thousands separator; left empty, `not_reported_reason`
says why. A row with no period, value and reason is left alone. Every other row becomes
a proposed IndicatorValue by the uploader, through indicators.services.record_value.
The whole file is written in one transaction, or nothing is (IndicatorValueAdmin). The
machinery is the status import's (alignment.admin.spreadsheets.ProposalImportResource).
"""

import re
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from import_export.fields import Field

from alignment.admin.spreadsheets import (
    ProposalImportResource,
    by_column,
    cell_text,
    template_book,
    xlsx_bytes,
)
from alignment.models import Source
from alignment.services import NewSource
from countries.scope import countries_for
from indicators.models import Derivation, Indicator, IndicatorValue
from indicators.periods import parse_period
from indicators.services import record_value

COLUMNS = [
    "country_code",
    "country",
    "indicator_code",
    "indicator",
    "unit",
    "period",
    "value",
    "not_reported_reason",
    "source_url",
    "source_title",
    "note",
]
FOR_PEOPLE = {"country", "indicator"}
REQUIRED_COLUMNS = [c for c in COLUMNS if c not in FOR_PEOPLE | {"note", "source_title"}]
FILL_IN_COLUMNS = ["period", "value", "not_reported_reason"]
FIELD_COLUMNS = {
    "indicator": "indicator_code",
    "country": "country_code",
    "period_start": "period",
    "period_end": "period",
    "value": "value",
    "not_reported_reason": "not_reported_reason",
    "source": "source_url",
    "note": "note",
    NON_FIELD_ERRORS: NON_FIELD_ERRORS,
}
PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def parse_value(cell) -> Decimal | None:
    """A cell as a number; None when empty. ValueError naming the text otherwise."""
    if isinstance(cell, bool):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": cell})
    if isinstance(cell, int | float):
        return Decimal(str(cell))
    text = cell_text(cell).replace("\u00a0", " ")
    if not text:
        return None
    if "," in text or " " in text:
        raise ValueError(
            _(
                "“%(value)s”: write numbers with a point as the decimal separator and no "
                "thousands separator, e.g. 1234.5."
            )
            % {"value": text}
        )
    if not PLAIN_NUMBER.match(text):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text})
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text}) from error


class ValueImportResource(ProposalImportResource):
    """Each filled-in row, a proposed IndicatorValue recorded by the uploader."""

    country_code = Field(attribute="country__code", column_name="country_code")
    country = Field(attribute="country__name", column_name="country")
    indicator_code = Field(attribute="indicator__code", column_name="indicator_code")
    indicator = Field(attribute="indicator__title", column_name="indicator")
    unit = Field(attribute="indicator__unit", column_name="unit")
    period = Field(attribute="period", column_name="period")
    value = Field(attribute="value", column_name="value")
    not_reported_reason = Field(attribute="not_reported_reason", column_name="not_reported_reason")
    source_url = Field(attribute="source__url", column_name="source_url")
    source_title = Field(attribute="source__title", column_name="source_title")
    note = Field(attribute="note", column_name="note")

    columns = COLUMNS
    required_columns = REQUIRED_COLUMNS

    class Meta:
        model = IndicatorValue
        fields = COLUMNS
        import_id_fields = ()  # append-only: a row never updates a value
        use_transactions = True

    @classmethod
    def get_display_name(cls) -> str:
        return _("Indicator values")

    def before_import(self, dataset, **kwargs) -> None:
        super().before_import(dataset, **kwargs)
        self.indicators = {i.code: i for i in Indicator.objects.select_related("framework")}
        self.new_sources: dict[str, Source] = {}

    def read_row(self, row: dict) -> dict | None:
        """record_value's arguments from one row; None for a row left alone.

        Raises ValidationError keyed by column name.
        """
        if not any(cell_text(row.get(column)) for column in FILL_IN_COLUMNS):
            return None  # a template row left as it was, or a blank line
        errors: dict[str, str] = {}
        values = {
            "country": self.country_of(row, errors),
            "indicator": self._indicator(row, errors),
            "not_reported_reason": cell_text(row.get("not_reported_reason")),
            "note": cell_text(row.get("note")),
            "source": self._source(row, errors),
        }
        try:
            values["period_start"], values["period_end"] = parse_period(
                cell_text(row.get("period"))
            )
        except ValueError as error:
            errors["period"] = str(error)
        try:
            values["value"] = parse_value(row.get("value"))
        except ValueError as error:
            errors["value"] = str(error)
        if errors:
            raise ValidationError(errors)
        return values

    def record(self, values: dict) -> IndicatorValue:
        """Write one row through the service, proposed, by the uploader; a new source is
        added with it (inside the import's transaction: rolled back with it)."""
        try:
            written = record_value(**values, recorded_by=self.user)
        except ValidationError as error:
            raise ValidationError(by_column(error, FIELD_COLUMNS)) from error
        self.new_sources.setdefault(written.source.url, written.source)  # later rows find it
        return written

    def _indicator(self, row: dict, errors: dict) -> Indicator | None:
        code = cell_text(row.get("indicator_code"))
        indicator = self.indicators.get(code)
        if indicator is None:
            errors["indicator_code"] = _("“%(code)s” is not an indicator code.") % {"code": code}
            return None
        unit = cell_text(row.get("unit"))
        if unit.casefold() != indicator.unit.casefold():
            errors["unit"] = _(
                "%(indicator)s is counted in %(unit)s, not “%(given)s”: convert the value "
                "or check the row."
            ) % {"indicator": code, "unit": indicator.unit, "given": unit}
        return indicator

    def _source(self, row: dict, errors: dict) -> Source | NewSource | None:
        url, title = cell_text(row.get("source_url")), cell_text(row.get("source_title"))
        if not url:
            errors["source_url"] = _("Give the address of the source that reports the value.")
            return None
        try:
            URLValidator()(url)
        except ValidationError:
            errors["source_url"] = _("“%(url)s” is not a web address.") % {"url": url}
            return None
        found = Source.objects.filter(url=url).order_by("-pk").first() or self.new_sources.get(url)
        if found is not None:
            return found
        if not title:
            errors["source_title"] = _(
                "%(url)s is a new source: give its title so that it can be added."
            ) % {"url": url}
            return None
        return NewSource(title=title, url=url)  # added by record_value, with the row

    def dehydrate_period(self, value: IndicatorValue) -> str:
        return value.period if value.period_start else ""


def template_rows(user: AbstractBaseUser) -> list[list[str]]:
    """One row per typed indicator and country `user` records for that it covers."""
    scope = countries_for(user)
    rows = []
    indicators = Indicator.objects.filter(derivation=Derivation.TYPED).prefetch_related(
        "framework__countries"
    )
    for indicator in indicators:
        covered = {c.pk for c in indicator.framework.countries.all()}
        for country in scope.order_by("code"):
            if country.pk in covered:
                rows.append(
                    [country.code, country.name, indicator.code, indicator.title, indicator.unit]
                    + [""] * 6
                )
    return rows


def value_template_xlsx(rows: list[list[str]]) -> bytes:
    notes = [
        _("period: a year (2016), a month (2016-03) or two days joined by a slash."),
        _("value: a number with a point as decimal separator, in the row's unit."),
        _("No number? Leave value empty and say why in not_reported_reason."),
        _("source_url: the address of the source; source_title for a new one."),
        _("Rows with no period, value and reason are left alone; each other row is proposed."),
    ]
    return xlsx_bytes(template_book("values", COLUMNS, rows, text_column=6, notes=notes))
