"""One call for any endpoint: by URL name, with a JSON body or query parameters."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from .urls import url_for

METHODS = ("get", "post", "put", "patch", "delete")
BODYLESS = ("get", "delete")


def call_api(
    client,
    url_name,
    method="get",
    *,
    data=None,
    query=None,
    url_kwargs=None,
    user=None,
    headers=None,
):
    """Send ``method`` to the URL named ``url_name`` and return the response.

    ``data`` goes as a JSON body (POST, PUT, PATCH); GET and DELETE take ``query``
    instead, and refuse a body. With ``user``, the request is made as that user.
    """
    method = method.lower()
    if method not in METHODS:
        raise ValueError(f"call_api: method {method!r} is not one of {', '.join(METHODS)}")
    if data is not None and method in BODYLESS:
        raise ValueError(
            f"call_api: a {method.upper()} request takes no body; "
            "pass its parameters as query={...}"
        )
    if user is not None:
{%- if cookiecutter.use_drf == "y" %}
        if hasattr(client, "force_authenticate"):  # DRF's APIClient
            client.force_authenticate(user=user)
        else:
            client.force_login(user)
{%- else %}
        client.force_login(user)
{%- endif %}
    send = getattr(client, method)
    url = url_for(url_name, url_kwargs, query)
    if data is None:
        return send(url, headers=headers)
    body = json.dumps(data, cls=DjangoJSONEncoder)
    return send(url, data=body, content_type="application/json", headers=headers)
