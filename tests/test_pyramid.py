"""The tools above unit and integration tests, run in a generated project as TESTING.md
gives them: the changed-files loop, mutation testing and browser journeys."""

import json
import re
import subprocess

import pytest
from bakery import bake, project_env, python_path, run, tool
from test_run import JOURNEYS, SERVERS, SYSTEM_CHROMIUM, Cell, install, journeys_passed, summary

pytestmark = pytest.mark.run

APP_TESTS = re.compile(r"^(my_service/\w+)/tests/\S+::\S+ PASSED", re.M)


def selected_apps(output):
    """The apps whose tests ran, from `pytest -v` output."""
    return set(APP_TESTS.findall(output))


def test_testmon_runs_only_the_tests_of_what_changed(tmp_path):
    project = bake(tmp_path, example_app="y")
    env = install(project, Cell("sqlite", "3.13", "6.1"))
    del env["CI"]  # the changed-files loop runs at a developer's desk, never in CI
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Generated"]):
        run(["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *command], project)
    testmon = [tool("uv"), "run", "--no-sync", "pytest", "--testmon", "-v", "-p", "no:randomly"]

    first = run(testmon, project, env).stdout
    assert summary(first)["passed"] >= 200

    # One method of one app changes: only the tests that run it are picked.
    models = project / "my_service" / "orders" / "models.py"
    models.write_text(models.read_text().replace("self.stock > 0", "self.stock >= 1"))
    picked = run(testmon, project, env).stdout
    assert selected_apps(picked) == {"my_service/orders"}
    assert "test_is_in_stock" in picked
    assert summary(picked)["passed"] < 20

    # A change in another app picks that app's tests, and nothing of the first.
    services = project / "my_service" / "reviews" / "services.py"
    # (one row at most matches, so its last is its first)
    services.write_text(services.read_text().replace(".first()", ".last()"))
    picked = run(testmon, project, env).stdout
    assert selected_apps(picked) == {"my_service/reviews"}

    # A change to a view the API contract tests call picks them.
    view = project / "my_service" / "users" / "api.py"
    view.write_text(
        view.read_text().replace(
            "return self.request.user", "user = self.request.user\n        return user"
        )
    )
    picked = run(testmon, project, env).stdout
    assert "test_contract.py::test_authenticated_requests_keep_the_contract" in picked
    assert "my_service/users" in selected_apps(picked)

    # Nothing changed since: nothing runs, and the loop is green.
    unchanged = run(testmon, project, env).stdout
    assert "PASSED" not in unchanged
    assert "no tests ran" in unchanged


def mutation_stats(project, env):
    run([tool("uv"), "run", "--no-sync", "mutmut", "export-cicd-stats"], project, env)
    return json.loads((project / "mutants" / "mutmut-cicd-stats.json").read_text())


def test_mutmut_kills_what_the_tests_check_and_reports_a_weak_test(tmp_path):
    project = bake(tmp_path, example_app="y", database="postgresql")
    # No server is needed, whatever DATABASE_URL says: the mutants' runs use in-memory SQLite.
    env = project_env(DATABASE_URL="postgres://nobody@127.0.0.1:1/not_there")
    run([tool("uv"), "sync", "--group", "mutation", "--python", python_path("3.13")], project, env)
    mutmut_run = [tool("uv"), "run", "--no-sync", "mutmut", "run", "my_service.orders.models*"]

    run(mutmut_run, project, env)
    stats = mutation_stats(project, env)
    assert stats["killed"] >= 2
    assert stats["survived"] == 0

    # A weaker test (no case at the boundary, a stock of 1) lets `> 0` become `> 1`.
    tests = project / "my_service" / "orders" / "tests" / "test_models.py"
    tests.write_text(tests.read_text().replace("(1, True), ", ""))
    run(mutmut_run, project, env)
    stats = mutation_stats(project, env)
    assert stats["survived"] == 1
    survivor = run([tool("uv"), "run", "--no-sync", "mutmut", "results"], project, env).stdout
    [name] = re.findall(r"(\S+is_in_stock\S+): survived", survivor)
    diff = run([tool("uv"), "run", "--no-sync", "mutmut", "show", name], project, env).stdout
    assert "+    return self.stock > 1" in diff


def browser_project(tmp_path, database):
    project = bake(tmp_path, database=database, example_app="y", browser_tests="y")
    env = install(project, Cell(database, "3.13", "6.1"))
    env["BROWSER_EXECUTABLE"] = SYSTEM_CHROMIUM
    if SERVERS[database]:
        env["DATABASE_URL"] = SERVERS[database].format(name=f"tr_browser_{database}")
    return project, env


# Among the whole suite, on MariaDB, the run layer runs them (test_run.py).
def test_the_browser_journeys_pass_on_sqlite_and_a_missing_browser_is_one_line(tmp_path):
    project, env = browser_project(tmp_path, "sqlite")
    journeys = [tool("uv"), "run", "--no-sync", "pytest", "-v", "-m", "browser"]

    assert journeys_passed(run(journeys, project, env).stdout) == JOURNEYS

    env["BROWSER_EXECUTABLE"] = str(tmp_path / "no-such-browser")
    missing = subprocess.run(journeys, cwd=project, env=env, capture_output=True, text=True)
    assert missing.returncode != 0
    assert f"No browser at {tmp_path / 'no-such-browser'}: run `uv run playwright install" in (
        missing.stdout
    )
    assert summary(missing.stdout)["errors"] == len(JOURNEYS)

    # CI's matrix leaves the journeys out (their own job runs `-m browser`, as above).
    rest = [tool("uv"), "run", "--no-sync", "pytest", "--collect-only", "-q", "-m", "not browser"]
    assert summary(run(rest, project, env).stdout)["deselected"] == len(JOURNEYS)
