"""Audit event names for correspondence, ``<entity>.<past participle>``. Audit data holds who and what kind,
never a message's text: the chain is read by auditors."""

THREAD_STARTED = "thread.started"
MESSAGE_POSTED = "thread_message.posted"
COPY_REQUESTED = "copy_request.requested"
COPY_ANSWERED = "copy_request.answered"
COPY_APPLIED = "copy_request.applied"
LETTER_DRAFTED = "letter.drafted"
LETTER_CHECK_REQUESTED = "letter.check_requested"
LETTER_CHECKED = "letter.checked"
LETTER_ISSUED = "letter.issued"

ALL = sorted(v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str))
