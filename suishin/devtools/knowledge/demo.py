"""The demo knowledge base: a hundred articles written by 架空県警察 HQ from the desk's answers,
one per question and situation, in every state — most validated, some waiting for validation,
some still being written, a few archived — with flags, overdue reviews, uses from the desk and
a few shared nationwide after masking; and a manual with two versions (demo_manual)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from suishin.core.models import Organization, User
from suishin.core.services.releases import release_confirm
from suishin.desk.choices import InquiryStatusChoices
from suishin.desk.models import Inquiry
from suishin.desk.services.inquiries import inquiry_link_reference
from suishin.devtools.core.demo import register
from suishin.devtools.desk.demo import DEFAULT_DIVISION, ROUTES
from suishin.devtools.desk.demo_content import QUESTIONS
from suishin.knowledge.choices import ArticleStateChoices as State
from suishin.knowledge.choices import KnowledgeRoleChoices as Role
from suishin.knowledge.models import Article
from suishin.knowledge.services.articles import article_change_state, article_create
from suishin.knowledge.services.flags import article_flag
from suishin.knowledge.services.roles import knowledge_role_set
from suishin.knowledge.services.sharing import article_findings, article_share_request

# (title suffix, situation, an addition to the answer)
SITUATIONS = [
    ("", "平日の日中、署の窓口で受理した場合。", ""),
    (
        "夜間・休日の場合",
        "夜間・休日に交番で受理し、担当課に連絡が取れない場合。",
        "夜間・休日は当直責任者に報告し、翌業務日の朝に担当課へ引き継いでください。",
    ),
    (
        "外国人が関係する場合",
        "関係者が日本語を十分に話せない外国人である場合。",
        "通訳人の手配は警務課の通訳人名簿によります。説明内容と通訳人の氏名を記録してください。",
    ),
    (
        "高齢者が関係する場合",
        "関係者が高齢で、手続の説明を十分に理解できているか分からない場合。",
        "家族等の同席を勧め、説明した内容を書面で渡してください。",
    ),
]
BASIS = {
    "生活安全": "遺失物法\n遺失物取扱要領第3章",
    "刑事": "刑事訴訟法\n犯罪捜査規範",
    "交通": "道路交通法\n交通事故処理要領",
    "警備": "警備実施要則",
    "地域": "地域警察運営規則",
    "警務": "職員の勤務時間等に関する規則",
    "情報通信": "情報セキュリティ対策基準",
    "会計": "会計事務取扱規程",
    "その他": "",
}
PUBLISHERS = ("responder", "desk_manager")
# A person's data left in a few drafts, so that the masking step has something to find.
WITH_PERSONAL_DATA = "相談者の山田花子さん（090-1234-5678）から再度の連絡があった。"


@register
def build_knowledge() -> None:
    kaku = Organization.objects.filter(code="kaku").first()
    if kaku is None or Article.objects.filter(organization__institution=kaku).exists():
        return
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        return
    authors: dict[str, User] = {}
    for user in User.objects.filter(unit__institution=kaku, roles__role="responder").distinct():
        role = Role.PUBLISHER if user.username in PUBLISHERS else Role.CONTRIBUTOR
        knowledge_role_set(actor=admin, user=user, role=role)
        authors.setdefault(user.unit.code if user.unit else "", User.objects.get(pk=user.pk))
    chooser = random.Random(2027)  # noqa: S311 - demo data, not security
    articles: list[Article] = []
    for number in range(len(QUESTIONS) * len(SITUATIONS)):
        category, subject, question, answer = QUESTIONS[number % len(QUESTIONS)]
        suffix, situation, addition = SITUATIONS[number // len(QUESTIONS)]
        author = authors.get(ROUTES.get(category, DEFAULT_DIVISION)) or authors[DEFAULT_DIVISION]
        roll = chooser.random()
        state = State.DRAFT if roll < 0.15 else State.NOT_VALIDATED
        article = article_create(
            actor=author,
            title=f"{subject}（{suffix}）" if suffix else subject,
            question=question,
            environment=situation + (WITH_PERSONAL_DATA if roll < 0.05 else ""),
            answer=f"{answer}{addition}",
            basis=BASIS.get(category, "") if chooser.random() < 0.85 else "",
            category=category,
            search_words=[word for word in subject.replace("の", " ").split()[:4] if word],
            state=state,
        )
        if 0.15 <= roll < 0.8:
            article = article_change_state(actor=author, article=article, state=State.VALIDATED)
        elif roll >= 0.9:
            article = article_change_state(actor=author, article=article, state=State.ARCHIVED)
        articles.append(article)
    _age(articles, chooser)
    _flag_some(articles, chooser)
    _link_to_answers(articles)
    _share_some(articles)


def _age(articles: list[Article], chooser: random.Random) -> None:
    """Spread creation over the past two years; some reviews are overdue."""
    today = timezone.localdate()
    for article in articles:
        created = timezone.now() - timedelta(days=chooser.randint(10, 700))
        review_due = article.review_due
        if article.state == State.VALIDATED and chooser.random() < 0.15:
            review_due = today - timedelta(days=chooser.randint(1, 60))
        Article.objects.filter(pk=article.pk).update(
            created_at=created, updated_at=created, review_due=review_due
        )


def _flag_some(articles: list[Article], chooser: random.Random) -> None:
    reader = User.objects.get(username="officer")
    reasons = [
        "参照している要領の章番号が改正後のものと違うようです。",
        "夜間の連絡先が古くなっています。",
        "様式の番号が分かりにくいので、様式名も書いてほしいです。",
    ]
    live = [a for a in articles if a.state in (State.VALIDATED, State.NOT_VALIDATED)]
    for article in chooser.sample(live, 8):
        article_flag(actor=reader, article=article, reason=chooser.choice(reasons))


def _link_to_answers(articles: list[Article]) -> None:
    """Responders linked the validated articles in their answers: that is their reuse."""
    by_title = {a.title: a for a in articles if a.state == State.VALIDATED}
    answered = Inquiry.objects.filter(
        status__in=(InquiryStatusChoices.ANSWERED, InquiryStatusChoices.RESOLVED),
        assignee__isnull=False,
    ).select_related("assignee")[:120]
    for inquiry in answered:
        article = by_title.get(inquiry.subject)
        if article is None or inquiry.assignee is None:
            continue
        inquiry_link_reference(
            actor=inquiry.assignee,
            inquiry=inquiry,
            type_key="knowledge.article",
            object_id=str(article.pk),
        )


def _share_some(articles: list[Article]) -> None:
    """A few validated articles go nationwide (横展開): the responder masks each and asks, the
    desk manager (a second publisher) confirms; the last one still awaits confirmation."""
    publisher = User.objects.get(username="responder")
    confirmer = User.objects.get(username="desk_manager")
    shared = 0
    for article in articles:
        if shared >= 5 or article.state != State.VALIDATED:
            continue
        if article.created_by_id != publisher.pk:
            continue
        article.refresh_from_db()
        snapshot = article_share_request(
            actor=publisher,
            article=article,
            expected_version=article.version,
            shared_nationwide=True,
            masked_keys=[item.key for item in article_findings(article)],
        )
        if shared < 4:
            release_confirm(
                actor=confirmer, release=snapshot, expected_sha256=snapshot.content_sha256
            )
        shared += 1


@register
def build_manual() -> None:
    """遺失物取扱要領: version 1 in force from 2024-04-01, version 2 (through review and
    approval) from 2025-04-01, and a further proposal waiting for review."""
    from datetime import date

    from suishin.devtools.knowledge import demo_manual as content
    from suishin.knowledge.models import Manual
    from suishin.knowledge.services.manuals import manual_import
    from suishin.knowledge.services.revisions import (
        proposal_add_section,
        proposal_change_section,
        proposal_create,
        proposal_decide,
        proposal_submit,
    )

    kaku = Organization.objects.filter(code="kaku").first()
    if kaku is None or Manual.objects.filter(organization__institution=kaku).exists():
        return
    drafter = User.objects.get(username="responder")
    reviewer = User.objects.get(username="desk_manager")
    approver = User.objects.get(username="admin")
    manual = manual_import(
        actor=drafter,
        title=content.TITLE,
        summary=content.SUMMARY,
        file_name="遺失物取扱要領.txt",
        data=content.VERSION_1.encode(),
        effective_date=date(2024, 4, 1),
    )
    manual.followers.add(User.objects.get(username="officer"))
    base = manual.versions.get(number=1)
    motivations = [
        ("desk.inquiry", str(inquiry.pk), inquiry.subject, inquiry.get_absolute_url())
        for inquiry in Inquiry.objects.filter(subject__contains="遺失物").order_by("pk")[:3]
    ]
    proposal = proposal_create(
        actor=drafter,
        manual=manual,
        title=content.REVISION_TITLE,
        reason=content.REVISION_REASON,
        effective_date=date(2025, 4, 1),
        reviewer=reviewer,
        approver=approver,
        motivations=motivations,
    )
    for label, (heading, body) in content.CHANGES.items():
        section = base.sections.get(label=label)
        proposal_change_section(
            actor=drafter,
            proposal=proposal,
            key=section.key,
            label=label,
            heading=heading,
            body=body,
        )
    label, heading, body = content.ADDED
    proposal_add_section(
        actor=drafter,
        proposal=proposal,
        after_key=base.sections.get(label=content.ADDED_AFTER).key,
        level=4,
        label=label,
        heading=heading,
        body=body,
    )
    proposal_submit(actor=drafter, proposal=proposal)
    proposal_decide(actor=reviewer, proposal=proposal, approve=True, comment="内容を確認しました。")
    proposal_decide(actor=approver, proposal=proposal, approve=True, comment="決裁します。")
    # A further revision, waiting for the reviewer.
    manual.refresh_from_db()
    current = manual.versions.get(number=2)
    waiting = proposal_create(
        actor=drafter,
        manual=manual,
        title="報告様式の見直し",
        reason="月例報告の項目を整理するため。",
        effective_date=date(2027, 4, 1),
        reviewer=reviewer,
        approver=approver,
    )
    report = current.sections.get(label="第9条")
    proposal_change_section(
        actor=drafter,
        proposal=waiting,
        key=report.key,
        label="第9条",
        heading="報告",
        body="署長は、毎月の取扱状況を翌月10日までに本部生活安全企画課に報告する。",
    )
    proposal_submit(actor=drafter, proposal=waiting)


# Recent questions on topics no article or manual answers yet: the daily search lists them as
# revision candidates (the scheduler runs it when the server starts).
UNANSWERED = [
    (
        "地域",
        "ドローンの飛行許可の確認方法",
        "管内でドローンを飛ばしている人がいます。飛行許可の確認方法を教えてください。",
    ),
    (
        "地域",
        "無人航空機の飛行許可を確認したい",
        "公園の上空で無人航空機が飛んでいます。許可の有無をどう確認すればよいですか。",
    ),
    (
        "地域",
        "ドローン飛行の許可証の見方",
        "ドローンを飛ばしている人から許可証を見せられました。確認すべき点を教えてください。",
    ),
    (
        "地域",
        "夜間のドローン飛行の通報への対応",
        "夜間にドローンが住宅街を飛んでいるとの通報がありました。どう対応すればよいですか。",
    ),
    (
        "交通",
        "電動キックボードの年齢確認",
        "電動キックボードに乗っている若者がいます。運転できる年齢の確認方法を教えてください。",
    ),
    (
        "交通",
        "特定小型原動機付自転車の歩道走行",
        "電動キックボードが歩道を走っていました。歩道を走れる条件を教えてください。",
    ),
    (
        "交通",
        "電動キックボードのナンバー確認",
        "電動キックボードにナンバープレートが付いていません。確認すべき点を教えてください。",
    ),
]


@register
def build_unanswered_questions() -> None:
    from suishin.desk.selectors import categories_for
    from suishin.desk.services.inquiries import inquiry_create

    kaku = Organization.objects.filter(code="kaku").first()
    if kaku is None or Inquiry.objects.filter(subject=UNANSWERED[0][1]).exists():
        return
    categories = {category.name: category for category in categories_for(kaku.pk)}
    officers = list(User.objects.filter(username__startswith="officer").order_by("username"))
    for number, (category, subject, body) in enumerate(UNANSWERED):
        inquiry_create(
            actor=officers[number % len(officers)],
            category=categories[category],
            urgency="normal",
            subject=subject,
            body=body,
        )
