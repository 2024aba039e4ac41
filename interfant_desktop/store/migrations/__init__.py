"""Alembic migration scripts (run programmatically by ``interfant_desktop.store.migrate``)."""
