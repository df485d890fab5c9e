"""Model instances from the rows of fixed SQL, built without ``Model.__init__`` where that changes nothing.

``fixedsql.loader`` builds each instance through ``Model.from_db``, which calls ``Model.__init__``: it sends the
``pre_init`` and ``post_init`` signals and sets every field through ``setattr``. For a list page that reads a score
of rows, each with several people, that is most of the cost of reading them (issue 14). Where a model has no
receiver of either signal, no ``__init__`` of its own, and only Django's plain field descriptors, the result of
``__init__`` is exactly the field values in the instance's ``__dict__`` and a fresh ``ModelState``; ``loader``
builds that directly and falls back to ``fixedsql.loader`` otherwise. Values go through the same database
converters either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

from . import fixedsql

M = TypeVar("M", bound=Model)
_PLAIN = (DeferredAttribute, ForeignKeyDeferredAttribute)


def loader(model: type[M]) -> Callable[[Sequence[Any]], M]:
    """A function building a ``model`` instance from the values of ``fixedsql.columns(model, ...)``, as the ORM
    does. Ask for it once per read: whether the signals have receivers is checked each time."""
    if pre_init.has_listeners(model) or post_init.has_listeners(model) or not _plain(model):
        return fixedsql.loader(model)
    return _loader(model, connection.vendor, connection.alias)  # type: ignore[return-value]


@cache
def _plain(model: type[Model]) -> bool:
    """No ``__init__`` but Model's, and every concrete field read and written through Django's plain descriptors
    (so setting the value in ``__dict__`` is what ``setattr`` would do)."""
    if model.__init__ is not Model.__init__:
        return False
    return all(type(getattr(model, field.attname, None)) in _PLAIN for field in model._meta.concrete_fields)


@cache
def _loader(model: type[Model], vendor: str, alias: str) -> Callable[[Sequence[Any]], Model]:
    names = [field.attname for field in model._meta.concrete_fields]
    convert = fixedsql.converter(model)
    new = model.__new__

    def build(values: Sequence[Any]) -> Model:
        values = convert(values)
        instance = new(model)
        state = ModelState()
        state.adding, state.db = False, alias
        instance._state = state
        instance.__dict__.update(zip(names, values, strict=True))
        return instance

    return build
