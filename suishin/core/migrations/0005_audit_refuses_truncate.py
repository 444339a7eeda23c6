"""The audit table refuses TRUNCATE on PostgreSQL too: a row trigger never sees it.

Emptying an already empty table changes nothing, so it stays allowed (the test runner empties
every table between some tests). A database owner can still drop the trigger; the signed
checkpoints outside the database are what shows that the table was emptied or shortened.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION suishin_audit_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM core_auditentry) THEN
        RAISE EXCEPTION 'core_auditentry is append-only: TRUNCATE refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER core_auditentry_no_truncate
    BEFORE TRUNCATE ON core_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION suishin_audit_refuse_truncate();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry;
DROP FUNCTION IF EXISTS suishin_audit_refuse_truncate();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_shared_snapshots")]

    operations = [migrations.RunPython(forward, backward)]
