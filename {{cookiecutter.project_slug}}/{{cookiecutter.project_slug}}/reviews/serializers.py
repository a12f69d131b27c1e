from rest_framework import serializers

from {{ cookiecutter.project_slug }}.core.serializers import ModelSerializer

from .models import Review


class ReviewSerializer(ModelSerializer):
    author = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Review
        fields = ("id", "author", "rating", "body", "created_at", "updated_at")
        read_only_fields = ("id", "author", "created_at", "updated_at")
