"""How the matrix fills URL parameters that name an object (an enquiry, a document, ...).

Each entry maps a URL parameter name to a function of the council slug that returns a value for an object of
that council, taken from the demo data. Features add their own entries here.
"""

from __future__ import annotations

from collections.abc import Callable

PARAMS: dict[str, Callable[[str], str]] = {}

# API routes that need query parameters: route -> function of the slug returning the query dict.
API_QUERY: dict[str, Callable[[str], dict[str, str]]] = {
    "/api/v1/councils/{slug}/deadlines": lambda slug: {"regime": "eir", "received": "2026-12-21"},
}


def _notification_id(slug: str) -> str:
    """A notification of that council: the demo's welcome notices (written here if the demo has none yet)."""
    from councildesk.notifications.demo import demo_notifications_load
    from councildesk.notifications.models import Notification

    if not Notification.objects.filter(council__slug=slug).exists():
        demo_notifications_load()
    return str(Notification.objects.filter(council__slug=slug).values_list("pk", flat=True).first())


PARAMS["notification_id"] = _notification_id
PARAMS["email_id"] = lambda slug: "1"
PARAMS["passkey_id"] = lambda slug: "1"  # POST only: the matrix's GET answers 405
PARAMS["version_id"] = lambda slug: "1"  # POST only: the matrix's GET answers 405
PARAMS["question_id"] = lambda slug: "1"  # POST only: the matrix's GET answers 405 before any lookup


def _demo_enquiry(slug: str) -> str:
    from councildesk.enquiries.models import Enquiry

    return str(Enquiry.objects.get(council__slug=slug, submission_key="demo-1").pk)


def _demo_attachment(slug: str) -> str:
    from councildesk.enquiries.models import EnquiryAttachment

    return str(EnquiryAttachment.objects.get(enquiry__council__slug=slug, enquiry__submission_key="demo-1").pk)


PARAMS["enquiry_id"] = _demo_enquiry
PARAMS["attachment_id"] = _demo_attachment
PARAMS["action"] = lambda slug: "answer"


def _demo_documents(slug: str) -> None:
    from councildesk.councils.models import Council
    from councildesk.demo.documents import load_demo_documents
    from councildesk.demo.roster import COUNCILS

    spec = next(c for c in COUNCILS if c.slug == slug)
    head = f"{spec.prefix}.{spec.people[0].key}"
    load_demo_documents(Council.objects.get(slug=slug), head, f"{spec.prefix}.cllr")


def _document_object(model: str, **filters: object) -> Callable[[str], str]:
    """The id of a demo document object of the council (loading the demo's documents if they are not there)."""

    def pick(slug: str) -> str:
        from django.apps import apps

        manager = apps.get_model("documents", model).objects
        if not manager.filter(council__slug=slug, **filters).exists():
            _demo_documents(slug)
        return str(manager.filter(council__slug=slug, **filters).order_by("pk").values_list("pk", flat=True).first())

    return pick


PARAMS["doc_id"] = _document_object("Document", classification="public")
PARAMS["item_id"] = _document_object("MeetingItem")
PARAMS["request_id"] = _document_object("AccessRequest")
