from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from {{ cookiecutter.project_slug }}.orders.factories import ProductFactory
from {{ cookiecutter.project_slug }}.orders.models import Product
from {{ cookiecutter.project_slug }}.reviews.factories import ReviewFactory

# Unit: built, never saved; no database.


def test_a_product_starts_with_no_stock():
    assert Product(name="Tea", price=Decimal("1.00")).stock == 0


@pytest.mark.parametrize(("stock", "in_stock"), [(0, False), (1, True), (40, True)])
def test_is_in_stock(stock, in_stock):
    assert ProductFactory.build(stock=stock).is_in_stock() is in_stock


def test_price_has_two_decimal_places_and_is_not_negative():
    with pytest.raises(ValidationError) as error:
        ProductFactory.build(price=Decimal("1.005")).clean_fields()
    assert "price" in error.value.message_dict

    with pytest.raises(ValidationError) as error:
        ProductFactory.build(price=Decimal("-1.00")).clean_fields()
    assert "price" in error.value.message_dict


def test_stock_cannot_be_negative():
    with pytest.raises(ValidationError) as error:
        ProductFactory.build(stock=-1).clean_fields()
    assert "stock" in error.value.message_dict


def test_a_product_reads_as_its_name():
    assert str(ProductFactory.build(name="Green tea")) == "Green tea"


# Integration: the average needs the reviews in the database.


@pytest.mark.django_db
def test_average_rating_is_none_without_reviews():
    assert ProductFactory().average_rating is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ratings", "average"),
    [
        ([5], Decimal("5.0")),
        ([4, 5], Decimal("4.5")),
        ([4, 4, 5], Decimal("4.3")),
        ([3, 4, 4, 4], Decimal("3.8")),  # 3.75 rounds half up
        ([1, 2, 2], Decimal("1.7")),
    ],
)
def test_average_rating_is_the_mean_to_one_decimal(ratings, average):
    product = ProductFactory()
    for rating in ratings:
        ReviewFactory(product=product, rating=rating)

    assert product.average_rating == average


@pytest.mark.django_db
def test_average_rating_counts_only_this_product_s_reviews():
    product, other = ProductFactory(), ProductFactory()
    ReviewFactory(product=product, rating=2)
    ReviewFactory(product=other, rating=5)

    assert product.average_rating == Decimal("2.0")
