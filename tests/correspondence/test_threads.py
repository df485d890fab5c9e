"""Conversations: everyone visible to everyone, no blind copy, email out with threading and reply addresses,
copying with consent or notice, what never leaves the council, and the confidential marking."""

from __future__ import annotations

import pytest

from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.correspondence import rules, services
from councildesk.correspondence.models import CopyRequest, Message, Participant
from councildesk.correspondence.selectors import threads_list_for
from councildesk.notifications import replyto
from councildesk.notifications.models import Notification, OutboxEmail
from councildesk.people.access import membership_for


def start(w, author, to, **kw):
    return services.thread_start(
        actor=author,
        council=w.council,
        subject=kw.pop("subject", "Bus shelter on Mill Lane"),
        body=kw.pop("body", "Could the broken panel be replaced?"),
        to_ids=[p.pk for p in to],
        **kw,
    )


@pytest.mark.rule("CORRESPONDENCE_NO_BLIND_COPIES")
def test_everyone_sees_everyone_and_email_carries_reply_to_the_participants_and_threading(world):
    w = world("mayor-town")
    thread = start(w, w.cllr, [w.head, w.officer])
    assert {p.person for p in thread.participants.all()} == {w.cllr, w.head, w.officer}
    outsider = membership_for(w.cllr2, w.council.slug)
    assert threads_list_for(outsider) == []
    with pytest.raises(NotFound):
        services.message_post(actor=w.cllr2, council=w.council, thread_id=thread.pk, body="Let me in")
    to_head = OutboxEmail.objects.get(to_address=w.head.email)
    token = replyto.token_in_address(to_head.reply_to)
    assert (token.kind, token.object_id, token.person_id) == ("thread", thread.pk, w.head.pk)
    assert to_head.cc == "", "no Cc header: reply-all answers the conversation, not each person around it"
    named = to_head.body.split("In this conversation (everyone sees everyone): ")[1]
    assert all(str(p) in named for p in (w.cllr, w.head, w.officer)), "the body names every participant"
    first_id = to_head.headers["Message-ID"]
    services.message_post(actor=w.head, council=w.council, thread_id=thread.pk, body="Ordered today.")
    reply = OutboxEmail.objects.filter(to_address=w.cllr.email).latest("pk")
    assert reply.headers["In-Reply-To"] == first_id
    assert first_id in reply.headers["References"]
    assert reply.subject == "Re: Bus shelter on Mill Lane"


@pytest.mark.rule("CORRESPONDENCE_NO_BLIND_COPIES", "COMPLAINTS_ISSUE_RAISED_NOT_COPIED")
def test_a_blind_copy_is_refused_with_the_chief_executive_route_in_002_and_made_visible_in_000(world):
    district = world("district-annex")
    with pytest.raises(ProtocolViolation) as refused:
        start(district, district.cllr, [district.officer], blind_copies=[district.cllr2.username])
    assert {c.clause for c in refused.value.citations} == {"5.11"}
    assert "Chief Executive" in refused.value.reason
    assert rules.issue_route(district.council.profile, is_member=True) == "chief_executive"
    assert rules.issue_route(district.council.profile, is_member=False) == "line_manager"

    sandon = world("sandon-burston")
    thread = start(sandon, sandon.head, [sandon.cllr], blind_copies=[sandon.cllr2.username])
    copied = Participant.objects.get(thread=thread, person=sandon.cllr2)
    assert copied.joined == Participant.Joined.COPIED
    assert thread.messages.get().cc_line.startswith(f"CC {sandon.cllr2}")


@pytest.mark.rule("CORRESPONDENCE_COPY_OR_FORWARD_NEEDS_CONSENT", "CORRESPONDENCE_COPY_MADE_EXPLICIT")
def test_in_004_a_copy_waits_for_the_authors_consent_and_the_author_may_refuse(world):
    w = world("mayor-town")
    thread = start(w, w.cllr, [w.head])
    asked = services.copy_request(
        actor=w.head, council=w.council, thread_id=thread.pk, person_id=w.cllr2.pk, reason="Ward matter for both"
    )
    assert asked.status == CopyRequest.Status.PENDING
    assert not Participant.objects.filter(thread=thread, person=w.cllr2).exists(), "nothing copied before consent"
    consent = asked.consents.get()
    assert consent.author == w.cllr
    email = OutboxEmail.objects.get(to_address=w.cllr.email, subject__startswith="May")
    assert replyto.token_in_address(email.reply_to).kind == "consent"

    services.consent_answer(actor=w.cllr, council=w.council, consent_id=consent.pk, give=True)
    asked.refresh_from_db()
    assert asked.status == CopyRequest.Status.APPLIED
    assert Participant.objects.filter(thread=thread, person=w.cllr2, joined="copied").exists()
    note = thread.messages.filter(via=Message.Via.SYSTEM).get()
    assert note.cc_line == f"CC {w.cllr2} (Member)"  # 004 calls councillors members
    assert Notification.objects.filter(recipient=w.cllr, kind="correspondence.copied").exists(), "author told"
    assert "CC " in OutboxEmail.objects.filter(to_address=w.cllr2.email).latest("pk").body

    second = services.copy_request(
        actor=w.head, council=w.council, thread_id=thread.pk, person_id=w.cllr3.pk, reason="For information"
    )
    refusal = second.consents.get(author=w.cllr)
    services.consent_answer(actor=w.cllr, council=w.council, consent_id=refusal.pk, give=False)
    second.refresh_from_db()
    assert second.status == CopyRequest.Status.REFUSED
    assert not Participant.objects.filter(thread=thread, person=w.cllr3).exists()


@pytest.mark.rule("CORRESPONDENCE_COPY_OR_FORWARD_NEEDS_CONSENT", "CORRESPONDENCE_COPY_MADE_EXPLICIT")
def test_in_000_a_copy_is_exceptional_needs_a_reason_and_is_made_clear_to_the_councillor_at_once(world):
    w = world("sandon-burston")
    thread = start(w, w.cllr, [w.head])
    with pytest.raises(ProtocolViolation) as refused:
        services.copy_request(actor=w.head, council=w.council, thread_id=thread.pk, person_id=w.chair.pk)
    assert refused.value.citations[0].clause == "CORRESPONDENCE ¶1"
    done = services.copy_request(
        actor=w.head, council=w.council, thread_id=thread.pk, person_id=w.chair.pk, reason="The chair must act on it"
    )
    assert done.status == CopyRequest.Status.APPLIED
    told = Notification.objects.get(recipient=w.cllr, kind="correspondence.copied")
    assert f"CC {w.chair}" in told.body
    assert "The chair must act on it" in told.body


@pytest.mark.rule(
    "CORRESPONDENCE_NEW_PARTY_ON_THREAD_WARNING",
    "CORRESPONDENCE_NO_FORWARD_TO_RESIDENTS",
    "CORRESPONDENCE_FORWARDING_ADVICE_ROUTE",
)
def test_in_002_history_is_reviewed_first_officer_mail_never_goes_to_residents_and_advice_is_routed(world):
    w = world("district-annex")
    thread = start(w, w.cllr, [w.officer])
    services.message_post(actor=w.officer, council=w.council, thread_id=thread.pk, body="Here is the schedule.")
    with pytest.raises(ProtocolViolation) as unreviewed:
        services.copy_request(
            actor=w.cllr, council=w.council, thread_id=thread.pk, person_id=w.cllr2.pk, reason="Same ward"
        )
    assert {c.clause for c in unreviewed.value.citations} == {"5.12; 5.13"}
    with pytest.raises(ProtocolViolation) as outside:
        services.copy_request(
            actor=w.cllr,
            council=w.council,
            thread_id=thread.pk,
            external_name="A resident",
            external_email="resident@example.org",
            reason="They asked",
            reviewed=True,
        )
    assert "5.14" in {c.clause for c in outside.value.citations}
    assert not OutboxEmail.objects.filter(to_address="resident@example.org").exists()
    profile = w.council.profile
    assert rules.forwarding_adviser(profile, is_member=True) == "monitoring_officer"
    assert rules.forwarding_adviser(profile, is_member=False) == "line_manager"
    assert rules.forwarding_adviser(world("mayor-town").council.profile, is_member=True) is None


@pytest.mark.rule("CORRESPONDENCE_CONFIDENTIAL_MARKING")
def test_in_000_a_confidential_item_says_what_and_why_and_never_goes_to_a_complainant(world):
    w = world("sandon-burston")
    with pytest.raises(ProtocolViolation):
        start(w, w.head, [w.cllr], confidential=True, confidential_what="The tenant's name")
    thread = start(
        w, w.head, [w.cllr], confidential=True, confidential_what="The tenant's name", confidential_why="Personal data"
    )
    assert "CONFIDENTIAL" in OutboxEmail.objects.get(to_address=w.cllr.email).body
    with pytest.raises(ProtocolViolation) as refused:
        services.copy_request(
            actor=w.cllr,
            council=w.council,
            thread_id=thread.pk,
            external_name="The complainant",
            external_email="complainant@example.org",
            reason="They complained",
        )
    assert refused.value.citations[0].clause == "CORRESPONDENCE ¶3"
    m = world("mayor-town")
    with pytest.raises(ValidationFailed):  # 004 has no such marking
        start(m, m.head, [m.cllr], confidential=True, confidential_what="x", confidential_why="y")


@pytest.mark.rule("CORRESPONDENCE_OFFICER_CONTACT_DETAILS_CONSENT")
def test_in_002_an_officers_contact_details_go_out_only_after_the_officer_consents(world):
    w = world("district-annex")
    thread = start(w, w.cllr, [w.officer])
    asked = services.contact_share(
        actor=w.cllr,
        council=w.council,
        thread_id=thread.pk,
        officer_id=w.officer.pk,
        external_name="A resident",
        external_email="resident@example.org",
    )
    assert not OutboxEmail.objects.filter(to_address="resident@example.org").exists(), "nothing before consent"
    services.consent_answer(actor=w.officer, council=w.council, consent_id=asked.consents.get().pk, give=True)
    sent = OutboxEmail.objects.get(to_address="resident@example.org")
    assert w.officer.email in sent.body
    assert "Here is the" not in sent.body, "only the contact details, never the correspondence"
    m = world("mayor-town")
    other = start(m, m.cllr, [m.officer])
    with pytest.raises(ValidationFailed):
        services.contact_share(
            actor=m.cllr,
            council=m.council,
            thread_id=other.pk,
            officer_id=m.officer.pk,
            external_name="A resident",
            external_email="resident@example.org",
        )
