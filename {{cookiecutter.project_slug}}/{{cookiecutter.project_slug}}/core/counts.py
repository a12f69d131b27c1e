"""Counts shared by every process and instance, in the cache: each one more by an atomic
``incr``, or ``add`` for the first, never a read then a write, so that requests arriving
together are each counted once. A count lasts ``window`` seconds from its first. The
sign-in limits (``signins.py``) and the API's rates (``throttles.py``) count here."""

import math
import time

from django.core.cache import cache


def count(name, window, limit):
    """One more under ``name``: the count within the window that its first one opened.

    A count past ``limit`` is checked for its window: Django's Redis cache increments after
    checking that the key exists, so a key that expires in between comes back as a count
    that never expires. Its window's start (``:since``) is gone then, and so is the count.
    """
    while True:
        try:
            counted = cache.incr(name)
        except ValueError:  # no count yet: this one opens it, unless another did just now
            if cache.add(name, 1, timeout=window):
                cache.set(f"{name}:since", time.time(), timeout=window)
                return 1
        else:
            if counted <= limit or cache.get(f"{name}:since") is not None:
                return counted
            cache.delete(name)


def seconds_left(name, window):
    """Seconds until the count under ``name`` ends."""
    since = cache.get(f"{name}:since")
    return window if since is None else max(1, math.ceil(since + window - time.time()))
