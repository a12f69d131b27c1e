"""Building a URL from its name, its URL kwargs and its query parameters."""

import difflib
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlencode

from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse


def url_for(
    url_name: str,
    url_kwargs: Mapping[str, Any] | None = None,
    query: Mapping[str, Any] | None = None,
) -> str:
    try:
        url = reverse(url_name, kwargs=dict(url_kwargs) if url_kwargs else None)
    except NoReverseMatch as error:
        names = set(url_names(get_resolver().url_patterns))
        last = url_name.rsplit(":", 1)[-1]
        same = {name for name in names if name.rsplit(":", 1)[-1] == last} - {url_name}
        close = sorted(same) or difflib.get_close_matches(url_name, names, cutoff=0.7)
        hint = f" Close: {', '.join(close)}." if close else ""
        raise NoReverseMatch(f"{error}{hint}") from None
    if query:
        url += "?" + urlencode(query, doseq=True)
    return url


def url_names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    """Every named route of a URLconf, as ``reverse()`` takes it (``api:token``)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif pattern.name:
            yield namespace + pattern.name
