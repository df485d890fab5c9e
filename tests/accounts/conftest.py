from __future__ import annotations

from binascii import unhexlify

import pytest
from django.test import Client
from django_otp.oath import totp

from councildesk.accounts import services
from tests import factories


@pytest.fixture
def clerk(sandon):
    return factories.person_with_role(sandon, "clerk")


@pytest.fixture
def cllr(sandon):
    return factories.person_with_role(sandon, "councillor")


def code_for(key: str, offset: int = 0) -> str:
    return f"{totp(unhexlify(key), t0=-offset * 30):06d}"


def sign_in(client: Client, username: str, password: str = factories.PASSWORD, address: str = "10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def enrol(person) -> str:
    key = services.new_totp_key()
    services.second_factor_install(person=person, key=key)
    return key
