from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "suishin.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge and manuals")

    def ready(self) -> None:
        from suishin.core.audit_actions import register_audit_actions
        from suishin.knowledge.choices import AUDIT_ACTIONS

        register_audit_actions(AUDIT_ACTIONS)
