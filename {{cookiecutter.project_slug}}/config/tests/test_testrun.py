import ast
import importlib
import sys
from argparse import Namespace
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import models
from django.db.migrations.state import ProjectState

from config import testrun
from config.testrun import (
    coverage_of_a_part,
    database_url,
    hypothesis_seed,
    partial_run,
    pending_migrations,
    untraced,
    when_imported,
)


def options(**chosen):
    return Namespace(**{"file_or_dir": [], "markexpr": "", "keyword": "", "lf": False, **chosen})


def test_the_whole_suite_is_not_a_partial_run():
    assert partial_run(options()) == ""


def test_a_partial_run_says_what_chose_its_part():
    chosen = options(file_or_dir=["config", "manage.py"], markexpr="unit", lf=True)

    assert partial_run(chosen) == "config manage.py, -m unit, --lf"


def test_listing_the_tests_is_a_partial_run():
    assert partial_run(options(collectonly=True)) == "--collect-only"


class Measuring:
    """Stands in for the running coverage, which this suite's own run must keep."""

    stopped = False

    def stop(self):
        self.stopped = True


@pytest.fixture
def measuring(monkeypatch):
    running = Measuring()
    monkeypatch.setattr(testrun.Coverage, "current", staticmethod(lambda: running))
    return running


def a_run(*args, splits=None):
    """A pytest config for ``pytest my_service/users *args`` with pytest-cov's plugin."""
    plugin = SimpleNamespace(options=Namespace(no_cov=False, cov_fail_under=80))
    config = SimpleNamespace(
        pluginmanager=SimpleNamespace(getplugin={"_cov": plugin}.get),
        option=options(file_or_dir=["my_service/users"], no_cov=False, splits=splits),
        invocation_params=SimpleNamespace(args=("my_service/users", *args)),
    )
    return config, plugin.options


def test_a_part_is_not_traced_and_says_so(measuring):
    config, coverage = a_run()

    said = coverage_of_a_part(config)

    assert said.startswith("Coverage not measured: a partial run (my_service/users).")
    assert measuring.stopped
    assert coverage.no_cov


def test_a_part_asked_with_cov_is_measured_without_the_gate(measuring):
    config, coverage = a_run("--cov")

    said = coverage_of_a_part(config)

    assert said.startswith("Coverage gate not applied: a partial run (my_service/users).")
    assert not measuring.stopped
    assert coverage.cov_fail_under == 0


def test_a_gate_asked_for_a_part_applies(measuring):
    config, coverage = a_run("--cov", "--cov-fail-under=90")

    assert coverage_of_a_part(config) == ""
    assert not measuring.stopped
    assert coverage.cov_fail_under == 80  # pytest-cov reads the 90 from the command line


def test_a_ci_part_is_measured_to_be_combined(measuring):
    config, coverage = a_run(splits=2)

    assert coverage_of_a_part(config).startswith("Coverage gate not applied")
    assert not measuring.stopped
    assert not coverage.no_cov


class Measurement:
    """Stands in for one of coverage's measurements, on a stack of those started."""

    def __init__(self, started):
        self.started = started

    def start(self):
        self.started.append(self)

    def stop(self):
        self.started.remove(self)


@pytest.fixture
def started(monkeypatch):
    """Two measurements started, one over the other, as on a pytest-xdist worker."""
    started = []
    for _ in range(2):
        Measurement(started).start()
    current = staticmethod(lambda: started[-1] if started else None)
    monkeypatch.setattr(testrun.Coverage, "current", current)
    return started


def test_untraced_stops_every_measurement_then_starts_them_in_their_order(started):
    before = list(started)

    with untraced():
        assert testrun.Coverage.current() is None

    assert started == before


def test_untraced_starts_them_again_when_the_block_fails(started):
    before = list(started)

    with pytest.raises(ZeroDivisionError), untraced():
        1 / 0  # noqa: B018

    assert started == before


def seeded(randomly_seed, hypothesis_seed=None):
    """A pytest config with pytest-randomly's and Hypothesis' seed options, as settled."""
    option = Namespace(randomly_seed=randomly_seed, hypothesis_seed=hypothesis_seed)
    return SimpleNamespace(option=option)


def test_hypothesis_takes_the_seed_of_the_run():
    assert hypothesis_seed(seeded(4242)) == 4242


def test_a_hypothesis_seed_given_wins():
    assert hypothesis_seed(seeded(4242, hypothesis_seed=1)) is None


def test_without_pytest_randomly_hypothesis_chooses_its_own_seed():
    config = SimpleNamespace(option=Namespace(hypothesis_seed=None))

    assert hypothesis_seed(config) is None
{%- if cookiecutter.use_drf %}


def test_this_run_s_hypothesis_takes_the_run_s_seed_and_profile(request):
    import os

    from hypothesis import core, settings

    assert core.global_force_seed == hypothesis_seed(request.config)
    # the profile chosen, or the one for where the run is (root conftest.py), untimed
    chosen = request.config.getoption("hypothesis_profile")
    assert settings.get_current_profile_name() == (
        chosen or ("ci" if os.environ.get("CI") else "dev")
    )
    assert settings().deadline is None
    examples = {name: settings.get_profile(name).max_examples for name in ("dev", "ci")}
    assert examples == {"dev": 10, "ci": 30}
{%- endif %}


@pytest.fixture
def a_module(tmp_path, monkeypatch):
    """The name of a module that is not imported yet; it records that its code ran."""
    (tmp_path / "not_imported_yet.py").write_text("import sys\nsys.ran = True\n")
    monkeypatch.syspath_prepend(tmp_path)
    monkeypatch.setattr(sys, "ran", False, raising=False)
    monkeypatch.delitem(sys.modules, "not_imported_yet", raising=False)
    finders = list(sys.meta_path)
    yield "not_imported_yet"
    sys.meta_path[:] = finders
    sys.modules.pop("not_imported_yet", None)


def test_a_call_waits_for_the_first_import_and_follows_the_module_s_code(a_module):
    calls = []

    when_imported(a_module, lambda: calls.append(sys.ran))
    assert calls == []
    module = importlib.import_module(a_module)
    importlib.import_module(a_module)

    assert calls == [True]  # once, after the module's code ran
    assert module.__loader__ is module.__spec__.loader
    assert not isinstance(module.__loader__, testrun._ThenLoader)  # the module's own loader


def test_a_module_imported_already_calls_at_once(a_module):
    calls = []
    importlib.import_module(a_module)

    when_imported(a_module, lambda: calls.append("called"))

    assert calls == ["called"]


def test_models_and_migrations_agree():
    assert pending_migrations() == {}


def test_a_model_change_without_a_migration_is_named(monkeypatch):
    models_now = ProjectState.from_apps

    def with_a_field_added(apps):
        state = models_now(apps)
        state.models["users", "user"].fields["nickname"] = models.CharField(max_length=30)
        return state

    monkeypatch.setattr(ProjectState, "from_apps", staticmethod(with_a_field_added))

    assert pending_migrations() == {"users": ["Add field nickname to user"]}


def test_the_database_url_hides_the_password():
    database = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "service",
        "USER": "app",
        "PASSWORD": "s3cret",
        "HOST": "db.internal",
        "PORT": 5432,
    }

    assert database_url(database) == "postgresql://app:***@db.internal:5432/service"
    assert database_url({"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}) == (
        "sqlite:///:memory:"
    )


def imported_at_the_top(path):
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.module


def test_the_conftest_imports_nothing_new_before_a_part_stops_tracing():
    """pytest reads the root conftest, and the rules it imports, while coverage traces
    every line; a partial run stops tracing in pytest_configure. What they import at their
    top is imported under tracing in every run (the test kit alone: half a second), so
    anything more belongs inside the fixture or hook that uses it."""
    root = Path(settings.BASE_DIR)
    imported = {
        *imported_at_the_top(root / "conftest.py"),
        *imported_at_the_top(root / "config" / "testrun.py"),
    }

    assert imported - ALREADY_LOADED == set()


# The standard library, and what pytest, pytest-cov and Django's set-up have imported
# before the conftest is read.
ALREADY_LOADED = {
    "atexit",
    "collections.abc",
    "contextlib",
    "gc",
    "importlib.abc",
    "importlib.machinery",
    "importlib.util",
    "os",
    "sys",
    "types",
    "typing",
    "pytest",
    "coverage",
    "django.conf",
    "django.core.cache",
    "django.core.files.storage",
    "config.testrun",
}
