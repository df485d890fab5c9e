"""On PostgreSQL: no TRUNCATE of the log or its heads, no DELETE of a head, and a head only ever moves forward
by one event. Together with 0003 (no UPDATE or DELETE of events) the database keeps the log append-only."""

from django.db import migrations

from councildesk.core.migrations_sql import postgresql_only

FORWARD = """
CREATE OR REPLACE FUNCTION councildesk_audit_no_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit tables are append-only: TRUNCATE is not allowed on %', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION councildesk_audit_no_truncate();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_audithead
    FOR EACH STATEMENT EXECUTE FUNCTION councildesk_audit_no_truncate();

CREATE OR REPLACE FUNCTION councildesk_audit_head_forward_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit heads are append-only: DELETE is not allowed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.council_id <> OLD.council_id OR NEW.seq <> OLD.seq + 1 THEN
        RAISE EXCEPTION 'audit heads are append-only: a head moves forward by exactly one event'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_audithead
    FOR EACH ROW EXECUTE FUNCTION councildesk_audit_head_forward_only();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS audit_head_forward_only ON audit_audithead;
DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_audithead;
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
DROP FUNCTION IF EXISTS councildesk_audit_head_forward_only();
DROP FUNCTION IF EXISTS councildesk_audit_no_truncate();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_actor_protected")]
    operations = [postgresql_only(FORWARD, BACKWARD)]
