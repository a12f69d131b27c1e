"""Containers for the tests, with podman on a machine that has no image registry.

Each official image a generated project names (its Dockerfile's Python and uv, its
compose file's proxy, cache and database) is replaced by a stand-in made from Debian's
packages and tagged with the official name, so the project's own files build and run
unchanged (`--pull=never`). Stand-ins are built once per machine, when missing.
"""

import fcntl
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import yaml
from bakery import run, tool

# The machine's rules: runc, and explicit limits within the machine's own (podman's
# defaults are refused here).
PODMAN = ["podman", "--runtime", "runc"]
FILES = min(resource.getrlimit(resource.RLIMIT_NOFILE)[1], 8192)
LIMITS = ["--ulimit", f"nofile={FILES}:{FILES}", "--ulimit", "nproc=4096:4096"]
SUITE = "trixie"
# The packages of each stand-in's Debian root, and what it adds over it.
ROOTS = {
    # The official image has Python's headers, which a package compiled at install needs.
    "python": ["python3.13", "libpython3.13-dev", "ca-certificates"],
    "services": ["nginx", "redis-server", "postgresql-17", "ca-certificates"],
}
# A PostgreSQL server that reads the official image's variables (POSTGRES_PASSWORD,
# POSTGRES_USER, POSTGRES_DB) on its first start, as its entrypoint does.
POSTGRES_ENTRYPOINT = r"""#!/bin/sh
set -e
export PGDATA=/var/lib/postgresql/data
user=${POSTGRES_USER:-postgres}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    install -d -o postgres -m 700 "$PGDATA"
    printf '%s' "$POSTGRES_PASSWORD" > /tmp/password
    su postgres -c "initdb -U $user --pwfile=/tmp/password --auth-local=trust \
        --auth-host=scram-sha-256 -D $PGDATA" >/dev/null
    rm /tmp/password
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    su postgres -c "postgres -D $PGDATA -c listen_addresses=''" &
    until su postgres -c "pg_isready -q -h /var/run/postgresql"; do sleep 0.2; done
    su postgres -c "createdb -h /var/run/postgresql -U $user ${POSTGRES_DB:-$user}"
    su postgres -c "pg_ctl -D $PGDATA stop -m fast" >/dev/null
fi
exec su postgres -c "postgres -D $PGDATA -c listen_addresses='*'"
"""
POSTGRES_SETUP = """RUN install -d -o postgres /var/run/postgresql
ENV PATH=/usr/lib/postgresql/17/bin:$PATH"""


def podman(*args, **kwargs):
    return run([*PODMAN, *args], cwd=kwargs.pop("cwd", "/"), **kwargs)


def made_from(image):
    """What a stand-in was made from (its label), or None when it is missing."""
    found = subprocess.run(
        [*PODMAN, "image", "inspect", "--format", '{{index .Labels "made-from"}}', image],
        capture_output=True,
        text=True,
    )
    return found.stdout.strip() if found.returncode == 0 else None


def fingerprint(text, files=()):
    digest = hashlib.sha256(text.encode())
    for name, content in files:
        digest.update(name.encode() + content)
    return digest.hexdigest()[:12]


def ca_bundle():
    """The machine's CA bundle: a build that installs from the package index needs it."""
    return Path(os.environ.get("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt"))


def root(name, work):
    """A Debian root as a local image (``localhost/standin-<name>-root``), once."""
    image = f"localhost/standin-{name}-root:{fingerprint(' '.join([SUITE, *ROOTS[name]]))}"
    if made_from(image) is None:
        tarball = work / f"{name}.tar"
        run(
            [
                "mmdebstrap",
                "--quiet",
                "--variant=minbase",
                f"--include={','.join(ROOTS[name])}",
                SUITE,
                str(tarball),
            ],
            cwd=work,
        )
        podman("import", str(tarball), image)
        tarball.unlink()
    return image


def build(tag, containerfile, work, files=()):
    """A stand-in tagged ``tag``, unless one made from the same files is here."""
    fingerprinted = fingerprint(containerfile, files)
    if made_from(tag) == fingerprinted:
        return
    context = work / re.sub(r"\W+", "-", tag)
    context.mkdir()
    for name, content in files:
        (context / name).write_bytes(content)
        (context / name).chmod(0o755)
    (context / "Containerfile").write_text(f"{containerfile}LABEL made-from={fingerprinted}\n")
    podman("build", "--pull=never", "--format", "docker", *LIMITS, "-t", tag, str(context))


def stand_ins(python, uv, services=()):
    """Make the stand-ins that are missing for these official names: ``python``
    (python:3.13-slim), ``uv`` (ghcr.io/astral-sh/uv:…), and ``services``, a dict
    {role: official name} of "nginx", "redis" and "postgres"."""
    assert installed(), "the image tests need podman, runc and mmdebstrap: .ci/run installs them"
    lock = Path(tempfile.gettempdir()) / "template-stand-ins.lock"
    with lock.open("w") as held, tempfile.TemporaryDirectory() as folder:
        fcntl.flock(held, fcntl.LOCK_EX)
        work = Path(folder)
        # pip and uv inside builds find the package index's certificate through it.
        build(
            python,
            f"FROM {root('python', work)}\nCOPY ca.pem /etc/ssl/certs/build-ca.pem\n"
            "ENV SSL_CERT_FILE=/etc/ssl/certs/build-ca.pem\n",
            work,
            [("ca.pem", ca_bundle().read_bytes())],
        )
        # uv's image is the binary alone, in an empty image.
        build(uv, "FROM scratch\nCOPY uv /uv\n", work, [("uv", Path(tool("uv")).read_bytes())])
        commands = {
            "nginx": 'CMD ["nginx", "-g", "daemon off;"]\n',
            "redis": 'CMD ["redis-server"]\n',
            "postgres": f"{POSTGRES_SETUP}\nCOPY entrypoint /entrypoint\n"
            'ENTRYPOINT ["/entrypoint"]\n',
        }
        for role, name in dict(services).items():
            files = [("entrypoint", POSTGRES_ENTRYPOINT.encode())] if role == "postgres" else []
            build(name, f"FROM {root('services', work)}\n{commands[role]}", work, files)


def installed():
    """Whether this machine can run the container tests (`.ci/run` installs them)."""
    return all(shutil.which(name) for name in ("podman", "runc", "mmdebstrap"))


def interpolate(text, environ):
    """Compose's ``${NAME}``, ``${NAME:-default}`` and ``${NAME:?message}`` in ``text``."""

    def value(match):
        name, kind, rest = match.groups()
        given = environ.get(name, "")
        if kind == "?" and not given:
            raise AssertionError(f"compose needs {name}: {rest}")
        return given or (rest if kind == "-" else "")

    return re.sub(r"\$\{(\w+)(?::([-?])([^}]*))?\}", value, text)


class Composition:
    """A compose file's services run with plain podman commands, in the order and on the
    conditions its ``depends_on`` gives (podman 4.3, Debian's, ignores ``service_healthy``
    under podman-compose, and cannot start a chain of dependent containers it made).
    Each service is reachable by its name on a network of the composition's own."""

    def __init__(self, project, files, name, environ):
        self.project, self.name = project, name
        spec = {}
        for path in files:
            loaded = yaml.safe_load(interpolate(Path(path).read_text(), environ))
            for service, given in loaded.get("services", {}).items():
                merged = spec.setdefault(service, {})
                for key, value in given.items():
                    if isinstance(value, dict) and isinstance(merged.get(key), dict):
                        merged[key] = {**merged[key], **value}
                    else:
                        merged[key] = value
        self.services = spec
        self.started = []

    def containers(self, service):
        replicas = self.services[service].get("deploy", {}).get("replicas", 1)
        return [f"{self.name}-{service}-{number}" for number in range(1, replicas + 1)]

    def order(self):
        done = []
        while len(done) < len(self.services):
            for service, spec in self.services.items():
                if service not in done and all(d in done for d in spec.get("depends_on", {})):
                    done.append(service)
        return done

    def build(self):
        for spec in self.services.values():
            if "build" in spec:
                context = self.project / spec["build"]
                podman(
                    "build",
                    "--pull=never",
                    "--format",
                    "docker",
                    *LIMITS,
                    "-t",
                    spec["image"],
                    str(context),
                    timeout=900,
                )

    def run_command(self, service, container):
        spec = self.services[service]
        command = ["run", "-d", "--name", container, *LIMITS, "--network", self.name]
        command += ["--network-alias", service, "--restart", spec.get("restart", "no")]
        for key, value in spec.get("environment", {}).items():
            command += ["-e", f"{key}={value}"]
        for port in spec.get("ports", []):
            command += ["-p", port]
        for volume in spec.get("volumes", []):
            source, target = volume.split(":", 1)
            if source.startswith("."):
                source = str((self.project / source).resolve())
            else:
                source = f"{self.name}-{source}"
            command += ["-v", f"{source}:{target}"]
        health = spec.get("healthcheck", {})
        if health.get("disable"):
            command.append("--no-healthcheck")
        elif "test" in health:
            command += ["--health-cmd", json.dumps(health["test"][1:])]
        return [*command, spec["image"], *spec.get("command", [])]

    def wait(self, service, condition):
        for container in self.containers(service):
            if condition == "service_healthy":
                self.healthy(container)
            elif condition == "service_completed_successfully":
                code = podman("wait", container, timeout=300).stdout.strip()
                assert code == "0", podman("logs", container).stderr[-3000:]

    def healthy(self, container, seconds=60):
        deadline = time.monotonic() + seconds
        while subprocess.run(
            [*PODMAN, "healthcheck", "run", container], capture_output=True
        ).returncode:
            assert time.monotonic() < deadline, f"{container} is not healthy"
            time.sleep(0.5)

    def up(self):
        """`docker compose up -d --build`."""
        self.build()
        podman("network", "create", self.name)
        for service in self.order():
            for dependency, how in self.services[service].get("depends_on", {}).items():
                self.wait(dependency, how["condition"])
            for container in self.containers(service):
                podman(*self.run_command(service, container))
                self.started.append(container)

    def logs(self, service):
        return "".join(
            podman("logs", container).stdout + podman("logs", container).stderr
            for container in self.containers(service)
        )

    def down(self):
        """`docker compose down`, and the volumes with it."""
        for container in reversed(self.started):
            subprocess.run([*PODMAN, "rm", "-f", "-t", "5", container], capture_output=True)
        subprocess.run([*PODMAN, "network", "rm", "-f", self.name], capture_output=True)
        volumes = subprocess.run([*PODMAN, "volume", "ls", "-q"], capture_output=True, text=True)
        for volume in volumes.stdout.split():
            if volume.startswith(f"{self.name}-"):
                subprocess.run([*PODMAN, "volume", "rm", "-f", volume], capture_output=True)
