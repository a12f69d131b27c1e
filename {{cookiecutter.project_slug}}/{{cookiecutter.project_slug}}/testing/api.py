"""One call for any endpoint: by URL name, with a JSON body or query parameters; from an
async test, ``await acall_api(async_client, ...)``."""

import json
from collections.abc import Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http.response import HttpResponseBase
from django.test import AsyncClient, Client
{%- if cookiecutter.use_drf %}
from rest_framework.test import APIClient
{%- endif %}

from {{ cookiecutter.project_slug }}.users.models import User

from .urls import url_for

METHODS = ("get", "post", "put", "patch", "delete")
BODYLESS = ("get", "delete")


class _Anonymous:
    def __repr__(self) -> str:
        return "ANONYMOUS"


# ``call_api(..., user=ANONYMOUS)``: this one call carries no credentials at all.
ANONYMOUS = _Anonymous()


def call_api(
    client: Client,
    url_name: str,
    method: str = "get",
    *,
    data: Any = None,
    query: Mapping[str, Any] | None = None,
    url_kwargs: Mapping[str, Any] | None = None,
    user: User | _Anonymous | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpResponseBase:
    """Send ``method`` to the URL named ``url_name`` and return the response.

    ``data`` goes as a JSON body (POST, PUT, PATCH); GET and DELETE take ``query``
    instead, and refuse a body. ``user`` applies to this call alone: a user makes it as
    that user, ``ANONYMOUS`` makes it with no credentials, and None (the default) as the
    client is. A call as someone goes through a new client of the same kind, so the one
    given is left signed in (or not) as it was.
    """
    method = checked(method, data)
    send = getattr(client if user is None else client_as(type(client), user), method)
    url, body = request(url_name, data, query, url_kwargs)
    return send(url, **body, headers=headers)


async def acall_api(
    client: AsyncClient,
    url_name: str,
    method: str = "get",
    *,
    data: Any = None,
    query: Mapping[str, Any] | None = None,
    url_kwargs: Mapping[str, Any] | None = None,
    user: User | _Anonymous | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpResponseBase:
    """``call_api`` through Django's ``AsyncClient`` (pytest-django's ``async_client``),
    for an async test; the same arguments. A call as ``user`` signs a new client in."""
    method = checked(method, data)
    if user is not None:
        client = AsyncClient()
        if not isinstance(user, _Anonymous):
            await client.aforce_login(user)
    send = getattr(client, method)
    url, body = request(url_name, data, query, url_kwargs)
    response: HttpResponseBase = await send(url, **body, headers=headers)
    return response


def checked(method: str, data: Any) -> str:
    method = method.lower()
    if method not in METHODS:
        raise ValueError(f"call_api: method {method!r} is not one of {', '.join(METHODS)}")
    if data is not None and method in BODYLESS:
        raise ValueError(
            f"call_api: a {method.upper()} request takes no body; "
            "pass its parameters as query={...}"
        )
    return method


def request(
    url_name: str,
    data: Any,
    query: Mapping[str, Any] | None,
    url_kwargs: Mapping[str, Any] | None,
) -> tuple[str, dict[str, str]]:
    """The URL, and the JSON body with its content type when there is a body."""
    url = url_for(url_name, url_kwargs, query)
    if data is None:
        return url, {}
    body = json.dumps(data, cls=DjangoJSONEncoder)
    return url, {"data": body, "content_type": "application/json"}


def client_as(kind: type[Client], user: User | _Anonymous) -> Client:
    """A new client of ``kind``, signed in as ``user`` (or no one, for ANONYMOUS)."""
    client = kind()
    if isinstance(user, _Anonymous):
        return client
{%- if cookiecutter.use_drf %}
    if isinstance(client, APIClient):
        client.force_authenticate(user=user)
        return client
{%- endif %}
    client.force_login(user)
    return client
