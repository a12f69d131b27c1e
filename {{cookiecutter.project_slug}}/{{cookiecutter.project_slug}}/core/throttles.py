"""DRF's throttles, counting in ``counts.py``: exact however many requests arrive at once,
in every process. DRF's own read a client's history, then write it back, so requests side
by side may each find room; here each takes its place by an atomic increment. A rate
counts in fixed windows ("10/minute": 10 within each calendar minute), and Retry-After is
the time left in the window."""

import math

from rest_framework import throttling

from .counts import count


class CountedRateThrottle(throttling.SimpleRateThrottle):
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        allowed, window = self.parse_rate(self.rate)
        requests, self.left, _ = count(self.key, window)
        return requests <= allowed

    def wait(self):
        return math.ceil(self.left)


class AnonRateThrottle(throttling.AnonRateThrottle, CountedRateThrottle):
    pass


class UserRateThrottle(throttling.UserRateThrottle, CountedRateThrottle):
    pass


class ScopedRateThrottle(throttling.ScopedRateThrottle, CountedRateThrottle):
    pass
