"""`suishin demo`: load (or complete) the fictional demo installation and print its sign-ins."""

import pyotp
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from suishin.core.serving import bind_address, served_address
from suishin.devtools.core.demo import DEMO_PASSWORD, DEMO_USERS, build_demo, demo_totp_secret


class Command(BaseCommand):
    help = "Load the fictional demo data (idempotent) and print the demo sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--code",
            metavar="USERNAME",
            help="print the current second-factor code of a demo account",
        )

    def handle(self, *args: object, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo data is not for production installations.")
        if options["code"]:
            self.stdout.write(pyotp.TOTP(demo_totp_secret(str(options["code"]))).now())
            return
        users = build_demo()
        # `make run` serves next with `suishin serve`, which binds to SUISHIN_BIND.
        address = served_address(bind_address())
        self.stdout.write(self.style.SUCCESS(f"Demo data is ready. Sign in at {address} with:"))
        self.stdout.write(f"  password for every account: {DEMO_PASSWORD}")
        for spec in DEMO_USERS:
            user = users[spec.username]
            second = ""
            if user.requires_mfa:
                second = f"  TOTP key {demo_totp_secret(spec.username)} (or: suishin demo --code {spec.username})"
            self.stdout.write(f"  {spec.username:<16} {spec.display_name}{second}")
