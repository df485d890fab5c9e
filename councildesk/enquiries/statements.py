"""The fixed SQL of the enquiry list pages (issue 14): a page's rows with their people, read in statements written
once rather than built and compiled by the ORM on every request.

``rows`` returns what ``Enquiry.objects.filter(council=..., pk__in=ids).select_related(*RELATED)`` returns: each
enquiry with every relation in ``RELATED`` already loaded (``None`` where there is none), through the same
database converters (``core.fixedsql``), so a page or the API reads ``e.raised_by`` or ``e.ward`` without a query.
A relation that cannot be null is an inner join, as the ORM writes it; the others are left joins.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import ForeignKey, Model

from councildesk.core import fixedsql, rowbuild

from .models import Enquiry

if TYPE_CHECKING:
    from councildesk.councils.models import Council

# The relations every list row and the API's enquiry carry with them: the people, read with the enquiries, and
# the rest (mostly empty), read in a second statement. One statement joining all nine took PostgreSQL's planner
# about 5 ms to plan, on every request; two of four and five joins take about a fifth of that (SQLite plans either
# in microseconds).
PEOPLE = ("raised_by", "assignee", "addressed_to", "escalated_to")
OTHERS = ("ward", "committee", "direct_contact", "ack_confirmed", "response_confirmed")
RELATED = PEOPLE + OTHERS


def _relations(names: tuple[str, ...]) -> list[ForeignKey[Any, Any]]:
    found = [Enquiry._meta.get_field(name) for name in names]
    assert all(isinstance(field, ForeignKey) for field in found)
    return found  # type: ignore[return-value]


@cache
def _rows_sql(vendor: str, count: int, names: tuple[str, ...]) -> str:
    """The statement for ``count`` ids and the relations ``names``: with the enquiries' own columns for the people,
    with only their ids for the rest. Only table and column names from the models' metadata are formatted in;
    every value is a parameter."""
    quote = connection.ops.quote_name
    selected = [fixedsql.columns(Enquiry, "e") if names == PEOPLE else f"e.{fixedsql.column(Enquiry, 'id')}"]
    joins = []
    for index, field in enumerate(_relations(names)):
        model: type[Model] = field.related_model  # type: ignore[assignment]
        alias = f"r{index}"
        selected.append(fixedsql.columns(model, alias))
        join = "LEFT JOIN" if field.null else "INNER JOIN"
        joins.append(
            f"{join} {quote(model._meta.db_table)} {alias} "
            f"ON {alias}.{quote(model._meta.pk.column)} = e.{quote(field.column)}"
        )
    marks = ", ".join(["%s"] * count)
    return (
        f"SELECT {', '.join(selected)} FROM {quote(Enquiry._meta.db_table)} e {' '.join(joins)} "  # noqa: S608
        f"WHERE e.{fixedsql.column(Enquiry, 'council')} = %s AND e.{fixedsql.column(Enquiry, 'id')} IN ({marks})"
    )


@cache
def _layout(names: tuple[str, ...]) -> list[tuple[ForeignKey[Any, Any], type[Model], int, int, int]]:
    """For each relation: the field, its model, where its columns start and end in a row, and where its primary
    key is (null when the relation is empty)."""
    layout = []
    start = fixedsql.width(Enquiry) if names == PEOPLE else 1
    for field in _relations(names):
        model: type[Model] = field.related_model  # type: ignore[assignment]
        end = start + fixedsql.width(model)
        layout.append((field, model, start, end, start + list(model._meta.concrete_fields).index(model._meta.pk)))
        start = end
    return layout


def _parts(names: tuple[str, ...]) -> list[tuple[ForeignKey[Any, Any], Any, int, int, int]]:
    return [(field, rowbuild.loader(model), start, end, pk_at) for field, model, start, end, pk_at in _layout(names)]


def rows(council: Council, ids: list[int]) -> list[Enquiry]:
    """The enquiries of ``council`` with these ids, with their relations loaded, in the order given. Two queries:
    the enquiries with their people, then their other relations."""
    if not ids:
        return []
    enquiry_of = rowbuild.loader(Enquiry)
    width = fixedsql.width(Enquiry)
    found: dict[int, Enquiry] = {}
    with connection.cursor() as cursor:
        cursor.execute(_rows_sql(connection.vendor, len(ids), PEOPLE), [council.pk, *ids])
        parts = _parts(PEOPLE)
        for row in cursor.fetchall():
            e = enquiry_of(row[:width])
            for field, load, start, end, pk_at in parts:
                field.set_cached_value(e, load(row[start:end]) if row[pk_at] is not None else None)
            e.council = council
            found[e.pk] = e
        cursor.execute(_rows_sql(connection.vendor, len(ids), OTHERS), [council.pk, *ids])
        parts = _parts(OTHERS)
        for row in cursor.fetchall():
            if (other := found.get(row[0])) is None:  # dropped by the first statement (its raiser not visible)
                continue
            for field, load, start, end, pk_at in parts:
                field.set_cached_value(other, load(row[start:end]) if row[pk_at] is not None else None)
    return [found[i] for i in ids if i in found]


@cache
def _queue_sql(vendor: str) -> str:
    table = connection.ops.quote_name(Enquiry._meta.db_table)
    council, active, priority, due, pk = (
        fixedsql.column(Enquiry, name) for name in ("council", "active", "priority", "response_due", "id")
    )
    return (
        f"SELECT e.{pk} FROM {table} e WHERE e.{council} = %s AND e.{active} = %s "  # noqa: S608
        f"ORDER BY e.{priority} DESC, e.{due} ASC, e.{pk} ASC LIMIT %s OFFSET %s"
    )


def open_ids(council: Council, offset: int, limit: int) -> list[int]:
    """The ids of the council's whole open queue in the head officer's order (priority, then the earliest response
    deadline, then the oldest), ``limit`` of them from ``offset``: what the ORM's
    ``filter(council=..., active=1).order_by("-priority", "response_due", "id")`` slice gives. One query."""
    with connection.cursor() as cursor:
        cursor.execute(_queue_sql(connection.vendor), [council.pk, 1, limit, offset])
        return [row[0] for row in cursor.fetchall()]
