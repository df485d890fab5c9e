"""Audit event names for pre-election periods, ``<entity>.<past participle>``."""

PRE_ELECTION_PERIOD_RECORDED = "pre_election_period.recorded"

ALL = sorted(v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str))
