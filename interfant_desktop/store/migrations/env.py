"""Alembic environment: always run with a connection handed over by
``interfant_desktop.store.migrate`` (``config.attributes["connection"]``)."""

from __future__ import annotations

from alembic import context

from interfant_desktop.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - misuse guard
    raise RuntimeError("run migrations through interfant_desktop.store.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
