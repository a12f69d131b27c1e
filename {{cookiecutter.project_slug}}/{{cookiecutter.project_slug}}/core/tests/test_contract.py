"""The API keeps its schema's promises, whatever a client sends.

schemathesis reads the schema and, with Hypothesis, generates requests for every
operation: valid ones and invalid ones (its boundary-by-boundary coverage phase is for
a run against a server, TESTING.md). Each goes through the WSGI app in
this process (no server), anonymous or with a user's token, and every answer is
checked: no 5xx, a documented status code and content type, a body that matches its
schema. The number of examples is bounded (``hypothesis`` profiles, root conftest.py)
and the seed is the run's (``--randomly-seed``), so a failure replays.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig

from {{ cookiecutter.project_slug }}.testing import UserFactory

# One database for all the examples of a test: what one example writes, the next may see.
SHARED_DATABASE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def token(db):
    return Token.objects.create(user=UserFactory()).key


# The schema as the service serves it, read when this module is collected.
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/",
    get_wsgi_application(),
    config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}}),
)


@schema.parametrize()
@SHARED_DATABASE
def test_anonymous_requests_keep_the_contract(case, db):
    case.call_and_validate()


@schema.parametrize()
@SHARED_DATABASE
def test_authenticated_requests_keep_the_contract(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"})
