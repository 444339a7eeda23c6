"""`suishin users …`: account administration for operators (runs as the system, audited)."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from suishin.core.choices import RoleChoices
from suishin.core.errors import DomainError
from suishin.core.models import Organization, User
from suishin.core.services.sign_in_throttle import address_release
from suishin.core.services.users import user_create, user_move, user_set_roles, user_unlock


class Command(BaseCommand):
    help = (
        "Create users, move them between units, set their roles, unlock them, lift a sign-in "
        "block on an address."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("username")
        create.add_argument("--unit", required=True, help="organization code")
        create.add_argument("--role", action="append", choices=RoleChoices.values, required=True)
        create.add_argument("--display-name", default="")
        create.add_argument("--email", default="")
        create.add_argument("--password-file", help="read the initial password from this file")
        move = sub.add_parser("move")
        move.add_argument("username")
        move.add_argument("unit", help="organization code")
        roles = sub.add_parser("roles")
        roles.add_argument("username")
        roles.add_argument("--role", action="append", choices=RoleChoices.values, required=True)
        unlock = sub.add_parser("unlock")
        unlock.add_argument("username")
        unblock = sub.add_parser("unblock-address", help="lift a sign-in block on an address")
        unblock.add_argument("address")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            message = getattr(self, f"_{options['action'].replace('-', '_')}")(options)
        except DomainError as error:
            details = "; ".join(
                f"{field}: {' '.join(msgs)}" for field, msgs in error.fields.items()
            )
            raise CommandError(f"{error.message} {details}".strip()) from error
        self.stdout.write(self.style.SUCCESS(message))

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        return user

    def _unit(self, code: str) -> Organization:
        unit = Organization.objects.filter(code=code).first()
        if unit is None:
            raise CommandError(f"no organization with code {code!r}")
        return unit

    def _create(self, options: dict[str, Any]) -> str:
        if options["password_file"]:
            password = Path(options["password_file"]).read_text(encoding="utf-8").strip()
        else:
            password = getpass.getpass("Initial password: ")
        user = user_create(
            actor=None,
            username=options["username"],
            password=password,
            unit=self._unit(options["unit"]),
            roles=options["role"],
            display_name=options["display_name"],
            email=options["email"],
        )
        return f"created {user.username} in {user.unit}"

    def _move(self, options: dict[str, Any]) -> str:
        user = user_move(
            actor=None, user=self._user(options["username"]), unit=self._unit(options["unit"])
        )
        return f"moved {user.username} to {user.unit}"

    def _roles(self, options: dict[str, Any]) -> str:
        user = user_set_roles(
            actor=None, user=self._user(options["username"]), roles=options["role"]
        )
        return f"{user.username}: {', '.join(sorted(user.role_set))}"

    def _unlock(self, options: dict[str, Any]) -> str:
        user = user_unlock(actor=None, user=self._user(options["username"]))
        return f"unlocked {user.username}"

    def _unblock_address(self, options: dict[str, Any]) -> str:
        if not address_release(actor=None, ip_address=options["address"]):
            raise CommandError(f"no sign-in block on {options['address']}")
        return f"sign-in from {options['address']} is no longer paused"
