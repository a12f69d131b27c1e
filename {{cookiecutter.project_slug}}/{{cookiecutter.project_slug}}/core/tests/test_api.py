"""Every answer under /api/ is JSON, and no body a client sends gets a 5xx."""

import json

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from {{ cookiecutter.project_slug }}.core.api import exception_handler, server_error
from {{ cookiecutter.project_slug }}.core.parsers import MAX_DEPTH
from {{ cookiecutter.project_slug }}.testing import assert_response

ME = reverse("api:current-user")


def nested(depth):
    """A body ``depth`` levels deep: the object, then lists inside lists."""
    return '{"first_name": "Ada", "extra": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"


def patch_me(client, body, content_type="application/json"):
    return client.patch(ME, data=body, content_type=content_type)


def test_json_nested_deeper_than_the_limit_is_a_400(authenticated_api_client):
    allowed = patch_me(authenticated_api_client, nested(MAX_DEPTH))
    assert_response(allowed, 200)

    for depth in (MAX_DEPTH + 1, 5_000):
        refused = patch_me(authenticated_api_client, nested(depth))
        assert "nested deeper" in assert_response(refused, 400)["detail"]


def test_a_body_over_the_upload_limit_is_a_413(authenticated_api_client):
    body = json.dumps({"first_name": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE})

    assert_response(patch_me(authenticated_api_client, body), 413)


def test_a_lone_surrogate_is_a_400_before_it_reaches_the_database(authenticated_api_client, user):
    refused = patch_me(authenticated_api_client, '{"first_name": "\\ud83d"}')

    assert "lone surrogate" in assert_response(refused, 400)["detail"]
    user.refresh_from_db()
    assert user.first_name != "\ud83d"


def test_a_form_body_is_a_json_415(authenticated_api_client):
    form = "application/x-www-form-urlencoded"
    response = patch_me(authenticated_api_client, "first_name=Ada", form)

    assert "Unsupported media type" in assert_response(response, 415)["detail"]


def test_a_request_django_refuses_is_a_json_400_under_the_api(client):
    response = client.get(ME, headers={"host": "scanner.example"})

    assert assert_response(response, 400) == {"detail": "Bad request."}


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True], ids=["production", "local (DEBUG)"])
def test_an_unknown_api_url_is_a_json_404_and_a_page_elsewhere(client, settings, debug):
    settings.DEBUG = debug
    for path in ("/api/no-such-thing/", "/api/things/null,null/", "/api/users/me"):
        for method in (client.get, client.post, client.delete):
            assert assert_response(method(path), 404) == {"detail": "Not found."}, path
    assert_response(client.get("/no-such-page/"), 404, kind="html")


@pytest.mark.parametrize("docs", [False, True], ids=["production", "local"])
def test_the_api_root_says_where_the_schema_docs_and_token_endpoint_are(client, settings, docs):
    settings.API_DOCS = docs

    links = assert_response(client.get("/api/"), 200)

    assert links["token"] == "http://testserver/api/auth/token/"
    assert sorted(links) == (["docs", "schema", "token"] if docs else ["schema", "token"])


def test_a_django_validation_error_from_a_service_is_a_400():
    response = exception_handler(ValidationError({"rating": ["Out of range."]}), context={})

    assert response.status_code == 400
    assert response.data == {"rating": ["Out of range."]}


def test_a_crash_is_a_json_500_under_the_api_and_a_page_elsewhere():
    api = server_error(RequestFactory().get("/api/anything/"))
    page = server_error(RequestFactory().get("/anything/"))

    assert assert_response(api, 500) == {"detail": "Server error."}
    assert_response(page, 500, kind="html")
