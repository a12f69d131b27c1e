"""Pages of a list, as the schema says: ``?page=`` takes a page number and nothing else."""

from typing import Any

from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination


class PageNumbers(PageNumberPagination):
    """DRF's page numbers, except that a ``page`` that is not a positive number (``?page=``
    or ``?page=x``) is refused with 404, as a number past the last page is, rather than
    read as the first page."""

    def get_page_number(self, request: Any, paginator: Any) -> Any:
        given = request.query_params.get(self.page_query_param)
        a_number = given is not None and given.isascii() and given.isdigit()
        if given is not None and not a_number and given not in self.last_page_strings:
            raise NotFound(self.invalid_page_message.format(page_number=given, message=""))
        return super().get_page_number(request, paginator)
