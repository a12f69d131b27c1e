import factory

from {{ cookiecutter.project_slug }}.core.factories import BaseFactory

from .models import User

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(BaseFactory):
    """A user who can log in: ``UserFactory(password="s3cret")`` is hashed like any other.

    ``UserFactory.build()`` gives an unsaved user and touches no database.
    """

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(DEFAULT_PASSWORD)


class StaffUserFactory(UserFactory):
    is_staff = True
