from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "suishin.desk"
    label = "desk"
    verbose_name = _("Inquiry desk")

    def ready(self) -> None:
        from suishin.core.choices import RoleChoices
        from suishin.core.context_processors import NAVIGATION, NavItem
        from suishin.desk import demo, panels, schedule  # noqa: F401
        from suishin.desk.models import InquiryReference
        from suishin.desk.questions import InquiryQuestions
        from suishin.desk.services.knowledge import register_receiver
        from suishin.knowledge.questions import register_question_source
        from suishin.knowledge.services.drafts import article_create_from_draft
        from suishin.knowledge.uses import register_use_model

        # An answered inquiry becomes a draft article through the knowledge module below; the
        # desk's inquiries are the questions in which knowledge looks for gaps, and their
        # references are the uses it counts.
        register_receiver(article_create_from_draft)
        register_question_source(InquiryQuestions())
        register_use_model(InquiryReference)

        NAVIGATION.insert(1, NavItem(_("Inquiry desk"), "desk:inquiry_list"))
        NAVIGATION.insert(2, NavItem(_("Desk queue"), "desk:queue", (RoleChoices.RESPONDER,)))
        NAVIGATION.insert(
            3,
            NavItem(
                _("Desk dashboard"),
                "desk:dashboard",
                (RoleChoices.RESPONDER, RoleChoices.SECRETARIAT, RoleChoices.SYSTEM_ADMIN),
            ),
        )
        NAVIGATION.append(NavItem(_("Desk settings"), "desk:settings", (RoleChoices.SYSTEM_ADMIN,)))
