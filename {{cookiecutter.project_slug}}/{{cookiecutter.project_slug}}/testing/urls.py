"""Building a URL from its name, its URL kwargs and its query parameters."""

from urllib.parse import urlencode

from django.urls import reverse


def url_for(url_name, url_kwargs=None, query=None):
    url = reverse(url_name, kwargs=url_kwargs or None)
    if query:
        url += "?" + urlencode(query, doseq=True)
    return url
