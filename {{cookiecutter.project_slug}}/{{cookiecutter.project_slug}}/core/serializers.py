"""Serializers that take from a client exactly what the schema promises.

DRF's ``CharField`` turns a number or ``true`` into text, and measures a string's length
after trimming its whitespace; the schema says a string of at most ``maxLength``
characters, as sent. These refuse anything else with a 400. An email address is taken
as sent, untrimmed: the schema allows an address or nothing, so a blank one (" ") is not
quietly stored as no address. Derive an API's model serializers from ``ModelSerializer``
here.
"""

from typing import Any

from django.db import models
from rest_framework import serializers


def as_sent(field: serializers.CharField, data: Any) -> None:
    """Refuse what is not a string, or is longer than the field's maximum as sent."""
    if not isinstance(data, str):
        field.fail("invalid")
    if field.max_length is not None and len(data) > field.max_length:
        field.fail("max_length", max_length=field.max_length)


class StrictCharField(serializers.CharField):
    default_error_messages = {"invalid": "Not a valid string."}

    def to_internal_value(self, data: Any) -> str:
        as_sent(self, data)
        value: str = super().to_internal_value(data)
        return value


class StrictEmailField(serializers.EmailField):
    default_error_messages = {"invalid": "Enter a valid email address."}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        as_sent(self, data)
        value: str = super().to_internal_value(data)
        return value


# DRF's, with the text fields of models strict about their type. (A comment, not a
# docstring: the schema describes each serializer by its own docstring, which a subclass
# would otherwise inherit from this one.)
class ModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.EmailField: StrictEmailField,
    }
