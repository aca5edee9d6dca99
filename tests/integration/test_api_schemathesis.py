"""Schemathesis against the served OpenAPI schema, through the WSGI app: no server error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from pillars.api.actions import create_token
from tests.integration.conftest import Cast


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """The WSGI app closes the database connection after each request, as a server should;
    inside the test's transaction that would end the test. Django's test client does this."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def manager_token(cast: Cast, keep_connection: None) -> tuple[str, list[int]]:
    _, token = create_token(user=cast.manager.user)
    return token, [cast.rep.pk, cast.manager.pk, cast.west_rep.pk]


# Loading the schema needs no database: ninja builds it from the routes.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_gives_no_server_error(case: Any, manager_token: tuple[str, list[int]]) -> None:
    token, ids = manager_token
    person_id = case.path_parameters.get("person_id") if case.path_parameters else None
    if isinstance(person_id, int):
        # Most random ids name no one; steer the cases to real people (seen and unseen).
        case.path_parameters["person_id"] = ids[person_id % len(ids)]
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
