from django.urls import path

from suishin.initiatives import views, views_initiatives, views_sharing

app_name = "initiatives"

urlpatterns = [
    path("bodies/", views.body_list_view, name="body_list"),
    path("bodies/new/", views.body_create_view, name="body_create"),
    path("bodies/<id:pk>/", views.body_detail_view, name="body_detail"),
    path("bodies/<id:pk>/members/", views.body_member_add_view, name="body_member_add"),
    path(
        "bodies/<id:pk>/members/<id:member_pk>/remove/",
        views.body_member_remove_view,
        name="body_member_remove",
    ),
    path("bodies/<id:pk>/meetings/new/", views.meeting_create_view, name="meeting_create"),
    path(
        "bodies/<id:pk>/meetings/default/",
        views.body_meetings_default_view,
        name="body_meetings_default",
    ),
    path("posts/", views.post_list_view, name="post_list"),
    path("posts/<id:pk>/assign/", views.post_assign_view, name="post_assign"),
    path("meetings/<id:pk>/", views.meeting_detail_view, name="meeting_detail"),
    path("meetings/<id:pk>/<slug:part>/", views.meeting_update_view, name="meeting_update"),
    path("actions/<id:pk>/done/", views.action_done_view, name="action_done"),
    path("", views_initiatives.initiative_list_view, name="initiative_list"),
    path("new/", views_initiatives.initiative_create_view, name="initiative_create"),
    path("portfolio/", views_initiatives.portfolio_view, name="portfolio"),
    path("import/", views_initiatives.initiative_import_view, name="initiative_import"),
    path("export.csv", views_initiatives.initiative_export_view, name="initiative_export"),
    path("report/", views_initiatives.annual_report_view, name="annual_report"),
    path("<id:pk>/", views_initiatives.initiative_detail_view, name="initiative_detail"),
    path("<id:pk>/kpis/", views_initiatives.initiative_kpi_view, name="initiative_kpi"),
    path(
        "<id:pk>/updates/", views_initiatives.initiative_progress_view, name="initiative_progress"
    ),
    path("<id:pk>/status/", views_initiatives.initiative_status_view, name="initiative_status"),
    path(
        "<id:pk>/milestones/",
        views_initiatives.initiative_milestone_view,
        name="initiative_milestone",
    ),
    path("categories/", views_initiatives.category_list_view, name="category_list"),
    path("<id:pk>/share/", views_sharing.case_publish_view, name="case_publish"),
    path("cases/", views_sharing.case_catalogue_view, name="case_catalogue"),
    path("cases/<id:pk>/", views_sharing.case_detail_view, name="case_detail"),
    path("cases/<id:pk>/<slug:action>/", views_sharing.case_action_view, name="case_action"),
    path(
        "cases/<id:pk>/questions/<id:question_pk>/answer/",
        views_sharing.case_answer_view,
        name="case_answer",
    ),
]
