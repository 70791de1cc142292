"""A bounded schemathesis run of API v1 against its own OpenAPI document, through WSGI (no network).

Every operation of /api/v1/openapi.json is called with generated valid and invalid input on this
test's database (the catalogue of tests/test_api.py, and an importer whose bearer token every call
carries), and each answer is checked: never a server error, a documented status code and content
type, a body its documented schema accepts, a 405 with ``Allow`` for an undeclared method, and
invalid input refused. The run is small and repeatable (``derandomize``: the same cases every
time); ``FUZZ_EXAMPLES=1000`` runs more (README, "JSON API").

Not checked: that every valid request is accepted. Some rules need the database (the craft or the
reference product exists) or today's date (``required_by`` within two years), which JSON Schema
cannot say: the document says them in words, and tests/test_leads_api.py tests them.
"""
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from marketplace import create_app
from marketplace.accounts import services as accounts
from marketplace.accounts.models import Role
from marketplace.api.spec import document
from tests.factories import UserFactory
from tests.test_api import catalogue  # noqa: F401  (the fixture the run reads)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          unsupported_method, ignored_auth]

# The document is built from the app's routes, so it is known at collection, before any test's
# database exists (schemathesis's fixture loader, which would wait, fails on pytest 9.2).
schema = schemathesis.openapi.from_dict(document(create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})))
schema.config.update(base_url="http://localhost/api/v1")


@pytest.fixture
def token(app, catalogue):  # noqa: F811
    """An importer's bearer token, on the test's catalogue."""
    importer = UserFactory(email="buyer@import.de", role=Role.IMPORTER, locale="en")
    return accounts.create_api_token(importer, "fuzz")[1]


def test_the_run_reads_the_document_the_app_serves(client):
    """Is the document the run was built from the one /api/v1/openapi.json serves?"""
    assert client.get("/api/v1/openapi.json").json == schema.raw_schema


@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))  # one database per operation, shared by its examples
def test_every_operation_answers_as_documented(case, app, token):
    """Given generated valid and invalid input, does every operation answer as its document says?"""
    case.operation.app = case.operation.schema.app = app  # also for the checks that call again (without the token)
    # The token is added here, out of schemathesis's sight, so it would take a case that leaves the
    # bearer-only header out for invalid input that was accepted.
    bearer_only = case.operation.definition.raw.get("security") == [{"bearerAuth": []}]
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"},
                           checks=CHECKS if bearer_only else [*CHECKS, negative_data_rejection])
