from django.urls import path

from .views import ProductReviewDetail, ProductReviewList, ProductReviewSummary

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
    path(
        "products/<int:product_pk>/reviews/summary/",
        ProductReviewSummary.as_view(),
        name="product-review-summary",
    ),
]
