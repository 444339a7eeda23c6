"""The people every access test is written from (STYLE.md): an officer of 県A, a responder at
県A HQ, an officer of 県B, a national-agency secretariat user, an auditor, an administrator of
県A, and an anonymous visitor. Built with the real services on a small organization tree."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client

from suishin.core.choices import OrganizationKindChoices as Kind
from suishin.core.choices import RoleChoices as Role
from suishin.core.middleware import SESSION_MFA_DONE
from suishin.core.models import Organization, User
from suishin.core.services.organizations import organization_create
from suishin.core.services.users import user_create

PASSWORD = "Correct-Horse-Battery-42"  # noqa: S105 - test persona credential
PERSONA_NAMES = (
    "officer_a",
    "responder_a",
    "officer_b",
    "national_secretariat",
    "auditor_a",
    "admin_a",
    "anonymous",
)


@dataclass
class World:
    npa: Organization
    npa_division: Organization
    pref_a: Organization
    hq_a: Organization
    division_a: Organization
    station_a: Organization
    box_a: Organization
    pref_b: Organization
    box_b: Organization
    users: dict[str, User]

    def user(self, name: str) -> User | None:
        return self.users.get(name)


def build_world() -> World:
    def org(code: str, name: str, kind: str, parent: Organization | None = None) -> Organization:
        return organization_create(actor=None, code=code, name=name, kind=kind, parent=parent)

    npa = org("npa", "警察庁", Kind.NATIONAL_AGENCY)
    npa_division = org("npa-kikaku", "企画課", Kind.DIVISION, npa)
    pref_a = org("pref-a", "県A警察", Kind.PREFECTURAL_POLICE)
    hq_a = org("pref-a-hq", "県A警察本部", Kind.POLICE_HEADQUARTERS, pref_a)
    department_a = org("pref-a-seian", "生活安全部", Kind.DEPARTMENT, hq_a)
    division_a = org("pref-a-seian-kikaku", "生活安全企画課", Kind.DIVISION, department_a)
    station_a = org("pref-a-chuo", "中央警察署", Kind.POLICE_STATION, pref_a)
    box_a = org("pref-a-chuo-1", "駅前交番", Kind.POLICE_BOX, station_a)
    pref_b = org("pref-b", "県B警察", Kind.PREFECTURAL_POLICE)
    station_b = org("pref-b-kita", "北警察署", Kind.POLICE_STATION, pref_b)
    box_b = org("pref-b-kita-1", "北口交番", Kind.POLICE_BOX, station_b)

    def person(username: str, unit: Organization, *roles: str) -> User:
        return user_create(actor=None, username=username, password=PASSWORD, unit=unit, roles=roles)

    users = {
        "officer_a": person("officer_a", box_a, Role.OFFICER),
        "responder_a": person("responder_a", division_a, Role.OFFICER, Role.RESPONDER),
        "officer_b": person("officer_b", box_b, Role.OFFICER),
        "national_secretariat": person("national_secretariat", npa_division, Role.SECRETARIAT),
        "auditor_a": person("auditor_a", division_a, Role.AUDITOR),
        "admin_a": person("admin_a", division_a, Role.OFFICER, Role.SYSTEM_ADMIN),
    }
    return World(
        npa, npa_division, pref_a, hq_a, division_a, station_a, box_a, pref_b, box_b, users
    )


def sign_in(client: Client, user: User | None) -> Client:
    """Sign ``user`` in as if every factor had been passed (None leaves the client anonymous)."""
    if user is None:
        return client
    client.force_login(user)
    session = client.session
    session[SESSION_MFA_DONE] = True
    session.save()
    return client
