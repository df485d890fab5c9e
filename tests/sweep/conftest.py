"""Fixtures shared with the notifications tests."""

from tests.notifications.committed import committed_db  # noqa: F401 - a fixture, used by name
