"""Concurrent writers on the real database: a double-submit or a retry is never a 500.

Each writer is a thread with its own database connection and its own client, released
together by a barrier, so their transactions truly overlap on the server.
"""

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.urls import reverse
from rest_framework.test import APIClient

from {{ cookiecutter.project_slug }}.orders.factories import ProductFactory
from {{ cookiecutter.project_slug }}.reviews.models import Review

WRITERS = 6
ROUNDS = 4

pytestmark = pytest.mark.django_db(transaction=True)


def post_together(user, url, writers):
    """POST the same review from ``writers`` threads at once; the status codes, counted."""
    barrier = threading.Barrier(writers)
    statuses = Counter()
    lock = threading.Lock()

    def write():
        client = APIClient()
        client.raise_request_exception = False  # a crash is counted as its 500
        client.force_authenticate(user=user)
        try:
            barrier.wait(timeout=10)
            response = client.post(url, {"rating": 4, "body": "Twice."}, format="json")
            with lock:
                statuses[response.status_code] += 1
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_concurrent_first_reviews_give_one_201_and_the_rest_200(user):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; PostgreSQL and MySQL run this test")
    for _ in range(ROUNDS):
        product = ProductFactory()
        url = reverse("api:product-reviews", kwargs={"product_pk": product.pk})

        statuses = post_together(user, url, WRITERS)

        assert statuses == {201: 1, 200: WRITERS - 1}
        assert Review.objects.filter(user=user, product=product).count() == 1
