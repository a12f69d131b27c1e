"""``manage.py createdb``: create the database that DATABASE_URL names, unless it exists."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Create the database DATABASE_URL names on its server, unless it exists already."
    # The system checks ask a MySQL server about the database that is not there yet.
    requires_system_checks = []

    def handle(self, **options):
        name = connection.settings_dict["NAME"]
        created = create_database(connection)
        if created is None:
            self.stdout.write(f"SQLite creates {name} on first use: nothing to do")
        else:
            self.stdout.write(f"Created the database {name}" if created else f"{name} exists")


# How each server tells whether a database exists, and how it makes one.
SQL = {
    "postgresql": ("SELECT 1 FROM pg_database WHERE datname = %s", "CREATE DATABASE {}"),
    "mysql": (
        "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s",
        "CREATE DATABASE {} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
    ),
}


def create_database(database):
    """Create ``database``'s NAME on its server: True if created, False if it existed,
    None for SQLite (it makes its file on first use)."""
    if database.vendor == "sqlite":
        return None
    name = database.settings_dict["NAME"]
    if database.vendor not in SQL:
        raise CommandError(f"createdb knows no {database.vendor} server: create {name} by hand")
    exists, create = SQL[database.vendor]
    # A connection to the server itself, as Django's own test runner makes one.
    with database._nodb_cursor() as cursor:
        cursor.execute(exists, [name])
        if cursor.fetchone():
            return False
        cursor.execute(create.format(database.ops.quote_name(name)))
    return True
