"""Layer 3: the service as teams run it, built from a generated project's own Dockerfile
and compose file, with podman (`.ci/run` installs it) and stand-ins for the official
images (tests/containers.py).

One test builds the image for each database server and runs from it what a deploy runs
(migrate, the web server, the worker) against the machine's server. The other runs the
compose file's shape: the proxy in front of two web instances, the worker, Redis and
PostgreSQL, and attacks it through the proxy, on 127.0.0.1 only, bounded in count and time.
"""

import json
import re
import secrets
import socket
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest
import yaml
from bakery import bake, project_env, run, tool
from containers import LIMITS, PODMAN, Composition, podman, stand_ins
from test_readme import bash_blocks
from test_run import SERVERS
from test_service import ADMIN_PASSWORD, REDIS, SEED, free_port, request, reset_database

pytestmark = pytest.mark.run

REVIEWS = 24
# `docker`, for deploy/smoke-check.sh: podman, with the machine's limits on `run`.
DOCKER = """#!/bin/sh
if [ "$1" = run ]; then
    shift
    exec {podman} run {limits} "$@"
fi
exec {podman} "$@"
"""


def baked(folder, database):
    """The example project, locked as its first `uv sync` locks it, and the names its
    Dockerfile builds from."""
    project = bake(folder, database=database, example_app="y")
    run([tool("uv"), "lock"], project, project_env())
    arguments = dict(re.findall(r"^ARG (\w+)=(\S+)$", (project / "Dockerfile").read_text(), re.M))
    return project, official(arguments["PYTHON_IMAGE"]), arguments["UV_IMAGE"]


def official(name):
    """An image's full name, as podman resolves a Docker Hub short name."""
    return name if "/" in name else f"docker.io/library/{name}"


def production_section(project):
    return (project / "README.md").read_text().split("## Run it in production")[1]


def server_command(project):
    """The README's command for the web server, as the image runs it (`uv run --no-dev`
    is the image's PATH)."""
    for block in bash_blocks(production_section(project)):
        for line in block:
            if line.startswith("uv run --no-dev uvicorn"):
                return line.removeprefix("uv run --no-dev ").split()
    raise AssertionError("the README gives no command for the web server")


@pytest.mark.parametrize("database", ["postgresql", "mysql"])
def test_the_image_runs_the_service(tmp_path, database):
    project, python, uv = baked(tmp_path, database)
    stand_ins(python, uv)
    image = f"localhost/template-image-{database}:{secrets.token_hex(4)}"
    podman(
        "build",
        "--pull=never",
        "--format",
        "docker",
        *LIMITS,
        "-t",
        image,
        str(project),
        timeout=900,
    )
    name = f"tr_image_{database}_{secrets.token_hex(4)}"
    url = SERVERS[database].format(name=name)
    reset_database(database, url)
    port = free_port()
    settings = {
        "DATABASE_URL": url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "UVICORN_PORT": str(port),
        "CACHE_URL": REDIS,
        "CACHE_KEY_PREFIX": name,
    }

    def container(*command, env=settings, detach=False):
        given = [f"--env={key}={value}" for key, value in env.items()]
        mode = ["-d"] if detach else ["--rm"]
        return [*PODMAN, "run", *mode, *LIMITS, "--network", "host", *given, image, *command]

    started = []
    try:
        inspected = json.loads(podman("image", "inspect", image).stdout)[0]
        config = inspected["Config"]
        # The server command is the README's; the image carries its own health check.
        assert config["Cmd"] == server_command(project)
        assert "/health/" in " ".join(inspected["Healthcheck"]["Test"])
        print(f"{database} image: {inspected['Size'] / 1e6:.0f} MB")

        # Unsafe settings: it refuses to start, with the line that says why.
        for unsafe, reason in [
            ({}, "SECRET_KEY is missing or weak"),
            ({"SECRET_KEY": "x" * 50}, "SECRET_KEY is missing or weak"),
            ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS=* accepts any Host header"),
        ]:
            env = {**settings, "SECRET_KEY": secrets.token_urlsafe(50), **unsafe}
            if not unsafe:
                del env["SECRET_KEY"]
            refused = subprocess.run(container(env=env), capture_output=True, text=True)
            assert refused.returncode != 0
            assert reason in refused.stderr

        settings["SECRET_KEY"] = secrets.token_urlsafe(50)
        # No test tool in the image, and the one-offs a deploy runs, as a user of its own.
        probe = "import importlib.util as u, os; print(os.getuid(), u.find_spec('pytest'))"
        assert run(container("python", "-c", probe), "/").stdout.split() == ["10001", "None"]
        run(container("python", "manage.py", "check", "--deploy", "--fail-level", "WARNING"), "/")
        run(container("python", "manage.py", "migrate", "--no-input", "-v0"), "/")
        seeded = run(
            container(
                "python",
                "manage.py",
                "shell",
                "-v0",
                "-c",
                SEED.format(products=1, admin_password=ADMIN_PASSWORD),
            ),
            "/",
        ).stdout.split()

        # The web server (the image's own command) and the worker, whose mail goes to a
        # server that never answers: it logs the send it gave up.
        with socket.create_server(("127.0.0.1", 0)) as silent:
            mail = {
                "EMAIL_URL": f"smtp://127.0.0.1:{silent.getsockname()[1]}",
                "EMAIL_TIMEOUT": "1",
                "MANAGERS": "shop@example.com",
            }
            web = run(container(env={**settings, **mail}, detach=True), "/").stdout.strip()
            started.append(web)
            worker = run(
                container(
                    "python", "manage.py", "db_worker", env={**settings, **mail}, detach=True
                ),
                "/",
            ).stdout.strip()
            started.append(worker)
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while not answers(f"{base}/health/"):
                assert time.monotonic() < deadline, podman("logs", web).stderr[-3000:]
                time.sleep(0.5)
            assert run([*PODMAN, "healthcheck", "run", web], "/").returncode == 0
            assert request(f"{base}/static/admin/css/base.css")[:2] == (200, "text/css")
            body = json.dumps({"rating": 1, "body": "Arrived broken."}).encode()
            headers = {"Authorization": f"Token {seeded[0]}", "Content-Type": "application/json"}
            posted = request(f"{base}/api/products/{seeded[1]}/reviews/", "POST", body, headers)
            assert posted[0] == 201, posted
            deadline = time.monotonic() + 60
            while "Could not tell the managers" not in podman("logs", worker).stderr:
                assert time.monotonic() < deadline, podman("logs", worker).stderr[-3000:]
                time.sleep(0.5)
        # The web server runs as the image's user, and cannot change its own code.
        assert podman("exec", web, "id", "-u").stdout.strip() == "10001"
        wrote = subprocess.run([*PODMAN, "exec", web, "touch", "/app/manage.py"])
        assert wrote.returncode != 0

        # The generated CI's smoke check passes, with podman in docker's place.
        shim = tmp_path / "bin" / "docker"
        shim.parent.mkdir()
        shim.write_text(DOCKER.format(podman=" ".join(PODMAN), limits=" ".join(LIMITS)))
        shim.chmod(0o755)
        env = {**project_env(), "PATH": f"{shim.parent}:{project_env()['PATH']}"}
        checked = run(["deploy/smoke-check.sh", image], project, env)
        assert "The image answers /health/." in checked.stdout
    finally:
        for started_container in started:
            subprocess.run([*PODMAN, "rm", "-f", "-t", "5", started_container], capture_output=True)
        subprocess.run([*PODMAN, "rmi", "-f", image], capture_output=True)
        drop = f"DROP DATABASE IF EXISTS {name}"
        client = {
            "postgresql": ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", drop],
            "mysql": ["mariadb", "-h", "127.0.0.1", "-u", "root", "-e", drop],
        }
        subprocess.run(client[database], capture_output=True)


def answers(url):
    try:
        return request(url)[0] == 200
    except OSError:
        return False


class Proxy:
    """Requests to the composition's proxy over HTTPS on 127.0.0.1, for the host name the
    service answers to."""

    def __init__(self, port, certificate):
        self.base = f"https://127.0.0.1:{port}"
        self.context = ssl.create_default_context(cafile=certificate)
        self.context.check_hostname = False

    def __call__(self, path, method="GET", body=None, headers=None, timeout=10):
        """(status, headers, body) of one request; an HTTP error is an answer too."""
        headers = {"Host": "localhost", **(headers or {})}
        sent = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(sent, timeout=timeout, context=self.context) as answer:
                return answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()


def slow_clients(port, count):
    """``count`` connections that send half a request and then nothing: half of them the
    headers' start, half the headers and a byte of a body they said was longer."""
    clients = []
    for number in range(count):
        client = socket.create_connection(("127.0.0.1", port), timeout=5)
        if number % 2:
            client.sendall(b"GET /health/ HTTP/1.1\r\nHost: localhost\r\n")
        else:
            client.sendall(
                b"POST /api/auth/token/ HTTP/1.1\r\nHost: localhost\r\n"
                b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
            )
        clients.append(client)
    return clients


def test_the_production_shape_holds_through_the_proxy(tmp_path):
    project, python, uv = baked(tmp_path, "postgresql")
    compose_file = project / "compose.yaml"
    images = {
        service: official(spec["image"])
        for service, spec in yaml.safe_load(compose_file.read_text())["services"].items()
        if service in ("proxy", "redis", "db")
    }
    stand_ins(
        python, uv, {"nginx": images["proxy"], "redis": images["redis"], "postgres": images["db"]}
    )
    # The README's commands up and down; a test certificate for the proxy's HTTPS.
    section = production_section(project)
    assert "docker compose up -d --build" in section
    assert "docker compose down" in section
    tls = project / "deploy" / "tls"
    tls.mkdir()
    run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            "key.pem",
            "-out",
            "cert.pem",
        ],
        tls,
    )

    # The test's own: an image name, and a limit small enough to reach.
    name = f"tr-shape-{secrets.token_hex(3)}"
    image = f"localhost/{name}:latest"
    override = tmp_path / "override.yaml"
    override.write_text(
        yaml.safe_dump(
            {
                "services": {
                    "web": {"image": image, "environment": {"API_RATE_AUTH": "3/minute"}},
                    "worker": {"image": image},
                    "migrate": {"image": image},
                }
            }
        )
    )
    https, http = free_port(), free_port()
    environ = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DOMAIN": "localhost",
        "DATABASE_PASSWORD": secrets.token_urlsafe(16),
        "PUBLISH_ADDRESS": "127.0.0.1",
        "HTTPS_PORT": str(https),
        "HTTP_PORT": str(http),
    }
    composition = Composition(project, [compose_file, override], name, environ)
    proxy = Proxy(https, tls / "cert.pem")
    web_1, web_2 = composition.containers("web")
    try:
        composition.up()
        deadline = time.monotonic() + 60
        while not up(proxy):
            assert time.monotonic() < deadline, composition.logs("proxy")[-3000:]
            time.sleep(0.5)
        for container in composition.started:
            if "-migrate-" not in container:
                composition.healthy(container, seconds=30)

        # A limit of 3 allows 3 in all across both instances, and a client that writes
        # its own X-Forwarded-For is still the same client.
        body = json.dumps({"username": "nobody", "password": "wrong"}).encode()
        json_body = {"Content-Type": "application/json"}
        statuses = [proxy("/api/auth/token/", "POST", body, json_body)[0] for _ in range(3)]
        statuses += [
            proxy("/api/auth/token/", "POST", body, {**json_body, "X-Forwarded-For": spoofed})[0]
            for spoofed in ("203.0.113.7", "198.51.100.1, 203.0.113.8", "10.0.0.9", "::1")
        ]
        assert statuses[3:] == [429] * 4, statuses
        assert 429 not in statuses[:3], statuses
        token_lines = r'"POST /api/auth/token/ \S+" \d+ \d+ \S+ (\S+)'
        served = re.findall(token_lines, composition.logs("proxy"))
        assert len(served) == 7, served
        assert len(set(served)) == 2, f"not spread over both instances: {served}"

        # The proxy's request id, not the client's, names the request in the service's
        # log: here the health check's, while the database is paused.
        (db,) = composition.containers("db")
        podman("pause", db)
        try:
            started = time.monotonic()
            status, headers, _ = proxy("/health/", headers={"X-Request-ID": "mine"}, timeout=40)
            print(f"health check with the database paused: {time.monotonic() - started:.1f} s")
        finally:
            podman("unpause", db)
        assert status == 503
        given = headers["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{32}", given), given
        assert re.search(rf"WARNING \S+ \d+ {given} Health check", composition.logs("web"))
        assert f"id={given}" in composition.logs("proxy")

        # 16 slow clients hold connections to the proxy, not the web server's threads.
        clients = slow_clients(http, 16)
        try:
            for _ in range(5):
                started = time.monotonic()
                assert proxy("/health/", timeout=5)[0] == 200
                assert time.monotonic() - started < 2
        finally:
            for client in clients:
                client.close()

        # One web instance stops while a client writes: every write acknowledged is kept,
        # and the other instance answers the rest.
        seeded = podman(
            "exec",
            web_2,
            "python",
            "manage.py",
            "shell",
            "-v0",
            "-c",
            SEED.format(products=REVIEWS, admin_password=ADMIN_PASSWORD),
        ).stdout.split()
        token, products = seeded[0], seeded[1:]
        headers = {"Authorization": f"Token {token}", **json_body}
        review = json.dumps({"rating": 4, "body": "Kept."}).encode()
        written = {}
        stopping = threading.Thread(target=podman, args=("stop", "-t", "20", web_1))
        for number, product in enumerate(products):
            if number == REVIEWS // 4:
                stopping.start()
            written[product] = proxy(f"/api/products/{product}/reviews/", "POST", review, headers)[
                0
            ]
        stopping.join(timeout=60)
        assert podman("inspect", "-f", "{{.State.Running}}", web_1).stdout.strip() == "false"
        acknowledged = sorted(int(product) for product, status in written.items() if status == 201)
        kept = podman(
            "exec",
            web_2,
            "python",
            "manage.py",
            "shell",
            "-v0",
            "-c",
            "from my_service.reviews.models import Review; "
            "print(*Review.objects.values_list('product_id', flat=True))",
        ).stdout
        assert acknowledged == sorted(int(pk) for pk in kept.split())
        assert [written[product] for product in products[-REVIEWS // 2 :]] == [201] * (REVIEWS // 2)
        assert all(proxy("/health/")[0] == 200 for _ in range(5))
        # No 5xx but the health check's while the database was paused.
        answered = re.findall(r'"(\w+ \S+) \S+" (5\d\d) ', composition.logs("web"))
        assert answered == [("GET /health/", "503")], answered
    finally:
        composition.down()
        subprocess.run([*PODMAN, "rmi", "-f", image], capture_output=True)


def up(proxy):
    try:
        return proxy("/health/", timeout=3)[0] == 200
    except OSError:
        return False
