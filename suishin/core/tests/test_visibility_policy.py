"""Need-to-know: who sees which record, by classification and sharing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from suishin.core.choices import ClassificationChoices as C
from suishin.core.models import Notice
from suishin.core.services.users import user_move
from suishin.core.tests.factories import make_notice
from suishin.testing.personas import World


def visible_ids(user: object) -> set[int]:
    return set(Notice.objects.visible_to(user).values_list("pk", flat=True))  # type: ignore[arg-type]


@pytest.fixture
def author(world: World):
    return world.users["responder_a"]


def test_public_records_are_visible_to_everyone_including_anonymous(world: World, author) -> None:
    notice = make_notice(author=author, classification=C.PUBLIC)
    for user in [*world.users.values(), AnonymousUser()]:
        assert notice.pk in visible_ids(user)


def test_internal_records_stay_inside_the_owning_institution(world: World, author) -> None:
    notice = make_notice(author=author, classification=C.INTERNAL)
    assert notice.pk in visible_ids(world.users["officer_a"]), "a 交番 officer is inside 県A"
    assert notice.pk in visible_ids(world.users["auditor_a"])
    assert notice.pk not in visible_ids(world.users["officer_b"])
    assert notice.pk not in visible_ids(world.users["national_secretariat"])
    assert notice.pk not in visible_ids(AnonymousUser())


def test_sharing_with_an_organization_includes_its_units(world: World, author) -> None:
    notice = make_notice(author=author, shared_organizations=[world.pref_b])
    assert notice.pk in visible_ids(world.users["officer_b"]), "県B's 交番 is below 県B"
    assert notice.pk not in visible_ids(world.users["national_secretariat"])


def test_sharing_with_a_unit_does_not_reach_its_parent_or_siblings(world: World, author) -> None:
    notice = make_notice(author=author, shared_organizations=[world.box_b])
    assert notice.pk in visible_ids(world.users["officer_b"])
    assert notice.pk not in visible_ids(world.users["national_secretariat"])


def test_nationwide_sharing_reaches_every_signed_in_user_but_not_anonymous(
    world: World, author
) -> None:
    notice = make_notice(author=author, shared_nationwide=True)
    for user in world.users.values():
        assert notice.pk in visible_ids(user)
    assert notice.pk not in visible_ids(AnonymousUser())


def test_restricted_records_are_for_named_readers_and_author_only(world: World, author) -> None:
    notice = make_notice(
        author=author, classification=C.RESTRICTED, named_readers=[world.users["officer_b"]]
    )
    assert notice.pk in visible_ids(author)
    assert notice.pk in visible_ids(world.users["officer_b"])
    for name in ("officer_a", "auditor_a", "admin_a", "national_secretariat"):
        assert notice.pk not in visible_ids(world.users[name]), f"{name} is not named"


def test_visible_to_returns_each_record_once_however_many_paths_grant_it(
    world: World, author
) -> None:
    make_notice(
        author=author,
        shared_organizations=[world.pref_a, world.station_a, world.box_a],
        shared_nationwide=True,
    )
    assert Notice.objects.visible_to(world.users["officer_a"]).count() == 1


def test_a_moved_user_loses_the_old_access_on_the_next_query(world: World, author) -> None:
    notice = make_notice(author=author)
    officer = world.users["officer_a"]
    assert notice.pk in visible_ids(officer)
    user_move(actor=world.users["admin_a"], user=officer, unit=world.box_b)
    officer.refresh_from_db()
    assert notice.pk not in visible_ids(officer)


def test_inactive_users_and_users_without_a_unit_see_only_public_records(
    world: World, author
) -> None:
    public = make_notice(author=author, classification=C.PUBLIC)
    internal = make_notice(author=author)
    officer = world.users["officer_a"]
    officer.is_active = False
    assert visible_ids(officer) == {public.pk}
    officer.is_active = True
    officer.unit = None
    assert visible_ids(officer) == {public.pk}
    assert internal.pk not in visible_ids(officer)
