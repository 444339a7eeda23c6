from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "suishin.initiatives"
    label = "initiatives"
    verbose_name = _("Initiatives and promotion bodies")

    def ready(self) -> None:
        from suishin.core.audit_actions import register_audit_actions
        from suishin.initiatives.choices import AUDIT_ACTIONS

        register_audit_actions(AUDIT_ACTIONS)

        from suishin.core.file_rules import register_file_rule
        from suishin.initiatives.models import Meeting
        from suishin.initiatives.selectors import may_read_material

        # A meeting's material may be stricter than the meeting.
        register_file_rule(Meeting, may_read_material)
