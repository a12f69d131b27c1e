"""Bad input for any endpoint, and one check that none of it gets a server error.

A client can send anything: broken JSON, the wrong types, a body too large or nested too
deep, text a database cannot store. Each must be answered with a 4xx (or handled), never
a 5xx, and under /api/ always as JSON.
"""

import json
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.test import Client

# Raw bodies, each sent as application/json unless it names another content type.
BODIES = {
    "empty": b"",
    "broken json": b'{"a": ',
    "not utf-8": b'{"a": "\xff\xfe"}',
    "a bare string": b'"text"',
    "a list": b"[1, 2, 3]",
    "null": b"null",
    "nested 40 deep": b'{"a": ' * 40 + b"1" + b"}" * 40,
    "nested 5000 deep": b"[" * 5000 + b"]" * 5000,
    "a 5000-digit number": b'{"a": 1' + b"0" * 5000 + b"}",
    "NaN": b'{"a": NaN}',
    "a lone surrogate": b'{"a": "\\ud800"}',
}
OTHER_CONTENT_TYPES = {
    "form-encoded": ("application/x-www-form-urlencoded", b"a=1&b=2"),
    "plain text": ("text/plain", b"hello"),
    "broken multipart": ("multipart/form-data; boundary=x", b"--x\r\nbroken"),
}
# Values tried in each named field, one field at a time.
FIELD_VALUES = {
    "null": None,
    "true": True,
    "a negative number": -1,
    "a 64-bit overflow": 2**64,
    "a huge float": 1e308,
    "an empty string": "",
    "100,000 characters": "x" * 100_000,
    "a list": [1, 2],
    "an object": {"a": 1},
    "a NUL character": "a\x00b",
    "emoji and right-to-left marks": "\U0001f680 \u202eabc",
    "nested 20 deep": json.loads("[" * 20 + "]" * 20),
}


def hostile_requests(fields: Iterable[str] = ()) -> Iterator[tuple[str, str, bytes]]:
    """``(name, content_type, body)`` for every bad body, and every bad value in each field."""
    for name, body in BODIES.items():
        yield name, "application/json", body
    for name, (content_type, body) in OTHER_CONTENT_TYPES.items():
        yield name, content_type, body
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440
    yield "a body over the upload limit", "application/json", b'{"a": "' + b"x" * limit + b'"}'
    for field in fields:
        for name, value in FIELD_VALUES.items():
            yield f"{field}: {name}", "application/json", json.dumps({field: value}).encode()


def assert_no_server_error(
    client: Client,
    url: str,
    methods: Iterable[str] = ("post", "put", "patch"),
    fields: Iterable[str] = (),
    json: bool = True,
) -> None:
    """Send every hostile request to ``url`` with each method; all must answer below 500.

    ``fields`` names the body's fields, so that each gets every bad value. With ``json``
    (the default), every answer with a body must be JSON too. All failures are reported
    together.
    """
    __tracebackhide__ = True
    fields = tuple(fields)  # sent with every method, so a generator must not run out
    failures = []
    for method in methods:
        send = getattr(client, method)
        for name, content_type, body in hostile_requests(fields):
            try:
                response = send(url, data=body, content_type=content_type)
            except Exception as error:  # a view that raised: a server answers 500
                failures.append(f"{method.upper()} {name}: 500, raised {error!r}"[:200])
                continue
            media = response.get("Content-Type", "").split(";")[0]
            not_json = json and response.status_code != 204 and media != "application/json"
            if response.status_code >= 500 or not_json:
                start = response.content[:120].decode(errors="replace")
                failures.append(
                    f"{method.upper()} {name}: {response.status_code} {media} {start!r}"
                )
    if failures:
        listed = "\n".join(failures)
        raise AssertionError(f"{len(failures)} bad requests to {url} broke:\n{listed}")
