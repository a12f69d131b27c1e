"""The Content-Security-Policy, sent by Django's middleware from 6.0 on and by
core/middleware.py on 5.2: the same header either way."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/no-such-page/"])
def test_pages_load_only_the_service_s_own_scripts(client, path):
    policy = client.get(path)["Content-Security-Policy"]

    directives = dict(directive.split(" ", 1) for directive in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert "script-src" not in directives  # so scripts fall back to 'self' alone
    assert directives["frame-ancestors"] == "'none'"
