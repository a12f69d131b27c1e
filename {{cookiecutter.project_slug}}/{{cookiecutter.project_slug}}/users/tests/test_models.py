import pytest
from django.contrib.auth import get_user_model

from {{ cookiecutter.project_slug }}.users.factories import UserFactory
from {{ cookiecutter.project_slug }}.users.models import User


def test_the_project_uses_its_own_user_model():
    assert get_user_model() is User


def test_a_user_reads_as_its_username():
    assert str(UserFactory.build(username="ada")) == "ada"


@pytest.mark.django_db
def test_create_user_stores_a_hashed_password():
    user = User.objects.create_user("grace", "grace@example.com", "a-long-passphrase")

    assert user.password != "a-long-passphrase"
    assert user.check_password("a-long-passphrase")
    assert not user.is_staff


@pytest.mark.django_db
def test_create_superuser_can_use_the_admin():
    admin = User.objects.create_superuser("root", "root@example.com", "a-long-passphrase")

    assert admin.is_staff
    assert admin.is_superuser
