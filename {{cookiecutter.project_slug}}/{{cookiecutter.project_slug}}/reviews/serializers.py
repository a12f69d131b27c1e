from rest_framework import serializers

from {{ cookiecutter.project_slug }}.core.serializers import ModelSerializer

from .models import Review


class ReviewSerializer(ModelSerializer):
    author = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Review
        fields = ("id", "author", "rating", "body", "created_at", "updated_at")
        read_only_fields = ("id", "author", "created_at", "updated_at")


class ReviewSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="How many reviews the product has.")
    average = serializers.FloatField(
        allow_null=True, help_text="Their average rating, to two decimals; null without any."
    )
    ratings = serializers.DictField(
        child=serializers.IntegerField(),
        help_text='How many reviews gave each rating: {"1": 0, …}.',
    )
