#!/usr/bin/env python
"""Django's manage.py; the `councildesk` console script is the everyday entry point."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from django.core.management import execute_from_command_line

    from councildesk.tenancy import rls

    rls.operator_process()  # an operator's command spans councils under row-level security (ADR 0015)
    execute_from_command_line(sys.argv)
