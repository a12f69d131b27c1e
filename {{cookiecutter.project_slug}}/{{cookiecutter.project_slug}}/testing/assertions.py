"""Response contracts: the exact status and the kind of body, checked together."""

import json
from typing import Any

from django.http.response import HttpResponse, HttpResponseBase

# What each kind accepts, judged by the media type (the Content-Type before any ";").
KINDS = {
    "json": lambda media: media == "application/json" or media.endswith("+json"),
    "html": lambda media: media == "text/html",
    "plain": lambda media: media == "text/plain",
    "binary": lambda media: (
        bool(media)
        and not media.startswith("text/")
        and media != "application/json"
        and not media.endswith("+json")
    ),
}

BODY_SHOWN = 300


def body_start(response: HttpResponseBase) -> str:
    if not isinstance(response, HttpResponse):
        return "(a streaming body, not read)"
    body = response.content[:BODY_SHOWN].decode("utf-8", errors="replace")
    return body + ("…" if len(response.content) > BODY_SHOWN else "")


def assert_response(response: HttpResponseBase, status: int, kind: str | None = "json") -> Any:
    """Assert the exact status and the body's kind: json, html, plain, binary, or None.

    With ``kind=None`` only the status is checked (a 204 or a redirect has no body to
    speak of). Returns the decoded JSON for ``kind="json"`` and the response otherwise,
    so a test can go on with the payload:

        payload = assert_response(client.get(url), 200)
    """
    __tracebackhide__ = True
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)} or None, not {kind!r}")
    content_type = response.get("Content-Type", "")
    media = content_type.split(";")[0].strip().lower()
    wrong = []
    if response.status_code != status:
        wrong.append(f"expected status {status}, got {response.status_code}")
    if kind is not None and not KINDS[kind](media):
        wrong.append(f"expected a {kind} body, got Content-Type {content_type or '(none)'!r}")
    if wrong:
        wrong.append(f"body starts: {body_start(response)!r}")
        raise AssertionError(f"response contract broken: {'; '.join(wrong)}")
    if kind == "json":
        assert isinstance(response, HttpResponse), "a streaming JSON body is not read"
        return json.loads(response.content)
    return response
