"""Serving figures: requests a second and latency of the example service served as its
README says (uvicorn, ASGI) and under gunicorn's threads (WSGI, as the template served it
before): run with `uv run python tests/load.py`. It prints figures and asserts nothing;
the README's choice of server comes from what it shows, and from the outage test.

Each setting gets the example project deployed as its README says (production settings,
PostgreSQL on 127.0.0.1:5432), then CLIENTS clients on this machine, each sending its
next request when the last is answered, for SECONDS seconds: anonymous reads of a
product's reviews (a query, a page of JSON). Clients and server share the machine's
cores, as on a small host; the figures compare settings, they are not a capacity.
"""

import argparse
import http.client
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_run import SERVERS  # noqa: E402
from test_service import serving  # noqa: E402

# gunicorn's threads, with connections kept for a minute, as the template served before;
# gunicorn is not one of the project's dependencies, so uv brings it for the run.
GUNICORN = "uv run --no-dev --with gunicorn gunicorn config.wsgi --bind 127.0.0.1:{port}"
# (label, the server command or None for the README's, environment).
UVLOOP = (
    "uv run --no-dev --with uvloop --with httptools uvicorn config.asgi:application"
    " --port {port} --no-proxy-headers --lifespan off --loop uvloop --http httptools"
)
SETTINGS = [
    ("uvicorn, ASGI, 2 processes (README)", None, {}),
    ("uvicorn, uvloop and httptools", UVLOOP, {}),
    (
        "gunicorn, WSGI, 2 workers x 4 threads",
        GUNICORN,
        {"GUNICORN_CMD_ARGS": "--threads 4 --access-logfile -", "CONN_MAX_AGE": "60"},
    ),
]


def load(port, path, clients, seconds):
    """(requests answered 200, latencies in seconds, other answers) of ``clients``
    closed-loop clients with kept connections, over ``seconds``."""
    latencies, other = [], []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, odd = [], []
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
                answer = connection.getresponse()
                answer.read()
                status = answer.status
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            if status == 200:
                mine.append(time.monotonic() - started)
            else:
                odd.append(status)
        with lock:
            latencies.extend(mine)
            other.extend(odd)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, other


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=20)
    options = parser.parse_args()
    # The API's limits out of the way: DRF counts an anonymous client's requests against
    # both the anonymous and the per-user rate.
    unlimited = {
        "API_RATE_ANONYMOUS": "1000000/minute",
        "API_RATE_USER": "1000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    rows = []
    for label, server, environ in SETTINGS:
        with tempfile.TemporaryDirectory() as folder:
            url = SERVERS["postgresql"].format(name="tr_load")
            environ = {**unlimited, **environ}
            with serving(Path(folder), "postgresql", url, server, **environ) as service:
                base, _, products, *_ = service
                port = int(base.rsplit(":", 1)[1])
                path = f"/api/products/{products[0]}/reviews/"
                load(port, path, options.clients, 3)  # warm: connections, caches
                latencies, other = load(port, path, options.clients, options.seconds)
        latencies.sort()
        p99 = latencies[int(len(latencies) * 0.99)] if latencies else float("nan")
        rows.append(
            (
                label,
                len(latencies) / options.seconds,
                statistics.median(latencies) * 1000 if latencies else float("nan"),
                p99 * 1000,
                len(other),
            )
        )
    print(f"example service, PostgreSQL, {options.clients} clients, {options.seconds} s each")
    print(f"  {'':<42}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'not 200':>9}")
    for label, rate, p50, p99, failed in rows:
        print(f"  {label:<42}{rate:8.0f}{p50:9.1f}{p99:9.1f}{failed:9d}")


if __name__ == "__main__":
    main()
