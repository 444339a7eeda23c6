from django.urls import path

from suishin.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.article_list_view, name="article_list"),
    path("new/", views.article_create_view, name="article_create"),
    path("<id:pk>/", views.article_detail_view, name="article_detail"),
    path("<id:pk>/edit/", views.article_edit_view, name="article_edit"),
    path("<id:pk>/state/", views.article_state_view, name="article_state"),
    path("<id:pk>/share/", views.article_share_view, name="article_share"),
    path("<id:pk>/flags/", views.article_flag_view, name="article_flag"),
    path(
        "<id:pk>/flags/<id:flag_pk>/resolve/",
        views.article_flag_resolve_view,
        name="article_flag_resolve",
    ),
    path("<id:pk>/versions/<id:old>/<id:new>/", views.article_diff_view, name="article_diff"),
]
