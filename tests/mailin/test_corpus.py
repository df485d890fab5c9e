"""The hostile corpus (tests/mailin/corpus): each message is placed or held with a clear reason; none is dropped,
none raises, and what is kept holds nothing a browser would run."""

from __future__ import annotations

from councildesk.enquiries.models import Enquiry
from councildesk.mailin import services
from councildesk.mailin.models import InboundEmail

from .corpus import CORPUS, ENVELOPE, big_attachment


def test_every_hostile_message_is_placed_or_held_with_a_reason(sandon_cast):
    for name, make, expected, words in CORPUS:
        raw = make()
        row = services.receive(raw, via="listener", envelope_to=[ENVELOPE])
        row.refresh_from_db()
        assert row.status == expected, (name, row.reason)
        assert words.lower() in row.reason.lower(), (name, row.reason)
        if expected == "quarantined":
            assert row.council == sandon_cast.council, name  # so the Clerk sees it
        assert not set("\r\n") & set(row.subject), name
        for kept in (row.text, row.subject):
            assert not [bad for bad in ("<script", "onerror", "javascript:") if bad in kept], name
        again = services.receive(raw, via="imap")  # a duplicate delivery changes nothing
        assert again.pk == row.pk, name
    assert InboundEmail.objects.count() == len(CORPUS)
    html = Enquiry.objects.get(subject="Corpus", details__contains="Street lights")
    assert html.details.strip() == "Street lights out\nlink"
    assert Enquiry.objects.filter(details__contains="Café").count() == 2  # unknown and wrong charsets still read


def test_a_decoded_line_break_never_reaches_a_header_and_a_huge_message_is_held_unopened(sandon_cast, settings):
    make = next(m for n, m, _, _ in CORPUS if n == "header injection")
    row = services.receive(make(), via="listener", envelope_to=[ENVELOPE])
    assert row.subject == "Hello Bcc: evil@example.net"
    settings.COUNCILDESK_MAX_ATTACHMENTS_TOTAL_BYTES = 10_000  # so a 3 MB message is far over what is opened
    huge = services.receive(big_attachment(3), via="listener", envelope_to=[ENVELOPE])
    assert huge.status == "quarantined"
    assert "too large to open" in huge.reason
    assert huge.sender == "cllr@example.org"
    assert huge.subject == "Big plan"
    assert huge.text == ""
