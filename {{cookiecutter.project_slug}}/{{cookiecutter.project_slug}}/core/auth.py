"""How API clients authenticate."""

from rest_framework import authentication, exceptions


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication, answering the token of an inactive user as it answers
    one that does not exist: which tokens exist is not a client's to learn."""

    def authenticate_credentials(self, key):
        try:
            return super().authenticate_credentials(key)
        except exceptions.AuthenticationFailed:
            raise exceptions.AuthenticationFailed("Invalid token.") from None
