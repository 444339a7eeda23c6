from django.urls import path

from suishin.core.views import (
    account,
    audit,
    auth,
    favicon,
    files,
    health,
    home,
    notices,
    notifications,
    shared,
)

app_name = "core"

urlpatterns = [
    path("", home.home_view, name="home"),
    path("login/", auth.login_view, name="login"),
    path("login/verify/", auth.login_verify_view, name="login_verify"),
    path("login/enroll/", auth.login_enroll_view, name="login_enroll"),
    path("logout/", auth.logout_view, name="logout"),
    path("healthz", health.healthz_view, name="healthz"),
    path("favicon.ico", favicon.favicon_view, name="favicon"),
    path("notices/", notices.notice_list_view, name="notice_list"),
    path("notices/new/", notices.notice_create_view, name="notice_create"),
    path("notices/<id:pk>/", notices.notice_detail_view, name="notice_detail"),
    path("notices/<id:pk>/edit/", notices.notice_edit_view, name="notice_edit"),
    path("notices/<id:pk>/delete/", notices.notice_delete_view, name="notice_delete"),
    path("shared/", shared.shared_list_view, name="shared_list"),
    path("shared/<id:pk>/", shared.shared_detail_view, name="shared_detail"),
    path("files/<uuid:file_uuid>/", files.file_download_view, name="file_download"),
    path("account/", account.account_view, name="account"),
    path("account/mfa/", account.account_mfa_view, name="account_mfa"),
    path("account/mfa/disable/", account.account_mfa_disable_view, name="account_mfa_disable"),
    path("account/tokens/", account.api_token_create_view, name="api_token_create"),
    path("account/tokens/<id:pk>/revoke/", account.api_token_revoke_view, name="api_token_revoke"),
    path("notifications/", notifications.notification_list_view, name="notification_list"),
    path(
        "notifications/<id:pk>/open/",
        notifications.notification_open_view,
        name="notification_open",
    ),
    path(
        "notifications/read-all/",
        notifications.notification_read_all_view,
        name="notification_read_all",
    ),
    path("audit/", audit.audit_list_view, name="audit_list"),
    path("audit/export.csv", audit.audit_export_view, name="audit_export"),
]
