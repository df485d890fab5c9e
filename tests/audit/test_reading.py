"""The SQLite reader splices canonical bytes with json_quote, which must escape exactly as Python's encoder does."""

from __future__ import annotations

import pytest
from django.db import connection

from councildesk.audit import chain

SAMPLES = [chr(code) for code in range(0x80)] + ["£", "é", "\u2028", "\u2029", "\ufeff", "😀", "\x7f", "\\", '"']


@pytest.mark.django_db
def test_sqlite_json_quote_escapes_every_character_as_the_canonical_encoder_does():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only: PostgreSQL's jsonb is decoded, never spliced")
    with connection.cursor() as cursor:
        for sample in SAMPLES:
            text = f"a{sample}b"
            cursor.execute("SELECT json_quote(%s)", [text])
            assert cursor.fetchone()[0] == chain.encode(text), repr(text)
