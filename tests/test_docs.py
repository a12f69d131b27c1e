"""TESTING.md is a promise: every Python example passes and every command works."""

import re

import pytest
from bakery import TEMPLATE, bake, project_env, python_path, run, tool

pytestmark = pytest.mark.run

VARIANTS = {"drf": {}, "plain": {"use_drf": "n"}}


def blocks(markdown, language):
    return re.findall(rf"```{language}\n(.*?)```", markdown, re.S)


@pytest.fixture(scope="session")
def documented(tmp_path_factory):
    """One installed project per variant and test process, shared by the doc checks."""
    projects = {}

    def get(variant):
        if variant not in projects:
            project = bake(tmp_path_factory.mktemp(variant), **VARIANTS[variant])
            env = project_env()
            run([tool("uv"), "sync", "--python", python_path("3.12")], cwd=project, env=env)
            projects[variant] = (project, env)
        return projects[variant]

    return get


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_python_example_is_a_passing_test_module(documented, variant):
    project, env = documented(variant)
    examples = blocks((project / "TESTING.md").read_text(), "python")
    assert len(examples) >= 7
    folder = project / "my_service" / "docs_examples"
    folder.mkdir()
    for number, example in enumerate(examples, 1):
        (folder / f"test_example_{number}.py").write_text(example)

    result = run(
        [tool("uv"), "run", "--no-sync", "pytest", str(folder), "--no-cov", "-p", "no:randomly"],
        cwd=project,
        env=env,
    )

    passed = int(re.search(r"(\d+) passed", result.stdout).group(1))
    defined = sum(len(re.findall(r"^\s*def test_", example, re.M)) for example in examples)
    assert passed == defined


TESTING_MD = (TEMPLATE / "{{cookiecutter.project_slug}}" / "TESTING.md").read_text()
COMMANDS = list(
    dict.fromkeys(
        line for block in blocks(TESTING_MD, "bash") for line in block.strip().splitlines()
    )
)


def test_every_command_the_text_mentions_is_one_that_runs():
    mentioned = set(re.findall(r"`(uv run pytest[^`]*)`", TESTING_MD))
    mentioned = {command for command in mentioned if "<" not in command}

    assert mentioned <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_runs_as_written(documented, command):
    project, env = documented("drf")
    assert command.startswith("uv run pytest")

    result = run(command.replace("uv", tool("uv"), 1), cwd=project, env=env)

    assert re.search(r"\d+ passed", result.stdout)
