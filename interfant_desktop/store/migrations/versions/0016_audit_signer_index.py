"""An index on the audit trail's ``(action, entity_key)``.

Each process's first signed commit asks whether its signing key has entered the trail
(the ``add_signer`` event for that key id), and the first commit after an upgrade asks
for the ``start_tracking`` event. Without an index both questions read the whole
trail, which grows with every change ever made. An index only: no row changes.

Revision ID: 0016
Revises: 0013
Create Date: 2026-12-03
"""
from alembic import op

revision = '0016'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_audit_events_action_entity_key', 'audit_events',
                    ['action', 'entity_key'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_events_action_entity_key', table_name='audit_events')
