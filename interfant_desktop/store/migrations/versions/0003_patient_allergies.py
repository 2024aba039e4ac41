"""The patient's allergy status.

Adds two nullable columns to ``patients``: ``no_known_allergies`` (True = "no known
allergies" confirmed, False = allergies listed in ``allergies``, NULL = not recorded
yet) and ``allergies`` (the allergy text). Existing patients keep "not recorded".
Who recorded it and when is in the audit trail. Not part of the case file.

Plain ``ADD COLUMN`` on both databases (no SQLite table rebuild, so no child rows
are at risk).
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'


def upgrade() -> None:
    op.add_column('patients', sa.Column('no_known_allergies', sa.Boolean(), nullable=True))
    op.add_column('patients', sa.Column('allergies', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('patients') as batch_op:
        batch_op.drop_column('allergies')
        batch_op.drop_column('no_known_allergies')
