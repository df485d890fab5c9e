"""Factories for tests. Councils come from the shipped profiles, so tests run against real council data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import factory
from django.conf import settings

from councildesk.councils.models import Council
from councildesk.councils.services import council_sync_from_profile
from councildesk.people import services as people
from councildesk.people.models import Person, Role

PASSWORD = "correct-horse-battery"
SLUGS = ("sandon-burston", "cottingham", "district-annex", "west-northants-town", "mayor-town")


def council(slug: str = "sandon-burston") -> Council:
    path: Path = settings.COUNCILDESK_PROFILES_DIR / f"{slug}.toml"
    return council_sync_from_profile(path=path)[0]


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance: Person, create: bool, results: object = None) -> None:
        if create:
            instance.save()


def person_with_role(
    target: Council, kind: str, *, start: dt.date | None = None, end: dt.date | None = None, **kwargs: object
) -> Person:
    person = PersonFactory()
    people.role_grant(
        actor=None,
        council=target,
        person=person,
        kind=kind,
        start=start or dt.date(2023, 5, 8),
        end=end,
        **kwargs,
    )  # type: ignore[arg-type]
    return person


def role_of(person: Person, target: Council) -> Role:
    return Role.objects.get(person=person, council=target)
