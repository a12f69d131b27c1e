import factory

from {{ cookiecutter.project_slug }}.core.factories import BaseFactory
from {{ cookiecutter.project_slug }}.orders.factories import ProductFactory
from {{ cookiecutter.project_slug }}.users.factories import UserFactory

from .models import Review


class ReviewFactory(BaseFactory):
    class Meta:
        model = Review

    user = factory.SubFactory(UserFactory)
    product = factory.SubFactory(ProductFactory)
    rating = factory.Faker("random_int", min=1, max=5)
    body = factory.Faker("paragraph")
