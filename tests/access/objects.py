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
PARAMS["email_id"] = lambda slug: "1"  # only POST routes take it, and the matrix's GET answers 405 before any lookup


def _demo_enquiry(slug: str) -> str:
    from councildesk.enquiries.models import Enquiry

    return str(Enquiry.objects.get(council__slug=slug, submission_key="demo-1").pk)


def _demo_attachment(slug: str) -> str:
    from councildesk.enquiries.models import EnquiryAttachment

    return str(EnquiryAttachment.objects.get(enquiry__council__slug=slug, enquiry__submission_key="demo-1").pk)


PARAMS["enquiry_id"] = _demo_enquiry
PARAMS["attachment_id"] = _demo_attachment
PARAMS["action"] = lambda slug: "answer"
