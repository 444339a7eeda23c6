from django.urls import path

from suishin.desk.views import asking, dashboard, inquiry, queue, settings

app_name = "desk"

urlpatterns = [
    path("", asking.inquiry_list_view, name="inquiry_list"),
    path("new/", asking.inquiry_create_view, name="inquiry_create"),
    path("suggest/", asking.suggest_view, name="suggest"),
    path("privacy-check/", asking.privacy_check_view, name="privacy_check"),
    path("<id:pk>/", inquiry.inquiry_detail_view, name="inquiry_detail"),
    path("<id:pk>/post/", inquiry.inquiry_post_view, name="inquiry_post"),
    path("<id:pk>/status/", inquiry.inquiry_status_view, name="inquiry_status"),
    path("<id:pk>/assign/", inquiry.inquiry_assign_view, name="inquiry_assign"),
    path("<id:pk>/merge/", inquiry.inquiry_merge_view, name="inquiry_merge"),
    path("<id:pk>/links/", inquiry.inquiry_reference_view, name="inquiry_link"),
    path(
        "<id:pk>/links/<id:reference_pk>/delete/",
        inquiry.inquiry_reference_delete_view,
        name="inquiry_unlink",
    ),
    path(
        "<id:pk>/knowledge-search/",
        inquiry.inquiry_knowledge_search_view,
        name="inquiry_knowledge_search",
    ),
    path(
        "<id:pk>/knowledge-draft/",
        inquiry.inquiry_knowledge_draft_view,
        name="inquiry_knowledge_draft",
    ),
    path("queue/", queue.queue_view, name="queue"),
    path("queue/views/", queue.saved_view_create_view, name="saved_view_create"),
    path("queue/views/<id:pk>/delete/", queue.saved_view_delete_view, name="saved_view_delete"),
    path("canned/", queue.canned_answer_list_view, name="canned_answers"),
    path("canned/<id:pk>/delete/", queue.canned_answer_delete_view, name="canned_answer_delete"),
    path("roster/", settings.roster_view, name="roster"),
    path("roster/<id:pk>/delete/", settings.shift_delete_view, name="shift_delete"),
    path("settings/", settings.settings_view, name="settings"),
    path(
        "settings/categories/<id:pk>/toggle/",
        settings.category_toggle_view,
        name="category_toggle",
    ),
    path("settings/rules/<id:pk>/delete/", settings.routing_rule_delete_view, name="rule_delete"),
    path(
        "settings/levels/<id:pk>/delete/",
        settings.service_level_delete_view,
        name="service_level_delete",
    ),
    path("dashboard/", dashboard.dashboard_view, name="dashboard"),
    path("dashboard/export.csv", dashboard.dashboard_export_view, name="dashboard_export"),
]
