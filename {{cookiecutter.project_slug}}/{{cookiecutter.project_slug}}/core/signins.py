"""Password guessing is limited on every path that checks a password through
``authenticate()`` (the admin's sign-in, the API's token, any later one).

Each attempt is counted before its password is checked, in the cache every process
shares, by an atomic increment (``counts.py``): however many arrive at once, no more are
checked than a limit allows. ``settings.SIGN_IN_LIMITS`` says how many attempts are checked within
``window`` seconds of the first:

- ``per_client_and_account``: for one account from one client (its address);
- ``per_client``: from one client, whatever the accounts;
- ``per_account``: for one account from every client together, a higher ceiling. A client
  that signed in to the account within ``remember_client`` seconds keeps its own
  allowance past it: someone else's guesses do not lock the real user out.

A success resets the count of its client for that account. An attempt past a limit is
refused without checking its password; ``refused_for(request)`` says for how many more
seconds, which the admin's form (below) and the token endpoint tell the client.
"""

import hashlib
import math

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from .counts import count, seconds_left


def client_address(request):
    """The client's address: the connection's, or with ``NUM_PROXIES`` proxies in front,
    the one the outermost of them saw (the entry it appended to X-Forwarded-For), as DRF's
    throttles read it. Without a proxy, the header is the client's own and is ignored."""
    if request is None:
        return ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if settings.NUM_PROXIES and forwarded:
        addresses = forwarded.split(",")
        return addresses[-min(settings.NUM_PROXIES, len(addresses))].strip()
    return request.META.get("REMOTE_ADDR", "")


def key(*parts):
    """A cache key for any text (hashed: a username may hold anything)."""
    return "sign-in:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()


def refused_for(request):
    """Seconds until an attempt refused by a limit in this request may be tried again;
    None if no attempt was refused."""
    return getattr(request, "sign_in_refused_for", None)


def account_of(username):
    """The account a username names as the database may match it (case aside, and on
    MariaDB accents too: "Àdmin" for "admin"), so that its spellings count as one: its
    primary key, or the name casefolded when no account has it."""
    User = get_user_model()
    lookup = {f"{User.USERNAME_FIELD}__iexact": username}
    pk = User._default_manager.filter(**lookup).order_by("pk").values_list("pk", flat=True).first()
    return f"name:{str(username).casefold()}" if pk is None else f"pk:{pk}"


class LimitedModelBackend(ModelBackend):
    """Django's ``ModelBackend``, checking a password only within the limits above."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        limits = settings.SIGN_IN_LIMITS
        client, account = client_address(request), account_of(username)
        known = key("known", client, account)
        this_client = key("client-account", client, account)
        for name, limit, exempt in [
            (this_client, limits["per_client_and_account"], False),
            (key("client", client), limits["per_client"], False),
            (key("account", account), limits["per_account"], True),
        ]:
            if count(name, limits["window"], limit) > limit and not (exempt and cache.get(known)):
                if request is not None:
                    request.sign_in_refused_for = seconds_left(name, limits["window"])
                # authenticate() stops here and answers None, as for a wrong password.
                raise PermissionDenied("Too many sign-in attempts.")
        user = super().authenticate(request, username, password, **kwargs)
        if user is not None:
            cache.delete(this_client)
            cache.set(known, True, timeout=limits["remember_client"])
        return user


class SignInForm(AdminAuthenticationForm):
    """The admin's sign-in form, saying so when a limit refused the attempt."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "too_many_attempts": (
            "Too many sign-in attempts for this account from here. "
            "Try again in %(minutes)d minutes."
        ),
    }

    def get_invalid_login_error(self):
        seconds = refused_for(self.request)
        if seconds is None:
            return super().get_invalid_login_error()
        return ValidationError(
            self.error_messages["too_many_attempts"],
            code="too_many_attempts",
            params={"minutes": math.ceil(seconds / 60)},
        )
