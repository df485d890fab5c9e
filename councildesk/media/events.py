"""Audit event names for press and media, ``<entity>.<past participle>``."""

PRESS_RELEASE_DRAFTED = "press_release.drafted"
PRESS_RELEASE_SUBMITTED = "press_release.submitted"
PRESS_RELEASE_DECIDED = "press_release.decided"
PRESS_RELEASE_PUBLISHED = "press_release.published"
MEDIA_CONTACT_RECORDED = "media_contact.recorded"
MEDIA_ENQUIRY_RECORDED = "media_enquiry.recorded"
MEDIA_ENQUIRY_ANSWERED = "media_enquiry.answered"
SPOKESPERSON_APPOINTED = "spokesperson.appointed"

ALL = sorted(v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str))
