"""`suishin audit verify|checkpoint`: check the audit chain against its signed checkpoints, or
sign a new checkpoint (the scheduler does so every five minutes)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from suishin.core.services.audit import audit_checkpoint, audit_verify


class Command(BaseCommand):
    help = "Audit-chain operations: verify the chain, or write a signed checkpoint."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "checkpoint"])
        parser.add_argument(
            "--restored",
            action="store_true",
            help="verify a restored backup: checkpoints after its last entry are not expected",
        )
        parser.add_argument(
            "--start-new",
            action="store_true",
            help="checkpoint: start a new checkpoint file (the old one is kept, renamed); "
            "only after a restore or when the file was lost",
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "checkpoint":
            self._checkpoint(start_new=bool(options["start_new"]))
            return
        result = audit_verify(restored=bool(options["restored"]))
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

    def _checkpoint(self, *, start_new: bool) -> None:
        result = audit_checkpoint(start_new=start_new)
        if result.problem:
            raise CommandError(f"no checkpoint written: {result.problem}")
        point = result.checkpoint
        sequence = point.sequence if point else 0
        if result.written:
            self.stdout.write(self.style.SUCCESS(f"checkpoint written at sequence {sequence}"))
        else:
            self.stdout.write(f"nothing new since the checkpoint at sequence {sequence}")
