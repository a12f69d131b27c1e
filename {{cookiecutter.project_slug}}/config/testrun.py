"""What the root conftest does around a run and each test: it checks the set-up, so that a
broken one reads as one line, and empties what the tests keep in memory. And ``untraced``,
for tests whose work is all in libraries' code.

It lives outside the test kit, and imports only what the run has already imported, for
the conftest reads it while coverage traces every line: a part of the suite stops
tracing here (``coverage_of_a_part``), before the kit, the factories and the test
libraries are imported, which under tracing would take a one-file run half a second.
"""

import importlib.util
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib.abc import Loader
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

import pytest
from coverage import Coverage
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import InMemoryStorage, Storage, storages

# The options that run a part of the suite rather than all of it, by pytest's names.
PARTIAL_OPTIONS = {
    "file_or_dir": "",
    "markexpr": "-m",
    "keyword": "-k",
    "lf": "--lf",
    "deselect": "--deselect",
    "stepwise": "--sw",
    "splits": "--splits",
    "testmon": "--testmon",
    "collectonly": "--collect-only",  # nothing runs, so nothing is covered
}


def partial_run(option: Any) -> str:
    """What makes this run a part of the suite (``"-m unit"``, its paths …), or ``""``."""
    chosen = []
    for name, flag in PARTIAL_OPTIONS.items():
        value = getattr(option, name, None)
        if not value:
            continue
        if name == "file_or_dir":
            chosen.append(" ".join(value))
        elif isinstance(value, str):
            chosen.append(f"{flag} {value}")
        else:
            chosen.append(flag)
    return ", ".join(chosen)


def coverage_of_a_part(config: pytest.Config) -> str:
    """Settle coverage for a partial run; returns the line the run ends with ("" for none).

    A part is not traced unless the command line asks (``--cov``): its figure would be of a
    part, and tracing costs a one-file run about half of its time. CI's parts
    (``--splits``) are traced, to be combined. Either way, the gate is for the whole suite,
    unless ``--cov-fail-under`` is given.
    """
    plugin = config.pluginmanager.getplugin("_cov")  # pytest-cov, when coverage is on
    if plugin is None or config.option.no_cov:
        return ""
    part = partial_run(config.option)
    asked = [str(arg) for arg in config.invocation_params.args if str(arg).startswith("--cov")]
    if not asked and not getattr(config.option, "splits", None):
        measuring = Coverage.current()
        if measuring is not None:
            measuring.stop()
        plugin.options.no_cov = True
        if getattr(config.option, "testmon", False):
            # testmon traces the run itself, and refuses to run beside branch coverage.
            config.pluginmanager.unregister(plugin)
        return (
            f"Coverage not measured: a partial run ({part}). "
            "`uv run pytest` measures the whole suite; `--cov` after the paths, a part."
        )
    if any(arg.startswith("--cov-fail-under") for arg in asked):
        return ""
    plugin.options.cov_fail_under = 0
    return (
        f"Coverage gate not applied: a partial run ({part}). "
        "The whole suite (`uv run pytest`) applies it."
    )


@contextmanager
def untraced() -> Iterator[None]:
    """Coverage stops measuring for the block, and starts again after it.

    For work that is all in libraries' code (the API contract tests read the schema and
    generate requests with schemathesis): on Python 3.12 and 3.13, measuring branches
    slows every line that runs, a library's as much as the project's. Every measurement is
    stopped, then started again in the order they began: a pytest-xdist worker runs two
    of pytest-cov's, one paused under the other, and stopping the one on top would resume
    the other.
    """
    stopped = []
    while (measuring := Coverage.current()) is not None:
        measuring.stop()
        stopped.append(measuring)
    try:
        yield
    finally:
        for measuring in reversed(stopped):
            measuring.start()


def hypothesis_seed(config: pytest.Config) -> int | None:
    """The seed Hypothesis takes: the run's, pytest-randomly's (the order, factory_boy,
    Faker), so ``--randomly-seed=N`` (or ``last``) replays the examples as well as the
    order. ``None`` when ``--hypothesis-seed`` is given (it wins) or pytest-randomly is
    off (``-p no:randomly``). Read once the plugins have settled the seed: a number."""
    option = config.option
    if getattr(option, "hypothesis_seed", None) is not None:
        return None
    seed = getattr(option, "randomly_seed", None)
    return seed if isinstance(seed, int) else None


def when_imported(name: str, then: Callable[[], object]) -> None:
    """Call ``then`` once, right after the module ``name`` is first imported, before the
    import statement returns (at once, if it already is)."""
    if name in sys.modules:
        then()
    else:
        sys.meta_path.insert(0, _FirstImport(name, then))


class _FirstImport:
    """A finder that lets the others find ``name``, and runs ``then`` after its code."""

    def __init__(self, name: str, then: Callable[[], object]) -> None:
        self.name, self.then = name, then

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)  # one import, one call; the others find the module
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _ThenLoader(spec.loader, self.then)
        return spec


class _ThenLoader(Loader):
    """Loads a module with its own loader, then calls ``then``. The module keeps its own
    loader (which may load others too: pytest's, for one)."""

    def __init__(self, loader: Loader, then: Callable[[], object]) -> None:
        self.loader, self.then = loader, then

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        module.__loader__ = self.loader
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader
        self.loader.exec_module(module)
        self.then()


def pending_migrations() -> dict[str, list[str]]:
    """``{app label: [what changed]}`` for every model change that has no migration yet."""
    from django.apps import apps
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.state import ProjectState

    loader = MigrationLoader(None, ignore_no_migrations=True)
    detector = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps))
    return {
        label: [change.describe() for migration in migrations for change in migration.operations]
        for label, migrations in detector.changes(graph=loader.graph).items()
    }


def database_url(database: Mapping[str, Any] | None = None) -> str:
    """The default database (or ``database``, a DATABASES entry) as a URL, password hidden."""
    database = database or settings.DATABASES["default"]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":
        return f"sqlite:///{database['NAME']}"
    user = database.get("USER") or ""
    if database.get("PASSWORD"):
        user += ":***"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    at = f"{user}@" if user else ""
    return f"{engine}://{at}{database.get('HOST') or 'localhost'}{port}/{database['NAME']}"


def forget_memory() -> None:
    """Empty every cache in use and the in-memory file storage.

    The root conftest calls this after every test, so a value cached or a file saved by
    one test is never found by the next, whatever their order.
    """
    for cache in caches.all(initialized_only=True):
        cache.clear()
    storage = storages["default"]
    if isinstance(storage, InMemoryStorage):
        _delete_everything(storage)


def _delete_everything(storage: Storage, folder: str = "") -> None:
    folders, files = storage.listdir(folder)
    for name in files:
        storage.delete(folder + name)
    for name in folders:
        _delete_everything(storage, f"{folder}{name}/")
