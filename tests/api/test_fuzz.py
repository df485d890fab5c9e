"""Schemathesis over the whole API, signed in as a real Clerk: no input may cause a server error, and every
answer must match the OpenAPI schema it is documented with."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from config.wsgi import application
from councildesk.api.tokens import token_issue
from tests.factories import council, person_with_role

# Per operation. The API has grown to about 80 operations, so 40 each is still over 3,000 cases per run (and
# per database in CI), without the pass taking most of CI's time.
EXAMPLES = 40


@pytest.fixture
def keep_the_test_connection():
    """As Django's own test client does: requests must not close the connection holding the test transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def clerk_token(db, keep_the_test_connection):
    sandon = council("sandon-burston")
    council("mayor-town")  # another council, so slugs that exist but are not the clerk's are probed too
    return token_issue(actor=person_with_role(sandon, "clerk"), name="fuzz")[1]


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_causes_a_server_error(case, clerk_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {clerk_token}"},
        checks=[not_a_server_error, content_type_conformance, response_schema_conformance],
    )
