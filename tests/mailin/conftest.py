"""Email intake fixtures: a council's cast (from the enquiry tests), a message builder and a probe reply handler."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

import pytest

from councildesk.core.errors import ProtocolViolation
from councildesk.notifications import replyto
from councildesk.notifications.replyto import InboundReply, Placed
from tests.enquiries.conftest import cast_for, frozen  # noqa: F401  (fixtures)

PLACED: list[InboundReply] = []


@replyto.handles("probe")
def probe_handler(reply: InboundReply) -> Placed:
    """A test-only reply kind: object 13 refuses (as a real handler refuses), any other object takes the reply."""
    if reply.token.object_id == 13:
        from councildesk.catalogue.ids import R
        from councildesk.councils.models import Council

        council = Council.objects.get(pk=reply.token.council_id)
        raise ProtocolViolation(
            reason="This conversation is closed.", citations=council.profile.cite(R.CORRESPONDENCE_NO_BLIND_COPIES)
        )
    PLACED.append(reply)
    return Placed(description=f"Probe {reply.token.object_id}", url="/probe/")


@pytest.fixture
def placed():
    PLACED.clear()
    return PLACED


@pytest.fixture
def sandon_cast(db, frozen):  # noqa: F811
    return cast_for("sandon-burston")


@pytest.fixture
def cottingham_cast(db, frozen):  # noqa: F811
    return cast_for("cottingham")


def intake(slug: str) -> str:
    return f"{slug}@localhost"


def token_address(cast, kind: str = "probe", object_id: int = 7, person=None) -> str:
    person = person or cast.councillor
    return replyto.reply_address(council_id=cast.council.pk, kind=kind, object_id=object_id, person_id=person.pk)


def message(
    *,
    sender: str = "cllr@example.org",
    to: str = "sandon-burston@localhost",
    cc: str = "",
    subject: str = "Potholes on Mill Lane",
    text: str | None = "Please look at the potholes on Mill Lane.",
    html: str | None = None,
    attachments: tuple[tuple[str, str, bytes], ...] = (),
    headers: dict[str, str] | None = None,
    message_id: str | None = None,
) -> bytes:
    m = EmailMessage()
    if sender:
        m["From"] = sender
    if to:
        m["To"] = to
    if cc:
        m["Cc"] = cc
    m["Subject"] = subject
    m["Message-ID"] = message_id or make_msgid(domain="example.org")
    for name, value in (headers or {}).items():
        m[name] = value
    if text is not None:
        m.set_content(text)
    if html is not None:
        if text is None:
            m.set_content(html, subtype="html")
        else:
            m.add_alternative(html, subtype="html")
    for name, ctype, data in attachments:
        maintype, subtype = ctype.split("/")
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return m.as_bytes()
