"""The demo installation is complete and can be loaded any number of times."""

from __future__ import annotations

from django.core.management import call_command

from suishin.core.choices import OrganizationKindChoices, RoleChoices
from suishin.core.models import AuditEntry, Notice, Organization, User
from suishin.core.services.audit import audit_verify


def test_the_demo_builds_a_prefecture_with_every_role_and_is_idempotent(db: None) -> None:
    call_command("demo", stdout=None)
    counts = (
        Organization.objects.count(),
        User.objects.count(),
        Notice.objects.count(),
        AuditEntry.objects.count(),
    )
    call_command("demo", stdout=None)
    assert (
        Organization.objects.count(),
        User.objects.count(),
        Notice.objects.count(),
        AuditEntry.objects.count(),
    ) == counts

    kaku = Organization.objects.get(code="kaku")
    stations = Organization.objects.filter(
        path__startswith=kaku.path, kind=OrganizationKindChoices.POLICE_STATION
    )
    assert stations.count() >= 10
    assert all(
        station.children.filter(kind=OrganizationKindChoices.POLICE_BOX).exists()
        for station in stations
    )
    departments = set(
        Organization.objects.filter(parent__code="kaku-hq").values_list("name", flat=True)
    )
    assert departments == {
        "警務部",
        "生活安全部",
        "地域部",
        "刑事部",
        "交通部",
        "警備部",
        "情報通信部",
    }
    assert Organization.objects.filter(kind=OrganizationKindChoices.PREFECTURAL_GOVERNMENT).exists()
    assert Organization.objects.filter(kind=OrganizationKindChoices.NATIONAL_AGENCY).exists()
    held = set(User.objects.values_list("roles__role", flat=True))
    assert held >= set(RoleChoices.values)
    assert all(user.has_totp for user in User.objects.all() if user.requires_mfa)
    assert audit_verify().ok
