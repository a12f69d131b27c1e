"""The API describes itself: an OpenAPI 3 schema at /api/schema/ (drf-spectacular).

``AutoSchema`` adds to each operation the errors it can answer, in the shapes that
``core.api`` gives them (the components ``Error`` and ``ValidationError`` of
SPECTACULAR_SETTINGS), so a client (and the contract tests) know every status code.
The browsable page of the schema is ``core.docs``.
"""

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import AllowAny

from .pages import PageNumbers

BODY_METHODS = {"POST", "PUT", "PATCH"}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, with the error answers each operation can give."""

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation: dict[str, Any] | None = super().get_operation(*args, **kwargs)
        if operation is None:  # an endpoint the schema leaves out
            return None
        for status_code, (description, schema) in self.error_answers(operation).items():
            operation["responses"].setdefault(
                str(status_code),
                {"description": description, "content": {"application/json": {"schema": schema}}},
            )
        return operation

    def error_answers(self, operation: dict[str, Any]) -> dict[int, tuple[str, dict[str, Any]]]:
        """``{status code: (description, schema)}`` for what this operation can refuse."""
        answers = {}
        if self.method in BODY_METHODS:
            answers[400] = ("The body is not valid.", ref("ValidationError"))
            answers[413] = ("The body is larger than the service accepts.", ref("Error"))
            answers[415] = ("The body is not JSON.", ref("Error"))
        # Credentials that are not valid are refused wherever they are sent.
        permissions = self.view.get_permissions()
        if self.view.get_authenticators():
            answers[401] = ("No credentials, or credentials that are not valid.", ref("Error"))
        if not all(isinstance(permission, AllowAny) for permission in permissions):
            answers[403] = ("The credentials do not allow this.", ref("Error"))
        if self.view.get_throttles():
            answers[429] = ("Too many requests: try again after Retry-After seconds.", ref("Error"))
        parameters = operation.get("parameters", [])
        paged = any(p["name"] == PageNumbers.page_query_param for p in parameters)
        if "{" in self.path or paged:
            answers[404] = ("Not found (or no such page).", ref("Error"))
        return answers
