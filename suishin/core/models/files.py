from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def stored_file_path(instance: StoredFile, filename: str) -> str:
    # Never the uploaded name on disk: the name is data, the path is ours.
    return f"{instance.created_at:%Y/%m}/{instance.uuid.hex}"


class StoredFile(models.Model):
    """An uploaded file attached to a business record; readable by whoever may read the record."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    attached_to = GenericForeignKey("content_type", "object_id")
    file = models.FileField(upload_to=stored_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    media_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("core:file_download", args=[self.uuid])
