"""Baking projects from the template and running their own commands, for the tests."""

import importlib.util
import itertools
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

from cookiecutter.environment import StrictEnvironment
from cookiecutter.main import cookiecutter
from cookiecutter.prompt import YesNoPrompt

TEMPLATE = Path(__file__).resolve().parent.parent

# The answers cookiecutter gives with --no-input and no overrides (a choice: its first).
DEFAULTS = {
    key: value[0] if isinstance(value, list) else value
    for key, value in json.loads((TEMPLATE / "cookiecutter.json").read_text()).items()
    if not key.startswith("_")
}
DEFAULTS["project_slug"] = "my_service"

# The answers that choose which pieces a project has.
OPTIONS = {
    "database": ("sqlite", "postgresql", "mysql"),
    "ci": ("github", "gitlab", "none"),
    "use_drf": (True, False),
    "example_app": (False, True),
}


def load_hook(name):
    """A hook as a module: its Jinja sits only inside ``main()``, which is not called."""
    spec = importlib.util.spec_from_file_location(name, TEMPLATE / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PRE_GEN = load_hook("pre_gen_project")
POST_GEN = load_hook("post_gen_project")


def answers(**overrides):
    """The answers a bake with these overrides gets: ``use_drf="n"`` becomes False, as
    cookiecutter makes it of a yes/no answer typed on its command line."""
    given = {**DEFAULTS, **overrides}
    for key, value in given.items():
        if isinstance(DEFAULTS.get(key), bool) and isinstance(value, str):
            given[key] = YesNoPrompt().process_response(value)
    return given


# Browser tests add one file and a few lines to others: on, they are checked beside one
# combination per database and CI rather than doubling every combination.
WITH_BROWSER_TESTS = [
    {"database": "sqlite", "ci": "github", "use_drf": True, "example_app": True},
    {"database": "postgresql", "ci": "gitlab", "use_drf": False, "example_app": False},
    {"database": "mysql", "ci": "none", "use_drf": True, "example_app": False},
]


def combinations():
    """Every combination of the option answers that the pre-gen hook accepts (browser tests
    off), then those of WITH_BROWSER_TESTS with them on."""
    for values in itertools.product(*OPTIONS.values()):
        chosen = dict(zip(OPTIONS, values, strict=True))
        if not PRE_GEN.problems(answers(**chosen)):
            yield chosen
    for chosen in WITH_BROWSER_TESTS:
        yield {**chosen, "browser_tests": True}


def combination_id(chosen):
    return "-".join(f"{key}={value}" for key, value in chosen.items())


def bake(output_dir, **overrides):
    """Generate a project with the real cookiecutter, hooks included; returns its folder."""
    return Path(
        cookiecutter(
            str(TEMPLATE),
            no_input=True,
            extra_context=overrides,
            output_dir=str(output_dir),
        )
    )


def render(relative_path, **overrides):
    """One template file rendered as cookiecutter would, without baking a project."""
    source = (TEMPLATE / "{{cookiecutter.project_slug}}" / relative_path).read_text()
    context = {"cookiecutter": answers(**overrides)}
    environment = StrictEnvironment(context=context, keep_trailing_newline=True)
    return environment.from_string(source).render(**context)


def text_files(project):
    for path in sorted(project.rglob("*")):
        if path.is_file() and ".venv" not in path.parts and "__pycache__" not in path.parts:
            yield path


def tool(name):
    """A command installed in the template's own environment (ruff, actionlint, uv …)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed in the template's environment: run `uv sync` there"
    return found


def run(command, cwd, env=None, timeout=900):
    """Run a command; on failure, the assertion shows everything it printed."""
    result = subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        shell=isinstance(command, str),
    )
    shown = command if isinstance(command, str) else " ".join(map(str, command))
    assert result.returncode == 0, (
        f"`{shown}` exited {result.returncode} in {cwd}\n{replay(result.stdout)}"
        f"--- stdout ---\n{result.stdout[-8000:]}\n--- stderr ---\n{result.stderr[-8000:]}"
    )
    return result


def replay(pytest_output):
    """The line that replays a generated suite's run (its order, data and Hypothesis
    examples), which the top of its output says and a failure's tail may have cut."""
    seed = re.search(r"^Using (--randomly-seed=\S+)", pytest_output, re.MULTILINE)
    return f"replay with: uv run pytest -p randomly {seed.group(1)}\n" if seed else ""


def python_path(version):
    """The interpreter for a Python version (``3.12``), found through pyenv or on PATH."""
    pyenv = shutil.which("pyenv")
    if pyenv:
        latest = subprocess.run(
            [pyenv, "latest", version], capture_output=True, text=True, check=False
        )
        if latest.returncode == 0:
            prefix = subprocess.run(
                [pyenv, "prefix", latest.stdout.strip()], capture_output=True, text=True
            )
            candidate = Path(prefix.stdout.strip()) / "bin" / f"python{version}"
            if prefix.returncode == 0 and candidate.exists():
                return str(candidate)
    found = shutil.which(f"python{version}")
    assert found, f"Python {version} is not installed on this machine"
    return found


def outside_env():
    """The environment of a shell outside this test run.

    Nothing of the template's own environment leaks into a generated project: no
    virtualenv, nothing `uv run` sets, and nothing `pyenv exec` sets (it pins
    PYENV_VERSION and puts its Python first on PATH, which would hide a project's
    `.python-version` from pyenv). Python writes bytecode, as in a user's shell: a machine
    that sets PYTHONDONTWRITEBYTECODE would recompile every import of every run. Nor is it
    a CI job, even when this run is one.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "VIRTUAL_ENV",
            "PYTHONPATH",
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "PYTHONDONTWRITEBYTECODE",
            "CI",
        }
        and key != "PYENV_VERSION"
        and not key.startswith(("UV_", "PYTEST_"))
    }
    pyenv_versions = os.path.join(os.environ.get("PYENV_ROOT", "/nonexistent"), "versions")
    env["PATH"] = os.pathsep.join(
        entry
        for entry in os.environ["PATH"].split(os.pathsep)
        if ".venv" not in entry and not entry.startswith(pyenv_versions)
    )
    return env


def typed_with_defaults(command, cwd):
    """A README command run in a shell as a newcomer types it: Enter at every prompt takes
    its default."""
    return subprocess.run(
        command,
        shell=True,
        cwd=cwd,
        env=outside_env(),
        input="\n" * 40,
        text=True,
        capture_output=True,
        check=True,
        timeout=600,
    )


def user_env(**extra):
    """A developer's shell on this machine, where a generated project's commands are typed:
    no CI variable (so, for one, Hypothesis takes its local number of examples), and uv
    takes the installed Pythons, as none can be downloaded here."""
    return {**outside_env(), "UV_PYTHON_DOWNLOADS": "never", **extra}


def project_env(**extra):
    """The environment a generated project's commands run in, as its CI would have it."""
    return user_env(CI="true", **extra)


def at_a_terminal(command, cwd, typed, env=None, timeout=60):
    """A command run on a pseudo-terminal, as a person at a keyboard runs it: each answer of
    ``typed`` (``(what the prompt shows, what is typed)``) is typed once that prompt is on the
    screen and waits. Returns the screen's text (colours left out) and the exit status."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,
    )
    os.close(terminal)
    screen, asked, pending = "", 0, list(typed)
    try:
        while True:
            ready, _, _ = select.select([controller], [], [], timeout)
            assert ready, f"nothing more on the screen after {timeout} s:\n{screen}"
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the command has ended and closed the terminal
                break
            screen += re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", chunk.decode(errors="replace"))
            if pending and pending[0][0] in screen[asked:] and screen.endswith(": "):
                os.write(controller, pending.pop(0)[1].encode() + b"\r")
                asked = len(screen)
    finally:
        os.close(controller)
    assert not pending, f"never asked {pending[0][0]!r}:\n{screen}"
    return screen.replace("\r\n", "\n"), process.wait(timeout=timeout)
