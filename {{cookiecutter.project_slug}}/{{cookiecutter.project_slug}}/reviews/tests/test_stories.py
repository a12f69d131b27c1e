from {{ cookiecutter.project_slug }}.orders.factories import ProductFactory
from {{ cookiecutter.project_slug }}.testing import BaseRequestTestCase, assert_response


class TestACustomerReviewsAProduct(BaseRequestTestCase):
    """One story across requests: write a review, change it, see it listed, take it back."""

    def setUp(self):
        super().setUp()
        self.product = ProductFactory(name="Sencha")

    def reviews(self):
        return assert_response(self.get("api:product-reviews", product_pk=self.product.pk), 200)

    def test_write_change_list_and_delete_a_review(self):
        body = self.fake_text()
        written = self.post_json(
            "api:product-reviews", {"rating": 3, "body": body}, product_pk=self.product.pk
        )
        review = assert_response(written, 201)
        assert review["body"] == body

        changed = self.post_json("api:product-reviews", {"rating": 5}, product_pk=self.product.pk)
        assert assert_response(changed, 200)["id"] == review["id"]

        listed = self.reviews()
        assert [(item["author"], item["rating"]) for item in listed["results"]] == [
            (self.user.username, 5)
        ]
        assert str(self.product.average_rating) == "5.0"

        gone = self.delete("api:product-review-detail", product_pk=self.product.pk, pk=review["id"])
        assert_response(gone, 204, kind=None)
        assert self.reviews()["count"] == 0
        assert self.product.average_rating is None
