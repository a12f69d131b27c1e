"""Layer 3: generated projects run their own suites, in their own environments.

Each cell bakes a project, installs it with uv for one Python and one Django, points it
at a real database server, and runs `pytest` exactly as the project's CI would. uv's
cache is shared, so environments after the first are linked from it, not downloaded.
"""

import json
import re
import socket
import subprocess
import tomllib
from dataclasses import dataclass, field

import pytest
from bakery import PRE_GEN, bake, project_env, python_path, run, tool

pytestmark = pytest.mark.run

SERVERS = {
    "sqlite": None,
    "postgresql": "postgres://postgres@127.0.0.1:5432/{name}",
    "mysql": "mysql://root@127.0.0.1:3306/{name}",
}


@dataclass(frozen=True)
class Cell:
    database: str
    python: str
    django: str
    answers: dict = field(default_factory=dict)
    pytest_args: tuple = ()
    # uv's --resolution: "lowest-direct" installs every dependency's floor in
    # pyproject.toml, "highest" the newest releases; either way Django is what it resolves
    # to, not the cell's. Empty: uv's default, then the cell's Django over it, as CI does.
    resolution: str = ""

    @property
    def id(self):
        extra = "-".join(f"{k}={v}" for k, v in self.answers.items())
        workers = "-n2" if "-n" in self.pytest_args else ""
        parts = [self.database, f"py{self.python}", f"dj{self.django}", extra, workers]
        parts.append(self.resolution)
        return "-".join(part for part in parts if part)

    @property
    def database_name(self):
        """Unique per cell, so cells can run side by side on one server."""
        return "tr_" + re.sub(r"\W+", "_", self.id).lower()


# With the CI parity layer's cells (test_ci_parity.py: DRF on SQLite, the example app on
# PostgreSQL and DRF on MariaDB, each run by the generated CI's own steps, in parallel
# parts), every database meets each of DRF, no DRF and the example app, and every Django a
# server.
CELLS = [
    Cell("sqlite", "3.13", "5.2", {"use_drf": "n"}),
    Cell("sqlite", "3.12", "6.0", {"example_app": "y"}),
    Cell("sqlite", "3.13", "6.1", {"ci": "gitlab", "use_drf": "n"}),
    Cell("postgresql", "3.12", "5.2"),
    Cell("postgresql", "3.13", "6.0", {"use_drf": "n"}),
    Cell("mysql", "3.13", "6.1", {"example_app": "y", "browser_tests": "y"}, ("-v",)),
    Cell("mysql", "3.12", "5.2", {"use_drf": "n"}, ("-n", "2")),
    # Every direct dependency at its floor in pyproject.toml, on the oldest Python; and the
    # newest releases every range allows, resolved afresh.
    Cell("postgresql", "3.12", "5.2", {"example_app": "y"}, resolution="lowest-direct"),
    Cell("postgresql", "3.13", "6.1", {"example_app": "y"}, resolution="highest"),
]


# Debian's Chromium: Playwright's own download cannot reach this machine's network.
SYSTEM_CHROMIUM = "/usr/bin/chromium"
JOURNEYS = [
    "test_a_product_added_in_the_admin_is_reviewed_in_the_browsable_api",
    "test_a_wrong_password_keeps_the_door_shut",
    "test_an_administrator_adds_a_user_finds_them_and_signs_out",
    "test_the_api_docs_page_shows_every_operation_from_the_service_alone",
]


def journeys_passed(output):
    """The browser journeys that passed, from `pytest -v` output."""
    return sorted(re.findall(r"test_e2e_browser\.py::(\w+)\[chromium\] PASSED", output))


def summary(output):
    """The counts from pytest's closing line: {'passed': 27, 'failed': 0, …}."""
    closing = output.strip().splitlines()[-1]
    return {word: int(count) for count, word in re.findall(r"(\d+) (\w+)", closing)}


def warnings_summary(output):
    """The section in which pytest lists the warnings a run raised ('' when none)."""
    found = re.search(r"^=+ warnings summary =+$(.*?)^-- Docs", output, re.M | re.S)
    return found.group(1).strip() if found else ""


def installed_modules(project):
    """The top-level module names (lowercased) that the project's environment installs."""
    names = set()
    for record in project.glob(".venv/lib/python*/site-packages/*.dist-info/RECORD"):
        for line in record.read_text().splitlines():
            first = line.split(",", 1)[0].split("/", 1)[0]
            if first.startswith(("_", "..")) or first.endswith((".dist-info", ".data", ".pth")):
                continue
            names.add(first.removesuffix(".py").split(".")[0].lower())
    # Only a name that is an identifier could ever be a slug.
    return {name for name in names if name.isidentifier()}


def floors(project):
    """``{name: version}``: the floor (``>=``) of every dependency in pyproject.toml, the
    dev group's included, extras and markers aside."""
    declared = tomllib.loads((project / "pyproject.toml").read_text())
    requirements = declared["project"]["dependencies"] + declared["dependency-groups"]["dev"]
    found = (re.fullmatch(r"([\w.-]+)(?:\[[^]]*\])?>=([\w.]+).*", r) for r in requirements)
    return {canonical(match[1]): match[2] for match in found if match}


def installed_floors(project, env):
    """``{name: version}`` installed in the project's environment, for the names that
    ``floors`` gives."""
    listed = run(
        [tool("uv"), "pip", "list", "--python", ".venv/bin/python", "--format", "json"],
        cwd=project,
        env=env,
    ).stdout
    installed = {canonical(entry["name"]): entry["version"] for entry in json.loads(listed)}
    return {name: installed.get(name) for name in floors(project)}


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def release(version):
    """A version's numbers without trailing zeros: 3.2 and 3.2.0 are one release."""
    numbers = [int(part) for part in version.split(".")]
    while numbers and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def install(project, cell):
    """As the project's CI does: `uv sync`, then the cell's Django into the same .venv; or,
    for a cell with a resolution, `uv sync` with it, which writes uv.lock (`uv run
    --no-sync` then keeps what it installed)."""
    env = project_env()
    uv = tool("uv")
    sync = [uv, "sync", "--python", python_path(cell.python)]
    if cell.resolution:
        run([*sync, "--resolution", cell.resolution], cwd=project, env=env)
        if cell.resolution == "lowest-direct":
            # Each floor is what was installed: one that cannot be is not a floor.
            declared = {name: release(version) for name, version in floors(project).items()}
            installed = installed_floors(project, env)
            assert {name: version and release(version) for name, version in installed.items()} == (
                declared
            )
    else:
        run(sync, cwd=project, env=env)
        run(
            [uv, "pip", "install", "--python", ".venv/bin/python", f"django~={cell.django}.0"],
            cwd=project,
            env=env,
        )
    version = run(
        [
            uv,
            "run",
            "--no-sync",
            "python",
            "-c",
            "import django, sys; print(django.get_version(), sys.version)",
        ],
        cwd=project,
        env=env,
    ).stdout
    assert version.startswith(f"{cell.django}."), version
    assert f" {cell.python}." in f" {version.split(' ', 1)[1]}", version
    return env


@pytest.mark.parametrize("cell", CELLS, ids=[cell.id for cell in CELLS])
def test_the_generated_suite_passes(tmp_path, cell):
    project = bake(tmp_path, database=cell.database, python_version=cell.python, **cell.answers)
    env = install(project, cell)
    server = SERVERS[cell.database]
    if server:
        env["DATABASE_URL"] = server.format(name=cell.database_name)
    if cell.answers.get("browser_tests") == "y":
        env["BROWSER_EXECUTABLE"] = SYSTEM_CHROMIUM

    result = run(
        [
            tool("uv"),
            "run",
            "--no-sync",
            "pytest",
            "-rs",
            "--cov",
            "--create-db",
            *cell.pytest_args,
        ],
        cwd=project,
        env=env,
    )

    counts = summary(result.stdout)
    assert counts.get("failed", 0) == 0
    assert counts.get("error", 0) == counts.get("errors", 0) == 0
    # A new project's first run raises no warning: one from a dependency the template
    # chose (a deprecation in a new release, say) is the template's to fix.
    assert counts.get("warning", 0) == counts.get("warnings", 0) == 0, warnings_summary(
        result.stdout
    )
    # Only tests that need a database server skip, on SQLite alone, and they say so.
    reasons = re.findall(r"^SKIPPED \[\d+\] [^:]+:\d+: (.*)$", result.stdout, re.M)
    assert sum(int(n) for n in re.findall(r"^SKIPPED \[(\d+)\]", result.stdout, re.M)) == (
        counts.get("skipped", 0)
    )
    if server:
        assert reasons == []
    else:
        assert all(reason.startswith("SQLite ") for reason in reasons), reasons
    assert counts["passed"] >= 20
    assert "Required test coverage of" in result.stdout
    if cell.answers.get("browser_tests") == "y":
        # The journeys among the rest, as the README runs them, the coverage gate applied.
        assert journeys_passed(result.stdout) == JOURNEYS
    assert_after_a_whole_run(project, env, cell.database, cell.answers)
    assert_the_async_tests_left_nothing(project, env, cell)


# The async tests every project has (the kit's: an async view with database writes, tested
# in both styles) and the example feature's async endpoint.
ASYNC_TESTS = ["my_service/testing/tests/test_async.py"]
EXAMPLE_ASYNC_TESTS = ["my_service/reviews/tests/test_summary.py"]


def assert_the_async_tests_left_nothing(project, env, cell):
    """After the whole suite, the async tests again, on the database it kept: they pass
    with no warning, and the project's check found no row left in it by any test. (On
    SQLite the test database is in memory: nothing is kept to look at.)"""
    if not SERVERS[cell.database]:
        return
    tests = ASYNC_TESTS + (EXAMPLE_ASYNC_TESTS if cell.answers.get("example_app") == "y" else [])
    again = [tool("uv"), "run", "--no-sync", "pytest", "--reuse-db", *cell.pytest_args, *tests]
    result = run(again, cwd=project, env=env)

    counts = summary(result.stdout)
    assert counts["passed"] >= 12, result.stdout[-3000:]
    assert set(counts) == {"passed"}, result.stdout[-3000:]
    assert "--create-db" not in result.stdout


def assert_after_a_whole_run(project, env, database, answers):
    """What holds after the whole suite ran in a project's environment (``env``, with its
    DATABASE_URL): no installed module a slug could shadow, the example feature covered to
    the last branch, and the engine the suite was pointed at is the one it used."""
    assert installed_modules(project) <= PRE_GEN.TAKEN_NAMES, "a slug could shadow these"
    uv_run = [tool("uv"), "run", "--no-sync"]
    if answers.get("example_app") == "y":
        apps = "my_service/orders/*,my_service/reviews/*"
        report = [*uv_run, "coverage", "report", f"--include={apps}", "--fail-under=100"]
        run(report, cwd=project, env=env)
    if SERVERS[database]:
        vendor = run(
            [
                *uv_run,
                "python",
                "-c",
                "import django; django.setup(); from django.db import connection; "
                "print(connection.vendor)",
            ],
            cwd=project,
            env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        ).stdout.strip()
        assert vendor == database
        assert_health_is_503_in_time_on_a_silent_server(project, env, database)


# A probe of /health/ in a process of its own, timed.
PROBE = """
import json, time, django
from django.test import Client
django.setup()
started = time.monotonic()
response = Client().get("/health/")
print(json.dumps({"status": response.status_code, "seconds": time.monotonic() - started}))
"""


def assert_health_is_503_in_time_on_a_silent_server(project, env, database):
    """/health/ answers 503 within the connect timeout when the database server accepts
    the connection and never says a word."""
    scheme = SERVERS[database].split(":", 1)[0]
    with socket.create_server(("127.0.0.1", 0), backlog=16) as listener:
        url = f"{scheme}://user@127.0.0.1:{listener.getsockname()[1]}/service"
        result = run(
            [tool("uv"), "run", "--no-sync", "python", "-c", PROBE],
            cwd=project,
            env={
                **env,
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "DATABASE_URL": url,
                "DATABASE_CONNECT_TIMEOUT": "2",
            },
            timeout=60,
        )
    answer = json.loads(result.stdout)
    assert answer["status"] == 503
    assert answer["seconds"] < 10


@pytest.mark.parametrize("seed", [1, 2])
def test_the_default_suite_passes_in_parallel_in_any_order(tmp_path, seed):
    project = bake(tmp_path)
    env = install(project, Cell("sqlite", "3.12", "6.1"))

    result = run(
        [
            tool("uv"),
            "run",
            "--no-sync",
            "pytest",
            "-n",
            "2",
            "-p",
            "randomly",
            f"--randomly-seed={seed}",
        ],
        cwd=project,
        env=env,
    )

    assert f"randomly-seed={seed}" in result.stdout
    assert summary(result.stdout).get("failed", 0) == 0


def test_a_failed_run_says_how_to_replay_it_though_its_header_is_cut(tmp_path):
    long_run = "echo 'Using --randomly-seed=4242'; seq 1 5000; exit 1"

    with pytest.raises(AssertionError) as failed:
        run(long_run, cwd=tmp_path)

    said, shown = str(failed.value).split("--- stdout ---")
    assert "replay with: uv run pytest -p randomly --randomly-seed=4242" in said
    assert "Using --randomly-seed" not in shown  # the header itself was cut


def test_a_partial_run_or_a_broken_set_up_reads_as_one_line(tmp_path):
    """The generated suite's own messages: partial runs pass, broken set-ups stop short."""
    project = bake(tmp_path, database="postgresql")
    env = install(project, Cell("postgresql", "3.12", "6.1"))
    pytest_command = [tool("uv"), "run", "--no-sync", "pytest"]

    def pytest_in_project(*args, **extra):
        return subprocess.run(
            [*pytest_command, *args],
            cwd=project,
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    # A part of the suite passes, untraced: no coverage data, no table, no gate.
    env["DATABASE_URL"] = SERVERS["postgresql"].format(name="tr_partial_runs")
    for part in (
        ["-m", "unit"],
        ["my_service/users"],
        ["-k", "health"],
        ["-m", "unit", "-n", "2"],
        ["--co", "-q"],
    ):
        (project / ".coverage").unlink(missing_ok=True)
        result = pytest_in_project(*part)
        assert result.returncode == 0, result.stdout[-3000:]
        assert "TOTAL" not in result.stdout
        assert "Required test coverage" not in result.stdout
        assert not (project / ".coverage").exists()

    # The unit layer needs no server: pointed at one that is not there, it passes.
    result = pytest_in_project("-m", "unit", DATABASE_URL="postgres://nobody@127.0.0.1:1/not_there")
    assert result.returncode == 0, result.stdout[-3000:]
    assert summary(result.stdout)["passed"] >= 10
    assert summary(result.stdout)["deselected"] >= 10

    # Asked with --cov, a part is measured and the gate applies; `--cov-fail-under=0` for
    # its figure alone.
    result = pytest_in_project("my_service/users", "--cov")
    assert result.returncode != 0
    assert re.search(r"Required test coverage of 80(\.0)?% not reached", result.stdout)
    result = pytest_in_project("my_service/users", "--cov", "--cov-fail-under=0")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "TOTAL" in result.stdout

    # An unreachable server: one error, the URL without its password, and a stop.
    unreachable = "postgres://nobody:s3cret@127.0.0.1:1/not_there"
    result = pytest_in_project(DATABASE_URL=unreachable)
    assert result.returncode != 0
    assert "The test database cannot be made on postgresql at 127.0.0.1:1 (" in result.stdout
    assert "s3cret" not in result.stdout
    assert summary(result.stdout).get("error", 0) + summary(result.stdout).get("errors", 0) == 1
    assert len(result.stdout.splitlines()) < 40

    # An async test that writes from another thread, outside its transaction: it fails with
    # the fix, the row it committed is found after the last test, and a later run on the
    # kept database stops at once with one line, until --create-db.
    leaky = project / "my_service" / "users" / "tests" / "test_leaky.py"
    leaky.write_text(LEAKY_ASYNC_TEST)
    result = pytest_in_project(str(leaky))
    assert result.returncode != 0
    assert (
        "test_writes_elsewhere used the database from another thread (asyncio_0), outside its "
        "transaction: mark it @pytest.mark.django_db(transaction=True)"
    ) in result.stdout
    left = "The kept test database holds rows no test should have left (users_user: 1)"
    assert left in result.stdout
    leaky.unlink()
    result = pytest_in_project("my_service/users")
    assert result.returncode != 0
    assert f"{left}: run once with --create-db." in result.stdout
    assert summary(result.stdout) == {"error": 1}
    result = pytest_in_project("my_service/users", "--create-db")
    assert result.returncode == 0, result.stdout[-3000:]

    # A model changed without a migration: one line naming makemigrations, before any test.
    models = project / "my_service" / "users" / "models.py"
    models.write_text(
        models.read_text()
        + "\n\nfrom django.db import models  # noqa: E402\n\n\n"
        + "class Nickname(models.Model):\n    name = models.CharField(max_length=30)\n"
    )
    result = pytest_in_project()
    assert result.returncode != 0
    assert "Models changed without a migration (users: Create model Nickname)" in result.stdout
    assert "makemigrations" in result.stdout
    assert len(result.stdout.splitlines()) < 5


LEAKY_ASYNC_TEST = """import pytest
from asgiref.sync import sync_to_async

from my_service.users.factories import UserFactory


@pytest.mark.django_db
async def test_writes_elsewhere():
    await sync_to_async(UserFactory, thread_sensitive=False)()
"""

# Two faults added to the user API of a baked project: a bug that answers a body with a
# last name with a 500, and a token check that lets any Authorization header in.
SERVER_ERROR = """

def _broken(self, value):
    raise RuntimeError("a bug")


CurrentUserSerializer.validate_last_name = _broken
"""
ANY_TOKEN = """

from rest_framework.authentication import TokenAuthentication  # noqa: E402

_checked = TokenAuthentication.authenticate


def _any_token(self, request):
    try:
        found = _checked(self, request)
    except Exception:
        found = None
    if found is None and request.META.get("HTTP_AUTHORIZATION"):
        return User.objects.order_by("pk").last(), None
    return found


TokenAuthentication.authenticate = _any_token
"""


def test_the_contract_tests_name_a_server_error_and_a_token_not_checked(tmp_path):
    """The generated API contract tests fail on each fault, and say which. (A wrong token
    is tried once per operation in a run, after the first valid request it accepts, as
    schemathesis' own runner does.)"""
    project = bake(tmp_path)
    env = install(project, Cell("sqlite", "3.12", "6.1"))
    api = project / "my_service" / "users" / "api.py"
    correct = api.read_text()
    contract = [tool("uv"), "run", "--no-sync", "pytest", "--no-cov", "-p", "no:randomly"]
    contract.append("my_service/core/tests/test_contract.py")

    for fault, named in ((SERVER_ERROR, "ST101 Server error"), (ANY_TOKEN, "ST401 API accepts")):
        api.write_text(correct + fault)
        result = subprocess.run(contract, cwd=project, env=env, capture_output=True, text=True)
        assert result.returncode == 1, result.stdout[-3000:]
        assert named in result.stdout, result.stdout[-3000:]

    api.write_text(correct)
    passing = subprocess.run(contract, cwd=project, env=env, capture_output=True, text=True)
    assert passing.returncode == 0, passing.stdout[-3000:]


# A test written the Django way, in an app made by plain `startapp` at the project's root.
DJANGO_STYLE_TESTS = """from django.test import TestCase


class HealthTests(TestCase):
    def test_the_service_answers(self):
        response = self.client.get("/health/")

        self.assertEqual(response.status_code, 200)
        self.assertIs(response.json()["status"] == "ok", True)
"""


@pytest.mark.parametrize("use_drf", ["y", "n"])
def test_an_app_added_either_way_fits_and_its_tests_run(tmp_path, use_drf):
    project = bake(tmp_path, use_drf=use_drf)
    env = install(project, Cell("sqlite", "3.12", "6.1"))
    uv_run = [tool("uv"), "run", "--no-sync"]

    # The project's own command: an app with an API where the project has one.
    api = ["--api"] if use_drf == "y" else []
    said = run([*uv_run, "python", "manage.py", "newapp", "inventory", *api], project, env).stdout
    assert "Created my_service/inventory" in said
    assert f"under /{'api/' if api else ''}inventory/" in said
    # The URL names' form, and for an API that a list comes a page at a time.
    assert f'reverse("{"api" if api else "inventory"}:<route name>")' in said
    assert ('"results"' in said) == bool(api)
    # Django's own command, at the root, with a test in Django's style.
    run([*uv_run, "python", "manage.py", "startapp", "polls"], project, env)
    (project / "polls" / "tests.py").write_text(DJANGO_STYLE_TESTS)

    # (startapp's own stubs import what they do not use yet: they are Django's, not checked.)
    checked = ["my_service", "config", "polls/tests.py"]
    run([*uv_run, "ruff", "check", *checked], project, env)
    run([*uv_run, "ruff", "format", "--check", *checked], project, env)
    run([*uv_run, "mypy", "my_service", "config"], project, env)
    run([*uv_run, "python", "manage.py", "makemigrations", "--check", "--dry-run"], project, env)
    alone = run([*uv_run, "pytest", "my_service/inventory"], project, env).stdout
    assert summary(alone)["passed"] == 1
    polls = run([*uv_run, "pytest", "polls"], project, env).stdout
    assert summary(polls)["passed"] == 1
    django_way = run([*uv_run, "python", "manage.py", "test", "polls"], project, env).stdout
    assert summary(django_way)["passed"] == 1
    whole = run([*uv_run, "pytest", "--cov", "-v"], project, env).stdout
    assert "Required test coverage of" in whole
    assert "polls/tests.py::HealthTests::test_the_service_answers PASSED" in whole
    assert "my_service/inventory/tests/test_app.py" in whole
