from django.urls import path

from suishin.initiatives.views import bodies, initiatives, sharing

app_name = "initiatives"

urlpatterns = [
    path("bodies/", bodies.body_list_view, name="body_list"),
    path("bodies/new/", bodies.body_create_view, name="body_create"),
    path("bodies/<id:pk>/", bodies.body_detail_view, name="body_detail"),
    path("bodies/<id:pk>/members/", bodies.body_member_add_view, name="body_member_add"),
    path(
        "bodies/<id:pk>/members/<id:member_pk>/remove/",
        bodies.body_member_remove_view,
        name="body_member_remove",
    ),
    path("bodies/<id:pk>/meetings/new/", bodies.meeting_create_view, name="meeting_create"),
    path(
        "bodies/<id:pk>/meetings/default/",
        bodies.body_meetings_default_view,
        name="body_meetings_default",
    ),
    path("posts/", bodies.post_list_view, name="post_list"),
    path("posts/<id:pk>/assign/", bodies.post_assign_view, name="post_assign"),
    path("meetings/<id:pk>/", bodies.meeting_detail_view, name="meeting_detail"),
    path("meetings/<id:pk>/<slug:part>/", bodies.meeting_update_view, name="meeting_update"),
    path(
        "meetings/<id:pk>/agenda/<id:item>/<slug:op>/",
        bodies.agenda_item_view,
        name="agenda_item",
    ),
    path(
        "meetings/<id:pk>/materials/<id:file>/remove/",
        bodies.material_remove_view,
        name="material_remove",
    ),
    path("actions/<id:pk>/done/", bodies.action_done_view, name="action_done"),
    path("", initiatives.initiative_list_view, name="initiative_list"),
    path("new/", initiatives.initiative_create_view, name="initiative_create"),
    path("portfolio/", initiatives.portfolio_view, name="portfolio"),
    path("import/", initiatives.initiative_import_view, name="initiative_import"),
    path("export.csv", initiatives.initiative_export_view, name="initiative_export"),
    path("report/", initiatives.annual_report_view, name="annual_report"),
    path("<id:pk>/", initiatives.initiative_detail_view, name="initiative_detail"),
    path("<id:pk>/kpis/", initiatives.initiative_kpi_view, name="initiative_kpi"),
    path("<id:pk>/updates/", initiatives.initiative_progress_view, name="initiative_progress"),
    path("<id:pk>/status/", initiatives.initiative_status_view, name="initiative_status"),
    path(
        "<id:pk>/milestones/",
        initiatives.initiative_milestone_view,
        name="initiative_milestone",
    ),
    path("categories/", initiatives.category_list_view, name="category_list"),
    path("<id:pk>/share/", sharing.case_publish_view, name="case_publish"),
    path("cases/", sharing.case_catalogue_view, name="case_catalogue"),
    path("cases/<id:pk>/", sharing.case_detail_view, name="case_detail"),
    path("cases/<id:pk>/<slug:action>/", sharing.case_action_view, name="case_action"),
    path(
        "cases/<id:pk>/questions/<id:question_pk>/answer/",
        sharing.case_answer_view,
        name="case_answer",
    ),
]
