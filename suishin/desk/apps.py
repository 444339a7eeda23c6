from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "suishin.desk"
    label = "desk"
    verbose_name = _("Inquiry desk")

    def ready(self) -> None:
        from suishin.core.audit_actions import register_audit_actions
        from suishin.desk.choices import AUDIT_ACTIONS

        register_audit_actions(AUDIT_ACTIONS)

        from suishin.core.file_rules import register_file_rule
        from suishin.desk.access import may_read_inquiry_file
        from suishin.desk.models import Inquiry, InquiryReference
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
        # Files posted with an internal note are for the desk only.
        register_file_rule(Inquiry, may_read_inquiry_file)
