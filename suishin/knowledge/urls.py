from django.urls import path

from suishin.knowledge.views import articles, manuals, masking_words, roles, sharing

app_name = "knowledge"

urlpatterns = [
    path("", articles.article_list_view, name="article_list"),
    path("new/", articles.article_create_view, name="article_create"),
    path("<id:pk>/", articles.article_detail_view, name="article_detail"),
    path("<id:pk>/edit/", articles.article_edit_view, name="article_edit"),
    path("<id:pk>/state/", articles.article_state_view, name="article_state"),
    path("<id:pk>/share/", sharing.article_share_view, name="article_share"),
    path(
        "<id:pk>/share/<id:snapshot_pk>/review/",
        sharing.article_share_review_view,
        name="article_share_review",
    ),
    path("<id:pk>/share/stop/", sharing.article_share_stop_view, name="article_share_stop"),
    path("<id:pk>/flags/", articles.article_flag_view, name="article_flag"),
    path(
        "<id:pk>/flags/<id:flag_pk>/resolve/",
        articles.article_flag_resolve_view,
        name="article_flag_resolve",
    ),
    path("<id:pk>/versions/<id:old>/<id:new>/", articles.article_diff_view, name="article_diff"),
    path("manuals/", manuals.manual_list_view, name="manual_list"),
    path("manuals/import/", manuals.manual_import_view, name="manual_import"),
    path("manuals/<id:pk>/", manuals.manual_detail_view, name="manual_detail"),
    path(
        "manuals/<id:pk>/versions/<id:number>/",
        manuals.manual_version_view,
        name="manual_version",
    ),
    path(
        "manuals/<id:pk>/sections/<slug:key>/",
        manuals.manual_section_view,
        name="manual_section",
    ),
    path("manuals/<id:pk>/follow/", manuals.manual_follow_view, name="manual_follow"),
    path("manuals/<id:pk>/compare/", manuals.manual_compare_view, name="manual_compare"),
    path(
        "manuals/<id:pk>/compare.pdf",
        manuals.manual_compare_pdf_view,
        name="manual_compare_pdf",
    ),
    path(
        "manuals/<id:pk>/proposals/new/",
        manuals.proposal_create_view,
        name="proposal_create",
    ),
    path("proposals/<id:pk>/", manuals.proposal_detail_view, name="proposal_detail"),
    path(
        "proposals/<id:pk>/sections/<slug:key>/",
        manuals.proposal_section_view,
        name="proposal_section",
    ),
    path("proposals/<id:pk>/add/", manuals.proposal_add_view, name="proposal_add"),
    path(
        "proposals/<id:pk>/changes/<slug:key>/discard/",
        manuals.proposal_discard_view,
        name="proposal_discard",
    ),
    path("proposals/<id:pk>/action/", manuals.proposal_action_view, name="proposal_action"),
    path("roles/", roles.knowledge_roles_view, name="roles"),
    path("masking-words/", masking_words.masking_words_view, name="masking_words"),
    path(
        "masking-words/<id:pk>/remove/",
        masking_words.masking_word_remove_view,
        name="masking_word_remove",
    ),
    path("gaps/", manuals.gap_list_view, name="gap_list"),
    path("gaps/<id:pk>/article/", manuals.gap_article_view, name="gap_article"),
    path("gaps/<id:pk>/dismiss/", manuals.gap_dismiss_view, name="gap_dismiss"),
]
