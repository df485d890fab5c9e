"""Where a shipped profile deliberately differs from the catalogue (``rules.yaml``), after reading the seed itself.

``rules.yaml`` is a map, not the territory: a clause-by-clause reading found mappings that contradict the
council's own text. Each correction names the council, the rule and why; the profile test allows exactly these
differences and fails on any other. Keep one line per correction, and report each one in the closing note so the
catalogue can be corrected upstream.
"""

from __future__ import annotations

# (profile slug, rule id) -> why the profile differs from rules.yaml's sources for that seed
CORRECTIONS: dict[tuple[str, str], str] = {
    ("district-annex", "ROLES_COUNCILLOR_TERM_BOUNDED"): (
        "002 5.1 says councillors answer to the electorate; it says nothing about terms of office, so the term "
        "limit is the product's baseline there, not a clause"
    ),
}
