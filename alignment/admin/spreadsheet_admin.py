"""Spreadsheet pages of the admin: template download, import with preview, export.

SpreadsheetImportMixin is what every import of proposed rows shares (statuses here,
indicator values in indicators.admin): who may use it, the upload kept safe
(common.uploads), the whole file rolled back when a row is bad, the messages, and the
fill-in template's download. SpreadsheetMixin is the status admin's: its resources
(alignment.admin.spreadsheets), the per-country template, and the export.
"""

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import RowResult

from alignment.admin.recording import require_a_country
from alignment.admin.spreadsheets import (
    COLUMNS,
    StatusChangeExportResource,
    StatusImportResource,
    status_template_xlsx,
    template_csv,
    template_rows,
)
from common.csp import ExportPagePolicyMixin
from common.uploads import SafeImportMixin
from countries.models import Country
from countries.scope import countries_for, require_country

FORMATS = {"xlsx": XLSX, "csv": CSV}


class SpreadsheetImportMixin(SafeImportMixin, ImportMixin):
    """An import of proposed rows for a ModelAdmin, with a fill-in template to download.

    A subclass sets `import_resource_class` (an alignment.admin.spreadsheets
    ProposalImportResource), `import_template_name` (extending
    admin/alignment/spreadsheet_import.html), `import_success_message` (with %(new)d and
    %(same)d), `template_refusal` (the 403 of someone who does not record), and writes
    `template_download`. Uploads are limited, kept in the database until confirmed,
    imported once: see common.uploads.SafeImportMixin.
    """

    import_formats = [CSV, XLSX]
    import_resource_class: type
    import_success_message: str
    template_refusal: str

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view(self.template_view)
        return [path("template/", view, name=f"{name}_template"), *super().get_urls()]

    def has_import_permission(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request)

    def import_action(self, request: HttpRequest, **kwargs):
        require_a_country(request)
        return super().import_action(request, **kwargs)

    def get_import_resource_classes(self, request: HttpRequest):
        return [self.import_resource_class]

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs) -> dict:
        return {"user": request.user}

    def add_success_message(self, result, request: HttpRequest) -> None:
        messages.success(
            request,
            self.import_success_message
            % {
                "new": result.totals[RowResult.IMPORT_TYPE_NEW],
                "same": result.totals[RowResult.IMPORT_TYPE_SKIP],
            },
        )

    def template_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied(self.template_refusal)
        return self.template_download(request)

    def template_download(self, request: HttpRequest) -> HttpResponse:
        raise NotImplementedError


def spreadsheet_download(
    request: HttpRequest,
    *,
    rows: Callable[[], list[list]],
    writers: dict[str, Callable[[list[list]], bytes]],
    name: str,
) -> HttpResponse:
    """The file of `rows()` in the `format` asked (xlsx by default), named name-today."""
    kind = request.GET.get("format", "xlsx")
    if kind not in writers:
        raise BadRequest(_("format: “%(value)s” is not xlsx or csv.") % {"value": kind})
    response = HttpResponse(writers[kind](rows()), content_type=FORMATS[kind]().get_content_type())
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{day}.{kind}"'
    return response


class SpreadsheetMixin(SpreadsheetImportMixin, ExportPagePolicyMixin, ExportActionMixin):
    import_export_change_list_template = "admin/alignment/statuschange/change_list.html"
    import_template_name = "admin/alignment/statuschange/import.html"
    import_resource_class = StatusImportResource
    import_success_message = gettext_lazy(
        "Import finished: %(new)d statuses proposed for review, %(same)d rows unchanged."
    )
    template_refusal = gettext_lazy("You do not record statuses.")
    show_change_form_export = False
    export_formats = [CSV, XLSX]

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def get_export_resource_classes(self, request: HttpRequest):
        return [StatusChangeExportResource]

    def get_valid_export_item_pks(self, request: HttpRequest):
        return self.get_queryset(request).values_list("pk", flat=True)

    def template_download(self, request: HttpRequest) -> HttpResponse:
        """The fill-in template of one country, or the list of countries to pick from."""
        code = request.GET.get("country", "").strip().upper()
        if not code:
            context = {
                **self.admin_site.each_context(request),
                "title": _("Download a template"),
                "opts": self.opts,
                "countries": countries_for(request.user).order_by("code"),
            }
            return TemplateResponse(request, "admin/alignment/statuschange/template.html", context)
        country = get_object_or_404(Country, code=code)
        require_country(request.user, country)
        return spreadsheet_download(
            request,
            rows=lambda: template_rows(country, request.user),
            writers={"xlsx": status_template_xlsx, "csv": partial(template_csv, COLUMNS)},
            name=f"statuses-{country.code}",
        )
