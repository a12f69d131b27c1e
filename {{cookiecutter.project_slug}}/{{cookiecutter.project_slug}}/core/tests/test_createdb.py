import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from {{ cookiecutter.project_slug }}.core.management.commands.createdb import (
    create_database,
)


@pytest.fixture
def probe():
    """A second connection, to a database of its own name on the same server (unique, so
    suites running side by side on one server do not meet)."""
    other = connection.copy()
    name = f"createdb_probe_{uuid.uuid4().hex[:12]}"
    other.settings_dict["NAME"] = name
    yield other
    if other.vendor != "sqlite":
        with other._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {other.ops.quote_name(name)}")
    other.close()


@pytest.mark.django_db
def test_the_database_is_created_once(probe):
    if probe.vendor == "sqlite":
        assert create_database(probe) is None  # SQLite makes its file on first use
        return

    assert create_database(probe) is True
    assert create_database(probe) is False


@pytest.mark.django_db
def test_the_command_says_what_it_did():
    output = StringIO()

    call_command("createdb", stdout=output)

    name = connection.settings_dict["NAME"]
    assert output.getvalue().strip() in {
        f"{name} exists",
        f"SQLite creates {name} on first use: nothing to do",
    }
