"""Spreadsheets of statuses: the template an editor fills in, its import, and the export.

One set of columns for all three, so that a template or an export can be uploaded again:

    country_code, country, requirement_code, requirement,
    status, effective_on, evidence, source_url, source_title

`country` and `requirement` are there for people and are ignored on import. A source is
found by its address, or by its exact title when it has none; one not on file is added
with the rows. A row whose last five cells are empty, or that repeats a record already on
file (approved or awaiting review), is unchanged. Every other row is read into plain
values and becomes a proposed StatusChange by the uploader through
alignment.services.record_status, which also adds a source not on file.
django-import-export runs the import in one transaction and shows a preview first;
StatusChangeAdmin (alignment/admin/status.py) rolls the whole file back if any row is bad.

The machinery any such import shares (indicator values use it too) comes first:
ProposalImportResource reads each row into plain values and writes it through a service,
and the template writers put the columns first and keep every cell plain text.
"""

import csv
import datetime as dt
import io
from collections import defaultdict

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field
from import_export.results import RowResult
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from alignment.admin.scope import requirements_for
from alignment.dates import format_partial, parse_partial
from alignment.models import (
    TREATY_LABELS,
    Assessment,
    Requirement,
    ReviewState,
    Source,
    Status,
    StatusChange,
)
from alignment.services import NewSource, record_status
from common.text import from_spreadsheet_cell, spreadsheet_cell
from common.uploads import DeadlineMixin
from countries.models import Country
from countries.scope import countries_for

COLUMNS = [
    "country_code",
    "country",
    "requirement_code",
    "requirement",
    "status",
    "effective_on",
    "evidence",
    "source_url",
    "source_title",
]
FOR_PEOPLE = {"country", "requirement"}  # names shown beside the codes; not read
REQUIRED_COLUMNS = [column for column in COLUMNS if column not in FOR_PEOPLE]
FILL_IN_COLUMNS = ["status", "effective_on", "evidence", "source_url", "source_title"]
# Model field -> the column that carries it, so that model errors name the column.
FIELD_COLUMNS = {
    "country": "country_code",
    "requirement": "requirement_code",
    "status": "status",
    "effective_on": "effective_on",
    "precision": "effective_on",
    "evidence": "evidence",
    "source": "source_url",
    NON_FIELD_ERRORS: NON_FIELD_ERRORS,
}


def cell_text(value) -> str:
    """A cell as the text typed: 2016.0 as 2016, Windows line ends as one, unguarded."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return from_spreadsheet_cell(str(value).replace("\r\n", "\n").strip())


def by_column(error: ValidationError, columns: dict[str, str]) -> dict[str, list]:
    """A model's ValidationError keyed by the columns (`columns`: field -> column)."""
    errors = defaultdict(list)
    for field, messages in error.message_dict.items():
        errors[columns.get(field, NON_FIELD_ERRORS)].extend(messages)
    return dict(errors)


class ProposalImportResource(DeadlineMixin, resources.ModelResource):
    """An import whose every row is read into plain values and proposed through a service.

    Takes the place of django-import-export's row step, which fills a model instance and
    saves it: a subclass reads a row (`read_row`, ValidationError keyed by column; None
    for a row that changes nothing) and writes it (`record`, returning the row written);
    the preview shows what was written (rolled back until confirmed). Subclasses set
    `columns` (the template's first row) and `required_columns`.
    """

    columns: list[str] = []
    required_columns: list[str] = []

    def __init__(self, user: AbstractBaseUser | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.user = user

    def before_import(self, dataset, **kwargs) -> None:
        """Check the columns, and load the countries the rows may name."""
        missing = [c for c in self.required_columns if c not in (dataset.headers or [])]
        if missing:
            raise ValueError(
                _(
                    "The file has no %(columns)s column. Start from the template: its first "
                    "row names the columns %(all)s."
                )
                % {"columns": ", ".join(missing), "all": ", ".join(self.columns)}
            )
        self.countries = {c.code: c for c in Country.objects.all()}
        self.scope = set(countries_for(self.user).values_list("pk", flat=True))

    def import_row(self, row, instance_loader, **kwargs) -> RowResult:
        self.check_deadline(kwargs["row_number"])
        result = self.get_row_result_class()()
        try:
            values = self.read_row(row)
            if values is None:
                result.import_type = RowResult.IMPORT_TYPE_SKIP
                return result
            self.refuse_repeated_row(values, kwargs["row_number"])
            written = self.record(values)
        except ValidationError as error:
            result.import_type = RowResult.IMPORT_TYPE_INVALID
            result.validation_error = error
            return result
        except Exception as error:  # shown as the row's error, as django-import-export does
            result.import_type = RowResult.IMPORT_TYPE_ERROR
            result.errors.append(
                self.get_error_result_class()(error, row=row, number=kwargs["row_number"])
            )
            return result
        result.import_type = RowResult.IMPORT_TYPE_NEW
        result.add_instance_info(written)
        result.instance = written  # the admin logs the addition from it
        result.diff = [str(value) for value in self.export_resource(written)]
        return result

    def read_row(self, row: dict) -> dict | None:
        raise NotImplementedError

    def refuse_repeated_row(self, values: dict, row_number: int) -> None:
        """Raise ValidationError when the file repeats an earlier row; by default, never."""

    def record(self, values: dict):
        raise NotImplementedError

    def country_of(self, row: dict, errors: dict) -> Country | None:
        """The row's country_code, one the uploader records for; else an error on it."""
        code = cell_text(row.get("country_code")).upper()
        country = self.countries.get(code)
        if not code:
            errors["country_code"] = _("Give the country's two-letter code, e.g. AL.")
        elif country is None:
            errors["country_code"] = _("“%(code)s” is not a country code.") % {"code": code}
        elif country.pk not in self.scope:
            errors["country_code"] = _(
                "%(code)s is another country's row: you record only for your own countries."
            ) % {"code": code}
        return country


# The fill-in templates: the columns first, every cell plain text (common.text).


def template_csv(columns: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM makes spreadsheets read UTF-8


def template_book(
    title: str, columns: list[str], rows: list[list], *, text_column: int, notes: list[str]
) -> Workbook:
    """A workbook of the rows under bold, frozen column names, with a "read me" sheet.

    `text_column` (1 for the first) is formatted as text, so that a typed 2018-07 or 2016
    stays as typed instead of becoming a day.
    """
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(columns)
    for row in rows:
        sheet.append([spreadsheet_cell(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    last = max(len(rows) + 1, 2)
    for (cell,) in sheet.iter_rows(
        min_row=2, max_row=last, min_col=text_column, max_col=text_column
    ):
        cell.number_format = "@"
    readme = book.create_sheet("read me")
    for line in notes:
        readme.append([line])
    return book


def xlsx_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def parse_cell_date(value) -> tuple[dt.date, str]:
    """A spreadsheet cell as (period end, precision): a date cell, 2016, or ISO text."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return parse_partial(value.isoformat())
    return parse_partial(cell_text(value))


def parse_status(value) -> str:
    """A status code, or its label in English or the current language, as the code."""
    text = cell_text(value)
    if not text:
        raise ValueError(
            _("Give a status, one of: %(codes)s.") % {"codes": ", ".join(Status.values)}
        )
    for code, label in Status.choices:
        treaty = str(TREATY_LABELS[code]).lower()  # issue 8: a treaty's words name the same code
        if text.lower() in {code, str(label).lower(), code.replace("_", " "), treaty}:
            return code
    raise ValueError(
        _("“%(value)s” is not on the status scale; use one of: %(codes)s.")
        % {"value": text, "codes": ", ".join(Status.values)}
    )


class StatusColumns(resources.ModelResource):
    """The template's columns, read from a StatusChange."""

    country_code = Field(attribute="country__code", column_name="country_code")
    country = Field(attribute="country__name", column_name="country")
    requirement_code = Field(attribute="requirement__full_code", column_name="requirement_code")
    requirement = Field(attribute="requirement__title", column_name="requirement")
    status = Field(attribute="status", column_name="status")
    effective_on = Field(attribute="effective_display", column_name="effective_on")
    evidence = Field(attribute="evidence", column_name="evidence")
    source_url = Field(attribute="source__url", column_name="source_url")
    source_title = Field(attribute="source__title", column_name="source_title")

    class Meta:
        model = StatusChange
        fields = COLUMNS


class StatusImportResource(ProposalImportResource, StatusColumns):
    """Each row, a proposed StatusChange recorded by the uploader; see the module doc."""

    columns = COLUMNS
    required_columns = REQUIRED_COLUMNS

    class Meta:
        model = StatusChange
        fields = COLUMNS
        import_id_fields = ()  # append-only: a row never updates a StatusChange
        use_transactions = True

    @classmethod
    def get_display_name(cls) -> str:
        return _("Statuses")

    def before_import(self, dataset, **kwargs) -> None:
        """Check the columns, then load everything the rows refer to in a few queries."""
        super().before_import(dataset, **kwargs)
        rows = dataset.dict
        codes = {cell_text(row.get("requirement_code")) for row in rows}
        frameworks = {code.split("/", 1)[0] for code in codes if "/" in code}
        self.requirements = {
            r.full_code: r
            for r in Requirement.objects.filter(framework__code__in=frameworks)
            .select_related("framework")
            .prefetch_related("children")
        }
        urls = {cell_text(row.get("source_url")) for row in rows} - {""}
        titles = {cell_text(row.get("source_title")) for row in rows} - {""}
        self.sources_by_url = {
            s.url: s for s in Source.objects.filter(url__in=urls).order_by("-pk")
        }
        self.sources_by_title = defaultdict(list)
        for source in Source.objects.filter(title__in=titles, url=""):
            self.sources_by_title[source.title].append(source)
        self.on_record = self._records_on_file(rows)
        self.rows_read: dict[tuple, int] = {}  # what each row would add -> its number

    def _records_on_file(self, rows: list[dict]) -> dict[tuple[int, int], set[tuple]]:
        """What is already recorded (approved or awaiting review) for the pairs in the file."""
        country_ids = {
            self.countries[code].pk
            for code in {cell_text(row.get("country_code")).upper() for row in rows}
            if code in self.countries
        }
        requirement_ids = {r.pk for r in self.requirements.values()}
        on_record = defaultdict(set)
        for change in (
            StatusChange.objects.exclude(review_state=ReviewState.RETURNED)
            .filter(country_id__in=country_ids, requirement_id__in=requirement_ids)
            .values_list(
                "country_id",
                "requirement_id",
                "status",
                "effective_on",
                "precision",
                "evidence",
                "source_id",
            )
        ):
            country_id, requirement_id, status, day, precision, evidence, source_id = change
            on_record[(country_id, requirement_id)].add(
                (status, day, precision, cell_text(evidence), source_id)
            )
        return on_record

    def read_row(self, row: dict) -> dict | None:
        """record_status's arguments from one row; None when the row changes nothing.

        Raises ValidationError keyed by column name.
        """
        if not any(cell_text(value) for value in row.values()):
            return None  # a blank line, as spreadsheets often end with
        errors = {}
        country = self.country_of(row, errors)
        requirement = self._requirement(row, errors)
        if not any(cell_text(row.get(column)) for column in FILL_IN_COLUMNS):
            if errors:
                raise ValidationError(errors)
            return None
        status = effective_on = precision = None
        try:
            status = parse_status(row.get("status"))
        except ValueError as error:
            errors["status"] = str(error)
        typed_day = cell_text(row.get("effective_on"))
        try:
            effective_on, precision = parse_cell_date(row.get("effective_on"))
        except ValueError:
            errors["effective_on"] = (
                _("“%(value)s” is not a date; use YYYY-MM-DD, YYYY-MM or YYYY.")
                % {"value": typed_day}
                if typed_day
                else _("Give the date the status took effect: YYYY-MM-DD, YYYY-MM or YYYY.")
            )
        evidence = cell_text(row.get("evidence"))
        if not evidence:
            errors["evidence"] = _("Say what shows the status (the evidence is required).")
        source = self._source(row, errors)
        if errors:
            raise ValidationError(errors)
        claim = (status, effective_on, precision, evidence, getattr(source, "pk", None))
        if claim in self.on_record[(country.pk, requirement.pk)]:
            return None
        return {
            "country": country,
            "requirement": requirement,
            "status": status,
            "effective_on": effective_on,
            "precision": precision,
            "evidence": evidence,
            "source": source,
        }

    def refuse_repeated_row(self, values: dict, row_number: int) -> None:
        """The same claim twice in one file is an error on the later row, naming the first."""
        source = values["source"]
        claim = (
            *(values[name] for name in ["country", "requirement", "status", "effective_on"]),
            *(values[name] for name in ["precision", "evidence"]),
            source.url or source.title,
        )
        first = self.rows_read.setdefault(claim, row_number)
        if first != row_number:
            raise ValidationError(
                {
                    "requirement_code": _(
                        "This row repeats row %(row)d (the same requirement, status, date, "
                        "evidence and source): delete one of them."
                    )
                    % {"row": first + 1}
                }
            )

    def record(self, values: dict) -> StatusChange:
        """Write one row through the service, proposed, by the uploader.

        The model's own rules (a framework that applies, a date not in the future) are
        record_status's, at preview too; its errors are named by column here.
        """
        try:
            change = record_status(**values, recorded_by=self.user)
        except ValidationError as error:
            raise ValidationError(by_column(error, FIELD_COLUMNS)) from error
        if isinstance(values["source"], NewSource):  # later rows of the file find it
            if change.source.url:
                self.sources_by_url[change.source.url] = change.source
            else:
                self.sources_by_title[change.source.title].append(change.source)
        return change

    def _requirement(self, row: dict, errors: dict) -> Requirement | None:
        code = cell_text(row.get("requirement_code"))
        requirement = self.requirements.get(code)
        if requirement is None:
            errors["requirement_code"] = _(
                "“%(code)s” is not a requirement code; use framework/requirement, "
                "e.g. eu-ch24/cybercrime-law, as in the template."
            ) % {"code": code}
        elif requirement.children.all():
            errors["requirement_code"] = _(
                "%(code)s groups other requirements; record a status on each of them."
            ) % {"code": code}
        return requirement

    def _source(self, row: dict, errors: dict) -> Source | NewSource | None:
        """By its address; a source with none (a printed gazette) by its exact title.

        An address or a title not on file is a new source, added by record_status.
        """
        url = cell_text(row.get("source_url"))
        title = cell_text(row.get("source_title"))
        if url:
            if url in self.sources_by_url:
                return self.sources_by_url[url]
            try:
                URLValidator()(url)
            except ValidationError:
                errors["source_url"] = _("“%(url)s” is not a web address.") % {"url": url}
                return None
            if not title:
                errors["source_title"] = _(
                    "%(url)s is a new source: give its title so that it can be added."
                ) % {"url": url}
                return None
        elif not title:
            errors["source_url"] = _(
                "Give the address (or, for a source with none, the title) of the source "
                "that backs the status."
            )
            return None
        else:
            found = self.sources_by_title[title]
            if len(found) > 1:
                errors["source_title"] = _(
                    "Several sources are titled “%(title)s”; tell them apart by address."
                ) % {"title": title}
                return None
            if found:
                return found[0]
        return new_source(title=title, url=url, errors=errors)


def new_source(*, title: str, url: str, errors: dict) -> NewSource | None:
    """A source to add, checked against the model's rules first so that a too long or
    unprintable title or address is named by its column (record_status checks it again).
    """
    try:
        Source(title=title, url=url).full_clean(exclude=["key"], validate_unique=False)
    except ValidationError as error:
        columns = {"title": "source_title", "url": "source_url"}
        for field, messages in error.message_dict.items():
            errors.setdefault(columns.get(field, "source_title"), " ".join(messages))
        return None
    return NewSource(title=title, url=url)


class StatusChangeExportResource(StatusColumns):
    """Status changes in the template's columns, then who recorded and reviewed them."""

    review_state = Field(attribute="review_state", column_name="review_state")
    recorded_by = Field(attribute="recorded_by__username", column_name="recorded_by")
    recorded_at = Field(attribute="recorded_at", column_name="recorded_at")
    reviewed_by = Field(attribute="reviewed_by__username", column_name="reviewed_by")
    reviewed_at = Field(attribute="reviewed_at", column_name="reviewed_at")
    review_note = Field(attribute="review_note", column_name="review_note")

    class Meta:
        model = StatusChange
        fields = (
            *COLUMNS,
            "review_state",
            "recorded_by",
            "recorded_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
        )
        export_order = fields

    @classmethod
    def get_display_name(cls) -> str:
        return _("Status changes")

    def export_field(self, field, instance, **kwargs):
        return spreadsheet_cell(super().export_field(field, instance, **kwargs))

    def dehydrate_recorded_at(self, change: StatusChange) -> str:
        return change.recorded_at.isoformat(timespec="seconds")

    def dehydrate_reviewed_at(self, change: StatusChange) -> str:
        return change.reviewed_at.isoformat(timespec="seconds") if change.reviewed_at else ""


# The template an editor downloads: one row per assessed requirement of one country.


def template_rows(country: Country, user: AbstractBaseUser) -> list[list[str]]:
    """The country's leaf requirements (those `user` may record on) with current statuses."""
    requirements = (
        requirements_for(user)
        .filter(framework__countries=country)
        .leaves()
        .select_related("framework")
        .order_by("framework__code", "position", "code")
    )
    current = {
        a.requirement_id: a.change
        for a in Assessment.objects.filter(country=country).select_related("change__source")
    }
    rows = []
    for requirement in requirements:
        change = current.get(requirement.pk)
        rows.append(
            [
                country.code,
                country.name,
                requirement.full_code,
                requirement.title,
                *(
                    [
                        change.status,
                        format_partial(change.effective_on, change.precision),
                        change.evidence,
                        change.source.url,
                        change.source.title,
                    ]
                    if change
                    else ["", "", "", "", ""]
                ),
            ]
        )
    return rows


def status_template_xlsx(rows: list[list[str]]) -> bytes:
    notes = [
        _("Fill in status, effective_on, evidence and source on the statuses sheet."),
        _("effective_on: YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known."),
        _("source_url: the source's address; source_title: its title (alone if it has none)."),
        _("Leave a row as it is to change nothing. Each changed row is proposed for review."),
    ]
    book = template_book("statuses", COLUMNS, rows, text_column=6, notes=notes)
    sheet = book["statuses"]
    widths = {"A": 8, "B": 24, "C": 34, "D": 48, "E": 18, "F": 12, "G": 60, "H": 40, "I": 40}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    statuses = DataValidation(
        type="list", formula1='"' + ",".join(Status.values) + '"', allow_blank=True
    )
    statuses.add(f"E2:E{max(len(rows) + 1, 2)}")
    sheet.add_data_validation(statuses)
    notes = book["read me"]
    notes.append([])
    notes.append(["status", _("meaning"), _("on a treaty or protocol")])
    for code, label in Status.choices:
        notes.append([code, str(label), str(TREATY_LABELS[code])])
    return xlsx_bytes(book)
