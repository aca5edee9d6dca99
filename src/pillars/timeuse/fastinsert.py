"""Insert many new Activity rows with one prepared statement.

`bulk_create` compiles SQL for every batch, and on SQLite Django caps a batch at 999
parameters (about 40 rows here), so compiling costs more than writing. A single
`executemany` of one INSERT does the same work with the driver's own loop.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from django.db import connection, models

from pillars.timeuse.models import Activity


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    """The database value of one field's Python value, as `field.get_db_prep_save` gives it.

    Django's per-value path (get_prep_value, checks, adapters) costs more than the write on
    big imports; the backend's own adapter does the same for the values an import stores
    (aware datetimes, lists). A test holds both paths equal on every database.
    """
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        if connection.vendor == "sqlite" and connection.timezone_name == "UTC":
            return _sqlite_utc_text
        return lambda value: None if value is None else ops.adapt_datetimefield_value(_aware(value))
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        if connection.vendor == "sqlite" and encoder is None:
            return _json_text
        return lambda value: None if value is None else ops.adapt_json_value(value, encoder)
    return _same


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r}: imported times must carry their zone")
    return value


def _sqlite_utc_text(value: datetime | None) -> str | None:
    """SQLite's stored form of an aware datetime: naive UTC text, as Django writes it."""
    if value is None:
        return None
    return str(_aware(value).astimezone(UTC).replace(tzinfo=None))


def _json_text(value: Any) -> str | None:
    """JSON as SQLite stores it; most imported lists are empty."""
    if value is None:
        return None
    return "[]" if value == [] else json.dumps(value)


def _same(value: Any) -> Any:
    return value


def _columns() -> list[tuple[str, str, Any, Callable[[Any], Any]]]:
    """(attribute, column, default, converter) of every stored field but the primary key."""
    columns = []
    for field in Activity._meta.concrete_fields:
        if field.primary_key:
            continue
        default = field.get_default()
        columns.append((field.attname, field.column, default, _converter(field)))
    return columns


def insert_activities(rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows given as attribute -> value (foreign keys as `*_id`); defaults fill the rest."""
    if not rows:
        return
    sql, params = insert_statement(rows)
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def insert_statement(rows: Sequence[dict[str, Any]]) -> tuple[str, list[list[Any]]]:
    """The prepared INSERT and the database values of each row, in column order."""
    columns = _columns()
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(Activity._meta.db_table),
        ", ".join(quote(column) for _, column, _, _ in columns),
        ", ".join(["%s"] * len(columns)),
    )
    defaults = {name: default for name, _, default, _ in columns}
    pick = itemgetter(*defaults)
    conversions = [(i, convert) for i, (*_, convert) in enumerate(columns) if convert is not _same]
    params = []
    for row in rows:
        values = list(pick({**defaults, **row}))
        for i, convert in conversions:
            values[i] = convert(values[i])
        params.append(values)
    return sql, params
