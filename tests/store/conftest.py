"""Store tests run on SQLite and on PostgreSQL (see fixtures.py)."""

from tests.store.fixtures import db_url, pg_url, sqlite_url, store, users  # noqa: F401
