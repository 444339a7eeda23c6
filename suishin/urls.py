from django.urls import include, path

from suishin.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("search/", include("suishin.search.urls")),
    path("", include("suishin.core.urls")),
]

handler400 = "suishin.core.views.errors.bad_request"
handler403 = "suishin.core.views.errors.permission_denied"
handler404 = "suishin.core.views.errors.page_not_found"
handler500 = "suishin.core.views.errors.server_error"
