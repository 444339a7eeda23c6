"""Core's rows of the access matrix (persona -> expected status), found by the completeness test."""

from __future__ import annotations

from suishin.testing.access import Row, expect

# The 県A notice is readable by 県A personas and hidden (404) from the others.
HIDDEN = {"officer_b": 404, "national_secretariat": 404}

PAGES: dict[str, Row] = {
    "core:home": Row(expect(200)),
    "core:login": Row(expect(302, anonymous=200)),
    "core:login_verify": Row(expect(302)),
    "core:login_enroll": Row(expect(302)),
    "core:logout": Row(expect(302), method="post"),
    "core:healthz": Row(expect(200, anonymous=200)),
    "core:favicon": Row(expect(301, anonymous=301)),
    "core:notice_list": Row(expect(200)),
    "core:notice_create": Row(expect(403, admin_a=200, national_secretariat=200)),
    "core:notice_detail": Row(expect(200, **HIDDEN), kwargs=lambda o: {"pk": o.notice.pk}),
    "core:notice_edit": Row(
        expect(403, admin_a=200, national_secretariat=404), kwargs=lambda o: {"pk": o.notice.pk}
    ),
    "core:notice_delete": Row(
        expect(403, admin_a=302, national_secretariat=404),
        method="post",
        kwargs=lambda o: {"pk": o.notice.pk},
    ),
    "core:file_download": Row(expect(200, **HIDDEN), kwargs=lambda o: {"file_uuid": o.file.uuid}),
    "core:account": Row(expect(200)),
    "core:account_mfa": Row(expect(200)),
    "core:account_mfa_disable": Row(expect(302), method="post"),
    "core:api_token_create": Row(
        expect(200), method="post", data=lambda o: {"name": "連携", "scope": "read", "days": "30"}
    ),
    "core:api_token_revoke": Row(
        expect(404, officer_a=302), method="post", kwargs=lambda o: {"pk": o.token.pk}
    ),
    "core:notification_list": Row(expect(200)),
    "core:notification_open": Row(
        expect(404, officer_a=302), kwargs=lambda o: {"pk": o.notification.pk}
    ),
    "core:notification_read_all": Row(expect(302), method="post"),
    "core:audit_list": Row(expect(403, auditor_a=200)),
    "core:audit_export": Row(expect(403, auditor_a=200)),
}

NOTICE_JSON = {"title": "API からの掲載", "body": "本文", "classification": 2}

API: dict[str, Row] = {
    "GET /api/v1/openapi.json": Row(expect(200, anonymous=200)),
    "GET /api/v1/me": Row(expect(200, anonymous=401)),
    "GET /api/v1/organizations": Row(expect(200, anonymous=401)),
    "GET /api/v1/notices": Row(expect(200, anonymous=401)),
    "POST /api/v1/notices": Row(
        expect(403, admin_a=201, national_secretariat=201, anonymous=401),
        method="post",
        data=lambda o: NOTICE_JSON,
        json=True,
    ),
    "GET /api/v1/notices/{notice_id}": Row(expect(200, **HIDDEN, anonymous=401)),
    "PUT /api/v1/notices/{notice_id}": Row(
        expect(403, admin_a=200, **HIDDEN, anonymous=401),
        method="put",
        data=lambda o: NOTICE_JSON,
        json=True,
    ),
    "DELETE /api/v1/notices/{notice_id}": Row(
        expect(403, admin_a=204, **HIDDEN, anonymous=401), method="delete"
    ),
    "GET /api/v1/audit": Row(expect(403, auditor_a=200, anonymous=401)),
}
