"""The ``suishin`` command: Django's management commands under one name.

``suishin serve`` and ``suishin worker`` start the two process types; everything else
(``suishin demo``, ``suishin audit verify``, ``suishin backup`` ...) is a management command.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "suishin.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["suishin", *sys.argv[1:]])


if __name__ == "__main__":
    main()
