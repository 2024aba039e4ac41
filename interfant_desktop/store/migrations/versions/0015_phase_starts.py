"""Phase starts: the date each phase of the roadmap started, as recorded (issue 12).

One new table only (no SQLite table rebuild, so no child rows are at risk). Existing
patients have no phase starts; their roadmap reads as before.

Revision ID: 0015
Revises: 0010
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'phase_starts',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('patient_id', sa.Integer(), sa.ForeignKey(
            'patients.id', ondelete='RESTRICT', name=op.f('fk_phase_starts_patient_id_patients')),
            nullable=False),
        sa.Column('phase', sa.String(40), nullable=False),
        sa.Column('start_date', sa.Date(), nullable=False),
        sa.Column('recorded_by', sa.String(64), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=False), nullable=False),
        sa.Column('corrected_by', sa.String(64), nullable=True),
        sa.Column('corrected_at', sa.DateTime(timezone=False), nullable=True),
        sa.Column('entered_in_error', sa.Boolean(), nullable=False),
        sa.Column('error_reason', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_phase_starts')),
    )
    op.create_index('ix_phase_starts_patient', 'phase_starts', ['patient_id', 'phase'])


def downgrade() -> None:
    op.drop_table('phase_starts')
