"""Both READMEs' commands, run exactly as written, in a shell, as a newcomer would."""

import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest
from bakery import (
    TEMPLATE,
    bake,
    outside_env,
    python_path,
    run,
    tool,
    typed_with_defaults,
    user_env,
)

pytestmark = pytest.mark.run


def bash_blocks(markdown):
    """The fenced ```bash blocks of a Markdown text, each as its list of lines."""
    return [
        block.strip().splitlines() for block in re.findall(r"```bash\n(.*?)```", markdown, re.S)
    ]


def test_the_template_readme_test_command_is_what_ci_runs():
    readme = (TEMPLATE / "README.md").read_text()
    command = bash_blocks(readme.split("## Test the template")[1])[0]

    assert command == ["python3 -m pip install uv && python3 -m uv run pytest"]
    assert command[0] in (TEMPLATE / ".ci" / "run").read_text().splitlines()


def test_the_template_readme_generates_a_project(tmp_path):
    readme = (TEMPLATE / "README.md").read_text()
    (command,) = bash_blocks(readme.split("## Generate a project")[1])[0]
    clone = tmp_path / "clone"
    shutil.copytree(TEMPLATE, clone, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__"))

    # Interactive, as written: Enter takes the default of every prompt.
    generated = typed_with_defaults(command, clone)

    assert (tmp_path / "my_service" / "manage.py").is_file()
    # The `cd` it prints next works from where the command was typed.
    (cd,) = [
        line.strip() for line in generated.stdout.splitlines() if line.strip().startswith("cd ")
    ]
    assert cd == "cd ../my_service"
    run(f"{cd} && test -f manage.py", cwd=clone, env=outside_env())


# Answers at the edge of what is valid: emoji, quotes and a backslash in TOML strings, a
# PEP 440 version in a form that is not normalised, a gate with a leading zero.
UNUSUAL_ANSWERS = {
    "description": 'Rockets \U0001f680, "quotes" and a \\ backslash',
    "author_name": "Zoë \U0001f600 O'Brien",
    "version": "1.0.0-beta",
    "coverage_fail_under": "080",
}


def test_the_generated_readme_installs_and_tests_as_written(tmp_path):
    project = bake(tmp_path, **UNUSUAL_ANSWERS)
    install, test = bash_blocks((project / "README.md").read_text())[0]

    run(install, cwd=project, env=outside_env())
    result = run(test, cwd=project, env=outside_env())

    assert re.search(r"\d+ passed", result.stdout)
    assert re.search(r"Required test coverage of 80(\.0)?% reached", result.stdout)


def test_the_generated_readme_pip_route_works_as_written(tmp_path):
    project = bake(tmp_path, **UNUSUAL_ANSWERS)
    blocks = bash_blocks((project / "README.md").read_text())
    pip_route = next(block for block in blocks if any("pip install -e ." in line for line in block))

    for line in pip_route[:-1]:
        run(line, cwd=project, env=outside_env())
    result = run(pip_route[-1], cwd=project, env=outside_env())

    assert re.search(r"\d+ passed", result.stdout)


DRIVERS = {"postgres": "psycopg[binary]", "mysql": "mysqlclient", "sqlite": None}
SCHEMES = {"sqlite": "sqlite", "postgresql": "postgres", "mysql": "mysql"}


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "A Developer",
    "GIT_AUTHOR_EMAIL": "dev@example.com",
    "GIT_COMMITTER_NAME": "A Developer",
    "GIT_COMMITTER_EMAIL": "dev@example.com",
}


def test_the_generated_readme_s_first_commit_passes_its_hooks_and_an_editor_can_commit(
    tmp_path,
):
    """The first commit as written (the hooks pass on every generated file, changing none),
    then a commit from a git tool whose PATH has no uv, as an editor's may not."""
    project = bake(tmp_path, database="postgresql", ci="github")
    env = {**outside_env(), **GIT_IDENTITY}
    readme = (project / "README.md").read_text()
    install, _ = bash_blocks(readme)[0]
    run(install, cwd=project, env=env)

    for line in bash_blocks(readme.split("## The first commit")[1])[0]:
        run(line, cwd=project, env=env)

    assert run("git rev-list --count HEAD", cwd=project, env=env).stdout.strip() == "1"
    assert run("git status --porcelain", cwd=project, env=env).stdout == ""
    (project / "my_service" / "users" / "notes.py").write_text('"""Notes."""\n')
    editor = {**env, "PATH": "/usr/bin:/bin"}
    run("git add -A && git commit -q -m Notes", cwd=project, env=editor)
    assert run("git rev-list --count HEAD", cwd=project, env=env).stdout.strip() == "2"


@pytest.mark.parametrize("database", SCHEMES)
def test_every_database_line_of_the_generated_readme_works_in_every_variant(tmp_path, database):
    """Each `DATABASE_URL=… uv run pytest` line for another engine than the one the project
    was baked for, typed in a developer's shell (the bake's own engine is its default, which
    the run layer tests).

    The driver is added the way the README says when the baked project lacks it. The
    database name is made unique, so that other runs on the same server cannot collide.
    """
    project = bake(tmp_path, database=database, ci="none")
    env = user_env()
    readme = (project / "README.md").read_text().split("### Another database")[1]
    lines = bash_blocks(readme)[0]
    assert sorted(line.split("=", 1)[1].split(":", 1)[0] for line in lines) == sorted(DRIVERS)
    run([tool("uv"), "sync", "--python", python_path("3.12")], cwd=project, env=env)
    for line in lines:
        scheme = line.split("=", 1)[1].split(":", 1)[0]
        if scheme == SCHEMES[database]:
            continue
        driver = DRIVERS[scheme]
        if driver and driver not in (project / "pyproject.toml").read_text():
            run([tool("uv"), "add", driver], cwd=project, env=env)
        line = line.replace("/my_service ", f"/tr_readme_{database} ")
        result = run(line.replace("uv run", f"{tool('uv')} run", 1), cwd=project, env=env)
        assert re.search(r"\d+ passed", result.stdout), line


def test_the_generated_readme_runs_the_service_as_written(tmp_path):
    """The database made with the server's client, then `migrate`, `createsuperuser` and
    `runserver`, as written, on each server."""
    for database, drop in [
        ("postgresql", ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]),
        ("mysql", ["mariadb", "-h", "127.0.0.1", "-u", "root", "-e"]),
    ]:
        project = bake(tmp_path / database, database=database, ci="none")
        env = user_env()
        run([tool("uv"), "sync", "--python", python_path("3.12")], cwd=project, env=env)
        # The database the project's .env names, gone, as on a machine that never had it.
        run([*drop, "DROP DATABASE IF EXISTS my_service"], cwd=project)
        readme = (project / "README.md").read_text().split("## Run the service")[1]
        *prepare, serve = bash_blocks(readme)[0]
        # The first line makes the database, with the server's own client.
        assert prepare[0].split()[0] in {"createdb", "mysql"}
        assert "my_service" in prepare[0]

        for line in prepare:
            run(line.replace("uv", tool("uv"), 1), cwd=project, env=env)
        server = subprocess.Popen(
            serve.replace("uv", tool("uv"), 1),
            shell=True,
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # runserver's reloader starts a child: stop them together
        )
        try:
            assert health_of("http://127.0.0.1:8000/health/") == {"status": "ok"}
            assert_the_api_explains_itself(project, readme, env)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        run([*drop, "DROP DATABASE my_service"], cwd=project)


def assert_the_api_explains_itself(project, readme, env):
    """`GET /api/` and the README's curl line for a token, as a newcomer types them."""
    root = run(["curl", "-sf", "http://127.0.0.1:8000/api/"], cwd=project).stdout
    assert json.loads(root)["token"] == "http://127.0.0.1:8000/api/auth/token/"
    password = "newcomer-pass-4242"
    run(
        [tool("uv"), "run", "python", "manage.py", "createsuperuser", "--noinput"]
        + ["--username", "newcomer", "--email", "newcomer@example.com"],
        cwd=project,
        env={**env, "DJANGO_SUPERUSER_PASSWORD": password},
    )
    (curl,) = [line for block in bash_blocks(readme) for line in block if "curl" in line]
    typed = curl.replace("<your username>", "newcomer").replace("<your password>", password)
    answer = json.loads(run(typed, cwd=project).stdout)
    assert len(answer["token"]) == 40


def health_of(url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return json.loads(answer.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
