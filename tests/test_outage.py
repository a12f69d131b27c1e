"""Layer 3: the database stops answering under a deployed service, then comes back.

For PostgreSQL and MariaDB, a database server of the test's own (its own data folder and
port, never the shared one) serves the example service, deployed as its README says and
under traffic, when every process of the server is stopped (SIGSTOP: the kernel still
accepts connections and acknowledges what is sent, nothing answers), and later continued.
Health probes go every half second, each in parallel with the others and the traffic.
Nothing waits past the bounds the README gives, and the service recovers by itself.
"""

import contextlib
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error

import pytest
from bakery import run
from test_service import free_port, request, serving

pytestmark = pytest.mark.run

# Small bounds, so that the outage is short: REQUEST_TIMEOUT comes to their sum, 5 s.
CONNECT, STATEMENT = 2, 3
REQUEST_TIMEOUT = CONNECT + STATEMENT
# The README's bounds, and a second for the rest of the answer: a request's
# (REQUEST_TIMEOUT, reconnecting included), a probe's (DATABASE_CONNECT_TIMEOUT).
BOUND = REQUEST_TIMEOUT + 1
PROBE_BOUND = CONNECT + 1
DOWN = 15  # seconds the server stays stopped
PROBE_EVERY = 0.5


def postgresql_server(folder, port):
    """A PostgreSQL cluster of its own: (its URL, the ids of its processes, stop it)."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    assert binaries, "no PostgreSQL server installed (Debian's postgresql package)"
    # PostgreSQL refuses to run as root: as root, its files belong to its own user.
    owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if owner:
        shutil.chown(folder, "postgres")
    data = os.path.join(folder, "data")
    run([*owner, f"{binaries[-1]}/initdb", "-D", data, "-U", "postgres", "--auth=trust"], "/")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
    ctl = [*owner, f"{binaries[-1]}/pg_ctl", "-D", data]
    run([*ctl, "-o", options, "-l", os.path.join(folder, "log"), "-w", "start"], "/")

    def processes():
        # The postmaster first, and its children once it has been signalled: a stopped
        # postmaster starts no more of them.
        with open(os.path.join(data, "postmaster.pid")) as pid_file:
            postmaster = pid_file.readline().strip()
        yield int(postmaster)
        children = subprocess.run(["pgrep", "-P", postmaster], capture_output=True, text=True)
        yield from map(int, children.stdout.split())

    def stop():
        subprocess.run([*ctl, "-m", "immediate", "stop"], capture_output=True, check=False)

    return f"postgres://postgres@127.0.0.1:{port}/outage", processes, stop


def mysql_server(folder, port):
    """A MariaDB server of its own: (its URL, the ids of its processes, stop it)."""
    data = os.path.join(folder, "data")
    run(["mariadb-install-db", "--no-defaults", f"--datadir={data}", "--user=root"], "/")
    server = subprocess.Popen(
        [
            "mariadbd",
            "--no-defaults",
            f"--datadir={data}",
            f"--port={port}",
            f"--socket={folder}/socket",
            "--bind-address=127.0.0.1",
            "--user=root",
            "--skip-grant-tables",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ping = ["mariadb-admin", "--no-defaults", "-h", "127.0.0.1", "-P", str(port), "ping"]
    deadline = time.monotonic() + 60
    while subprocess.run(ping, capture_output=True, check=False).returncode != 0:
        assert server.poll() is None, "MariaDB exited"
        assert time.monotonic() < deadline, "MariaDB did not start"
        time.sleep(0.3)

    def stop():
        server.kill()
        server.wait(timeout=30)

    return f"mysql://root@127.0.0.1:{port}/outage", lambda: [server.pid], stop


@pytest.fixture(params=["postgresql", "mysql"])
def own_server(request):
    """(database, URL, the ids of the server's processes) of a server of the test's own."""
    folder = tempfile.mkdtemp(prefix="outage-")
    start = postgresql_server if request.param == "postgresql" else mysql_server
    url, processes, stop = start(folder, free_port())
    try:
        yield request.param, url, processes
    finally:
        signal_all(processes, signal.SIGCONT)
        stop()
        shutil.rmtree(folder, ignore_errors=True)


def signal_all(processes, number):
    for pid in processes():
        # A server process that ended meanwhile (each request's connection has its own
        # PostgreSQL backend) needs no signal.
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, number)


class Traffic:
    """Clients in threads, each sending one kind of request over and over until stopped,
    or one every so often without waiting for the last; every request's (kind, when it
    started, how long it took, status, what it wrote)."""

    def __init__(self):
        self.done = threading.Event()
        self.seen = []
        self.threads = []

    def start(self, kind, send):
        def client():
            number = 0
            while not self.done.is_set():
                number += 1
                self.send(kind, send, number)
                time.sleep(0.2)

        self.in_a_thread(client)

    def every(self, seconds, kind, send):
        def sender():
            while not self.done.wait(seconds):
                self.in_a_thread(lambda: self.send(kind, send, None))

        self.in_a_thread(sender)

    def send(self, kind, send, number):
        started = time.monotonic()
        try:
            status, wrote = send(number)
        except (urllib.error.URLError, OSError) as error:  # no answer at all
            status, wrote = f"no answer: {error}", None
        self.seen.append((kind, started, time.monotonic() - started, status, wrote))

    def in_a_thread(self, work):
        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        self.threads.append(thread)

    def stop(self):
        self.done.set()
        for thread in list(self.threads):  # the last probes start meanwhile
            thread.join(timeout=60)
        for thread in list(self.threads):
            thread.join(timeout=60)


def test_a_stopped_database_holds_nothing_past_its_bounds(own_server, tmp_path):
    database, url, processes = own_server
    limits = {"API_RATE_ANONYMOUS": "100000/minute", "API_RATE_USER": "100000/minute"}
    timeouts = {
        "DATABASE_CONNECT_TIMEOUT": str(CONNECT),
        "DATABASE_STATEMENT_TIMEOUT": str(STATEMENT),
    }
    with serving(tmp_path, database, url, **limits, **timeouts) as service:
        base, token, products, log, _, _, _ = service
        headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        traffic = Traffic()
        for writer, product in enumerate(products[:2]):

            def write(number, product=product, writer=writer):
                body = f"write {writer}.{number}"
                sent = json.dumps({"rating": 3, "body": body}).encode()
                path = f"{base}/api/products/{product}/reviews/"
                return request(path, "POST", sent, headers)[0], (product, body)

            traffic.start("write", write)
        reviews = f"{base}/api/products/{products[2]}/reviews/"
        for _ in range(4):
            traffic.start("read", lambda _: (request(reviews)[0], None))
        traffic.every(PROBE_EVERY, "health", lambda _: (request(f"{base}/health/")[0], None))

        time.sleep(3)  # every worker thread keeps its connection
        stopped = time.monotonic()
        signal_all(processes, signal.SIGSTOP)
        time.sleep(DOWN)
        continued = time.monotonic()
        signal_all(processes, signal.SIGCONT)
        deadline = continued + 30
        while not any(
            kind == "health" and started > continued and status == 200
            for kind, started, _, status, _ in list(traffic.seen)
        ):
            assert time.monotonic() < deadline, "the service did not recover"
            time.sleep(0.2)
        time.sleep(2)
        traffic.stop()

        seen = traffic.seen
        # Sent once the server was stopped, answered before it continued.
        during = [entry for entry in seen if stopped + 1 < entry[1] and sum(entry[1:3]) < continued]
        # Nothing waited past its bound, every probe within its own, and while the server
        # was stopped nothing succeeded but what asked nothing of it; the probes said so,
        # every one with 503 (none a late 200).
        slowest = max(seen, key=lambda entry: entry[2])
        assert slowest[2] < BOUND, slowest
        probes = [entry for entry in seen if entry[0] == "health"]
        late = [entry for entry in probes if entry[2] >= PROBE_BOUND]
        assert not late, f"{len(late)} of {len(probes)} probes answered late: {late[:5]}"
        assert during, "no request was sent while the server was stopped"
        answered = [status for kind, _, _, status, _ in during if kind == "health"]
        assert len(answered) >= (DOWN - 1 - PROBE_BOUND) / PROBE_EVERY, answered
        assert set(answered) == {503}, answered
        ok_while_stopped = [
            entry
            for entry in probes
            if entry[3] == 200 and stopped + 0.5 < entry[1] + entry[2] < continued
        ]
        assert not ok_while_stopped, ok_while_stopped
        # Recovered by itself within seconds of the server's return.
        recovered = min(
            started + lasted
            for kind, started, lasted, status, _ in seen
            if kind == "health" and started > continued and status == 200
        )
        assert recovered - continued < BOUND
        after = [entry for entry in seen if entry[1] > recovered]
        assert after, "nothing was sent after the service recovered"
        assert all(entry[3] in (200, 201) for entry in after), after[:5]

        # No acknowledged write lost: each product's review is the last write answered
        # 200 or 201, or one sent after it whose answer never came.
        for product in products[:2]:
            sent = [entry for entry in seen if entry[4] and entry[4][0] == product]
            answered = [i for i, entry in enumerate(sent) if entry[3] in (200, 201)]
            possible = {entry[4][1] for entry in sent[answered[-1] :]}
            listed = json.loads(request(f"{base}/api/products/{product}/reviews/")[2])
            assert listed["count"] == 1
            assert listed["results"][0]["body"] in possible

        # An outage's log: a line per failed request, a traceback only the first time each
        # process meets a failure.
        written = log.read_text()
        failed = sum(1 for entry in seen if entry[3] not in (200, 201))
        assert failed > 10
        # Two processes, each meeting a few kinds of failure (a cut, a connect that times
        # out, one refused near the deadline …).
        kinds = re.findall(r"^\S+(?:Error|Exception): .*$", written, re.M)
        assert written.count("Traceback") <= 12, kinds
