from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Sum


class Product(models.Model):
    name = models.CharField(max_length=200)
    price = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.00"))]
    )
    stock = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def is_in_stock(self):
        return self.stock > 0

    @property
    def average_rating(self):
        """The mean of the reviews' ratings to one decimal, half up; None with no reviews."""
        totals = self.reviews.aggregate(total=Sum("rating"), count=Count("pk"))
        if not totals["count"]:
            return None
        mean = Decimal(totals["total"]) / totals["count"]
        return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
