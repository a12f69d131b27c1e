"""The project's test kit: helpers every test may use, each explained in TESTING.md."""

from {{ cookiecutter.project_slug }}.core.factories import BaseFactory
from {{ cookiecutter.project_slug }}.users.factories import (
    DEFAULT_PASSWORD,
    StaffUserFactory,
    UserFactory,
)

from .api import ANONYMOUS, acall_api, call_api
from .assertions import assert_response
from .hostile import assert_no_server_error
from .queries import assert_num_queries
from .signals import MODEL_SIGNALS, mute_signals
from .stories import BaseRequestTestCase
from .temporary import temporary_model

__all__ = [
    "ANONYMOUS",
    "DEFAULT_PASSWORD",
    "MODEL_SIGNALS",
    "BaseFactory",
    "BaseRequestTestCase",
    "StaffUserFactory",
    "UserFactory",
    "acall_api",
    "assert_no_server_error",
    "assert_num_queries",
    "assert_response",
    "call_api",
    "mute_signals",
    "temporary_model",
]
