"""The store layer: where recorded facts live (SQLite by default, or PostgreSQL).

Modules:

``db``          which database (``--db`` / ``INTERFANT_DB`` / the per-user SQLite file) and
                the SQLite settings of every connection (foreign keys, WAL, synchronous=FULL).
``models``      SQLAlchemy typed models: patients and every case-file section, eligibility
                confirmations, review decisions, orders and prints, users, audit events.
``case_rows``   case-file JSON <-> rows, losslessly (null and absent keys are kept apart).
``migrate``     Alembic migrations at start-up: backup first, refuse newer databases,
                foreign-key check after migrating. Scripts in ``migrations/versions``.
``audit``       the append-only, hash-chained audit trail and its verification.
``search``      normalised words for the fast prefix search of patients.
``passwords``   argon2id password hashing.

The store never decides anything clinical and never stores an evaluation; use it
through ``interfant_desktop.services``, which adds permissions, reasons and the audit.
"""
