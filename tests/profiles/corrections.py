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
    ("cottingham", "ENQUIRY_OFFICER_MAY_DECLINE"): (
        "001 6.2 says employees 'can legitimately refuse' party-group work and 4.2 keeps the recommendation the "
        "officer's own; rules.yaml gives 001 no source (issue 15 defect 2)"
    ),
    ("west-northants-town", "ENQUIRY_OFFICER_MAY_DECLINE"): (
        "rules.yaml gives 003 only 7.14 (contrary to law or procedures); 8.1 ('can legitimately refuse'), 5.1 "
        "(professional views) and 7.4 (line manager's instructions) also let officers decline (issue 15 defect 2)"
    ),
}
