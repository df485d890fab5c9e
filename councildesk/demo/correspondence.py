"""Demo correspondence: in each council a councillor's question to the head officer with its answer, the head
officer's note to the chair, and one issued letter in the head officer's name. Through the services, so every
email goes to the outbox. Idempotent."""

from __future__ import annotations

from councildesk.correspondence import letters, services
from councildesk.correspondence.models import Letter, Thread
from councildesk.correspondence.pdf import LettersUnavailable
from councildesk.councils.models import Council
from councildesk.people.models import Person

QUESTION = "Streetlight out on Church Lane"
NOTE = "Papers for the next meeting"
LETTER = "Your question about the village hall"


def load_demo_correspondence(council: Council, head: str, councillor: str, chair: str) -> list[str]:
    lines: list[str] = []
    head_p = Person.objects.get(username=head)
    cllr_p = Person.objects.get(username=councillor)
    chair_p = Person.objects.get(username=chair)
    if not Thread.objects.filter(council=council, subject=QUESTION).exists():
        thread = services.thread_start(
            actor=cllr_p,
            council=council,
            subject=QUESTION,
            body="A resident tells me the streetlight by the church has been out for a week. Is it reported?",
            to_ids=[head_p.pk],
        )
        services.message_post(
            actor=head_p,
            council=council,
            thread_id=thread.pk,
            body="Thank you. It was reported on Monday and the contractor expects to fix it this week.",
        )
        services.thread_start(
            actor=head_p,
            council=council,
            subject=NOTE,
            body="The agenda and papers are ready for your review before they are published.",
            to_ids=[chair_p.pk],
        )
        lines.append(f"{council.slug}: two conversations, each emailed through the outbox")
    if not Letter.objects.filter(council=council, subject=LETTER).exists():
        letter = letters.letter_draft(
            actor=head_p,
            council=council,
            recipient_name="Mr Sam Example",
            recipient_address="2 Church Lane",
            recipient_kind="organisation",
            subject=LETTER,
            body="Thank you for your letter. The hall is available to book on weekday evenings.",
            signatory_id=head_p.pk,
        )
        try:
            letters.letter_issue(actor=head_p, council=council, letter_id=letter.pk)
        except LettersUnavailable as exc:  # a machine without Pango: the demo still loads, the letter stays a draft
            lines.append(f"{council.slug}: a letter drafted but not issued ({exc.message})")
        else:
            lines.append(f"{council.slug}: a letter issued as a PDF in the head officer's name")
    return lines
