"""Building a URL from its name, its URL kwargs and its query parameters."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse


def url_for(
    url_name: str,
    url_kwargs: Mapping[str, Any] | None = None,
    query: Mapping[str, Any] | None = None,
) -> str:
    url = reverse(url_name, kwargs=dict(url_kwargs) if url_kwargs else None)
    if query:
        url += "?" + urlencode(query, doseq=True)
    return url
