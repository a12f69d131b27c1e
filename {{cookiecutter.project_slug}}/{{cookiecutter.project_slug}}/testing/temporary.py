"""Models that live for one test: abstract models and mixins against a real table."""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast

from django.apps import apps
from django.db import connection, models

# An installed app without models of its own: real models see relations to models in it.
APP_LABEL = "core"


@contextmanager
def temporary_model(
    *bases: type, fields: Mapping[str, Any] | None = None, name: str | None = None
) -> Iterator[type[models.Model]]:
    """Build a concrete model from ``bases`` (abstract models, mixins), with its table.

    Yields the model class; the table is dropped and the model forgotten afterwards.
    Creating a table commits on MySQL and cannot happen inside SQLite's transaction, so
    the test must not run in one: use the ``transactional_db`` fixture (pytest) or a
    ``TransactionTestCase``.

        title = models.CharField(max_length=20)
        with temporary_model(TimeStampedModel, fields={"title": title}) as Note:
            Note.objects.create(title="hello")
    """
    if connection.in_atomic_block:
        raise RuntimeError(
            "temporary_model cannot create a table inside the test's transaction: "
            "use the transactional_db fixture or a TransactionTestCase"
        )
    if not any(issubclass(base, models.Model) for base in bases):
        bases = (*bases, models.Model)
    name = name or "Temporary" + "".join(base.__name__ for base in bases)
    meta = type("Meta", (), {"app_label": APP_LABEL})
    # Defining the class registers it with an installed app: real models then see its
    # relations, and deleting one of them cascades into its table.
    attributes = {"__module__": __name__, "Meta": meta, **(fields or {})}
    model = cast(type[models.Model], type(name, bases, attributes))
    try:
        with connection.schema_editor() as editor:
            # A run that was killed inside the block left its table in the kept database.
            if model._meta.db_table in connection.introspection.table_names():
                editor.delete_model(model)
            editor.create_model(model)
        yield model
    finally:
        with connection.schema_editor() as editor:
            if model._meta.db_table in connection.introspection.table_names():
                editor.delete_model(model)
        # The app registry has no public way to forget a model: this is Django's own
        # registry of them (testing/tests/test_temporary.py fails if it moves).
        del apps.all_models[APP_LABEL][model.__name__.lower()]
        apps.clear_cache()
