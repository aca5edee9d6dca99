"""Insert many new Activity rows with one prepared statement.

`bulk_create` compiles SQL for every batch, and on SQLite Django caps a batch at 999
parameters (about 40 rows here), so compiling costs more than writing. A single
`executemany` of one INSERT does the same work with the driver's own loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models

from pillars.timeuse.models import Activity


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    if isinstance(field, models.DateTimeField | models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    return lambda value: value


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
    columns = _columns()
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(Activity._meta.db_table),
        ", ".join(quote(column) for _, column, _, _ in columns),
        ", ".join(["%s"] * len(columns)),
    )
    params = [
        [convert(row.get(name, default)) for name, _, default, convert in columns] for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
