"""The API keeps its schema's promises, whatever a client sends.

schemathesis reads the schema the service serves and, with Hypothesis, generates requests
for every operation: valid ones and, where an operation takes a body or parameters,
invalid ones. Each goes through Django's test client (inside the test's transaction, no
server), anonymous or with a user's token, and every answer is checked: no 5xx, a
documented status code and content type, a body that matches its schema. How many
examples a test tries is Hypothesis' profile (config/hypothesis_profiles.py).

Coverage does not count them (pytest-cov's `no_cover`): a line that only generated
requests reach is a line no test names, and the report should show it. schemathesis is
imported as the tests run, not when they are collected.
"""

import pytest
import yaml
from django.conf import settings
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.no_cover

HTTP_METHODS = {"get", "put", "post", "delete", "patch"}


def committed_operations():
    """``(label, mode)`` for each operation of the committed openapi.yaml and each way of
    generating its requests: valid, and invalid where it takes a body or parameters. Read
    as text, so that collecting these tests runs nothing of the service's; test_schema.py
    fails when the file and the service differ."""
    schema = yaml.safe_load((settings.BASE_DIR / "openapi.yaml").read_text())
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method not in HTTP_METHODS:
                continue
            label = f"{method.upper()} {path}"
            yield f"{label}, positive"
            if operation.get("requestBody") or operation.get("parameters"):
                yield f"{label}, negative"


def through_the_test_client(environ, start_response):
    """A WSGI app that hands each request to Django's test client: schemathesis' requests
    reach the project in this process, inside the test's transaction, as the test
    client's do, and a server error is answered as a 500 rather than raised."""
    query = environ.get("QUERY_STRING")
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    answer = Client(raise_request_exception=False).generic(
        environ["REQUEST_METHOD"],
        environ["PATH_INFO"] + (f"?{query}" if query else ""),
        data=body,
        content_type=environ.get("CONTENT_TYPE", ""),
        **{key: value for key, value in environ.items() if key.startswith("HTTP_")},
    )
    cookies = [("Set-Cookie", cookie.OutputString()) for cookie in answer.cookies.values()]
    start_response(f"{answer.status_code} {answer.reason_phrase}", [*answer.items(), *cookies])
    return [answer.getvalue()]


@pytest.fixture(scope="session")
def strategies():
    """The strategy that generates each operation's requests in each mode, by label
    (``"GET /api/users/me/, positive"``), from the schema as the service serves it: made
    once, for every test of this file."""
    import schemathesis
    from schemathesis import GenerationMode

    schema = schemathesis.openapi.from_wsgi("/api/schema/", through_the_test_client)
    served = [result.ok() for result in schema.get_all_operations()]
    return {
        f"{operation.label}, {mode.value}": operation.as_strategy(mode)
        for operation in served
        for mode in GenerationMode
    }


def requests_for(strategies, generated):
    assert generated in strategies, f"{generated} is in openapi.yaml but not served: regenerate it"
    return strategies[generated]


def excluded_checks():
    """Every check but one: the text fields refuse NUL characters (PostgreSQL cannot store
    them), which the schema does not spell out, so a valid-looking string may get a 400."""
    from schemathesis.checks import positive_data_acceptance

    return [positive_data_acceptance]


# Operations that have refused a request without the token, and one with a wrong token:
# after a valid request with the token succeeds, `ignored_auth` sends both, and once an
# operation has refused them the run takes it as settled, as schemathesis' own runner
# does. (The anonymous test still sends every generated request without a valid token.)
AUTH_ENFORCED: set[str] = set()
# Each test draws its requests inside the test's one transaction (function-scoped `db`);
# being parametrized, each operation and mode keeps its own examples in Hypothesis' database.
CONTRACT = examples(
    suppress_health_check=[*examples().suppress_health_check, HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def token(user):
    return Token.objects.create(user=user).key


@pytest.mark.parametrize("generated", list(committed_operations()))
@CONTRACT
@given(data=st.data())
def test_anonymous_requests_keep_the_contract(generated, strategies, db, data):
    case = data.draw(requests_for(strategies, generated))

    case.call_and_validate(excluded_checks=excluded_checks())


@pytest.mark.parametrize("generated", list(committed_operations()))
@CONTRACT
@given(data=st.data())
def test_authenticated_requests_keep_the_contract(generated, strategies, token, data):
    from schemathesis.checks import ignored_auth

    case = data.draw(requests_for(strategies, generated))
    label = generated.rsplit(", ", 1)[0]
    excluded = excluded_checks()
    if label in AUTH_ENFORCED:
        excluded.append(ignored_auth)
    response = case.call_and_validate(
        headers={"Authorization": f"Token {token}"}, excluded_checks=excluded
    )
    if 200 <= response.status_code < 300 and generated.endswith(", positive"):
        AUTH_ENFORCED.add(label)
