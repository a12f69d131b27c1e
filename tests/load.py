"""Serving figures: requests a second and latency of the example service served as its
README says (uvicorn, ASGI) and under gunicorn's threads (WSGI, as the template served it
before): run with `uv run python tests/load.py`. It prints figures and asserts nothing;
the README's choice of server comes from what it shows, and from the outage test.

`--defenses` measures instead what the production stack costs, side by side in one run:
the service as deployed (its middleware, the API's rates counting in Redis, its log
filters) against Django's minimum stack on the same endpoint (startproject's middleware,
no rates, plain logging), then the ratio, and where a request's time goes (a profile of
the production stack, in one process).

Each setting gets the example project deployed as its README says (production settings,
PostgreSQL on 127.0.0.1:5432), then CLIENTS clients on this machine, each sending its
next request when the last is answered, for SECONDS seconds: anonymous reads of a
product's reviews (a query, a page of JSON). Clients and server share the machine's
cores, as on a small host; the figures compare settings, they are not a capacity.
"""

import argparse
import http.client
import pstats
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bakery import run  # noqa: E402
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


# The defenses' comparison measures each stack in this many turns, taking turns.
ROUNDS = 4
# Django's minimum stack over production settings: startproject's middleware, no rates
# counted, and logging without the project's filters.
MINIMUM = """
from config.settings.production import *
from config.settings.production import REST_FRAMEWORK

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
LOGGING = {"version": 1, "disable_existing_loggers": False}
"""
# A request's time in the production stack, in one process: Django's test client
# asks for the path REQUESTS times under cProfile.
PROFILE = """
import cProfile, sys, django
django.setup()
from django.test import Client
client = Client(headers={"x-forwarded-proto": "https"})
path = sys.argv[1]
for _ in range(50):
    client.get(path)
cProfile.run("for _ in range(%d): client.get(path)" % int(sys.argv[2]), sys.argv[3])
"""


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


def measure(service, clients, seconds, warm=True):
    """(requests a second, p50 ms, p99 ms, answers not 200) of a product's reviews."""
    base, _, products, *_ = service
    port = int(base.rsplit(":", 1)[1])
    path = f"/api/products/{products[0]}/reviews/"
    if warm:
        load(port, path, clients, 3)  # connections, caches
    latencies, other = load(port, path, clients, seconds)
    latencies.sort()
    if not latencies:
        return 0.0, float("nan"), float("nan"), len(other)
    p99 = latencies[int(len(latencies) * 0.99)]
    return len(latencies) / seconds, statistics.median(latencies) * 1000, p99 * 1000, len(other)


def defenses(options):
    """The production stack against Django's minimum, side by side, and a profile."""
    # Rates high enough never to refuse: each request is still counted in Redis.
    environ = {
        "API_RATE_ANONYMOUS": "1000000/minute",
        "API_RATE_USER": "1000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "minimum").mkdir()
        (folder / "minimum" / "load_minimum.py").write_text(MINIMUM)
        url = SERVERS["postgresql"].format(name="tr_load")
        other = SERVERS["postgresql"].format(name="tr_load_minimum")
        load_for = (options.clients, options.seconds // ROUNDS)
        minimum = {
            "DJANGO_SETTINGS_MODULE": "load_minimum",
            "DJANGO_READ_ENV_FILE": "false",
            "PYTHONPATH": str(folder / "minimum"),
        }
        for name in ("production", "minimum-stack"):
            (folder / name).mkdir()
        # Both deployed at once and measured in turns, so that whatever else the machine
        # does meanwhile weighs on both alike.
        with (
            serving(folder / "production", "postgresql", url, **environ) as production,
            serving(folder / "minimum-stack", "postgresql", other, **environ, **minimum) as bare,
        ):
            rounds = {"production, Redis in the path": [], "Django's minimum stack": []}
            for turn in range(ROUNDS):
                for label, service in zip(rounds, (production, bare), strict=True):
                    rounds[label].append(measure(service, *load_for, warm=turn == 0))
            *_, project, env = production
            path = f"/api/products/{production[2][0]}/reviews/"
            stats = folder / "profile"
            script = [str(project / ".venv/bin/python"), "-c", PROFILE, path, "500", str(stats)]
            run(script, project, {**env, "ALLOWED_HOSTS": "testserver"})
        rows = {
            label: [statistics.mean(figures) for figures in zip(*measured, strict=True)]
            for label, measured in rounds.items()
        }
        print(
            f"reviews list, PostgreSQL, {options.clients} clients, {options.seconds} s each, "
            f"in {ROUNDS} turns"
        )
        print(f"  {'':<32}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'not 200':>9}")
        for label, (rate, p50, p99, failed) in rows.items():
            print(f"  {label:<32}{rate:8.0f}{p50:9.1f}{p99:9.1f}{failed:9.0f}")
        served, served_bare = (rows[label][0] for label in rows)
        print(f"  production / minimum: {served / served_bare:.2f}x")
        print("where a production request's time goes (one process, cumulative):")
        # The project's middleware and views, the rates' counting and the Redis client.
        ours = r"my_service/(core|reviews)|throttling|redis/client.py.*execute_command|whitenoise"
        pstats.Stats(str(stats)).sort_stats("cumulative").print_stats(ours, 20)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--defenses", action="store_true", help="production against minimum")
    options = parser.parse_args()
    if options.defenses:
        defenses(options)
        return
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
