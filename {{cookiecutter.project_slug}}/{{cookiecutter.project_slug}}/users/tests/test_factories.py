import pytest

from {{ cookiecutter.project_slug }}.users.factories import (
    DEFAULT_PASSWORD,
    StaffUserFactory,
    UserFactory,
)


def test_build_makes_an_unsaved_user_without_the_database():
    # A unit test: pytest-django would fail it if it touched the database.
    user = UserFactory.build()

    assert user.pk is None
    assert user.email == f"{user.username}@example.com"
    assert user.check_password(DEFAULT_PASSWORD)


def test_a_given_password_is_hashed_and_honoured():
    user = UserFactory.build(password="another-passphrase")

    assert user.password != "another-passphrase"
    assert user.check_password("another-passphrase")
    assert not user.check_password(DEFAULT_PASSWORD)


def test_usernames_are_unique_across_a_batch():
    users = UserFactory.build_batch(5)

    assert len({user.username for user in users}) == 5


@pytest.mark.django_db
def test_create_saves_a_user_who_can_log_in(client):
    user = UserFactory()

    assert user.pk is not None
    assert client.login(username=user.username, password=DEFAULT_PASSWORD)


def test_staff_factory_makes_staff():
    assert StaffUserFactory.build().is_staff
