"""The service against a database server that accepts connections and never answers."""

import json
import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

SCHEMES = {"postgresql": "postgres", "mysql": "mysql"}
# A probe of /health/ in a process of its own, timed.
PROBE = """
import json, time, django
from django.test import Client
django.setup()
started = time.monotonic()
response = Client().get("/health/")
print(json.dumps({"status": response.status_code, "seconds": time.monotonic() - started}))
"""


@pytest.fixture
def silent_server():
    """A port whose listener completes every TCP handshake, then says nothing."""
    with socket.create_server(("127.0.0.1", 0), backlog=16) as listener:
        yield listener.getsockname()[1]


def test_health_answers_503_within_the_connect_timeout(silent_server):
    if connection.vendor not in SCHEMES:
        pytest.skip("SQLite has no server to fall silent; PostgreSQL and MySQL run this test")
    url = f"{SCHEMES[connection.vendor]}://user@127.0.0.1:{silent_server}/service"
    env = {**os.environ, "DATABASE_URL": url, "DATABASE_CONNECT_TIMEOUT": "2"}

    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["status"] == 503
    assert answer["seconds"] < 10
