"""Translations of the content by spreadsheet: every language side by side (issue 11).

An admin that lists a translatable model (modeltranslation) gets an export and an import
of its translations by adding TranslationSpreadsheetMixin and naming the columns that
identify a row, e.g. for requirements:

    requirement_code, title_en, title_sr, title_sr_latn, title_bs, ..., text_en, ...

Codes and column names never change with the language. The import only updates rows
that exist and only their translation columns: a column left out of the file leaves that
language as it is; an empty cell empties it (so an exported file uploads unchanged).
Serbian Latin is a column like the others, not derived from the Cyrillic: a translator
may spell a name differently, and the export shows both to fill in.

Who may import: staff with the change permission on the model (reviewers, who own the
content and its sources). Translators' members edit the interface's catalogues; their
translations of the content reach the site through a reviewer's import, which is the
review, as a status change is. The house rules on bad input hold: an unknown or repeated
code, a control character or a too-long text is named by row and column, and nothing is
written while any row is wrong (SafeImportMixin keeps the upload, rolls back the file).
"""

from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from import_export import resources
from import_export.admin import ImportExportMixin
from import_export.fields import Field
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import RowResult
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from alignment.admin.spreadsheets import cell_text
from common.csp import ExportPagePolicyMixin
from common.text import spreadsheet_cell
from common.uploads import DeadlineMixin, SafeImportMixin


def translation_columns(model: type[models.Model]) -> list[str]:
    """`<field>_<language>` for each translatable field of `model` and each language."""
    translatable = translator.get_options_for_model(model).fields
    fields = [f.name for f in model._meta.fields if f.name in translatable]  # the model's order
    return [
        build_localized_fieldname(field, code)
        for field in fields
        for code, _name in settings.LANGUAGES
    ]


class TranslationResource(DeadlineMixin, resources.ModelResource):
    """The rows of one model: its key columns, then its translations. See the module doc."""

    key_columns: tuple[str, ...] = ()  # read on import: they find the row
    related: tuple[str, ...] = ()  # what the key and people's columns read: one query

    def __init__(self, queryset: models.QuerySet | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.scope = queryset if queryset is not None else self._meta.model._default_manager.all()

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).select_related(*self.related)

    def export_field(self, field, instance, **kwargs):
        return spreadsheet_cell(super().export_field(field, instance, **kwargs))

    def before_import(self, dataset, **kwargs) -> None:
        """Check the columns, then load every row the file may name in one query."""
        headers = [str(h) for h in dataset.headers or []]
        known = [field.column_name for field in self.fields.values()]
        missing = [c for c in self.key_columns if c not in headers]
        unknown = [h for h in headers if h not in known]
        if missing or unknown:
            raise ValueError(
                _(
                    "The file's first row must name its columns, among %(all)s (start from an "
                    "export). Missing: %(missing)s. Not a column of this sheet: %(unknown)s."
                )
                % {
                    "all": ", ".join(known),
                    "missing": ", ".join(missing) or "–",
                    "unknown": ", ".join(unknown) or "–",
                }
            )
        self.present = [c for c in translation_columns(self._meta.model) if c in headers]
        self.instances = {self.key_of(obj): obj for obj in self.scope.select_related(*self.related)}
        self.rows_read: dict[tuple, int] = {}

    def key_of(self, instance) -> tuple[str, ...]:
        return tuple(str(self.fields[c].get_value(instance)) for c in self.key_columns)

    def import_row(self, row, instance_loader, **kwargs) -> RowResult:
        self.check_deadline(kwargs["row_number"])
        if not any(cell_text(value) for value in row.values()):  # a blank line at the end
            result = self.get_row_result_class()()
            result.import_type = RowResult.IMPORT_TYPE_SKIP
            return result
        return super().import_row(row, instance_loader, **kwargs)

    def get_or_init_instance(self, instance_loader, row) -> tuple[models.Model, bool]:
        """The row named by the key columns; never a new one."""
        key = tuple(cell_text(row.get(c)) for c in self.key_columns)
        column = ", ".join(self.key_columns)
        instance = self.instances.get(key)
        if instance is None:
            raise ValidationError(
                {
                    column: _(
                        "“%(code)s” is not on file (or not yours to change); codes are "
                        "never changed by this import: keep them as exported."
                    )
                    % {"code": " / ".join(key)}
                }
            )
        first = self.rows_read.setdefault(key, self._row_number)
        if first != self._row_number:
            raise ValidationError(
                {
                    column: _("This row repeats row %(row)d: delete one of them.")
                    % {"row": first + 1}
                }
            )
        return instance, False

    def before_import_row(self, row, **kwargs) -> None:
        self._row_number = kwargs["row_number"]

    def import_instance(self, instance, row, **kwargs) -> None:
        for column in self.present:
            text = cell_text(row.get(column))
            empty = None if instance._meta.get_field(column).null else ""
            setattr(instance, column, text or empty)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's rules on the translation columns only (length, plain text): no query."""
        others = [f.name for f in instance._meta.fields if f.name not in self.present]
        try:
            instance.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise ValidationError(error.message_dict) from error

    def do_instance_save(self, instance, is_create: bool) -> None:
        instance.save(update_fields=self.present)


@cache
def translation_resource(
    model: type[models.Model],
    keys: tuple[tuple[str, str], ...],
    for_people: tuple[tuple[str, str], ...],
) -> type[TranslationResource]:
    """The resource of `model`: `keys` and `for_people` are (column, attribute) pairs."""
    declared = {
        column: Field(attribute=attribute, column_name=column, readonly=True)
        for column, attribute in (*keys, *for_people)
    }
    columns = [*declared, *translation_columns(model)]
    meta = type(
        "Meta",
        (),
        {
            "model": model,
            "fields": columns,
            "export_order": columns,
            "import_id_fields": [column for column, _attribute in keys],
            "skip_unchanged": True,
            "report_skipped": True,
            "use_transactions": True,
        },
    )
    name = f"{model.__name__}Translations"
    return type(
        name,
        (TranslationResource,),
        {
            **declared,
            "Meta": meta,
            "key_columns": tuple(column for column, _attribute in keys),
            "related": tuple({a.rsplit("__", 1)[0] for _c, a in (*keys, *for_people) if "__" in a}),
            "get_display_name": classmethod(lambda cls: _("Translations")),
            "__module__": __name__,
        },
    )


class TranslationSpreadsheetMixin(SafeImportMixin, ImportExportMixin, ExportPagePolicyMixin):
    """For a translatable model's admin: export and import its translations.

    `translation_keys`: the (column, attribute) pairs that find a row, e.g.
    [("requirement_code", "full_code")]; `translation_for_people`: columns shown beside
    them and not read. The admin's queryset bounds both the export and the import.
    """

    translation_keys: list[tuple[str, str]] = [("code", "code")]
    translation_for_people: list[tuple[str, str]] = []
    import_template_name = "admin/translations/import.html"
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    show_change_form_export = False

    def translation_resource(self) -> type[TranslationResource]:
        return translation_resource(
            self.model, tuple(self.translation_keys), tuple(self.translation_for_people)
        )

    def get_import_resource_classes(self, request: HttpRequest):
        return [self.translation_resource()]

    def get_export_resource_classes(self, request: HttpRequest):
        return [self.translation_resource()]

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs) -> dict:
        return {"queryset": self.get_queryset(request)}

    def has_import_permission(self, request: HttpRequest) -> bool:
        return self.has_change_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)
