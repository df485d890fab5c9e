"""Fixed SQL for the few reads every request or write makes, so that no query is built and compiled per call.

Building and compiling an ORM query costs far more than running it (issue 14). The hottest reads (the access gate's
roles, the people who hold a role, a repeated submission) are written once as SQL; this module gives them the
model's column list and turns each row back into a model instance exactly as the ORM would, with the same
database converters (dates, booleans, JSON).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model
from django.db.models.expressions import Col

M = TypeVar("M", bound=Model)


def columns(model: type[Model], alias: str) -> str:
    """The model's concrete columns, qualified by ``alias``, in the order ``loader`` reads them."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


def width(model: type[Model]) -> int:
    return len(model._meta.concrete_fields)


def loader(model: type[M]) -> Callable[[Sequence[Any]], M]:
    """A function building a ``model`` instance from the values of ``columns(model, ...)``, as the ORM does."""
    return _loader(model, connection.vendor, connection.alias)  # type: ignore[return-value]


@cache
def _loader(model: type[Model], vendor: str, alias: str) -> Callable[[Sequence[Any]], Model]:
    fields = model._meta.concrete_fields
    names = [field.attname for field in fields]
    converters = []
    for index, field in enumerate(fields):
        column = Col(model._meta.db_table, field)
        found = [*connection.ops.get_db_converters(column), *field.get_db_converters(connection)]  # type: ignore[attr-defined]
        if found:
            converters.append((index, column, found))

    def build(values: Sequence[Any]) -> Model:
        values = list(values)
        for index, column, found in converters:
            value = values[index]
            for convert in found:
                value = convert(value, column, connection)
            values[index] = value
        return model.from_db(alias, names, values)

    return build
