"""The demo promotion structure follows seed 000."""

from __future__ import annotations

from django.core.management import call_command
from django.utils import timezone

from suishin.initiatives.models import (
    ActionItem,
    Initiative,
    Meeting,
    ProgressUpdate,
    PromotionBody,
    SharedCase,
)


def test_the_demo_builds_the_committee_structure(db: None) -> None:
    call_command("demo", stdout=None)
    names = set(PromotionBody.objects.values_list("name", flat=True))
    assert {
        "警察運営イノベーション推進委員会",
        "警察運営イノベーション推進幹事会",
        "非違事案対策高度化ワーキンググループ",
    } <= names
    wg = PromotionBody.objects.get(name="非違事案対策高度化ワーキンググループ")
    assert wg.secretariat.name == "監察課"
    assert wg.parent is not None and wg.parent.name == "警察運営イノベーション推進幹事会"
    # The integrity WG's meetings are for its members: not for a 交番 officer of 架空県.
    assert wg.meetings_members_only
    closed = Meeting.objects.get(body=wg)
    assert closed.members_only
    from suishin.core.models import User

    assert not Meeting.objects.visible_to(User.objects.get(username="officer")).filter(body=wg)
    assert Meeting.objects.visible_to(User.objects.get(username="kansatsu_kacho")).filter(body=wg)
    assert Meeting.objects.filter(status="held").exists()
    assert ActionItem.objects.filter(done_at__isnull=True).exists()
    assert Initiative.objects.filter(organization__institution__code="kaku").count() == 40
    assert Initiative.objects.values("category").distinct().count() == 9
    assert ProgressUpdate.objects.count() >= 300
    assert Initiative.objects.filter(next_update_due__lt=timezone.localdate()).exists()
    from suishin.initiatives.services.sharing import adoption_chain

    cases = SharedCase.objects.all()
    assert cases.values("organization__institution").distinct().count() >= 2
    last = Initiative.objects.get(organization__institution__code="enken")
    assert last.adopted_from is not None
    assert [c.title for c in adoption_chain(last.adopted_from)] == ["相談・照会窓口の全署展開"]
    call_command("demo", stdout=None)
    assert PromotionBody.objects.count() == len(names)
    assert Initiative.objects.filter(organization__institution__code="kaku").count() == 40
