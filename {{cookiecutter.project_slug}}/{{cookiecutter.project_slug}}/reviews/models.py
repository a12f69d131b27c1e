from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from {{ cookiecutter.project_slug }}.orders.models import Product

RATING_MIN, RATING_MAX = 1, 5
# A page of reviews stays small: twenty of them at most this long.
BODY_MAX_LENGTH = 4000


class Review(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )
    body = models.TextField(
        blank=True, default="", validators=[MaxLengthValidator(BODY_MAX_LENGTH)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "product"], name="reviews_one_per_user_and_product"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=RATING_MIN) & Q(rating__lte=RATING_MAX),
                name="reviews_rating_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.rating}/5 for {self.product} by {self.user}"


class PoorRatingAlert(models.Model):
    """The managers are to be told of this user's lowest rating of this product, once: not
    again when the review is deleted and posted anew, however often. ``sent_at`` is set
    once the mail server has taken the mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "product"], name="reviews_one_alert_per_user_and_product"
            ),
        ]

    def __str__(self):
        told = "were told" if self.sent_at else "are yet to be told"
        return f"{self.user} rated {self.product} lowest; the managers {told}"
