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
import zlib
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml
from bakery import bake, project_env, run, tool
from containers import LIMITS, PODMAN, Composition, installed, podman, stand_ins
from test_readme import bash_blocks
from test_run import SERVERS
from test_service import SEED, free_port, request, reset_database

pytestmark = [
    pytest.mark.run,
    pytest.mark.skipif(not installed(), reason="podman, runc and mmdebstrap: run .ci/run"),
]

REVIEWS = 24


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
            if line.startswith("uv run --no-dev gunicorn"):
                return line.removeprefix("uv run --no-dev ").split()
    raise AssertionError("the README gives no command for the web server")


@pytest.mark.parametrize("database", ["postgresql", "mysql"])
def test_the_image_runs_the_service(tmp_path, database):
    project, python, uv = baked(tmp_path, database)
    stand_ins(python, uv)
    image = f"localhost/template-image-{database}:{secrets.token_hex(4)}"
    podman("build", "--pull=never", "--format", "docker", *LIMITS, "-t", image, str(project),
           timeout=900)
    name = f"tr_image_{zlib.crc32(tmp_path.name.encode()):x}"
    url = SERVERS[database].format(name=name)
    reset_database(database, url)
    port = free_port()
    settings = {"DATABASE_URL": url, "ALLOWED_HOSTS": "127.0.0.1", "PORT": str(port)}

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
        seeded = run(container("python", "manage.py", "shell", "-v0", "-c",
                               SEED.format(products=1)), "/").stdout.split()

        # The web server (the image's own command) and the worker, whose mail goes to a
        # server that never answers: it logs the send it gave up.
        with socket.create_server(("127.0.0.1", 0)) as silent:
            mail = {"EMAIL_URL": f"smtp://127.0.0.1:{silent.getsockname()[1]}",
                    "EMAIL_TIMEOUT": "1", "MANAGERS": "shop@example.com"}
            web = run(container(env={**settings, **mail}, detach=True), "/").stdout.strip()
            started.append(web)
            worker = run(container("python", "manage.py", "db_worker",
                                   env={**settings, **mail}, detach=True), "/").stdout.strip()
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
    finally:
        for started_container in started:
            subprocess.run([*PODMAN, "rm", "-f", "-t", "5", started_container],
                           capture_output=True)
        subprocess.run([*PODMAN, "rmi", "-f", image], capture_output=True)


def answers(url):
    try:
        return request(url)[0] == 200
    except OSError:
        return False
