from __future__ import annotations

from uuid import UUID

from django.http import FileResponse

from suishin.core.selectors import get_visible_file_or_404
from suishin.core.typing import AuthenticatedRequest


def file_download_view(request: AuthenticatedRequest, file_uuid: UUID) -> FileResponse:
    stored = get_visible_file_or_404(request.user, file_uuid)
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.media_type,
    )
    # Never let a browser re-interpret an upload (for example text as HTML).
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
