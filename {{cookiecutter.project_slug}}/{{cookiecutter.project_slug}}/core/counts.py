"""Counts shared by every process and instance: in fixed windows of time, in the cache,
each one more by an atomic increment (``add`` then ``incr``), never a read then a write, so
that requests arriving together are each counted once. The sign-in limits
(``signins.py``) and the API's rates (``throttles.py``) count here."""

import math
import time

from django.core.cache import cache


def count(name, window):
    """One more under ``name`` in the current window of ``window`` seconds: the count, the
    seconds left in the window, and the counter's cache key."""
    now = time.time()
    left = window - now % window
    counter = f"{name}:{int(now // window)}"
    cache.add(counter, 0, timeout=math.ceil(left) + 1)
    return cache.incr(counter), left, counter
