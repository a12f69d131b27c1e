from django.urls import path

from .views import ProductReviewDetail, ProductReviewList

urlpatterns = [
    path(
        "products/<int:product_pk>/reviews/",
        ProductReviewList.as_view(),
        name="product-reviews",
    ),
    path(
        "products/<int:product_pk>/reviews/<int:pk>/",
        ProductReviewDetail.as_view(),
        name="product-review-detail",
    ),
]
