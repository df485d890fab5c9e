"""On PostgreSQL the database itself refuses UPDATE and DELETE on audit events (see ARCHITECTURE.md)."""

from django.db import migrations

from councildesk.core.migrations_sql import postgresql_only

FORWARD = """
CREATE OR REPLACE FUNCTION councildesk_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % is not allowed on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION councildesk_audit_append_only();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS councildesk_audit_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]
    operations = [postgresql_only(FORWARD, BACKWARD)]
