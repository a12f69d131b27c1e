"""DRF's throttles, counting in ``counts.py``: exact however many requests arrive at once,
in every process. DRF's own read a client's history, then write it back, so requests side
by side may each find room; here each takes its place by an atomic increment. A rate
counts from a client's first request ("10/minute": 10 within the minute that follows it),
and Retry-After is the time left until the count ends. An anonymous client is counted
once, at the anonymous rate (DRF's per-user rate would count it a second time, by
address, at a rate that is higher anyway)."""

from rest_framework import throttling

from .counts import count, seconds_left


class CountedRateThrottle(throttling.SimpleRateThrottle):
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        allowed, self.window = self.parse_rate(self.rate)
        return count(self.key, self.window, allowed) <= allowed

    def wait(self):
        return seconds_left(self.key, self.window)


class AnonRateThrottle(throttling.AnonRateThrottle, CountedRateThrottle):
    pass


class UserRateThrottle(throttling.UserRateThrottle, CountedRateThrottle):
    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class ScopedRateThrottle(throttling.ScopedRateThrottle, CountedRateThrottle):
    pass
