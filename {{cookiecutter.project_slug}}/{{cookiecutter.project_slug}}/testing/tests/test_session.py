from argparse import Namespace

from django.db import models
from django.db.migrations.state import ProjectState

from {{ cookiecutter.project_slug }}.testing.session import (
    database_url,
    partial_run,
    pending_migrations,
)


def options(**chosen):
    return Namespace(**{"file_or_dir": [], "markexpr": "", "keyword": "", "lf": False, **chosen})


def test_the_whole_suite_is_not_a_partial_run():
    assert partial_run(options()) == ""


def test_a_partial_run_says_what_chose_its_part():
    chosen = options(file_or_dir=["config", "manage.py"], markexpr="unit", lf=True)

    assert partial_run(chosen) == "config manage.py, -m unit, --lf"


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
