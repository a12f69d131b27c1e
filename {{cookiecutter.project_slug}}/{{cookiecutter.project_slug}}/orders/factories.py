from decimal import Decimal

import factory

from {{ cookiecutter.project_slug }}.core.factories import BaseFactory

from .models import Product


class ProductFactory(BaseFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Product {n}")
    price = factory.Faker("pydecimal", left_digits=3, right_digits=2, min_value=Decimal("0.01"))
    stock = 10
