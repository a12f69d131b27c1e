"""The service answers the same through Django's ASGI handler (how production serves it)
as through its WSGI one (the test client's)."""

import pytest
from asgiref.sync import async_to_sync
from django.test import AsyncClient

PATHS = [
    "/health/",
    "/admin/login/",
    "/admin/",
{%- if cookiecutter.use_drf %}
    "/api/users/me/",
    "/api/nothing-here/",
{%- endif %}
    "/nothing-here/",
]
# What may differ between two answers: when, and a fresh form's token.
FRESH = {"Date", "X-Request-ID", "Set-Cookie", "Vary", "Expires"}


def answer(response):
    headers = {name: value for name, value in response.headers.items() if name not in FRESH}
    body = response.content if response["Content-Type"] == "application/json" else b""
    return response.status_code, headers, body


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_asgi_answers_as_wsgi_does(client, path):
    over_asgi = async_to_sync(AsyncClient().get)(path)

    assert answer(over_asgi) == answer(client.get(path))
