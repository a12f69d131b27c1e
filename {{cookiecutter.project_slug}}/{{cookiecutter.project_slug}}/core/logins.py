"""Failed sign-ins to the admin are limited, per account and per client address.

Each failure is counted in the cache for ``ADMIN_LOGIN_LIMITS["window"]`` seconds from the
first; past a limit, the sign-in page refuses every attempt for that account, or from
that address, with a message saying so, before any password is checked (each check costs
the server a password hash). ``config/urls.py`` gives the admin this form.
"""

import hashlib

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError


def client_address(request):
    """The client's address: with ``NUM_PROXIES`` proxies in front, the one the outermost
    of them saw (the entry it appended to X-Forwarded-For), as DRF's throttles read it."""
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if settings.NUM_PROXIES and forwarded:
        return forwarded[-min(settings.NUM_PROXIES, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")


def counter(kind, value):
    """The cache key counting failures for one account or address (hashed: any text)."""
    return f"admin-login-failures:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


class LimitedAdminLoginForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "too_many_attempts": (
            "Too many failed sign-ins for this account or from this address. "
            "Try again in %(minutes)d minutes."
        ),
    }

    def clean(self):
        limits = settings.ADMIN_LOGIN_LIMITS
        counters = {counter("address", client_address(self.request)): limits["per_address"]}
        username = self.cleaned_data.get("username")
        if username:
            counters[counter("account", username.casefold())] = limits["per_account"]
        if any(cache.get(key, 0) >= limit for key, limit in counters.items()):
            raise ValidationError(
                self.error_messages["too_many_attempts"],
                code="too_many_attempts",
                params={"minutes": max(1, limits["window"] // 60)},
            )
        try:
            return super().clean()
        except ValidationError:
            for key in counters:
                cache.add(key, 0, timeout=limits["window"])
                cache.incr(key)
            raise
