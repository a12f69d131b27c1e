"""One call for any endpoint: by URL name, with a JSON body or query parameters."""

import json
from collections.abc import Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http.response import HttpResponseBase
from django.test import Client
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
    method = method.lower()
    if method not in METHODS:
        raise ValueError(f"call_api: method {method!r} is not one of {', '.join(METHODS)}")
    if data is not None and method in BODYLESS:
        raise ValueError(
            f"call_api: a {method.upper()} request takes no body; "
            "pass its parameters as query={...}"
        )
    send = getattr(client if user is None else client_as(type(client), user), method)
    url = url_for(url_name, url_kwargs, query)
    if data is None:
        return send(url, headers=headers)
    body = json.dumps(data, cls=DjangoJSONEncoder)
    return send(url, data=body, content_type="application/json", headers=headers)


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
