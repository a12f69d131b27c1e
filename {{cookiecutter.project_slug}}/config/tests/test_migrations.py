import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # Fails with the missing migration's name when a model changed without one.
    call_command("makemigrations", "--check", "--dry-run", verbosity=1)
