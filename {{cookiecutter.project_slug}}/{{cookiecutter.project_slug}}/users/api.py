from rest_framework import generics
from rest_framework.permissions import IsAuthenticated

from {{ cookiecutter.project_slug }}.core.serializers import ModelSerializer

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
