"""The order lifecycle: held, discontinued and superseded orders, and their signatures.

``orders.status`` may now be ``held``, ``discontinued`` or ``superseded`` (the column is
widened to 16 characters for ``discontinued``), and ``order_signatures.meaning`` may be
``held``, ``hold released``, ``discontinued`` or ``superseded`` (``services.order_lifecycle``).
Only the two CHECK constraints and one column width change: on SQLite the two tables are
rebuilt by Alembic's batch mode (rows copied as they are, foreign keys off meanwhile, see
``store.migrate``); on PostgreSQL the constraints are replaced in place.

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0015'
branch_labels = None
depends_on = None

STATUSES_BEFORE = "status IN ('draft','signed','verified','printed','cancelled')"
STATUSES = ("status IN ('draft','signed','verified','printed','cancelled','held','discontinued',"
            "'superseded')")
MEANINGS_BEFORE = "meaning IN ('prescribed','verified','printed for administration')"
MEANINGS = ("meaning IN ('prescribed','verified','printed for administration','held',"
            "'hold released','discontinued','superseded')")


def _replace(statuses: str, meanings: str, width: int, old_width: int) -> None:
    with op.batch_alter_table('orders') as batch:
        batch.drop_constraint(op.f('ck_orders_status'), type_='check')
        batch.alter_column('status', type_=sa.String(width), existing_type=sa.String(old_width),
                           existing_nullable=False)
        batch.create_check_constraint(op.f('ck_orders_status'), statuses)
    with op.batch_alter_table('order_signatures') as batch:
        batch.drop_constraint(op.f('ck_order_signatures_meaning'), type_='check')
        batch.create_check_constraint(op.f('ck_order_signatures_meaning'), meanings)


def upgrade() -> None:
    _replace(STATUSES, MEANINGS, 16, 10)


def downgrade() -> None:
    _replace(STATUSES_BEFORE, MEANINGS_BEFORE, 10, 16)
