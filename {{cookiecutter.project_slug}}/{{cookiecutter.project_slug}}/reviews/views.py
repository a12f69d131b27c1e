from adrf.views import APIView as AsyncAPIView
from django.db.models import Avg, Count
from django.shortcuts import aget_object_or_404, get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from {{ cookiecutter.project_slug }}.orders.models import Product

from .alerts import alert_managers_of_a_poor_review
from .models import RATING_MAX, RATING_MIN, Review
from .permissions import IsAuthorOrReadOnly
from .serializers import ReviewSerializer, ReviewSummarySerializer
from .services import upsert_review


class ProductReviewsMixin(generics.GenericAPIView):
    serializer_class = ReviewSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Every method, OPTIONS included, answers 404 for a product that does not exist.
        self.product = get_object_or_404(Product, pk=self.kwargs["product_pk"])

    def get_queryset(self):
        return Review.objects.filter(product=self.product).select_related("user")


class ProductReviewList(ProductReviewsMixin, generics.ListAPIView):
    """GET: the product's reviews, newest first. POST: write (or rewrite) your review."""

    permission_classes = (IsAuthenticatedOrReadOnly,)

    @extend_schema(responses={200: ReviewSerializer, 201: ReviewSerializer})
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review, created = upsert_review(request.user, self.product, **serializer.validated_data)
        if created:
            alert_managers_of_a_poor_review(review)
        answer = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.get_serializer(review).data, status=answer)


class ProductReviewDetail(ProductReviewsMixin, generics.RetrieveDestroyAPIView):
    """GET: one review, for anyone. DELETE: by its author only."""

    permission_classes = (IsAuthenticatedOrReadOnly, IsAuthorOrReadOnly)


class ProductReviewSummary(AsyncAPIView):
    """GET: how the product is rated: its reviews' count, average, and count per rating."""

    # An async view (adrf's APIView, DRF's with async handlers): under ASGI, its queries
    # wait without holding a thread; DRF's authentication, permissions and throttles apply.
    permission_classes = (IsAuthenticatedOrReadOnly,)

    @extend_schema(responses=ReviewSummarySerializer)
    async def get(self, request, product_pk):
        product = await aget_object_or_404(Product, pk=product_pk)
        reviews = Review.objects.filter(product=product).order_by()
        totals = await reviews.aaggregate(count=Count("pk"), average=Avg("rating"))
        ratings = dict.fromkeys(map(str, range(RATING_MIN, RATING_MAX + 1)), 0)
        async for rating, count in reviews.values_list("rating").annotate(Count("pk")):
            ratings[str(rating)] = count
        average = totals["average"]
        summary = {
            "count": totals["count"],
            "average": None if average is None else round(average, 2),
            "ratings": ratings,
        }
        return Response(ReviewSummarySerializer(summary).data)
