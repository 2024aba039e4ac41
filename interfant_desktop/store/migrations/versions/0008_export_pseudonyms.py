"""Date offsets for pseudonymised exports.

Adds ``export_pseudonyms``: one row per patient exported pseudonymised, holding the
random number of days its dates are shifted by (drawn once, kept for every later
export). A new table only: no existing row is touched.
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0005'


def upgrade() -> None:
    op.create_table(
        'export_pseudonyms',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('patient_id', sa.Integer(), nullable=False),
        sa.Column('date_offset_days', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=False), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['patient_id'], ['patients.id'],
                                name=op.f('fk_export_pseudonyms_patient_id_patients'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_export_pseudonyms')),
        sa.UniqueConstraint('patient_id', name=op.f('uq_export_pseudonyms_patient_id')),
    )


def downgrade() -> None:
    op.drop_table('export_pseudonyms')
