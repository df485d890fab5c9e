"""The hostile corpus: messages intake must survive, each made in code (no megabyte files in the repository).

Each entry is (name, raw bytes, what must happen): ``"placed"`` or ``"quarantined"`` with words the reason must
contain. ``envelope`` is the recipient the receiving server gave.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

ENVELOPE = "sandon-burston@localhost"
HEAD = (
    "From: cllr@example.org\r\nTo: sandon-burston@localhost\r\nSubject: {subject}\r\n"
    "Message-ID: <{mid}@corpus.example>\r\nMIME-Version: 1.0\r\n"
)


def _head(mid: str, subject: str = "Corpus") -> str:
    return HEAD.format(mid=mid, subject=subject)


def nested_multiparts(depth: int = 50) -> bytes:
    body = "Content-Type: text/plain\r\n\r\ninnermost\r\n"
    for level in range(depth):
        b = f"b{level}"
        body = f'Content-Type: multipart/mixed; boundary="{b}"\r\n\r\n--{b}\r\n{body}--{b}--\r\n'
    return (_head("nested") + body).encode()


def unknown_charset() -> bytes:
    return (_head("charset") + "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\nCaf\xe9 bins\r\n").encode(
        "latin-1"
    )


def wrong_charset() -> bytes:
    text = "Caf\xe9 r\xe9sum\xe9 on the play area"
    return (_head("wrong") + "Content-Type: text/plain; charset=us-ascii\r\n\r\n").encode() + text.encode("latin-1")


def html_with_scripts() -> bytes:
    html = (
        '<html><body onload="steal()"><p>Street lights out</p><script>document.cookie</script>'
        '<img src=x onerror="alert(1)"><a href="javascript:alert(2)">link</a>'
        "<style>body{background:url(javascript:x)}</style></body></html>"
    )
    return (_head("html") + "Content-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n").encode()


def big_attachment(megabytes: int = 25) -> bytes:
    """25 MB: over the attachments' total limit. (A message far over it is held unopened: see test_corpus.)"""
    from email.message import EmailMessage

    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "cllr@example.org", ENVELOPE, "Big plan"
    m["Message-ID"] = "<big@corpus.example>"
    m.set_content("The plan is attached.")
    m.add_attachment(
        b"%PDF-1.4\n" + b"0" * (megabytes * 1024 * 1024), maintype="application", subtype="pdf", filename="plan.pdf"
    )
    return m.as_bytes()


def zip_bomb() -> bytes:
    from email.message import EmailMessage

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/padding.bin", b"\0" * (50 * 1024 * 1024))
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "cllr@example.org", ENVELOPE, "Report"
    m["Message-ID"] = "<bomb@corpus.example>"
    m.set_content("Report attached.")
    m.add_attachment(
        out.getvalue(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="report.docx",
    )
    return m.as_bytes()


def header_injection() -> bytes:
    # An encoded subject that decodes to a line break and a Bcc header.
    subject = "=?utf-8?b?SGVsbG8NCkJjYzogZXZpbEBleGFtcGxlLm5ldA==?="
    return (_head("inject", subject) + "Content-Type: text/plain\r\n\r\nHello\r\n").encode()


def missing_from() -> bytes:
    return b"To: sandon-burston@localhost\r\nSubject: Who am I\r\nMessage-ID: <nofrom@corpus.example>\r\n\r\nHello\r\n"


def forged_token() -> bytes:
    to = "reply+1-thread-5-9-aaaaaaaaaaaaaaaaaaaa@localhost"
    return (
        f"From: cllr@example.org\r\nTo: {to}\r\nSubject: Re: x\r\nMessage-ID: <forged@corpus.example>\r\n\r\nHi\r\n"
    ).encode()


def executable_attachment() -> bytes:
    from email.message import EmailMessage

    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "cllr@example.org", ENVELOPE, "Invoice"
    m["Message-ID"] = "<exe@corpus.example>"
    m.set_content("Open the invoice.")
    m.add_attachment(b"MZ\x90\x00" + b"\x00" * 200, maintype="application", subtype="pdf", filename="invoice.pdf")
    return m.as_bytes()


def garbage() -> bytes:
    return bytes(range(256)) * 4


CORPUS: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("50-deep nested multiparts", nested_multiparts, "quarantined", "nests its parts"),
    ("unknown charset", unknown_charset, "placed", ""),
    ("wrong charset", wrong_charset, "placed", ""),
    ("HTML with scripts and event handlers", html_with_scripts, "placed", ""),
    ("25 MB attachment", big_attachment, "quarantined", "the most"),
    ("zip bomb", zip_bomb, "quarantined", "zip bomb"),
    ("header injection", header_injection, "placed", ""),
    ("missing From", missing_from, "quarantined", "no sender"),
    ("forged reply token", forged_token, "quarantined", "did not issue"),
    ("executable named .pdf", executable_attachment, "quarantined", "An attachment was refused"),
    ("not an email at all", garbage, "quarantined", "malformed"),
]
