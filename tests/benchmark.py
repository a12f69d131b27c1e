"""How long a newcomer waits, in seconds: run with `python3 tests/benchmark.py` (or
`uv run python tests/benchmark.py`). It prints figures and asserts nothing.

    generate             cookiecutter, hooks included
    install (cold)       `uv sync` with an empty uv cache: every package downloaded
    install (warm)       `uv sync` again in a fresh copy, from the cache
    pytest               the whole suite, as the README runs it
    pytest -n 2          the same on two workers
    pytest -m unit       the inner loop, without coverage
    ruff, mypy           the lint job's checks (mypy cold, then with its cache)

Options: --database sqlite|postgresql|mysql, --example (example_app=y), --runs N (the
suite figures are the best of N runs).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bakery import bake, project_env, python_path, tool  # noqa: E402

SERVERS = {
    "postgresql": "postgres://postgres@127.0.0.1:5432/tr_benchmark",
    "mysql": "mysql://root@127.0.0.1:3306/tr_benchmark",
}


def timed(command, cwd, env):
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"`{' '.join(command)}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="sqlite", choices=["sqlite", *SERVERS])
    parser.add_argument("--example", action="store_true", help="bake with example_app=y")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    uv = tool("uv") if shutil.which("uv", path=str(Path(sys.executable).parent)) else "uv"
    answers = {"database": options.database, "example_app": "yes" if options.example else "no"}
    figures = []
    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        env = project_env(UV_CACHE_DIR=str(work / "uv-cache"))
        if options.database in SERVERS:
            env["DATABASE_URL"] = SERVERS[options.database]

        start = time.perf_counter()
        project = bake(work / "cold", **answers)
        figures.append(("generate", time.perf_counter() - start))

        sync = [uv, "sync", "--python", python_path("3.12")]
        figures.append(("install (cold cache)", timed(sync, project, env)))
        warm = bake(work / "warm", **answers)
        figures.append(("install (warm cache)", timed(sync, warm, env)))

        suites = {
            "pytest": [uv, "run", "--no-sync", "pytest", "-q"],
            "pytest -n 2": [uv, "run", "--no-sync", "pytest", "-q", "-n", "2"],
            "pytest -m unit --no-cov": [
                uv,
                "run",
                "--no-sync",
                "pytest",
                "-q",
                "-m",
                "unit",
                "--no-cov",
            ],
        }
        for label, command in suites.items():
            best = min(timed(command, project, env) for _ in range(options.runs))
            figures.append((label, best))
        # The lint job's checks; mypy's first run fills its cache, as a new checkout's does.
        lint = {
            "ruff check + format": [
                "bash",
                "-c",
                f"{uv} run --no-sync ruff check . && {uv} run --no-sync ruff format --check .",
            ],
            "mypy (first run)": [uv, "run", "--no-sync", "mypy", "."],
            "mypy (cached)": [uv, "run", "--no-sync", "mypy", "."],
        }
        for label, command in lint.items():
            figures.append((label, timed(command, project, env)))

    first_green = figures[0][1] + figures[1][1] + figures[3][1]
    print(f"django-test-ready benchmark: {options.database}, example_app={answers['example_app']}")
    print(f"machine: {os.cpu_count()} cores; the project on Python 3.12")
    for label, seconds in figures:
        print(f"  {label:<26}{seconds:7.2f} s")
    print(f"  {'generate to first green':<26}{first_green:7.2f} s  (cold install)")


if __name__ == "__main__":
    main()
