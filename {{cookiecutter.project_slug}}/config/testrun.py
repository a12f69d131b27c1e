"""What the root conftest does around a run and each test: it checks the set-up, so that a
broken one reads as one line, and empties what the tests keep in memory.

It lives outside the test kit, and imports only what the run has already imported, for
the conftest reads it while coverage traces every line: a part of the suite stops
tracing here (``coverage_of_a_part``), before the kit, the factories and the test
libraries are imported, which under tracing would take a one-file run half a second.
"""

import random
from collections.abc import Mapping
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


def share_the_seed(config: pytest.Config) -> None:
    """One seed for the run: pytest-randomly's (the order, factory_boy, Faker) is
    Hypothesis' too, so ``--randomly-seed=N`` replays the examples as well as the order.

    Runs before both plugins read their options; ``--hypothesis-seed`` still wins.
    """
    option = config.option
    if not hasattr(option, "randomly_seed") or getattr(option, "hypothesis_seed", 0) is not None:
        return  # no pytest-randomly, no Hypothesis, or a Hypothesis seed given
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:  # an xdist worker: the controller chose the seed
        option.hypothesis_seed = workerinput["randomly_seed"]
    elif option.randomly_seed == "default":
        option.randomly_seed = option.hypothesis_seed = random.Random().getrandbits(32)
    elif option.randomly_seed != "last":
        option.hypothesis_seed = option.randomly_seed


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
