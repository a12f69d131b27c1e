"""One call for any endpoint: by URL name, with a JSON body or query parameters."""

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.cookies import SimpleCookie
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
    client already is. Afterwards the client is signed in (or not) as it was before.
    """
    method = method.lower()
    if method not in METHODS:
        raise ValueError(f"call_api: method {method!r} is not one of {', '.join(METHODS)}")
    if data is not None and method in BODYLESS:
        raise ValueError(
            f"call_api: a {method.upper()} request takes no body; "
            "pass its parameters as query={...}"
        )
    send = getattr(client, method)
    url = url_for(url_name, url_kwargs, query)
    with _signed_in_as(client, user):
        if data is None:
            return send(url, headers=headers)
        body = json.dumps(data, cls=DjangoJSONEncoder)
        return send(url, data=body, content_type="application/json", headers=headers)


@contextmanager
def _signed_in_as(client: Client, user: User | _Anonymous | None) -> Iterator[None]:
    """``client`` as ``user`` (or with no credentials, for ANONYMOUS) inside the block."""
    if user is None:
        yield
        return
    # Who the client is lives in its cookies (a session){% if cookiecutter.use_drf %}, and for DRF's APIClient in
    # its forced user and its credentials{% endif %}: all of it is set aside, then put back.
    cookies, client.cookies = client.cookies, SimpleCookie()
{%- if cookiecutter.use_drf %}
    if isinstance(client, APIClient):
        handler = client.handler
        forced = getattr(handler, "_force_user", None), getattr(handler, "_force_token", None)
        credentials = getattr(client, "_credentials", {})
        client.credentials()
{%- endif %}
    try:
{%- if cookiecutter.use_drf %}
        if isinstance(client, APIClient):
            client.force_authenticate(user=None if isinstance(user, _Anonymous) else user)
        elif not isinstance(user, _Anonymous):
            client.force_login(user)
{%- else %}
        if not isinstance(user, _Anonymous):
            client.force_login(user)
{%- endif %}
        yield
    finally:
        client.cookies = cookies
{%- if cookiecutter.use_drf %}
        if isinstance(client, APIClient):
            client.force_authenticate(user=forced[0], token=forced[1])
            client.credentials(**credentials)
{%- endif %}
