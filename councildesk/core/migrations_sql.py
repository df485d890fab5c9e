"""A migration operation that runs SQL on PostgreSQL only (SQLite has no equivalent triggers)."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def postgresql_only(forward_sql: str, backward_sql: str) -> migrations.RunPython:
    def forward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(forward_sql, params=None)  # None: '%' in the SQL is not a placeholder

    def backward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(backward_sql, params=None)

    return migrations.RunPython(forward, backward)


def without_link_index(app_label: str, model_name: str, name: str, field: Any) -> migrations.SeparateDatabaseAndState:
    """Alter a foreign key to ``db_index=False`` by dropping its index alone.

    A plain AlterField rebuilds the whole table on SQLite (copying every row); the only change here is one index,
    so both engines drop it by name, the name Django gave it when it made it (and make it again going back).
    """

    def index(apps: Any, schema_editor: Any) -> tuple[str, str, str]:
        table = apps.get_model(app_label, model_name)._meta.db_table
        column = f"{name}_id"
        quote = schema_editor.quote_name
        return quote(schema_editor._create_index_name(table, [column], suffix="")), quote(table), quote(column)

    def forward(apps: Any, schema_editor: Any) -> None:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index(apps, schema_editor)[0]}")

    def backward(apps: Any, schema_editor: Any) -> None:
        schema_editor.execute("CREATE INDEX {} ON {} ({})".format(*index(apps, schema_editor)))

    return migrations.SeparateDatabaseAndState(
        state_operations=[migrations.AlterField(model_name=model_name, name=name, field=field)],
        database_operations=[migrations.RunPython(forward, backward)],
    )
