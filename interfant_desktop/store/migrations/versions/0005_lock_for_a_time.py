"""Accounts are locked for a growing time, not for ever.

Adds ``users.locked_until`` (UTC; NULL = no lock in force, see ``services.lockout``).
An account an older version locked for ever has NULL here, so it is no longer
locked: its next sign-in is checked normally, and since its count of wrong
passwords stays, the next wrong password locks it again (for 2 minutes).

Plain ``ADD COLUMN`` on both databases.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0003'


def upgrade() -> None:
    op.add_column('users', sa.Column('locked_until', sa.DateTime(timezone=False), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users') as batch_op:
        batch_op.drop_column('locked_until')
