"""The generated CI's own shell steps, read from the baked files and run here.

GitHub's and GitLab's runners are not on this machine, but what they run is shell: the
steps are taken from the workflow as generated, the matrix values filled in, and run in
order against the local database server that stands in for the CI service. Steps that
only prepare a runner (actions, `sudo apt-get`) are the runner's business and are left out.
"""

import os
import re
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest
import yaml
from bakery import bake, project_env, python_path, render, replay, run, tool
from test_run import assert_after_a_whole_run

pytestmark = pytest.mark.run

LOCAL_SERVERS = {
    "sqlite": None,
    "postgresql": "postgres://postgres@127.0.0.1:5432/{name}",
    "mysql": "mysql://root@127.0.0.1:3306/{name}",
}

# One matrix cell per database, as CI would run it.
CELLS = [
    ("sqlite", "3.13", "6.0", {}),
    ("postgresql", "3.12", "6.1", {"example_app": "y"}),
    ("mysql", "3.12", "5.2", {}),
]
# GitLab's test script is the same line for line on every database (only the service and
# its DATABASE_URL differ, and the local server stands in for those): one cell runs it.
GITLAB_CELLS = CELLS[:1]
# Each project is baked for local work on the other Python, so a cell that ran on the
# .python-version instead of its own would show.
OTHER_PYTHON = {"3.12": "3.13", "3.13": "3.12"}


def checkout(project):
    """The project as CI checks it out: what git tracks, so no `.env` (it is ignored)."""
    (project / ".env").unlink()
    return project


def create_database(database, name):
    """What the CI service does with POSTGRES_DB / MARIADB_DATABASE."""
    if database == "postgresql":
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], check=True)
    elif database == "mysql":
        sql = f"DROP DATABASE IF EXISTS {name}; CREATE DATABASE {name}"
        subprocess.run(["mariadb", "-h", "127.0.0.1", "-u", "root", "-e", sql], check=True)


def fill(text, values):
    """Replace `${{ name }}` expressions; any expression left over fails the test."""
    for name, value in values.items():
        text = re.sub(r"\$\{\{\s*" + re.escape(name) + r"\s*\}\}", value, text)
    assert "${{" not in text, f"an expression this test does not know: {text}"
    return text


def shell_steps(job, values):
    """The job's `run` steps as (name, script, env), with the expressions filled in."""
    steps = []
    for step in job["steps"]:
        if "run" not in step:
            continue
        script = fill(step["run"], values)
        if script.startswith("sudo apt-get"):
            continue
        env = {key: fill(str(value), values) for key, value in step.get("env", {}).items()}
        steps.append((fill(step.get("name", script), values), script, env))
    return steps


def run_steps(steps, project, env):
    for name, script, step_env in steps:
        result = subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=project,
            env={**env, **step_env},
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        assert result.returncode == 0, (
            f"step {name!r} failed:\n{script}\n{replay(result.stdout)}"
            f"--- stdout ---\n{result.stdout[-6000:]}"
            f"\n--- stderr ---\n{result.stderr[-6000:]}"
        )


def runner_env(database, python, name, tmp_path, setup_uv=True):
    """What the runner gives the steps: uv, and the cell's Python on PATH, as an image
    has it; with ``setup_uv``, UV_PYTHON too, as GitHub's setup-uv sets it."""
    bin_dir = tmp_path / "runner-bin"
    bin_dir.mkdir(exist_ok=True)
    for command, target in [("uv", tool("uv")), (f"python{python}", python_path(python))]:
        if not (bin_dir / command).exists():
            (bin_dir / command).symlink_to(target)
    env = project_env(GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"))
    if setup_uv:
        env["UV_PYTHON"] = python_path(python)
    env["PATH"] = f"{bin_dir}:{env['PATH']}"
    if LOCAL_SERVERS[database]:
        env["DATABASE_URL"] = LOCAL_SERVERS[database].format(name=name)
    return env


def junit_cases(path):
    return {
        (case.get("classname"), case.get("name"))
        for case in ElementTree.parse(path).getroot().iter("testcase")
    }


@pytest.mark.parametrize(
    ("database", "python", "django", "answers"), CELLS, ids=[c[0] for c in CELLS]
)
def test_the_github_test_and_coverage_jobs_pass_here_in_two_parts(
    tmp_path, database, python, django, answers
):
    project = checkout(
        bake(
            tmp_path, ci="github", database=database, python_version=OTHER_PYTHON[python], **answers
        )
    )
    workflow = yaml.safe_load((project / ".github" / "workflows" / "ci.yml").read_text())
    test_job, coverage_job = workflow["jobs"]["test"], workflow["jobs"]["coverage"]
    assert set(test_job["strategy"]["matrix"]) == {"python", "django", "part"}
    name = f"tr_parity_gh_{database}"
    create_database(database, name)
    env = runner_env(database, python, name, tmp_path)
    if database == "mysql":
        assert run(["pkg-config", "--exists", "libmariadb"], cwd=tmp_path)

    parts = ("1/2", "2/2")
    for index, part in enumerate(parts):
        values = {
            "matrix.python": python,
            "matrix.django": django,
            "matrix.part": part,
            "strategy.job-index": str(index),
            "github.run_id": "20261121",
        }
        part_env = {**env, "PYTEST_ADDOPTS": f"--junitxml={tmp_path / f'part{index}.xml'}"}
        run_steps(shell_steps(test_job, values), project, part_env)
    # The cell's Django and Python are the ones that ran.
    assert ran_on(project, env) == (django, python)
    assert_the_parts_are_the_whole_suite(project, env, tmp_path)
    # The coverage job (on GitHub, its own runner; here, the same folder afterwards).
    run_steps(shell_steps(coverage_job, {}), project, env)
    # The cell's Django is the one that ran, and the coverage job left its report.
    assert "| Name" in (tmp_path / "summary.md").read_text()
    assert (project / "coverage.xml").is_file()
    # These cells stand in the run layer's matrix too.
    assert_after_a_whole_run(project, env, database, answers)


def assert_the_parts_are_the_whole_suite(project, env, tmp_path):
    """The two parts' JUnit reports are disjoint, and together they are every test."""
    first, second = (junit_cases(tmp_path / f"part{index}.xml") for index in range(2))
    collected = run(
        [tool("uv"), "run", "--no-sync", "pytest", "--collect-only", "-q", "--no-cov"],
        cwd=project,
        env=env,
    ).stdout
    assert first
    assert second
    assert not first & second
    assert len(first | second) == len([line for line in collected.splitlines() if "::" in line])


def ran_on(project, env):
    """The (Django, Python) versions of the project's environment: "6.1", "3.13"."""
    versions = run(
        [
            ".venv/bin/python",
            "-c",
            "import django, sys; print(django.get_version(), *sys.version_info[:2], sep=' ')",
        ],
        cwd=project,
        env=env,
    ).stdout.split()
    return ".".join(versions[0].split(".")[:2]), ".".join(versions[1:3])


def test_the_github_lint_job_passes_here_and_catches_a_stray_space(tmp_path):
    project = bake(tmp_path, ci="github")
    workflow = yaml.safe_load((project / ".github" / "workflows" / "ci.yml").read_text())
    steps = shell_steps(workflow["jobs"]["lint"], {})
    env = runner_env("sqlite", "3.12", "unused", tmp_path)
    for command in (["init", "-q"], ["add", "-A"]):
        run(["git", *command], cwd=project, env=env)

    run_steps(steps, project, env)

    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("\n", "   \n", 1))
    with pytest.raises(AssertionError, match=r"no trailing whitespace\.+Failed"):
        run_steps(steps, project, env)


@pytest.mark.parametrize(
    ("database", "python", "django", "answers"), GITLAB_CELLS, ids=[c[0] for c in GITLAB_CELLS]
)
def test_the_gitlab_test_and_coverage_jobs_pass_here_in_two_parts(
    tmp_path, database, python, django, answers
):
    project = checkout(
        bake(
            tmp_path, ci="gitlab", database=database, python_version=OTHER_PYTHON[python], **answers
        )
    )
    pipeline = yaml.safe_load((project / ".gitlab-ci.yml").read_text())
    test_job, coverage_job = pipeline["test"], pipeline["coverage"]
    matrix = test_job["parallel"]["matrix"][0]
    assert python in matrix["PYTHON_VERSION"]
    assert django in matrix["DJANGO_VERSION"]
    assert "PART" in matrix
    name = f"tr_parity_gl_{database}"
    create_database(database, name)
    env = runner_env(database, python, name, tmp_path, setup_uv=False)
    cell = {"PYTHON_VERSION": python, "DJANGO_VERSION": django, "CI_PIPELINE_ID": "4242"}
    # The job's variables, with the cell's values in them; the local server stands in for
    # the service, so its DATABASE_URL stays.
    variables = {
        key: re.sub(r"\$\{(\w+)\}", lambda match: cell[match.group(1)], str(value))
        for key, value in test_job.get("variables", {}).items()
        if key != "DATABASE_URL"
    }

    for index, part in enumerate(("1/2", "2/2")):
        part_env = {
            **env,
            **cell,
            **variables,
            "PART": part,
            "CI_JOB_ID": str(100 + index),
            "PYTEST_ADDOPTS": f"--junitxml={tmp_path / f'part{index}.xml'}",
        }
        # A GitLab job's script runs in one shell, line after line.
        run(["bash", "-e", "-c", "\n".join(test_job["script"])], cwd=project, env=part_env)

    assert ran_on(project, env) == (django, python)
    assert_the_parts_are_the_whole_suite(project, env, tmp_path)

    # The coverage job (on GitLab, a new container; here, the same folder afterwards).
    combined = run(["bash", "-e", "-c", "\n".join(coverage_job["script"])], project, env)
    # GitLab reads the total from the coverage job's log, and the Cobertura file.
    assert re.search(coverage_job["coverage"].strip("/"), combined.stdout, re.M)
    report = coverage_job["artifacts"]["reports"]["coverage_report"]
    assert report["coverage_format"] == "cobertura"
    assert os.path.getsize(project / report["path"]) > 0
    assert_after_a_whole_run(project, env, database, answers)


def test_the_gitlab_scripts_are_the_same_on_every_database():
    """What lets one cell stand for the others above."""
    scripts = set()
    for database in LOCAL_SERVERS:
        pipeline = yaml.safe_load(render(".gitlab-ci.yml", ci="gitlab", database=database))
        scripts.add(tuple(pipeline["test"]["script"] + pipeline["coverage"]["script"]))

    assert len(scripts) == 1
