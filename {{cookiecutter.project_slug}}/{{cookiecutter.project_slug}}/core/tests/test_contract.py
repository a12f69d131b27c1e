"""The API keeps its schema's promises, whatever a client sends.

schemathesis reads the schema and, with Hypothesis, generates requests for every
operation: valid ones and invalid ones (its boundary-by-boundary coverage phase is for
a run against a server, TESTING.md). Each goes through the WSGI app in
this process (no server), anonymous or with a user's token, and every answer is
checked: no 5xx, a documented status code and content type, a body that matches its
schema. The number of examples is bounded (``hypothesis`` profiles, root conftest.py)
and the seed is the run's (``--randomly-seed``), so a failure replays. Coverage does not
count them (``_not_measured``).
"""

from importlib import import_module

import pytest
from coverage import Coverage
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from rest_framework.authtoken.models import Token

from config.testrun import untraced

# Made while coverage measures: making the app imports the middleware, and the URLconf
# the views, whose lines the other tests run (imported untraced, their top-level lines
# would count as missed).
application = get_wsgi_application()
import_module(django_settings.ROOT_URLCONF)

# The rest of what collecting this module runs is the libraries' work: importing
# schemathesis and Hypothesis, reading the schema, making its requests. Not traced, as
# the tests are not (``_not_measured``).
with untraced():
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from schemathesis import GenerationMode
    from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

    # The schema as the service serves it. Each of its operations is a test of its own,
    # with valid requests and, where it takes a body or parameters, with invalid ones.
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

    def operations():
        for result in schema.get_all_operations():
            yield result.ok()  # an operation the schema cannot describe fails the collection

    # Every check but one: the text fields refuse NUL characters (PostgreSQL cannot
    # store them), which the schema does not spell out, so a valid-looking string may
    # get a 400.
    EXCLUDED = [positive_data_acceptance]
    REQUESTS = {
        f"{operation.label}, {mode.value}": operation.as_strategy(mode)
        for operation in operations()
        for mode in GenerationMode
        if mode == GenerationMode.POSITIVE
        or operation.body
        or operation.path_parameters
        or operation.query
    }
    # One database for all the examples of a test: what one example writes, the next
    # may see. (Added to the profile's own suppressions, which the root conftest sets.)
    SHARED_DATABASE = settings(
        suppress_health_check=[
            *settings().suppress_health_check,
            HealthCheck.function_scoped_fixture,
        ]
    )
    COLLECTED_UNTRACED = Coverage.current() is None

# Operations that have refused a request without the token, and one with a wrong token:
# after a valid request with the token succeeds, `ignored_auth` sends both, and once an
# operation has refused them the run takes it as settled, as schemathesis' own runner
# does. (Probing again after every success would double the requests; the anonymous
# test still sends every generated request without a valid token.) Only a valid
# request settles it: `ignored_auth` does not probe one made invalid in its path.
AUTH_ENFORCED: set[str] = set()


@pytest.fixture(autouse=True)
def _not_measured(cov):
    """Coverage counts the lines that the other tests run, not the lines that generated
    requests happen to reach: a line only these tests run is a line no test names, and
    the figure should show it. It also spares every generated request the tracing, which
    makes each line several times slower. (Coverage is on only when the run measures.)

    Only pytest-cov's measuring stops (``cov`` is None without it): pytest-testmon
    traces with coverage.py too, and must see what these tests run, to run them again
    when it changes. (Collecting them, above, stops any: pytest-testmon measures only
    while a test runs.)"""
    if cov is None:
        yield
        return
    with untraced():
        yield


@pytest.fixture(autouse=True)
def _keep_the_test_s_connection():
    """The WSGI app closes old database connections around each request; here the
    connection holds the test's transaction, so it stays open (as in Django's test
    client)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def token(user):
    return Token.objects.create(user=user).key


@pytest.mark.parametrize("requests", REQUESTS)
@given(data=st.data())
@SHARED_DATABASE
def test_anonymous_requests_keep_the_contract(requests, data, db):
    data.draw(REQUESTS[requests]).call_and_validate(excluded_checks=EXCLUDED)


@pytest.mark.parametrize("requests", REQUESTS)
@given(data=st.data())
@SHARED_DATABASE
def test_authenticated_requests_keep_the_contract(requests, data, token):
    case = data.draw(REQUESTS[requests])
    operation = case.operation.label
    excluded = [*EXCLUDED, ignored_auth] if operation in AUTH_ENFORCED else EXCLUDED
    response = case.call_and_validate(
        headers={"Authorization": f"Token {token}"}, excluded_checks=excluded
    )
    if 200 <= response.status_code < 300 and case.meta.generation.mode == GenerationMode.POSITIVE:
        AUTH_ENFORCED.add(operation)


def test_coverage_does_not_trace_these_tests(cov):
    # In a run that measures, pytest-cov traces every other test, and none of these, nor
    # what collecting them ran.
    assert cov is None or Coverage.current() is None
    assert COLLECTED_UNTRACED
