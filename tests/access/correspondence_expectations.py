"""Access expectations for correspondence and letters, by persona, from the demo data.

Object URLs use each council's demo objects (councildesk/demo/correspondence.py): the conversation in which the
council's councillor ("<prefix>.cllr") writes to its head officer, and a letter the head officer issued. Written by
hand from the roster, not computed by the code under test. The sensitive class: a conversation is seen only by
the people in it; not by other councillors, other officers, the Monitoring Officer or a host administrator.
"""

from __future__ import annotations

from collections.abc import Callable

from .kit import everyone, only, post_only
from .objects import PARAMS
from .personas import Persona

Expect = Callable[[Persona, str], int]

# The people in each council's demo conversation: its "cllr" and its head officer.
THREAD_SEERS = {"councillor", "clerk", "town_clerk", "chief_executive"}
# Letters: the council's officers (the principal council's Monitoring Officer counts among them).
LETTER_SEERS = {
    "clerk",
    "town_clerk",
    "chief_executive",
    "officer",
    "head_of_service_cmt",
    "monitoring_officer",
    "parish_monitoring_officer",
}
# Who may write a letter: officers, and in mayor-town the Mayor (12.3) and any ward member (12.5).
LETTER_WRITERS = LETTER_SEERS | {"mayor"}
NOBODY: set[str] = set()
# The demo's attachment is in each council's conversation about parking (councildesk/demo/mail.py): its "cllr", its
# head officer and its chair, to whom the conversation was copied.
ATTACHMENT_SEERS = THREAD_SEERS | {"chair"}

CORRESPONDENCE_PAGES: dict[str, Expect] = {
    "correspondence": everyone(),
    "correspondence_new": everyone(),
    "correspondence_thread": only(THREAD_SEERS),
    "correspondence_copy": only(THREAD_SEERS),
    "correspondence_contact": post_only,
    "correspondence_consent": only(NOBODY),  # no demo request waits for anyone's consent
    "correspondence_attachment": only(ATTACHMENT_SEERS),
    "letter_new": only(LETTER_WRITERS),
    "letter": only(LETTER_SEERS),
    "letter_check": post_only,
    "letter_issue": post_only,
    "letter_pdf": only(LETTER_SEERS),
}

_API = "/api/v1/councils/{slug}/correspondence"
_LETTERS = "/api/v1/councils/{slug}/letters"
CORRESPONDENCE_API: dict[str, Expect] = {
    _API: everyone(api=True),
    f"{_API}/{{thread_id}}": only(THREAD_SEERS, api=True),
    f"{_API}/{{thread_id}}/messages": post_only,
    f"{_API}/{{thread_id}}/copies": post_only,
    f"{_API}/{{thread_id}}/contacts": post_only,
    f"{_API}/consents/{{consent_id}}/answer": post_only,
    f"{_API}/attachments/{{message_file_id}}": only(ATTACHMENT_SEERS, api=True),
    _LETTERS: everyone(api=True),
    f"{_LETTERS}/{{letter_id}}": only(LETTER_SEERS, api=True),
    f"{_LETTERS}/{{letter_id}}/issue": post_only,
}


def _first(model: str, council: str = "council") -> Callable[[str], str]:
    def pick(slug: str) -> str:
        from django.apps import apps

        pk = (
            apps.get_model("correspondence", model)
            .objects.filter(**{f"{council}__slug": slug})
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        return str(pk or 987_654_321)

    return pick


PARAMS["thread_id"] = _first("Thread")
PARAMS["letter_id"] = _first("Letter")
PARAMS["consent_id"] = lambda slug: "987654321"
PARAMS["message_file_id"] = _first("Attachment", "message__thread__council")
