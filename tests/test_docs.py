"""TESTING.md is a promise: every Python example passes and every command works."""

import re
import shutil
import subprocess

import pytest
from bakery import bake, python_path, render, run, tool, user_env

pytestmark = pytest.mark.run

# In this order, the smallest suite first: a block that several variants share runs in the
# first of them.
VARIANTS = {
    "plain": {"use_drf": "n"},
    "gitlab": {"ci": "gitlab", "use_drf": "n"},
    "drf": {},
    "example": {"example_app": "y"},
}


def blocks(markdown, language):
    return re.findall(rf"```{language}\n(.*?)```", markdown, re.S)


@pytest.fixture(scope="session")
def documented(tmp_path_factory):
    """One installed project per variant and test process, shared by the doc checks."""
    projects = {}

    def get(variant):
        if variant not in projects:
            project = bake(tmp_path_factory.mktemp(variant), **VARIANTS[variant])
            env = user_env()
            run([tool("uv"), "sync", "--python", python_path("3.12")], cwd=project, env=env)
            projects[variant] = (project, env)
        return projects[variant]

    return get


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_python_example_is_a_passing_test_module(documented, variant):
    project, env = documented(variant)
    examples = blocks((project / "TESTING.md").read_text(), "python")
    assert len(examples) >= 7
    # As the project lays tests out: a tests package in an app's package.
    folder = project / "my_service" / "docs_examples" / "tests"
    folder.mkdir(parents=True)
    for package in (folder.parent, folder):
        (package / "__init__.py").touch()
    for number, example in enumerate(examples, 1):
        (folder / f"test_example_{number}.py").write_text(example)

    result = run(
        [tool("uv"), "run", "--no-sync", "pytest", str(folder), "--no-cov", "-p", "no:randomly"],
        cwd=project,
        env=env,
    )

    passed = int(re.search(r"(\d+) passed", result.stdout).group(1))
    defined = sum(len(re.findall(r"^\s*(?:async )?def test_", e, re.M)) for e in examples)
    assert passed == defined


def test_every_command_the_text_mentions_is_one_that_runs(documented):
    project, _ = documented("example")
    text = (project / "TESTING.md").read_text()
    runnable = {line for block in blocks(text, "bash") for line in block.strip().splitlines()}
    mentioned = {command for command in re.findall(r"`(uv run [^`]*)`", text) if "<" not in command}

    assert mentioned <= runnable


# Every distinct bash block of every variant's TESTING.md, rendered without baking; a
# block that reads the same in several variants runs once, in the first of them.
BLOCKS = list(
    {
        block: (variant, index)
        for variant, overrides in reversed(VARIANTS.items())
        for index, block in enumerate(blocks(render("TESTING.md", **overrides), "bash"))
    }.values()
)


@pytest.mark.parametrize(("variant", "index"), BLOCKS, ids=[f"{v}-{i}" for v, i in BLOCKS])
def test_every_command_block_runs_as_written(documented, variant, index):
    """Each ```bash block in order, line by line, as a reader would type it."""
    project, env = documented(variant)
    block = blocks((project / "TESTING.md").read_text(), "bash")[index]
    for line in block.strip().splitlines():
        assert line.startswith("uv run "), line
        result = run(line.replace("uv", tool("uv"), 1), cwd=project, env=env)
        if line.startswith("uv run pytest"):
            assert re.search(r"\d+ passed", result.stdout), line


# A test that leaves state behind (a name in a module-level list), and one that fails
# after it: the order dependency TESTING.md says how to replay and to find.
LEAK = {
    "__init__.py": "",
    "registry.py": "NAMES: list[str] = []\n",
    "tests/__init__.py": "",
    "tests/test_leak.py": """from my_service.leak.registry import NAMES


def test_registers_a_name():
    NAMES.append("left behind")
    assert NAMES


def test_starts_with_no_name():
    assert NAMES == []


def test_something_else():
    assert True
""",
}
VICTIM = "my_service/leak/tests/test_leak.py::test_starts_with_no_name"


def test_a_planted_leak_is_replayed_by_its_seed_and_found_by_the_documented_command(
    documented,
):
    project, env = documented("plain")
    text = (project / "TESTING.md").read_text()
    (replay,) = [b for b in blocks(text, "bash") if "--randomly-seed" in b and "splits" not in b]
    (find,) = [b.strip() for b in blocks(text, "text") if "detect-test-pollution" in b]
    leak = project / "my_service" / "leak"
    for name, source in LEAK.items():
        (leak / name).parent.mkdir(parents=True, exist_ok=True)
        (leak / name).write_text(source)
    try:

        def exit_status(seed):
            line = replay.strip().replace("4242", str(seed)) + " my_service/leak"
            return subprocess.run(
                line.replace("uv", tool("uv"), 1),
                shell=True,
                cwd=project,
                env=env,
                capture_output=True,
                check=False,
            ).returncode

        # Some orders pass and some fail: seeds until both are seen.
        outcomes = {}
        for seed in range(1, 11):
            outcomes[seed] = exit_status(seed)
            if {status == 0 for status in outcomes.values()} == {True, False}:
                break
        failing = [seed for seed, status in outcomes.items() if status != 0]
        assert 0 < len(failing) < len(outcomes), outcomes
        # The seed replays the failure, every time.
        assert exit_status(failing[0]) != 0

        typed = find.replace("<the failing test's id>", VICTIM)
        typed = typed.replace("<its app's folder>", "my_service/leak")
        found = run(typed.replace("uv", tool("uv"), 1), cwd=project, env=env)

        polluter = "my_service/leak/tests/test_leak.py::test_registers_a_name"
        assert f"the polluting test is: {polluter}" in found.stdout
    finally:
        shutil.rmtree(leak)
