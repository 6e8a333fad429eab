import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingUpload(models.Model):
    """A spreadsheet uploaded for import, kept from its preview until it is confirmed.

    In the database rather than a process's cache or a local file, so that any server
    process may confirm it; removed once confirmed, refused, or abandoned
    (common.uploads).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    content = models.BinaryField(_("content"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("upload waiting for confirmation")
        verbose_name_plural = _("uploads waiting for confirmation")

    def __str__(self) -> str:
        return str(self.id)
