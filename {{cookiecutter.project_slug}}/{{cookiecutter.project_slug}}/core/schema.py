"""The API describes itself: an OpenAPI 3 schema at /api/schema/ (drf-spectacular).

``AutoSchema`` adds to each operation the errors it can answer, in the shapes that
``core.api`` gives them, so a client (and the contract tests) know every status code.
The browsable page of the schema is ``core.docs``.
"""

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.permissions import AllowAny

# Every error but an invalid body: {"detail": "..."}.
ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# An invalid body: messages by field ("non_field_errors" for the body as a whole), or the
# one "detail" of a body that is not JSON.
INVALID = {"type": "object", "additionalProperties": {}}
BODY_METHODS = {"POST", "PUT", "PATCH"}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, with the error answers each operation can give."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        if direction == "response":
            for status_code, (description, schema) in self.error_answers().items():
                responses.setdefault(
                    str(status_code),
                    {
                        "description": description,
                        "content": {"application/json": {"schema": schema}},
                    },
                )
        return responses

    def error_answers(self) -> dict[int, tuple[str, dict[str, Any]]]:
        """``{status code: (description, schema)}`` for what this operation can refuse."""
        error = self.component("Error", ERROR)
        answers = {}
        if self.method in BODY_METHODS:
            answers[400] = ("The body is not valid.", self.component("ValidationError", INVALID))
            answers[413] = ("The body is larger than the service accepts.", error)
            answers[415] = ("The body is not JSON.", error)
        permissions = self.view.get_permissions()
        if not all(isinstance(permission, AllowAny) for permission in permissions):
            answers[401] = ("No credentials, or credentials that are not valid.", error)
            answers[403] = ("The credentials do not allow this.", error)
        paginated = getattr(self.view, "pagination_class", None)
        paged = self.method == "GET" and self._is_list_view() and paginated is not None
        if "{" in self.path or paged:
            answers[404] = ("Not found (or no such page).", error)
        return answers

    def component(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        """A schema under components/schemas, referred to by ``$ref``."""
        resolved = ResolvedComponent(name, ResolvedComponent.SCHEMA, schema=schema, object=name)
        self.registry.register_on_missing(resolved)
        return resolved.ref
