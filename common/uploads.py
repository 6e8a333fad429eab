"""Spreadsheet uploads that cannot exhaust the server or be imported twice.

django-import-export previews an upload, keeps it, and imports it when the user
confirms. Here:

- the file is checked before anything reads it whole: its size, for XLSX the size it
  unpacks to (a zip bomb) and, streaming, its number of rows; each limit is a setting
  and its message says what to do;
- the preview and the import stop with a clear message after IMPORT_MAX_SECONDS;
- the file waits in the database (PendingUpload), never in a process's cache, and is
  removed when it is imported, when its preview shows errors, or when it is abandoned
  (IMPORT_UPLOAD_HOURS);
- confirming claims the file under a row lock: a second confirmation (a double click,
  the back button) or a forged file reference answers 409 or 400 and writes nothing.
"""

import csv
import datetime as dt
import io
import time
import uuid
import zipfile
from xml.etree import ElementTree

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from import_export.forms import ImportForm
from import_export.results import Error
from import_export.tmp_storages import BaseStorage

from common.models import PendingUpload


class UploadGone(Exception):
    """The upload is no longer waiting: imported, refused, abandoned, or never was."""


class DatabaseStorage(BaseStorage):
    """django-import-export's temporary storage, in PendingUpload rows."""

    def save(self, data: bytes | str) -> None:
        hours = dt.timedelta(hours=settings.IMPORT_UPLOAD_HOURS)
        PendingUpload.objects.filter(created_at__lt=timezone.now() - hours).delete()
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        self.name = str(PendingUpload.objects.create(content=data).pk)

    def read(self) -> bytes | str:
        upload = PendingUpload.objects.filter(pk=parse_upload_name(self.name)).first()
        if upload is None:
            raise UploadGone(self.name)
        content = bytes(upload.content)
        return content if "b" in self.read_mode else content.decode(self.encoding or "utf-8")

    def remove(self) -> None:
        PendingUpload.objects.filter(pk=parse_upload_name(self.name)).delete()


def parse_upload_name(name: str | None) -> uuid.UUID:
    try:
        return uuid.UUID(str(name))
    except ValueError:
        raise UploadGone(name) from None


# The checks of a file before it is read whole.


def check_upload(upload, binary: bool) -> None:
    """Raise ValidationError, saying what to do, when the uploaded file is over a limit."""
    if upload.size > settings.IMPORT_MAX_BYTES:  # refused unread
        raise ValidationError(
            _(
                "The file is %(size)s; at most %(limit)s can be imported at once. Split it "
                "into smaller files, or keep only the rows that changed."
            )
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.IMPORT_MAX_BYTES),
            },
            code="too_big",
        )
    data = upload.read()
    upload.seek(0)
    rows = count_xlsx_rows(data) if binary else count_csv_rows(data)
    if rows > settings.IMPORT_MAX_ROWS + 1:  # the header row comes on top
        raise ValidationError(
            _(
                "The file has more than %(limit)d rows; at most %(limit)d can be imported "
                "at once. Split it into smaller files, or keep only the rows that changed."
            )
            % {"limit": settings.IMPORT_MAX_ROWS},
            code="too_many_rows",
        )


def count_xlsx_rows(data: bytes) -> int:
    """Rows of the longest sheet, counted while streaming, up to one past the limit."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ValidationError(
            _("This is not an XLSX file. Save it as .xlsx (Excel Workbook) or as CSV."),
            code="not_xlsx",
        ) from None
    unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise ValidationError(
            _(
                "The file unpacks to %(size)s, more than the %(limit)s a spreadsheet of "
                "statuses needs; it may hold images or other sheets. Save only the statuses "
                "sheet, or save it as CSV."
            )
            % {
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(settings.IMPORT_MAX_UNPACKED_BYTES),
            },
            code="unpacks_too_big",
        )
    sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
    return max((_count(_xml_rows(archive, name)) for name in sheets), default=0)


def _xml_rows(archive: zipfile.ZipFile, name: str):
    """The <row> elements of a worksheet, read as a stream (its size is already known)."""
    try:
        for _event, element in ElementTree.iterparse(archive.open(name), events=("start",)):
            if element.tag.endswith("}row"):
                yield element
    except ElementTree.ParseError:
        raise ValidationError(
            _("This XLSX file cannot be read. Save it again from your spreadsheet program."),
            code="not_xlsx",
        ) from None


def count_csv_rows(data: bytes) -> int:
    text = data.decode("utf-8-sig", errors="replace")
    return _count(csv.reader(io.StringIO(text, newline="")))


def _count(rows) -> int:
    count = 0
    for _row in rows:
        count += 1
        if count > settings.IMPORT_MAX_ROWS + 1:
            break
    return count


class LimitedImportForm(ImportForm):
    """django-import-export's upload form, refusing a file over a limit before any read."""

    def __init__(self, formats, resources, **kwargs) -> None:
        super().__init__(formats, resources, **kwargs)
        self.formats = formats

    def clean(self) -> dict:
        cleaned = super().clean()
        upload, chosen = cleaned.get("import_file"), cleaned.get("format")
        if upload is None or chosen is None:
            return cleaned
        try:
            check_upload(upload, binary=self.formats[int(chosen)]().is_binary())
        except ValidationError as error:
            self.add_error("import_file", error)
        return cleaned


# The import itself: a deadline for the resource, one confirmation for the admin.


class ImportTooSlow(Exception):
    pass


class DeadlineMixin:
    """For a django-import-export Resource: stop after settings.IMPORT_MAX_SECONDS."""

    def import_data(self, dataset, **kwargs):
        self.deadline = time.monotonic() + settings.IMPORT_MAX_SECONDS
        try:
            return super().import_data(dataset, **kwargs)
        except ImportTooSlow as error:  # the import's transaction is rolled back
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            result.append_base_error(Error(error))
            return result

    def check_deadline(self, row_number: int) -> None:
        """Called before each row is read."""
        if time.monotonic() > self.deadline:
            raise ImportTooSlow(
                _(
                    "Reading the file took longer than %(seconds)d seconds, so it was "
                    "stopped at row %(row)d and nothing was written. Split it into smaller "
                    "files."
                )
                % {"seconds": settings.IMPORT_MAX_SECONDS, "row": row_number + 1}
            )


class SafeImportMixin:
    """For an ImportMixin ModelAdmin: limited uploads, kept in the database, imported once,
    all or nothing."""

    import_form_class = LimitedImportForm
    tmp_storage_class = DatabaseStorage

    def import_action(self, request: HttpRequest, **kwargs) -> HttpResponse:
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        upload = getattr(context.get("form"), "cleaned_data", {}).get("import_file")
        name = getattr(upload, "tmp_storage_name", None)
        if name and not context.get("confirm_form"):  # refused: nothing to confirm
            DatabaseStorage(name=name).remove()
        if request.method == "POST" and getattr(context.get("form"), "errors", None):
            response.status_code = 400  # the file itself was refused
        return response

    def process_dataset(self, dataset, form, request, **kwargs):
        # django-import-export commits the good rows of a confirmed file by default; here a
        # row that turned bad since the preview rolls back the whole file.
        kwargs["rollback_on_validation_errors"] = True
        return super().process_dataset(dataset, form, request, **kwargs)

    def process_result(self, result, request: HttpRequest) -> HttpResponse:
        """A file with any bad row: nothing written, the rows' errors on the import page."""
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        messages.error(request, _("Nothing was written: the file has rows that are not valid."))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import"),
            "opts": self.opts,
            "form": self.create_import_form(request),
            "result": result,
            "import_error_display": self.import_error_display,
        }
        return TemplateResponse(request, [self.import_template_name], context, status=400)

    @method_decorator(require_POST)
    def process_import(self, request: HttpRequest, **kwargs) -> HttpResponse:
        with transaction.atomic():
            try:
                claimed = PendingUpload.objects.select_for_update().filter(
                    pk=parse_upload_name(request.POST.get("import_file_name"))
                )
            except UploadGone:
                return self.upload_gone(request, status=400)
            if not list(claimed.values_list("pk")):  # a second confirmation waits here
                return self.upload_gone(request, status=409)
            return super().process_import(request, **kwargs)

    def upload_gone(self, request: HttpRequest, *, status: int) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import"),
            "opts": self.opts,
            "form": self.create_import_form(request),
            "gone": True,
        }
        message = _(
            "This upload is no longer waiting for confirmation: it was imported already, "
            "or abandoned, or never existed. Nothing was written. See the list for what "
            "was imported, or upload the file again."
        )
        messages.error(request, message)
        return TemplateResponse(request, [self.import_template_name], context, status=status)
