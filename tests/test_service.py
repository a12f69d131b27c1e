"""Layer 3: a baked service deployed for real and put under traffic.

For each database server: the example project is migrated and served by uvicorn under
production settings, from a folder that still holds the developer's `.env`, and then
clients send it concurrent first reviews and hostile bodies over HTTP.
"""

import contextlib
import http.client
import json
import re
import secrets
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from aiosmtpd.controller import Controller
from bakery import bake, run, tool
from test_readme import bash_blocks
from test_run import SERVERS, Cell, install

pytestmark = pytest.mark.run

# The Redis server the deployed services share their counts in (each under its own prefix).
REDIS = "redis://127.0.0.1:6379/0"
WRITERS = 8
ROUNDS = 10
# First lowest ratings posted at once, each a mail the silent mail server never takes.
ALERTS = 6
# Lowest ratings posted while the mail server stalls, then one after the database's outage.
STALLED = 3
# The deployed service's admin, whose password others guess; the sign-in limits and the
# token endpoint's rate as the settings give them by default.
ADMIN_PASSWORD = "the-real-admin-s-own-password"
SIGN_IN_CAP = 5
AUTH_RATE = 10
SEED = """
from rest_framework.authtoken.models import Token
from my_service.orders.models import Product
from my_service.users.models import User
token = Token.objects.create(user=User.objects.create_user("reviewer"))
User.objects.create_superuser("admin", password="{admin_password}")
products = [Product.objects.create(name="Tea", price=3) for _ in range({products})]
print(token.key, *(product.pk for product in products))
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(url, method="GET", body=None, headers=None):
    """(status, content type, body) of one request; an HTTP error is an answer too.

    Sent as the TLS-terminating proxy in front of a deployed service sends it.
    """
    headers = {"X-Forwarded-Proto": "https", **(headers or {})}
    sent = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(sent, timeout=30) as answer:
            return answer.status, answer.headers.get_content_type(), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def from_address(address, url, method="GET", body=None, headers=None):
    """(status, headers, body) of one request from the loopback address ``address``, a
    client of its own, through the TLS-terminating proxy's header."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=30, source_address=(address, 0)
    )
    try:
        sent = {"X-Forwarded-Proto": "https", **(headers or {})}
        connection.request(method, parts.path, body=body, headers=sent)
        answer = connection.getresponse()
        return answer.status, answer.headers, answer.read().decode()
    finally:
        connection.close()


def ask_token(base, address, password, username="admin", headers=None):
    """(status, body) of a token asked for from ``address``."""
    body = json.dumps({"username": username, "password": password})
    headers = {"Content-Type": "application/json", **(headers or {})}
    status, _, text = from_address(address, f"{base}/api/auth/token/", "POST", body, headers)
    return status, text


def sign_in_to_admin(base, address, password):
    """How the admin's sign-in page answered ``admin`` with ``password`` from ``address``:
    "signed in", "wrong" (the password was checked) or "refused" (it was not)."""
    _, headers, page = from_address(address, f"{base}/admin/login/")
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"])[1]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    form = urllib.parse.urlencode(
        {"username": "admin", "password": password, "next": "/admin/", "csrfmiddlewaretoken": token}
    )
    status, headers, page = from_address(
        address,
        f"{base}/admin/login/",
        "POST",
        form,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Origin": base.replace("http://", "https://"),
        },
    )
    if status == 302 and headers["Location"] == "/admin/":
        return "signed in"
    assert status == 200, (status, page[:500])
    return "refused" if "Too many sign-in attempts" in page else "wrong"


def at_once(count, call):
    """``call(number)`` for ``count`` numbers, 8 at a time; their results."""
    with ThreadPoolExecutor(8) as clients:
        return list(clients.map(call, range(count)))


def assert_sign_in_limits_hold(base):
    """Password guessing against the admin, from the attacker's side: through both
    workers, each client on a loopback address of its own."""
    # 240 wrong passwords for the token, each with a made-up X-Forwarded-For (no proxy is
    # in front): one client, whose guesses past the cap are not checked.
    guesses = at_once(
        240,
        lambda number: ask_token(
            base, "127.0.0.2", f"guess-{number}", headers={"X-Forwarded-For": f"10.7.{number}.1"}
        )[0],
    )
    assert set(guesses) <= {400, 429}
    assert guesses.count(400) == SIGN_IN_CAP, Counter(guesses)
    assert ask_token(base, "127.0.0.2", ADMIN_PASSWORD)[0] == 429
    # Meanwhile the admin, elsewhere, gets a token.
    status, body = ask_token(base, "127.0.0.3", ADMIN_PASSWORD)
    assert status == 200, body

    # 40 wrong passwords on the admin's page at once, from another client: no more than
    # the cap are checked across both workers; that client is refused the token too.
    answers = Counter(at_once(40, lambda number: sign_in_to_admin(base, "127.0.0.4", f"g{number}")))
    assert answers == {"wrong": SIGN_IN_CAP, "refused": 40 - SIGN_IN_CAP}, answers
    status, body = ask_token(base, "127.0.0.4", ADMIN_PASSWORD)
    assert status == 429
    assert "Too many sign-in attempts" in body
    # The admin, elsewhere, signs in on the page.
    assert sign_in_to_admin(base, "127.0.0.3", ADMIN_PASSWORD) == "signed in"

    # A success resets its client's count: the attempt past the cap is checked.
    for number in range(SIGN_IN_CAP - 1):
        assert ask_token(base, "127.0.0.5", f"forgot-{number}")[0] == 400
    assert ask_token(base, "127.0.0.5", ADMIN_PASSWORD)[0] == 200
    assert ask_token(base, "127.0.0.5", "typo")[0] == 400

    # The token endpoint's rate holds across both workers (bodies it refuses unread).
    asked = at_once(2 * AUTH_RATE, lambda _: ask_token(base, "127.0.0.6", None)[0])
    assert Counter(asked) == {400: AUTH_RATE, 429: AUTH_RATE}, Counter(asked)


@pytest.fixture
def silent_mail_server():
    """The port of a mail server that takes connections and never says a word."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        yield server.getsockname()[1]


@pytest.fixture(params=["postgresql", "mysql"])
def deployed(request, tmp_path, silent_mail_server):
    """A running example service, as ``serving`` gives it, whose mail goes to a server
    that never answers."""
    database = request.param
    # A database of each test's own: two tests may deploy side by side.
    name = f"tr_service_{zlib.crc32(request.node.name.encode()):x}"
    with serving(
        tmp_path,
        database,
        SERVERS[database].format(name=name),
        MANAGERS="shop@example.com",
        EMAIL_URL=f"smtp://127.0.0.1:{silent_mail_server}",
        EMAIL_TIMEOUT="3",
    ) as service:
        yield service


@contextlib.contextmanager
def serving(folder, database, database_url, server=None, **environ):
    """The example service deployed in ``folder`` as its README says, on ``database_url``
    (made anew), with ``environ``: production settings, a developer's .env beside the code,
    the README's ASGI server (or the ``server`` command, ``{port}`` in it the port) and
    the background worker. Yields (its base URL, a user's token,
    product ids, the server's log, the worker's log, its folder, its environment)."""
    cell = Cell(database, "3.12", "6.1", {"example_app": "y"})
    project = bake(folder, database=database, example_app="y")
    env = install(project, cell)
    uv = [tool("uv"), "run", "--no-sync"]
    port = free_port()
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_ROOT": str(folder / "static"),
            "UVICORN_PORT": str(port),
            "WEB_CONCURRENCY": "2",
            # The counts every worker shares, under a prefix of this deploy's own.
            "CACHE_URL": REDIS,
            "CACHE_KEY_PREFIX": f"{folder.name}-{secrets.token_hex(4)}",
            **environ,
        }
    )
    assert (project / ".env").is_file(), "the bake's developer .env stays beside the code"

    # The developer's .env holds a strong key, but production does not read it.
    refused = subprocess.run(
        [*uv, "python", "manage.py", "check"], cwd=project, env=env, capture_output=True, text=True
    )
    assert refused.returncode != 0
    assert "SECRET_KEY is missing or weak" in refused.stderr

    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    reset_database(database, env["DATABASE_URL"])
    # The README's production commands, as written; the last one starts the server.
    readme = (project / "README.md").read_text().split("## Run it in production")[1]
    *prepare, serve = bash_blocks(readme)[0]
    for line in prepare:
        run(line.replace("uv", tool("uv"), 1), project, env)
    # The service's environment holds what it runs, none of the test tools.
    installed = {path.name for path in project.glob(".venv/lib/python*/site-packages/*")}
    assert "uvicorn" in installed
    assert not installed & {"pytest", "schemathesis", "factory", "mypy"}, "dev tools installed"
    seed = SEED.format(products=ROUNDS + ALERTS, admin_password=ADMIN_PASSWORD)
    seeded = run(
        [*uv, "python", "manage.py", "shell", "-v0", "-c", seed],
        project,
        env,
    ).stdout.split()
    # The server, and beside it the README's background worker, each logging to a file.
    (worker,) = bash_blocks(readme)[1]
    log, worker_log = folder / "server.log", folder / "worker.log"
    assert serve.startswith("uv run --no-dev uvicorn config.asgi:application ")
    assert worker == "uv run --no-dev python manage.py db_worker"
    processes = []
    with worker_log.open("w") as output:
        processes.append(
            subprocess.Popen(
                [tool("uv"), *worker.split()[1:]],
                cwd=project,
                env=env,
                stdout=output,
                stderr=output,
            )
        )
    try:
        # Another test may take the free port before the server binds it: then it starts
        # again on another.
        for attempt in range(3):
            command = server.format(port=port) if server else serve
            with log.open("w") as output:
                processes.append(
                    subprocess.Popen(
                        [tool("uv"), *command.split()[1:]],
                        cwd=project,
                        env=env,
                        stdout=output,
                        stderr=output,
                    )
                )
            base = f"http://127.0.0.1:{port}"
            try:
                wait_for(f"{base}/health/", processes[-1], log)
                break
            except AssertionError:
                if attempt == 2 or "Address already in use" not in log.read_text():
                    raise
                port = free_port()
                env["UVICORN_PORT"] = str(port)
        products = [int(pk) for pk in seeded[1:]]
        yield base, seeded[0], products, log, worker_log, project, env
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)


def reset_database(database, url):
    address = urllib.parse.urlsplit(url)
    name = address.path.lstrip("/")
    if database == "postgresql":
        command = ["psql", "-h", address.hostname, "-p", str(address.port), "-U", "postgres", "-q"]
        statements = [f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"]
    else:
        command = ["mariadb", "-h", address.hostname, "-P", str(address.port), "-u", "root"]
        statements = [
            f"DROP DATABASE IF EXISTS {name}",
            f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
        ]
    for statement in statements:
        run([*command, "-c" if database == "postgresql" else "-e", statement], cwd="/")


def wait_for(url, server, log, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server exited:\n{log.read_text()}"
        try:
            if request(url)[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in {seconds} s:\n{log.read_text()}")


def post_together(url, headers, writers):
    """The same first review from ``writers`` clients at once; their status codes."""
    barrier = threading.Barrier(writers)
    statuses = Counter()
    lock = threading.Lock()
    body = json.dumps({"rating": 4, "body": "Sent twice."}).encode()

    def write():
        barrier.wait(timeout=30)
        status = request(url, "POST", body, headers)[0]
        with lock:
            statuses[status] += 1

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


HOSTILE = {
    "broken json": b'{"rating": ',
    "nested 5000 deep": b"[" * 5000 + b"]" * 5000,
    "a lone surrogate": b'{"rating": 3, "body": "\\udc00"}',
    "a NUL character": b'{"rating": 3, "body": "a\\u0000b"}',
    "wrong types": b'{"rating": {"a": [1]}, "body": 7}',
    "a 5000-digit rating": b'{"rating": 1' + b"0" * 5000 + b"}",
    "3 MB": b'{"rating": 3, "body": "' + b"x" * 3_000_000 + b'"}',
}


def test_a_deployed_service_holds_under_traffic(deployed):
    base, token, products, log, worker_log, _, _ = deployed
    raced, alerted = products[:ROUNDS], products[ROUNDS:]
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}

    # Concurrent first reviews: one creates, the rest update; never a 500.
    for product in raced:
        url = f"{base}/api/products/{product}/reviews/"
        assert post_together(url, headers, WRITERS) == {201: 1, 200: WRITERS - 1}
        assert json.loads(request(url)[2])["count"] == 1

    # Hostile bodies and unknown URLs under /api/: never a 5xx, always JSON (a PATCH
    # whose fields are all unknown changes nothing and is a 200).
    answers = {}
    for name, body in HOSTILE.items():
        for path, method in [
            (f"/api/products/{products[0]}/reviews/", "POST"),
            ("/api/users/me/", "PATCH"),
        ]:
            status, media, _ = request(f"{base}{path}", method, body, headers)
            answers[f"{method} {path} {name}"] = (status // 100, media)
    status, media, _ = request(f"{base}/api/nothing-here/")
    answers["an unknown API URL"] = (status // 100, media)
    assert set(answers.values()) <= {(2, "application/json"), (4, "application/json")}, answers
    assert answers["an unknown API URL"][0] == 4
    assert all(
        answers[f"POST /api/products/{products[0]}/reviews/ {name}"][0] == 4 for name in HOSTILE
    )

    # First lowest ratings at once, while the mail server takes connections and never
    # answers: each is answered at once (the mail is the worker's to send), and so is a
    # reader meanwhile. The worker tries each mail, waits EMAIL_TIMEOUT, and logs it.
    body = json.dumps({"rating": 1, "body": "Arrived broken."}).encode()
    started = time.monotonic()
    with ThreadPoolExecutor(ALERTS + 1) as clients:
        posts = [
            clients.submit(request, f"{base}/api/products/{pk}/reviews/", "POST", body, headers)
            for pk in alerted
        ]
        read = clients.submit(request, f"{base}/api/products/{alerted[0]}/reviews/")
        assert [post.result()[0] for post in posts] == [201] * ALERTS
        assert read.result()[0] == 200
    assert time.monotonic() - started < 3, "a request waited for the mail server"
    deadline = time.monotonic() + 60
    while worker_log.read_text().count("Could not tell the managers") < ALERTS:
        assert time.monotonic() < deadline, worker_log.read_text()
        time.sleep(0.5)
    warned = r"WARNING \S+reviews.alerts .*Could not tell the managers.*timed out"
    assert re.search(warned, worker_log.read_text())

    assert_sign_in_limits_hold(base)

    # A probe by address, a static file from WhiteNoise, a scanner's Host refused quietly.
    status, media, body = request(f"{base}/health/", headers={"Host": "10.1.2.3:8000"})
    assert (status, media, json.loads(body)) == (200, "application/json", {"status": "ok"})
    assert request(f"{base}/static/admin/css/base.css")[:2] == (200, "text/css")
    assert request(f"{base}/admin/login/")[:2] == (200, "text/html")
    assert request(f"{base}/admin/login/", headers={"Host": "scanner.example"})[0] == 400

    served = log.read_text()
    assert not re.search(r'" 5\d\d ', served), "a request was answered 5xx"
    assert "Traceback" not in served
    assert "Invalid HTTP_HOST" not in served


def schemathesis_passes(base, token, project, env):
    """An independent run of schemathesis against a live service: every check, the
    coverage phase (each boundary of the schema) and the fuzzing phase, anonymous and
    with a token, through the proxy's HTTPS header."""
    # Not the project's own: a deploy installs none of its test tools.
    schemathesis = [tool("uv"), "tool", "run", "--from", "schemathesis", "st", "run"]
    schemathesis.append(f"{base}/api/schema/")
    # Every check but positive_data_acceptance: text fields refuse NUL characters (which
    # PostgreSQL cannot store), and the schema does not say so.
    options = [
        *("--checks", "all", "--exclude-checks", "positive_data_acceptance"),
        *("--phases", "coverage,fuzzing", "--max-examples", "30"),
    ]
    proxy = ["-H", "X-Forwarded-Proto: https"]

    for credentials in ([], ["-H", f"Authorization: Token {token}"]):
        result = run([*schemathesis, *options, *proxy, *credentials], project, env)
        assert re.search(r"\d+ generated, \d+ passed", result.stdout), result.stdout[-3000:]


def test_schemathesis_finds_nothing_wrong_with_the_deployed_api(deployed):
    base, token, _, log, _, project, env = deployed

    schemathesis_passes(base, token, project, env)

    assert not re.search(r'" 5\d\d ', log.read_text()), "a request was answered 5xx"


def test_schemathesis_finds_nothing_wrong_with_the_local_server(tmp_path):
    """The same run against the service as a developer runs it (`manage.py runserver`,
    local settings, DEBUG on), where Django's own error pages are HTML."""
    project = bake(tmp_path, database="postgresql", example_app="y")
    env = install(project, Cell("postgresql", "3.12", "6.1", {"example_app": "y"}))
    port = free_port()
    # The limits out of the way, so that every request reaches the code under test.
    env.update(
        DATABASE_URL=SERVERS["postgresql"].format(name="tr_service_local"),
        API_RATE_ANONYMOUS="1000000/minute",
        API_RATE_USER="1000000/minute",
        API_RATE_AUTH="1000000/minute",
    )
    reset_database("postgresql", env["DATABASE_URL"])
    manage = [tool("uv"), "run", "--no-sync", "python", "manage.py"]
    run([*manage, "migrate", "-v0"], project, env)
    token = run(
        [*manage, "shell", "-v0", "-c", SEED.format(products=2, admin_password=ADMIN_PASSWORD)],
        project,
        env,
    )
    log = tmp_path / "runserver.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=output,
            stderr=output,
        )
    try:
        wait_for(f"http://127.0.0.1:{port}/health/", server, log)
        schemathesis_passes(f"http://127.0.0.1:{port}", token.stdout.split()[0], project, env)
    finally:
        server.terminate()
        server.wait(timeout=30)

    assert not re.search(r'" 5\d\d ', log.read_text()), "a request was answered 5xx"


class StallingMailServer:
    """A mail server on a port of its own that first takes connections and never says a
    word, and after ``answer()`` is a real SMTP server (aiosmtpd) on the same port, which
    keeps every mail it takes in ``received``."""

    def __init__(self):
        self.stalled = []  # the connections taken while stalling, kept open
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.received = []
        self.controller = None
        threading.Thread(target=self._stall, daemon=True).start()

    def _stall(self):
        with contextlib.suppress(OSError):  # the listener closed
            while True:
                self.stalled.append(self.listener.accept()[0])

    def answer(self):
        self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for connection in self.stalled:
            connection.close()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        self.received.append(envelope.content.decode())
        return "250 Message accepted for delivery"

    def close(self):
        if self.controller:
            self.controller.stop()
        else:
            self.listener.close()


class Door:
    """A port in front of a database server: open, it forwards each connection to the
    server; shut, it refuses connections (nothing listens) and cuts those it forwarded."""

    def __init__(self, server_port):
        self.server_port = server_port
        self.port = free_port()
        self.links = []
        self.open()

    def open(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._forward, args=(self.listener,), daemon=True).start()

    def _forward(self, listener):
        with contextlib.suppress(OSError):  # the door shut
            while True:
                client = listener.accept()[0]
                server = socket.create_connection(("127.0.0.1", self.server_port))
                self.links += [client, server]
                for source, sink in [(client, server), (server, client)]:
                    threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_RDWR)

    def shut(self):
        with contextlib.suppress(OSError):  # shut already
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread in accept()
        self.listener.close()
        for connection in self.links:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()
        self.links = []


def wait_until(condition, seconds, message):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, message()
        time.sleep(0.2)


@pytest.mark.parametrize("database", ["postgresql", "mysql"])
def test_every_alert_arrives_once_through_a_stalled_mail_server_and_a_database_outage(
    tmp_path, database
):
    """The deployed worker meets a mail server that takes connections and never answers,
    then answers: each alert arrives once. Then the database refuses connections for a
    while: the worker waits it out, and sends the next alert once it is back."""
    mail_server = StallingMailServer()
    server_port = urllib.parse.urlsplit(SERVERS[database]).port
    door = Door(server_port)
    name = f"tr_service_alerts_{database}"
    url = SERVERS[database].format(name=name).replace(f":{server_port}/", f":{door.port}/")
    environ = {
        "MANAGERS": "shop@example.com",
        "EMAIL_URL": f"smtp://127.0.0.1:{mail_server.port}",
        "EMAIL_TIMEOUT": "1",
        "ALERT_RETRY_DELAY": "1",
    }
    try:
        with serving(tmp_path, database, url, **environ) as service:
            base, token, products, _, worker_log, _, _ = service
            headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
            body = json.dumps({"rating": 1, "body": "Arrived broken."}).encode()

            def post(product):
                url = f"{base}/api/products/{product}/reviews/"
                assert request(url, "POST", body, headers)[0] == 201

            def message_ids():
                return [re.search(r"^Message-ID: (.+)$", mail, re.M | re.I)[1] for mail in received]

            received = mail_server.received
            for product in products[:STALLED]:
                post(product)
            # Each alert tried, timed out, and tried again later.
            wait_until(
                lambda: len(mail_server.stalled) > 2 * STALLED,
                30,
                lambda: f"the worker did not try again:\n{worker_log.read_text()}",
            )
            mail_server.answer()
            wait_until(
                lambda: len(received) >= STALLED,
                30,
                lambda: f"{len(received)} of {STALLED} alerts arrived:\n{worker_log.read_text()}",
            )
            time.sleep(2)  # time for a mail sent twice to arrive twice
            assert len(received) == len(set(message_ids())) == STALLED
            assert all("rated Tea 1/5" in mail for mail in received)

            # The database refuses connections, and cuts those it had, for a few seconds.
            # The worker looks for tasks every second: it meets the outage, and again.
            door.shut()
            time.sleep(4)
            door.open()
            wait_until(
                lambda: request(f"{base}/health/")[0] == 200,
                30,
                lambda: "the service did not recover",
            )
            post(products[STALLED])
            wait_until(
                lambda: len(received) > STALLED,
                30,
                lambda: f"no alert after the outage:\n{worker_log.read_text()}",
            )
            time.sleep(2)
            assert len(received) == len(set(message_ids())) == STALLED + 1
            worked = worker_log.read_text()
            assert "The database cannot be reached" in worked
            assert "Traceback" not in worked
    finally:
        door.shut()
        mail_server.close()
