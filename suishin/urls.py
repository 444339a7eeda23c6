from django.urls import include, path, register_converter

from suishin.api import api
from suishin.core.converters import RecordIdConverter

# Record ids in every app's URLs: bounded digits, so no URL can overflow a database integer.
register_converter(RecordIdConverter, "id")

urlpatterns = [
    path("api/v1/", api.urls),
    path("search/", include("suishin.search.urls")),
    path("desk/", include("suishin.desk.urls")),
    path("knowledge/", include("suishin.knowledge.urls")),
    path("initiatives/", include("suishin.initiatives.urls")),
    path("", include("suishin.core.urls")),
]

handler400 = "suishin.core.views.errors.bad_request"
handler403 = "suishin.core.views.errors.permission_denied"
handler404 = "suishin.core.views.errors.page_not_found"
handler500 = "suishin.core.views.errors.server_error"
