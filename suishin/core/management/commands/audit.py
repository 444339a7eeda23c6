"""`suishin audit verify`: walk the audit chain and report the first broken link."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from suishin.core.services.audit import audit_verify


class Command(BaseCommand):
    help = "Audit-chain operations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: object, **options: object) -> None:
        result = audit_verify()
        if result.ok:
            self.stdout.write(
                self.style.SUCCESS(f"audit chain intact: {result.checked} entries verified")
            )
            return
        broken = result.first_break
        raise CommandError(
            f"audit chain broken at sequence {broken.sequence}: {broken.reason} "  # type: ignore[union-attr]
            f"({result.checked} entries verified before it)"
        )
