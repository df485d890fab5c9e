"""Audit event names for political groups, ``<entity>.<past participle>``. Audit data never holds the content of
advice or notes: the chain is read by auditors, not by the group."""

GROUP_ADVICE_RECORDED = "group_advice.recorded"
GROUP_ADVICE_VERIFIED = "group_advice.verified"
GROUP_ATTENDANCE_REQUESTED = "group_attendance.requested"
GROUP_ATTENDANCE_DECIDED = "group_attendance.decided"
GROUP_ATTENDANCE_STAY_RECORDED = "group_attendance.stay_recorded"
GROUP_NOTE_WRITTEN = "group_note.written"

ALL = sorted(v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str))
