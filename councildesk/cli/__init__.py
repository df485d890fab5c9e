"""The ``councildesk`` console script: one entry point for every command.

``councildesk check-profile FILE`` runs the Django management command ``check_profile``; words are joined
with hyphens on the command line and underscores inside. ``councildesk manage ...`` reaches any other command.
"""

from __future__ import annotations

import os
import sys

COMMANDS = {
    "coverage",
    "serve",
    "demo",
    "import-protocol",
    "check-profile",
    "sweep",
    "audit",
    "backup",
    "restore",
    "monitoring-officer",
    "mail-receive",
}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from django.core.management import execute_from_command_line

    usage = (
        "usage: councildesk {" + ",".join(sorted(COMMANDS)) + ",manage} ...\n"
        "Run 'councildesk COMMAND --help' for a command's options."
    )
    if not args:
        print(usage, file=sys.stderr)
        sys.exit(2)
    if args[0] in {"-h", "--help", "help"}:
        print(usage)
        return
    command, rest = args[0], args[1:]
    from councildesk.tenancy import rls

    rls.operator_process()  # an operator's command spans councils under row-level security
    if command == "manage":
        execute_from_command_line(["councildesk", *rest])
        return
    if command not in COMMANDS:
        print(
            f"councildesk: unknown command {command!r}; choose from {', '.join(sorted(COMMANDS))}",
            file=sys.stderr,
        )
        sys.exit(2)
    execute_from_command_line(["councildesk", command.replace("-", "_"), *rest])
