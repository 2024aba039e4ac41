"""Corrections: entered-in-error facts, patients registered by mistake, pending
two-person corrections.

* ``patients``: three nullable columns, ``entered_in_error_at``, ``_by``, ``_reason``
  (a patient registered by mistake is kept and hidden from the list; NULL = not).
* ``entered_in_error_facts``: the facts withdrawn from a case, kept verbatim.
* ``pending_corrections``: identity / date-of-birth corrections awaiting a second
  person's confirmation.

Existing data are unchanged (plain ``ADD COLUMN`` and new tables; no SQLite rebuild).
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'


def upgrade() -> None:
    op.add_column('patients', sa.Column('entered_in_error_at', sa.DateTime(), nullable=True))
    op.add_column('patients', sa.Column('entered_in_error_by', sa.String(64), nullable=True))
    op.add_column('patients', sa.Column('entered_in_error_reason', sa.Text(), nullable=True))
    op.create_table(
        'entered_in_error_facts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('patient_id', sa.Integer(), nullable=False),
        sa.Column('fact', sa.String(120), nullable=False),
        sa.Column('value', sa.Text(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('entered_by', sa.String(64), nullable=False),
        sa.Column('entered_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], ondelete='CASCADE',
                                name='fk_entered_in_error_facts_patient_id_patients'),
        sa.PrimaryKeyConstraint('id', name='pk_entered_in_error_facts'),
    )
    op.create_index('ix_entered_in_error_facts_patient_id', 'entered_in_error_facts',
                    ['patient_id'])
    op.create_table(
        'pending_corrections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('patient_id', sa.Integer(), nullable=False),
        sa.Column('fact', sa.String(120), nullable=False),
        sa.Column('kind', sa.String(20), nullable=False),
        sa.Column('old_value', sa.Text(), nullable=True),
        sa.Column('new_value', sa.Text(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('requested_by', sa.String(64), nullable=False),
        sa.Column('requested_at', sa.DateTime(), nullable=False),
        sa.Column('status', sa.String(12), nullable=False),
        sa.Column('decided_by', sa.String(64), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('correct','entered_in_error')",
                           name='ck_pending_corrections_kind'),
        sa.CheckConstraint("status IN ('pending','confirmed','withdrawn')",
                           name='ck_pending_corrections_status'),
        sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], ondelete='CASCADE',
                                name='fk_pending_corrections_patient_id_patients'),
        sa.PrimaryKeyConstraint('id', name='pk_pending_corrections'),
    )
    op.create_index('ix_pending_corrections_patient_id', 'pending_corrections', ['patient_id'])


def downgrade() -> None:
    op.drop_index('ix_pending_corrections_patient_id', 'pending_corrections')
    op.drop_table('pending_corrections')
    op.drop_index('ix_entered_in_error_facts_patient_id', 'entered_in_error_facts')
    op.drop_table('entered_in_error_facts')
    with op.batch_alter_table('patients') as batch_op:
        batch_op.drop_column('entered_in_error_reason')
        batch_op.drop_column('entered_in_error_by')
        batch_op.drop_column('entered_in_error_at')
