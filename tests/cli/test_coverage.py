"""``councildesk coverage``: the product's report on which rules it implements and tests, per council."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command

from councildesk.catalogue import rules
from tests.cli.test_commands import run_cli
from tests.factories import SLUGS


def test_json_report_covers_every_rule_and_all_five_councils(tmp_path):
    # A fresh data folder: nothing installed yet, so the report reads the shipped profiles.
    result = run_cli("coverage", "--format", "json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [r["id"] for r in report["rules"]] == list(rules())
    assert set(report["summary"]) == set(SLUGS)
    first = report["rules"][0]
    assert set(first) >= {"id", "area", "kind", "title", "status", "implemented_in", "tests", "councils"}
    assert set(first["councils"]) == set(SLUGS)
    assert {r["status"] for r in report["rules"]} <= {"implemented", "advisory", "not_implemented"}
    term = next(r for r in report["rules"] if r["id"] == "ROLES_COUNCILLOR_TERM_BOUNDED")
    assert term["status"] == "implemented"
    assert term["tests"]
    assert term["councils"]["district-annex"] == {"clause": None, "adopted": False}
    assert term["councils"]["cottingham"] == {"clause": "2.1", "adopted": True}
    for figures in report["summary"].values():
        assert figures["operable_adopted"] >= figures["implemented"] >= figures["tested"] >= 0
    # The figures agree with the rows they summarise.
    sandon = report["summary"]["sandon-burston"]
    adopted = [r for r in report["rules"] if r["kind"] != "advisory" and r["councils"]["sandon-burston"]["adopted"]]
    assert sandon["operable_adopted"] == len(adopted)
    assert sandon["implemented"] == sum(1 for r in adopted if r["status"] == "implemented")


def test_an_unknown_council_is_a_clear_error_with_exit_2(tmp_path):
    result = run_cli("coverage", "--council", "nosuch", data_dir=tmp_path)
    assert result.returncode == 2
    assert "no council with the slug 'nosuch'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_text_and_csv_for_one_installed_council(all_councils):
    out = io.StringIO()
    call_command("coverage", "--council", "cottingham", stdout=out)
    text = out.getvalue()
    assert "cottingham:" in text
    assert "operable rules adopted" in text
    assert "sandon-burston:" not in text
    out = io.StringIO()
    call_command("coverage", "--council", "cottingham", "--format", "csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][:5] == ["id", "area", "kind", "title", "status"]
    assert len(rows) == 1 + len(rules())
    assert {row[7] for row in rows[1:]} == {"cottingham"}
