"""A council's people for correspondence tests: its head officer, an officer (line-managed by the head officer),
a Head of Service where the council has one, and three councillors, each with an email address."""

from __future__ import annotations

import pytest

from tests import factories
from tests.notifications.conftest import smtp  # noqa: F401 - a real SMTP server for the email tests


class World:
    def __init__(self, slug: str) -> None:
        self.council = factories.council(slug)
        profile = self.council.profile
        self.head = self._person(profile.roles.head_of_paid_service, "head")
        self.officer = self._person("officer", "officer", line_manager=self.head)
        self.hos = self._person("head_of_service", "hos") if profile.has_role("head_of_service") else None
        self.mo = self._person("monitoring_officer", "mo")
        self.cllr = self._person("councillor", "cllr")
        self.cllr2 = self._person("councillor", "cllr2")
        self.cllr3 = self._person("councillor", "cllr3")
        self.chair = self._person("chair", "chair")
        self.mayor = self._person("mayor", "mayor") if profile.features.mayor else None

    def _person(self, kind: str, name: str, **kwargs: object):
        person = factories.person_with_role(self.council, kind, **kwargs)
        person.email = f"{name}.{person.pk}@{self.council.slug}.example"
        person.save()
        return person


@pytest.fixture
def world(db):
    return World
