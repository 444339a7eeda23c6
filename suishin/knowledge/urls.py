from django.urls import path

from suishin.knowledge import views, views_manuals, views_masking_words, views_sharing

app_name = "knowledge"

urlpatterns = [
    path("", views.article_list_view, name="article_list"),
    path("new/", views.article_create_view, name="article_create"),
    path("<id:pk>/", views.article_detail_view, name="article_detail"),
    path("<id:pk>/edit/", views.article_edit_view, name="article_edit"),
    path("<id:pk>/state/", views.article_state_view, name="article_state"),
    path("<id:pk>/share/", views_sharing.article_share_view, name="article_share"),
    path(
        "<id:pk>/share/<id:snapshot_pk>/review/",
        views_sharing.article_share_review_view,
        name="article_share_review",
    ),
    path("<id:pk>/share/stop/", views_sharing.article_share_stop_view, name="article_share_stop"),
    path("<id:pk>/flags/", views.article_flag_view, name="article_flag"),
    path(
        "<id:pk>/flags/<id:flag_pk>/resolve/",
        views.article_flag_resolve_view,
        name="article_flag_resolve",
    ),
    path("<id:pk>/versions/<id:old>/<id:new>/", views.article_diff_view, name="article_diff"),
    path("manuals/", views_manuals.manual_list_view, name="manual_list"),
    path("manuals/import/", views_manuals.manual_import_view, name="manual_import"),
    path("manuals/<id:pk>/", views_manuals.manual_detail_view, name="manual_detail"),
    path(
        "manuals/<id:pk>/versions/<id:number>/",
        views_manuals.manual_version_view,
        name="manual_version",
    ),
    path(
        "manuals/<id:pk>/sections/<slug:key>/",
        views_manuals.manual_section_view,
        name="manual_section",
    ),
    path("manuals/<id:pk>/follow/", views_manuals.manual_follow_view, name="manual_follow"),
    path("manuals/<id:pk>/compare/", views_manuals.manual_compare_view, name="manual_compare"),
    path(
        "manuals/<id:pk>/compare.pdf",
        views_manuals.manual_compare_pdf_view,
        name="manual_compare_pdf",
    ),
    path(
        "manuals/<id:pk>/proposals/new/",
        views_manuals.proposal_create_view,
        name="proposal_create",
    ),
    path("proposals/<id:pk>/", views_manuals.proposal_detail_view, name="proposal_detail"),
    path(
        "proposals/<id:pk>/sections/<slug:key>/",
        views_manuals.proposal_section_view,
        name="proposal_section",
    ),
    path("proposals/<id:pk>/add/", views_manuals.proposal_add_view, name="proposal_add"),
    path(
        "proposals/<id:pk>/changes/<slug:key>/discard/",
        views_manuals.proposal_discard_view,
        name="proposal_discard",
    ),
    path("proposals/<id:pk>/action/", views_manuals.proposal_action_view, name="proposal_action"),
    path("roles/", views.knowledge_roles_view, name="roles"),
    path("masking-words/", views_masking_words.masking_words_view, name="masking_words"),
    path(
        "masking-words/<id:pk>/remove/",
        views_masking_words.masking_word_remove_view,
        name="masking_word_remove",
    ),
    path("gaps/", views_manuals.gap_list_view, name="gap_list"),
    path("gaps/<id:pk>/article/", views_manuals.gap_article_view, name="gap_article"),
    path("gaps/<id:pk>/dismiss/", views_manuals.gap_dismiss_view, name="gap_dismiss"),
]
