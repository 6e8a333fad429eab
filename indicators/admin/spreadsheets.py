"""Spreadsheets of indicator values: the template an editor fills in and its import.

Columns (the template's first row):

    country_code, country, indicator_code, indicator, unit, period, value,
    not_reported_reason, source_url, source_title, note

`country` and `indicator` are for people and are not read. `unit` must be the
indicator's unit, so that a number in another unit is caught. `value` is a number with a
point as decimal separator and no thousands separator; left empty, `not_reported_reason`
says why. A row with no period, value and reason is left alone. Every other row becomes
a proposed IndicatorValue by the uploader, through indicators.services.record_value.
The whole file is written in one transaction, or nothing is (IndicatorValueAdmin).
"""

import csv
import io
import re
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field
from openpyxl import Workbook
from openpyxl.styles import Font

from alignment.admin.spreadsheets import _text
from alignment.models import Source
from alignment.services import add_source
from countries.models import Country
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
}
PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def parse_value(cell) -> Decimal | None:
    """A cell as a number; None when empty. ValueError naming the text otherwise."""
    if isinstance(cell, bool):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": cell})
    if isinstance(cell, int | float):
        return Decimal(str(cell))
    text = _text(cell).replace("\u00a0", " ")
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


class ValueImportResource(resources.ModelResource):
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

    class Meta:
        model = IndicatorValue
        fields = COLUMNS
        import_id_fields = ()
        force_init_instance = True  # append-only: a row never updates a value
        clean_model_instances = False  # record_value runs full_clean
        use_transactions = True

    def __init__(self, user: AbstractBaseUser | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.user = user

    @classmethod
    def get_display_name(cls) -> str:
        return _("Indicator values")

    def before_import(self, dataset, **kwargs) -> None:
        missing = [c for c in REQUIRED_COLUMNS if c not in (dataset.headers or [])]
        if missing:
            raise ValueError(
                _(
                    "The file has no %(columns)s column. Start from the template: its first "
                    "row names the columns %(all)s."
                )
                % {"columns": ", ".join(missing), "all": ", ".join(COLUMNS)}
            )
        self.countries = {c.code: c for c in Country.objects.all()}
        self.scope = set(countries_for(self.user).values_list("pk", flat=True))
        self.indicators = {i.code: i for i in Indicator.objects.select_related("framework")}
        self.new_sources: dict[str, Source] = {}

    def import_instance(self, instance: IndicatorValue, row: dict, **kwargs) -> None:
        instance.unchanged = False
        if not any(_text(row.get(column)) for column in FILL_IN_COLUMNS):
            instance.unchanged = True  # a template row left as it was, or a blank line
            return
        errors: dict[str, str] = {}
        instance.country = self._country(row, errors)
        instance.indicator = self._indicator(row, errors)
        try:
            instance.period_start, instance.period_end = parse_period(_text(row.get("period")))
        except ValueError as error:
            errors["period"] = str(error)
        try:
            instance.value = parse_value(row.get("value"))
        except ValueError as error:
            errors["value"] = str(error)
        instance.not_reported_reason = _text(row.get("not_reported_reason"))
        instance.note = _text(row.get("note"))
        instance.source = self._source(row, errors)
        if errors:
            raise ValidationError(errors)
        instance.recorded_by = self.user

    def _country(self, row: dict, errors: dict) -> Country | None:
        code = _text(row.get("country_code")).upper()
        country = self.countries.get(code)
        if country is None:
            errors["country_code"] = _("“%(code)s” is not a country code.") % {"code": code}
        elif country.pk not in self.scope:
            errors["country_code"] = _(
                "%(code)s is another country's row: you record only for your own countries."
            ) % {"code": code}
        return country

    def _indicator(self, row: dict, errors: dict) -> Indicator | None:
        code = _text(row.get("indicator_code"))
        indicator = self.indicators.get(code)
        if indicator is None:
            errors["indicator_code"] = _("“%(code)s” is not an indicator code.") % {"code": code}
            return None
        unit = _text(row.get("unit"))
        if unit.casefold() != indicator.unit.casefold():
            errors["unit"] = _(
                "%(indicator)s is counted in %(unit)s, not “%(given)s”: convert the value "
                "or check the row."
            ) % {"indicator": code, "unit": indicator.unit, "given": unit}
        return indicator

    def _source(self, row: dict, errors: dict) -> Source | None:
        url, title = _text(row.get("source_url")), _text(row.get("source_title"))
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
        return Source(title=title, url=url)  # added with the rows (do_instance_save)

    def skip_row(self, instance, original, row, import_validation_errors=None) -> bool:
        return not import_validation_errors and instance.unchanged

    def do_instance_save(self, instance: IndicatorValue, is_create: bool) -> None:
        if instance.source.pk is None:  # inside the import's transaction: rolled back with it
            instance.source = add_source(title=instance.source.title, url=instance.source.url)
            self.new_sources[instance.source.url] = instance.source
        try:
            record(instance, recorded_by=self.user)
        except ValidationError as error:
            raise ValidationError(by_column(error)) from error

    def dehydrate_period(self, value: IndicatorValue) -> str:
        return value.period if value.period_start else ""


def record(instance: IndicatorValue, *, recorded_by: AbstractBaseUser) -> None:
    """Write what `instance` holds through record_value, and make it the row written."""
    written = record_value(
        indicator=instance.indicator,
        country=instance.country,
        period_start=instance.period_start,
        period_end=instance.period_end,
        value=instance.value,
        not_reported_reason=instance.not_reported_reason,
        note=instance.note,
        source=instance.source,
        recorded_by=recorded_by,
    )
    for field in IndicatorValue._meta.concrete_fields:
        setattr(instance, field.attname, getattr(written, field.attname))
    instance._state.adding = False
    instance._state.db = written._state.db


def by_column(error: ValidationError) -> dict:
    errors: dict[str, list] = {}
    for name, messages in error.message_dict.items():
        errors.setdefault(FIELD_COLUMNS.get(name, NON_FIELD_ERRORS), []).extend(messages)
    return errors


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
                    [
                        country.code,
                        country.name,
                        indicator.code,
                        indicator.title,
                        indicator.unit,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ]
                )
    return rows


def template_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "values"
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    last = max(len(rows) + 1, 2)
    # Text, so that 2016 stays a year and 2016-03 a month, not a day.
    for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=6, max_col=6):
        cell.number_format = "@"
    notes = book.create_sheet("read me")
    for line in [
        _("period: a year (2016), a month (2016-03) or two days joined by a slash."),
        _("value: a number with a point as decimal separator, in the row's unit."),
        _("No number? Leave value empty and say why in not_reported_reason."),
        _("source_url: the address of the source; source_title for a new one."),
        _("Rows with no period, value and reason are left alone; each other row is proposed."),
    ]:
        notes.append([line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
