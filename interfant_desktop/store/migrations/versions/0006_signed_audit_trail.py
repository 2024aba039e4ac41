"""A signed audit trail, and (PostgreSQL) audit by triggers.

Both databases: ``audit_events`` gains ``workstation``, ``state`` (digests of the
rows each transaction left behind), ``signer`` and ``signature`` (Ed25519) and
``db_user``; ``audit_head`` gains ``last_at`` (so times never go back). Events
recorded before this revision keep their hash chain and no signature; the first
signed event after the upgrade records a baseline of every row.

PostgreSQL only (the GNUmed way, see gnumed's gmAudit.sql):

* ``audit_events`` is append-only for everyone: a trigger refuses UPDATE, DELETE and
  TRUNCATE, and on INSERT stamps ``db_user`` with ``session_user`` and refuses an
  event whose time is not the server's (``clock_timestamp()``, a few seconds'
  leeway) or goes back before the previous event's.
* ``row_changes``: every INSERT, UPDATE and DELETE on a clinical, order or user
  table is copied there by a SECURITY DEFINER trigger, with ``clock_timestamp()``,
  ``session_user``, the transaction id and the old and new row. No login role is
  granted anything on it (see ``interfant_desktop.store.pg_roles``).
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0009'

# The tables whose every row change the database itself records (PostgreSQL).
ROW_AUDITED = ("users", "patients", "diagnoses", "prednisone_responses", "end_of_induction",
               "mrd_results", "blinatumomab_checklists", "blinatumomab_cycles",
               "eligibility_answers", "review_decisions", "orders", "order_prints", "audit_head")

_PG_UP = [
    """
    CREATE FUNCTION interfant_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END $$
    """,
    """
    CREATE FUNCTION interfant_audit_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        server_now timestamp := clock_timestamp() AT TIME ZONE 'UTC';
        previous timestamp;
    BEGIN
        NEW.db_user := session_user;
        -- A restore into an empty trail copies the backup's (older) events: only the
        -- schema owner or an administrator, and only while restoring.
        IF current_setting('interfant.restoring', true) = 'on' AND (
               pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                           'MEMBER')
               OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'interfant_administrator'
                          AND pg_has_role(session_user, r.oid, 'MEMBER'))) THEN
            RETURN NEW;
        END IF;
        IF NEW.at > server_now + interval '5 seconds'
           OR NEW.at < server_now - interval '5 minutes' THEN
            RAISE EXCEPTION 'audit event % is dated % but the server clock says %',
                NEW.seq, NEW.at, server_now USING ERRCODE = 'check_violation';
        END IF;
        SELECT at INTO previous FROM audit_events WHERE seq = NEW.seq - 1;
        IF previous IS NOT NULL AND NEW.at < previous THEN
            RAISE EXCEPTION 'audit event % is dated before event %', NEW.seq, NEW.seq - 1
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION interfant_audit_append_only()
    """,
    """
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION interfant_audit_append_only()
    """,
    """
    CREATE TRIGGER audit_events_stamp BEFORE INSERT ON audit_events
        FOR EACH ROW EXECUTE FUNCTION interfant_audit_stamp()
    """,
    """
    CREATE TABLE row_changes (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        db_user text NOT NULL DEFAULT session_user,
        txid bigint NOT NULL DEFAULT txid_current(),
        table_name text NOT NULL,
        operation text NOT NULL,
        old_row jsonb,
        new_row jsonb
    )
    """,
    """
    CREATE FUNCTION interfant_row_change() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
        INSERT INTO row_changes (table_name, operation, old_row, new_row)
        VALUES (TG_TABLE_NAME, TG_OP,
                CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
                CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION interfant_row_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'row changes are append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END $$
    """,
    """
    CREATE TRIGGER row_changes_append_only BEFORE UPDATE OR DELETE ON row_changes
        FOR EACH ROW EXECUTE FUNCTION interfant_row_changes_append_only()
    """,
]


def upgrade() -> None:
    with op.batch_alter_table('audit_events') as batch_op:
        batch_op.add_column(sa.Column('workstation', sa.String(120), nullable=True))
        batch_op.add_column(sa.Column('state', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('signer', sa.String(32), nullable=True))
        batch_op.add_column(sa.Column('signature', sa.String(128), nullable=True))
        batch_op.add_column(sa.Column('db_user', sa.String(64), nullable=True))
    with op.batch_alter_table('audit_head') as batch_op:
        batch_op.add_column(sa.Column('last_at', sa.DateTime(timezone=False), nullable=True))
    op.execute("UPDATE audit_head SET last_at = (SELECT MAX(at) FROM audit_events)")
    if op.get_bind().dialect.name != 'postgresql':
        return
    for statement in _PG_UP:
        op.execute(statement)
    for table in ROW_AUDITED:
        op.execute(f"CREATE TRIGGER {table}_row_changes AFTER INSERT OR UPDATE OR DELETE "
                   f"ON {table} FOR EACH ROW EXECUTE FUNCTION interfant_row_change()")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table in ROW_AUDITED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_row_changes ON {table}")
        op.execute("DROP TABLE row_changes")
        for trigger in ("audit_events_append_only", "audit_events_no_truncate",
                        "audit_events_stamp"):
            op.execute(f"DROP TRIGGER {trigger} ON audit_events")
        for function in ("interfant_audit_append_only", "interfant_audit_stamp",
                         "interfant_row_change", "interfant_row_changes_append_only"):
            op.execute(f"DROP FUNCTION {function}()")
    with op.batch_alter_table('audit_head') as batch_op:
        batch_op.drop_column('last_at')
    with op.batch_alter_table('audit_events') as batch_op:
        for column in ('db_user', 'signature', 'signer', 'state', 'workstation'):
            batch_op.drop_column(column)
