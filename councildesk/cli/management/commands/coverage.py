"""``councildesk coverage``: rule -> each council's clause -> where it is implemented -> the tests that prove it."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councildesk.coverage import report, selectors, testmap


class Command(BaseCommand):
    help = "Print which protocol rules the product implements and tests, for each council."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", metavar="SLUG", help="one council only")
        parser.add_argument("--format", choices=["text", "json", "csv"], default="text")
        parser.add_argument(
            "--update-test-map",
            metavar="TESTS_DIR",
            nargs="?",
            const="tests",
            help="regenerate the committed map of rules to tests from a checkout's tests/ folder, then stop",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["update_test_map"]:
            tests_dir = Path(options["update_test_map"])
            if not tests_dir.is_dir():
                raise CommandError(f"{tests_dir} is not a folder of tests", returncode=2)
            self.stdout.write(f"wrote {testmap.write(tests_dir)}")
            return
        chosen = selectors.profiles(options["council"])
        if not chosen:
            known = ", ".join(selectors.profiles()) or "none"
            raise CommandError(f"no council with the slug {options['council']!r} (known: {known})", returncode=2)
        rows = selectors.coverage_for(chosen)
        slugs = list(chosen)
        fmt = options["format"]
        if fmt == "json":
            self.stdout.write(json.dumps(report.as_json(rows, slugs), indent=1))
        elif fmt == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(report.CSV_HEADER)
            writer.writerows(report.as_rows(rows))
        else:
            self._text(rows, slugs)

    def _text(self, rows: list[report.RuleCoverage], slugs: list[str]) -> None:
        for r in rows:
            clauses = "; ".join(f"{s}: {r.councils[s]['clause'] or '-'}" for s in slugs)
            self.stdout.write(f"{r.rule.id:<55} {r.status:<16} tests={len(r.tests):<3} {clauses}")
        self.stdout.write("")
        for slug, figures in report.summary(rows, slugs).items():
            self.stdout.write(
                f"{slug}: {figures['operable_adopted']} operable rules adopted, {figures['implemented']} implemented, "
                f"{figures['tested']} tested; {figures['baseline_applied']} more applied as the product's baseline"
            )
