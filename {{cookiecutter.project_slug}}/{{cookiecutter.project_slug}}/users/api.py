from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.parsers import FormParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from {{ cookiecutter.project_slug }}.core.parsers import JSONParser
from {{ cookiecutter.project_slug }}.core.serializers import (
    ModelSerializer,
    StrictCharField,
)
from {{ cookiecutter.project_slug }}.core.signins import refused_for

from .models import User


class CurrentUserSerializer(ModelSerializer):
    class Meta:
        model = User
        fields = ("id", "username", "email", "first_name", "last_name")
        read_only_fields = ("id", "username")


class CurrentUserView(generics.RetrieveUpdateAPIView):
    """The signed-in user: read it (GET), or change its name and email (PUT, PATCH)."""

    serializer_class = CurrentUserSerializer
    permission_classes = (IsAuthenticated,)

    def get_object(self):
        return self.request.user


class SignInSerializer(serializers.Serializer):
    """A username and password; valid when they are an active user's."""

    username = StrictCharField(max_length=150)
    password = StrictCharField(max_length=128, trim_whitespace=False, write_only=True)

    def validate(self, data):
        request = self.context["request"]
        user = authenticate(request, **data)
        # Past the sign-in limits (core/signins.py), a 429 with Retry-After.
        if user is None and refused_for(request) is not None:
            raise exceptions.Throttled(
                refused_for(request),
                detail="Too many sign-in attempts for this account from this client.",
            )
        if user is None:
            raise serializers.ValidationError("No active account has this username and password.")
        return {"user": user}


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class TokenView(generics.GenericAPIView):
    """A client's API token, for the `Authorization: Token <key>` header."""

    serializer_class = SignInSerializer
    throttle_scope = "auth"
    # A form post too, as `curl -d 'username=…&password=…'` sends it.
    parser_classes = (JSONParser, FormParser)

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(
        description=(
            "The account's token, for its username and password: the same token until it "
            "is given up. A few attempts a minute per client (the `auth` rate)."
        ),
        responses={200: TokenSerializer},
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})

    @extend_schema(
        description="Give up the token: the next request signed with it is refused.",
        request=None,
        responses={204: None},
    )
    def delete(self, request, *args, **kwargs):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
