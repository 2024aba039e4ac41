"""PostgreSQL roles, the way a shared clinical database is run (as GNUmed does).

* The **schema owner** (the role in the URL given to ``init``) owns every table and
  is used only for migrations and administration.
* Each app user signs in as **their own login role** (same name, same password,
  stored as a SCRAM-SHA-256 verifier computed here, so the password never reaches the
  server's logs), member of ``interfant_staff`` and of the **group role** of their
  app role (``interfant_nurse``, ...). A connection URL without a user name makes the
  app sign in to the database with the app user's name and password.
* GRANTs let each group do only what the app lets that role do; row-level security
  limits a non-administrator to their own ``users`` row (sign-in bookkeeping), and a
  trigger limits a nurse's change of an order to marking it stale or printed.
* ``audit_events`` takes INSERT and SELECT only (and its triggers refuse UPDATE,
  DELETE and TRUNCATE, see migration 0006); ``row_changes`` is written by triggers
  only and is not granted to anyone.

``install_roles(conn)`` (run by ``init`` as the schema owner, again after an upgrade)
creates the group roles if missing and (re)applies the grants to the current schema;
``create_login_role(conn, username, password, role)`` is run by ``users add``.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

STAFF = "interfant_staff"
GROUPS = {role: f"interfant_{role}" for role in
          ("administrator", "physician", "pharmacist", "nurse", "data_manager")}
AUDIT = ("audit_events", "audit_head")
PATIENT_SECTIONS = ("diagnoses", "prednisone_responses", "end_of_induction", "mrd_results",
                    "blinatumomab_checklists", "blinatumomab_cycles", "eligibility_answers",
                    "review_decisions")

# What each group may write, beyond what every member of staff may (read everything
# except row_changes; append audit events; move the chain head; sign-in bookkeeping).
_GRANTS: dict[str, list[str]] = {
    "physician": [
        *(f"INSERT, UPDATE, DELETE ON {t}" for t in ("patients", *PATIENT_SECTIONS,
                                                     "search_terms")),
        "INSERT, UPDATE ON orders", "INSERT ON order_prints",
    ],
    "pharmacist": ["UPDATE ON orders", "INSERT ON order_prints"],
    "nurse": [
        "INSERT, UPDATE, DELETE ON blinatumomab_cycles",
        "UPDATE (version, updated_at, updated_by) ON patients",
        "INSERT, DELETE ON search_terms",
        "UPDATE (status, stale, version) ON orders", "INSERT ON order_prints",
    ],
    "data_manager": [],
}

# Tables of later features, granted where the database has them. A signing key is made
# at a first sign-in and re-encrypted on a password change; a key or signature written
# directly is worthless without the administrator's certificate, which printing checks.
_FEATURE_GRANTS: dict[str, list[tuple[str, str]]] = {
    "staff": [("INSERT, UPDATE", "signing_keys")],
    "physician": [("INSERT", "order_signatures"), ("INSERT, UPDATE", "pending_corrections"),
                  ("INSERT", "entered_in_error_facts"), ("INSERT, UPDATE", "infusion_interruptions"),
                  ("INSERT, UPDATE", "toxicity_assessments"), ("INSERT, UPDATE", "toxicity_decisions"),
                  ("INSERT, UPDATE", "bag_events"), ("INSERT, UPDATE", "phase_starts")],
    "pharmacist": [("INSERT", "order_signatures")],
    "nurse": [("INSERT", "order_signatures"), ("INSERT", "entered_in_error_facts"),
              ("INSERT, UPDATE", "infusion_interruptions"), ("INSERT, UPDATE", "toxicity_assessments"),
              ("INSERT, UPDATE", "bag_events")],
    "data_manager": [("INSERT", "export_pseudonyms")],
}

_NURSE_ORDER_GUARD = """
CREATE OR REPLACE FUNCTION interfant_nurse_order_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_has_role(session_user, 'interfant_nurse', 'MEMBER')
       AND NOT pg_has_role(session_user, 'interfant_physician', 'MEMBER')
       AND NOT pg_has_role(session_user, 'interfant_pharmacist', 'MEMBER')
       AND NOT pg_has_role(session_user, 'interfant_administrator', 'MEMBER')
       AND NEW.status IS DISTINCT FROM OLD.status
       AND NOT (OLD.status IN ('verified', 'printed') AND NEW.status = 'printed') THEN
        RAISE EXCEPTION 'a nurse may only print a verified order, not set it %', NEW.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$
"""


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def roles_installed(conn: Connection) -> bool:
    """Whether this database uses per-user login roles: the staff group exists and was
    granted this schema's audit trail (group roles are shared by the whole cluster)."""
    return bool(conn.execute(text(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :r) "
        "THEN has_table_privilege(:r, 'audit_events', 'INSERT') ELSE false END"),
        {"r": STAFF}).scalar())


def _tables(conn: Connection) -> list[str]:
    rows = conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).all()
    return sorted(str(r[0]) for r in rows)


def install_roles(conn: Connection) -> None:
    """Create the group roles (if missing) and apply the grants to this schema."""
    for group in (STAFF, *GROUPS.values()):
        conn.execute(text(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
            f"{_literal(group)}) THEN CREATE ROLE {quote_ident(group)} NOLOGIN; END IF; END $$"))
    schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    tables = _tables(conn)
    data_tables = [t for t in tables if t not in (*AUDIT, "row_changes", "alembic_version")]

    def exec_(statement: str) -> None:
        conn.execute(text(statement))

    exec_(f"REVOKE ALL ON ALL TABLES IN SCHEMA {quote_ident(schema)} FROM PUBLIC")
    exec_(f"GRANT USAGE ON SCHEMA {quote_ident(schema)} TO {STAFF}")
    for table in tables:
        for group in (STAFF, *GROUPS.values()):
            exec_(f"REVOKE ALL ON {quote_ident(table)} FROM {group}")
        if table != "row_changes":
            exec_(f"GRANT SELECT ON {quote_ident(table)} TO {STAFF}")
    exec_(f"GRANT INSERT ON audit_events TO {STAFF}")
    exec_(f"GRANT INSERT, UPDATE ON audit_head TO {STAFF}")
    exec_(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {quote_ident(schema)} TO {STAFF}")
    exec_(f"GRANT UPDATE (failed_attempts, locked, locked_until, last_sign_in_at, password_hash, "
          f"must_change_password) ON users TO {STAFF}")
    for role, grants in _GRANTS.items():
        for grant in grants:
            exec_(f"GRANT {grant} TO {GROUPS[role]}")
    for role, feature_grants in _FEATURE_GRANTS.items():
        for privileges, table in feature_grants:
            if table in tables:
                exec_(f"GRANT {privileges} ON {quote_ident(table)} TO "
                      f"{STAFF if role == 'staff' else GROUPS[role]}")
    admin = GROUPS["administrator"]
    for table in data_tables:  # restore replaces every row except the audit trail
        exec_(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {quote_ident(table)} TO {admin}")
    exec_(f"GRANT UPDATE ON ALL SEQUENCES IN SCHEMA {quote_ident(schema)} TO {admin}")
    # Row-level security: a non-administrator's sign-in changes only their own row.
    exec_("ALTER TABLE users ENABLE ROW LEVEL SECURITY")
    for policy in ("users_read", "users_own", "users_admin"):
        exec_(f"DROP POLICY IF EXISTS {policy} ON users")
    exec_("CREATE POLICY users_read ON users FOR SELECT USING (true)")
    exec_(f"CREATE POLICY users_own ON users FOR UPDATE TO {STAFF} "
          "USING (username = session_user) WITH CHECK (username = session_user)")
    exec_(f"CREATE POLICY users_admin ON users FOR ALL TO {admin} USING (true) "
          "WITH CHECK (true)")
    exec_(_NURSE_ORDER_GUARD)
    exec_("DROP TRIGGER IF EXISTS orders_nurse_guard ON orders")
    exec_("CREATE TRIGGER orders_nurse_guard BEFORE UPDATE ON orders FOR EACH ROW "
          "EXECUTE FUNCTION interfant_nurse_order_guard()")


def scram_verifier(conn: Connection, username: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password`` (computed by libpq, client side)."""
    pgconn = conn.connection.driver_connection.pgconn  # type: ignore[union-attr]
    verifier: bytes = pgconn.encrypt_password(password.encode("utf-8"),
                                              username.encode("utf-8"), b"scram-sha-256")
    return verifier.decode("ascii")


def create_login_role(conn: Connection, username: str, password: str, role: str) -> None:
    """The app user's own login role, in the staff group and their role's group."""
    verifier = scram_verifier(conn, username, password)
    extra = " CREATEROLE" if role == "administrator" else ""
    conn.exec_driver_sql(
        f"CREATE ROLE {quote_ident(username)} LOGIN{extra} PASSWORD {_literal(verifier)} "
        f"IN ROLE {STAFF}, {GROUPS[role]}")


def login_role_exists(conn: Connection, username: str) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                        {"r": username}).first() is not None


def alter_login_role(conn: Connection, username: str, *, password: str | None = None,
                     login: bool | None = None) -> None:
    """A new password (as a SCRAM verifier) and/or LOGIN / NOLOGIN (deactivated)."""
    if password is not None:
        conn.exec_driver_sql(f"ALTER ROLE {quote_ident(username)} PASSWORD "
                             f"{_literal(scram_verifier(conn, username, password))}")
    if login is not None:
        conn.exec_driver_sql(f"ALTER ROLE {quote_ident(username)} "
                             f"{'LOGIN' if login else 'NOLOGIN'}")
