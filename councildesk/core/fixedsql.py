"""Fixed SQL for the few reads every request or write makes, so that no query is built and compiled per call.

Building and compiling an ORM query costs far more than running it (issue 14). The hottest reads (the access gate's
roles, the people who hold a role, a repeated submission) are written once as SQL; this module gives them the
model's column list and turns each row back into a model instance exactly as the ORM would, with the same
database converters (dates, booleans, JSON). ``insert`` does the same for the rows every raised enquiry writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import NOT_PROVIDED, Field, Model
from django.db.models.expressions import Col
from django.db.models.fields import AutoFieldMixin
from django.db.models.signals import post_save, pre_save

M = TypeVar("M", bound=Model)


def columns(model: type[Model], alias: str) -> str:
    """The model's concrete columns, qualified by ``alias``, in the order ``loader`` reads them."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


def column(model: type[Model], name: str) -> str:
    """One field's column, quoted: ``column(Session, "expire_date")`` is ``"expire_date"``."""
    field = model._meta.get_field(name)
    assert isinstance(field, Field)
    return str(connection.ops.quote_name(field.column))


def width(model: type[Model]) -> int:
    return len(model._meta.concrete_fields)


def loader(model: type[M]) -> Callable[[Sequence[Any]], M]:
    """A function building a ``model`` instance from the values of ``columns(model, ...)``, as the ORM does."""
    return _loader(model, connection.vendor, connection.alias)  # type: ignore[return-value]


@cache
def _loader(model: type[Model], vendor: str, alias: str) -> Callable[[Sequence[Any]], Model]:
    names = [field.attname for field in model._meta.concrete_fields]
    convert = converter(model)

    def build(values: Sequence[Any]) -> Model:
        return model.from_db(alias, names, convert(values))

    return build


def converter(model: type[Model]) -> Callable[[Sequence[Any]], list[Any]]:
    """A function turning the values of ``columns(model, ...)`` into Python values with the database converters
    the ORM would apply (dates, booleans, JSON), field by field."""
    converters = []
    for index, field in enumerate(model._meta.concrete_fields):
        column = Col(model._meta.db_table, field)
        found = [*connection.ops.get_db_converters(column), *field.get_db_converters(connection)]  # type: ignore[attr-defined]
        if found:
            converters.append((index, column, found))

    def convert(values: Sequence[Any]) -> list[Any]:
        out = list(values)
        for index, column, found in converters:
            value = out[index]
            for step in found:
                value = step(value, column, connection)
            out[index] = value
        return out

    return convert


def insert(obj: Model, *, skip_duplicate: bool = False) -> bool:
    """Insert the new row ``obj`` as ``obj.save()`` would, with its INSERT written once per model.

    The same values reach the database: each field's ``pre_save`` (``auto_now_add`` and the like) and
    ``get_db_prep_save``, the same related-object checks, and the ``pre_save``/``post_save`` signals when anything
    listens. ``obj`` gets its primary key from ``RETURNING``. With ``skip_duplicate`` a row that would break a unique
    constraint is not written (``ON CONFLICT DO NOTHING``, no savepoint needed) and the answer is False; otherwise
    the answer is True.
    """
    model = type(obj)
    if obj.pk is not None:
        raise ValueError("insert writes new rows only; this one already has a primary key")
    sql, fields = _insert_sql(model, connection.vendor, skip_duplicate)
    obj._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]
    if pre_save.has_listeners(model):
        pre_save.send(sender=model, instance=obj, raw=False, using=connection.alias, update_fields=None)
    db = transaction.get_connection()  # the connection itself, not the proxy, which costs a lookup per use
    params = []
    for field in fields:
        value = field.pre_save(obj, add=True)
        if hasattr(value, "resolve_expression"):
            raise TypeError(f"insert takes plain values; {field.name} holds an expression")
        params.append(field.get_db_prep_save(value, db))
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:  # a duplicate, skipped
        return False
    obj.pk = row[0]
    obj._state.adding = False
    obj._state.db = connection.alias
    if post_save.has_listeners(model):
        post_save.send(sender=model, instance=obj, created=True, update_fields=None, raw=False, using=connection.alias)
    return True


@cache
def _insert_sql(model: type[Model], vendor: str, skip_duplicate: bool) -> tuple[str, list[Field[Any, Any]]]:
    meta = model._meta
    if meta.parents or not isinstance(meta.pk, AutoFieldMixin):
        raise TypeError(f"insert handles single-table models with an automatic key, not {meta.label}")
    fields = [field for field in meta.local_concrete_fields if not field.primary_key and not field.generated]
    for field in fields:
        if hasattr(field, "get_placeholder") or field.db_default is not NOT_PROVIDED:
            raise TypeError(f"insert cannot write {meta.label}.{field.name} without the ORM")
    quote = connection.ops.quote_name
    # Only names from the model's metadata are formatted in; every value is a parameter.
    return (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
        f"{' ON CONFLICT DO NOTHING' if skip_duplicate else ''} RETURNING {quote(meta.pk.column)}",
        fields,
    )
