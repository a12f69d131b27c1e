"""How long a newcomer waits, in seconds: run with `python3 tests/benchmark.py` (or
`uv run python tests/benchmark.py`). It prints figures and asserts nothing.

Every figure is a whole command, timed as a user types it (`uv run pytest …`), in a shell
that writes bytecode; but for the first run of the suite, after one unmeasured run has
written it. Beside each figure that has
one is its floor: the same command in a bare Django project (`django-admin startproject`
with pytest-django and nothing else, the same Django and pytest, SQLite) running the same
synthetic tests, or, for generating, Python importing cookiecutter.

    generate                 cookiecutter, hooks included, as a whole process; and, to
                             show what is cookiecutter's own, a template of one file
    install (cold, warm)     `uv sync` with an empty uv cache, then again from the cache
    start-up                 `uv run pytest` of one file holding one database test
    request test             the marginal cost of one test that creates a user, logs it in
                             with `force_login` and GETs /health/ (2,000 of them, serial)
    request tests, -n 2      the same 2,000 on two workers: the speed-up, and the time
    two processes at once    what this machine allows two workers: the speed-up of two
                             independent Python processes doing the same busy work
    pytest --cov, first run  the whole suite right after install, writing bytecode (its
                             three slowest steps, and how long tasks stalled on the disk
                             meanwhile, are printed below the figures)
    pytest --cov             the whole suite, coverage and its gate included (its five
                             slowest steps are printed below the figures)
    pytest                   the whole suite, not measured: what measuring costs
    pytest -n 2, -m unit     the whole suite on two workers; the unit layer alone
    ruff, mypy               the lint job's checks (mypy cold, then with its cache)

Options: --database sqlite|postgresql|mysql (the project's; the floor stays on SQLite),
--example (example_app=y), --runs N (each test figure is the best of N runs).

--instructions prints, instead, what the whole suite costs in instructions, with coverage
and without: how many the pytest process runs, as valgrind's callgrind counts them. A
count does not move with the machine's load, as seconds do, so it shows what a change to
the project saves on a day too noisy to time it (about ten minutes; needs valgrind).
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bakery import TEMPLATE, python_path, tool, user_env  # noqa: E402

SERVERS = {
    "postgresql": "postgres://postgres@127.0.0.1:5432/tr_benchmark",
    "mysql": "mysql://root@127.0.0.1:3306/tr_benchmark",
}
REQUEST_TESTS = 2000

ONE_DATABASE_TEST = """\
from django.contrib.auth import get_user_model


def test_there_are_no_users_yet(db):
    assert not get_user_model().objects.exists()
"""

REQUEST_TEST = f"""\
import pytest
from django.contrib.auth import get_user_model


@pytest.mark.parametrize("number", range({REQUEST_TESTS}))
def test_a_logged_in_user_reaches_the_health_check(client, db, number):
    user = get_user_model().objects.create_user(username=f"user{{number}}")
    client.force_login(user)

    assert client.get("/health/").status_code == 200
"""

# The bare project's /health/: what the generated one does, a database round trip.
FLOOR_HEALTH = """
from django.db import connection
from django.http import JsonResponse


def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


urlpatterns.append(path("health/", health))
"""


def timed(command, cwd, env, output=None):
    """Seconds the command took; what it printed is appended to ``output``, if given."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"`{' '.join(command)}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    if output is not None:
        output.append(result.stdout)
    return elapsed


def slowest_steps(pytest_output):
    """The lines of ``--durations`` in what pytest printed."""
    return [
        line
        for line in pytest_output.splitlines()
        if re.match(r"\d+\.\d+s (setup|call|teardown) ", line)
    ]


def io_wait():
    """Seconds this machine's tasks have spent stalled on its disks since it booted
    (Linux's pressure stall information), or None where the kernel does not say."""
    try:
        some = Path("/proc/pressure/io").read_text().splitlines()[0]
    except OSError:
        return None
    return int(some.rsplit("total=", 1)[1]) / 1e6


def best(command, cwd, env, runs):
    timed(command, cwd, env)  # writes bytecode, and SQLite's and pytest's caches
    return min(timed(command, cwd, env) for _ in range(runs))


def bake_command(output_dir, answers, template=TEMPLATE):
    return [
        sys.executable,
        "-m",
        "cookiecutter",
        "--no-input",
        str(template),
        "--output-dir",
        str(output_dir),
        *(f"{key}={value}" for key, value in answers.items()),
    ]


def one_file_template(folder):
    """The least a template can be: one answer, one file that uses it, no hooks."""
    project = folder / "{{cookiecutter.project_slug}}"
    project.mkdir(parents=True)
    (folder / "cookiecutter.json").write_text('{"project_slug": "one_file"}')
    (project / "README.md").write_text("# {{ cookiecutter.project_slug }}\n")
    return folder


def installed_version(uv, project, env, distribution):
    script = f"from importlib.metadata import version; print(version({distribution!r}))"
    result = subprocess.run(
        [uv, "run", "--no-sync", "python", "-c", script],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def make_floor(folder, uv, python, project, env):
    """A project made by `django-admin startproject`, with pytest-django, the same Django
    and pytest as ``project``, and xdist for the figure that needs two workers."""
    pins = [
        f"{name}=={installed_version(uv, project, env, name)}"
        for name in ("django", "pytest", "pytest-django", "pytest-xdist")
    ]
    folder.mkdir()
    (folder / "pyproject.toml").write_text(
        f'[project]\nname = "floor"\nversion = "0"\ndependencies = {json.dumps(pins)}\n'
        "[tool.uv]\npackage = false\n"
        '[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "floor.settings"\n'
    )
    subprocess.run([uv, "sync", "-q", "--python", python], cwd=folder, env=env, check=True)
    subprocess.run(
        [uv, "run", "--no-sync", "django-admin", "startproject", "floor", "."],
        cwd=folder,
        env=env,
        check=True,
    )
    urls = folder / "floor" / "urls.py"
    urls.write_text(urls.read_text() + FLOOR_HEALTH)
    return folder


def synthetic_tests(project):
    folder = project / "benchmark_tests"
    folder.mkdir()
    (folder / "test_benchmark_one.py").write_text(ONE_DATABASE_TEST)
    (folder / "test_benchmark_requests.py").write_text(REQUEST_TEST)
    return folder


# Pure Python work, neither reading nor writing: under a second here.
BUSY = [sys.executable, "-c", "sum(number * number for number in range(8_000_000))"]


def parallel_ceiling(runs):
    """How many times faster two runs of BUSY finish at once than one after the other:
    what two workers could gain at most here. A machine shared with others gives
    anything from 1.2 to over 2 from one try to the next, so each pair of tries (one
    alone, then two at once) is a ratio, and the figure is the median of them."""
    ratios = []
    for _ in range(runs):
        alone = timed(BUSY, None, None)
        start = time.perf_counter()
        both = [subprocess.Popen(BUSY) for _ in range(2)]
        if any(process.wait() for process in both):
            sys.exit("the busy work failed")
        ratios.append(2 * alone / (time.perf_counter() - start))
    return statistics.median(ratios)


def instructions(uv, project, env):
    """Billions of instructions the whole suite's pytest process runs, with ``--cov`` and
    without, both counted at once. The seed is fixed (the order, and Hypothesis'
    examples) and so is Python's hash seed, so that a count repeats within a percent."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        sys.exit("--instructions needs valgrind: `apt-get install valgrind`, for one.")
    env = {**env, "PYTHONHASHSEED": "0"}
    pytest = ["python", "-m", "pytest", "-q", "-p", "randomly", "--randomly-seed=1"]
    timed([uv, "run", *pytest], project, env)  # writes bytecode
    with tempfile.TemporaryDirectory() as folder:
        counted = {}
        for label, extra in (("pytest --cov (the whole suite)", ["--cov"]), ("pytest", [])):
            out = Path(folder) / f"callgrind{len(counted)}.out"
            callgrind = [valgrind, "--tool=callgrind", f"--callgrind-out-file={out}"]
            command = [uv, "run", *callgrind, *pytest, *extra]
            quiet = subprocess.DEVNULL
            process = subprocess.Popen(command, cwd=project, env=env, stdout=quiet, stderr=quiet)
            counted[label] = (out, process)
        figures = {}
        for label, (out, process) in counted.items():
            if process.wait():
                sys.exit(f"`{label}` under callgrind failed")
            summary = re.search(r"^summary: (\d+)$", out.read_text(), re.M)
            figures[label] = int(summary.group(1)) / 1e9
    return figures


def request_figures(uv, project, env, runs, coverage=False):
    """Start-up, the marginal request test (serial), and the 2,000 on two workers (the
    time and the speed-up); with ``coverage``, the marginal request test when ``--cov``
    asks for coverage too."""
    tests = synthetic_tests(project)
    pytest = [uv, "run", "pytest", "-q"]
    one = best([*pytest, str(tests / "test_benchmark_one.py")], project, env, runs)
    requests = [*pytest, str(tests / "test_benchmark_requests.py")]
    serial = best(requests, project, env, runs)
    parallel = best([*requests, "-n", "2"], project, env, runs)
    figures = {
        "start-up": one,
        "request test": (serial - one) / (REQUEST_TESTS - 1),
        "-n 2 speed-up": serial / parallel,
        "-n 2 time": parallel,
    }
    if coverage:
        covered = best([*requests, "--cov", "--cov-fail-under=0"], project, env, runs)
        figures["request test, --cov"] = (covered - one) / (REQUEST_TESTS - 1)
    shutil.rmtree(tests)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="sqlite", choices=["sqlite", *SERVERS])
    parser.add_argument("--example", action="store_true", help="bake with example_app=y")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--instructions", action="store_true", help="count the whole suite's instructions"
    )
    options = parser.parse_args()

    uv = tool("uv") if shutil.which("uv", path=str(Path(sys.executable).parent)) else "uv"
    answers = {"database": options.database, "example_app": "yes" if options.example else "no"}
    rows = []  # (label, figure, floor, unit)

    def row(label, figure, floor=None, unit="s"):
        rows.append((label, figure, floor, unit))

    # What earlier commands left to write to disk is written now, not during a figure.
    os.sync()
    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        # A developer's shell: not CI, so the project keeps its test database between runs.
        # pytest's temporary folders under a root of their own, as on a machine where no
        # other run left any: a run that makes one deletes all it finds but the newest
        # three, and after the template's own suite that includes the folder of every
        # project it generated (16 s for 187,000 files, counted in the first figure).
        (work / "pytest-tmp").mkdir()
        env = user_env(
            UV_CACHE_DIR=str(work / "uv-cache"), PYTEST_DEBUG_TEMPROOT=str(work / "pytest-tmp")
        )
        floor_env = dict(env)
        if options.database in SERVERS:
            env["DATABASE_URL"] = SERVERS[options.database]

        template_env = {**os.environ}
        template_env.pop("PYTHONDONTWRITEBYTECODE", None)
        importing = [sys.executable, "-c", "import cookiecutter.main"]
        timed(importing, TEMPLATE, template_env)
        generate = min(
            timed(bake_command(work / f"cold{attempt}", answers), TEMPLATE, template_env)
            for attempt in range(options.runs)
        )
        importing_only = min(timed(importing, TEMPLATE, template_env) for _ in range(3))
        row("generate", generate, importing_only)
        one_file = one_file_template(work / "one-file")
        generate_one_file = min(
            timed(bake_command(work / f"one-file{attempt}", {}, one_file), work, template_env)
            for attempt in range(options.runs)
        )
        row("generate, a one-file template", generate_one_file, importing_only)
        project = work / "cold0" / "my_service"
        for attempt in range(1, options.runs):
            shutil.rmtree(work / f"cold{attempt}")

        version = (project / ".python-version").read_text().strip()
        python = python_path(version)
        sync = [uv, "sync", "--python", python]
        install_cold = timed(sync, project, env)
        if options.instructions:
            counted = instructions(uv, project, env)
            print(
                f"django-test-ready benchmark: {options.database},"
                f" example_app={answers['example_app']}, Python {version}:"
                " instructions of the pytest process (callgrind)"
            )
            for label, figure in counted.items():
                print(f"  {label:<32}{figure:8.2f} billion")
            covered, bare = counted.values()
            print(f"  measuring coverage costs {covered / bare - 1:.0%} more")
            return
        # With its three slowest steps, printed below the figures: a slow first run says why.
        printed = []
        waited = io_wait()
        first_run = timed(
            [uv, "run", "pytest", "--cov", "-q", "--durations=3"], project, env, printed
        )
        if waited is not None:
            waited = io_wait() - waited
        timed(bake_command(work / "warm", answers), TEMPLATE, template_env)
        install_warm = timed(sync, work / "warm" / "my_service", env)

        ours = request_figures(uv, project, env, options.runs, coverage=True)
        floor = make_floor(work / "floor", uv, python, project, floor_env)
        bare = request_figures(uv, floor, floor_env, options.runs)

        pytest = [uv, "run", "pytest", "-q"]
        suite = best([*pytest, "--cov"], project, env, options.runs)
        timed([*pytest, "--cov", "--durations=5"], project, env, printed)

        row("install (cold cache)", install_cold)
        row("install (warm cache)", install_warm)
        row("start-up: one database test", ours["start-up"], bare["start-up"])
        ms = 1000
        row("request test (marginal)", ours["request test"] * ms, bare["request test"] * ms, "ms")
        row("request test with --cov", ours["request test, --cov"] * ms, None, "ms")
        speed_up, both = "-n 2 speed-up", "-n 2 time"
        row("request tests, -n 2 speed-up", ours[speed_up], bare[speed_up], "x")
        row("2,000 request tests, -n 2", ours[both], bare[both])
        row("two processes at once", parallel_ceiling(max(options.runs, 9)), None, "x")
        row("pytest --cov, first run", first_run)
        row("pytest --cov (the whole suite)", suite)
        row("pytest (not measured)", best(pytest, project, env, options.runs))
        row("pytest -n 2", best([*pytest, "-n", "2"], project, env, options.runs))
        row("pytest -m unit", best([*pytest, "-m", "unit"], project, env, options.runs))
        # The lint job's checks; mypy's first run fills its cache, as a new checkout's does.
        row(
            "ruff check + format",
            timed(
                [
                    "bash",
                    "-c",
                    f"{uv} run ruff check . && {uv} run ruff format --check .",
                ],
                project,
                env,
            ),
        )
        row("mypy (first run)", timed([uv, "run", "mypy", "."], project, env))
        row("mypy (cached)", timed([uv, "run", "mypy", "."], project, env))
        row("generate to first green", generate + install_cold + first_run, None)

    print(
        f"django-test-ready benchmark: {options.database}, example_app={answers['example_app']},"
        f" Python {version} (the project's .python-version)"
    )
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()}")
    print(f"  {'':<32}{'project':>10}{'floor':>12}")
    for label, figure, floor_figure, unit in rows:
        shown = f"{figure:8.2f} {unit:<2}"
        beside = f"{floor_figure:9.2f} {unit:<2}" if floor_figure is not None else ""
        ratio = ""
        if floor_figure and unit != "x":
            ratio = f"  ({figure / floor_figure:.1f}x the floor)"
        print(f"  {label:<32}{shown}{beside}{ratio}")
    print("  floor: generate against `import cookiecutter.main`; the test figures against a")
    print("  bare Django project (SQLite). -n 2 speed-up: serial time over two-worker time;")
    print("  two processes at once: the most two workers could gain on this machine.")
    print("  pytest --cov, first run: its slowest steps")
    for line in slowest_steps(printed[0]):
        print(f"    {line}")
    if waited is not None:
        print(f"  and the time tasks stalled on the disk meanwhile: {waited:.2f} s")
    print("  pytest --cov: its slowest steps")
    for line in slowest_steps(printed[1]):
        print(f"    {line}")


if __name__ == "__main__":
    main()
