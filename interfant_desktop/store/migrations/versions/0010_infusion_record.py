"""The infusion record: interruptions, toxicity assessments, the physician's decisions on
the label's actions, bag administration events; the cycle's start time and bag length.

New tables only, plus two nullable ``ADD COLUMN`` on ``blinatumomab_cycles`` (no SQLite
table rebuild, so no child rows are at risk). Existing patients have no infusion record.
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0004'


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=False)


def upgrade() -> None:
    op.add_column('blinatumomab_cycles', sa.Column('start_time', sa.String(5), nullable=True))
    op.add_column('blinatumomab_cycles', sa.Column('bag_hours', sa.Integer(), nullable=True))
    op.create_table(
        'infusion_interruptions',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('patient_id', sa.Integer(), sa.ForeignKey(
            'patients.id', ondelete='RESTRICT',
            name=op.f('fk_infusion_interruptions_patient_id_patients')), nullable=False),
        sa.Column('cycle', sa.Integer(), nullable=False),
        sa.Column('stopped', sa.DateTime(timezone=False), nullable=False),
        sa.Column('restarted', sa.DateTime(timezone=False), nullable=True),
        sa.Column('reason', sa.String(40), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('recorded_by', sa.String(64), nullable=False),
        sa.Column('recorded_at', _utc(), nullable=False),
        sa.Column('restart_recorded_by', sa.String(64), nullable=True),
        sa.Column('restart_recorded_at', _utc(), nullable=True),
        sa.Column('entered_in_error', sa.Boolean(), nullable=False),
        sa.Column('error_reason', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_infusion_interruptions')),
    )
    op.create_index('ix_infusion_interruptions_patient', 'infusion_interruptions',
                    ['patient_id', 'cycle'])
    op.create_table(
        'toxicity_assessments',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('patient_id', sa.Integer(), sa.ForeignKey(
            'patients.id', ondelete='RESTRICT',
            name=op.f('fk_toxicity_assessments_patient_id_patients')), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('cycle', sa.Integer(), nullable=False),
        sa.Column('at_local', sa.DateTime(timezone=False), nullable=False),
        sa.Column('crs', sa.JSON(), nullable=True),
        sa.Column('icans', sa.JSON(), nullable=True),
        sa.Column('other', sa.JSON(), nullable=True),
        sa.Column('seizures_this_treatment', sa.Integer(), nullable=True),
        sa.Column('capd_answers', sa.JSON(), nullable=True),
        sa.Column('keys_given', sa.JSON(), nullable=False),
        sa.Column('recorded_by', sa.String(64), nullable=False),
        sa.Column('recorded_at', _utc(), nullable=False),
        sa.Column('entered_in_error', sa.Boolean(), nullable=False),
        sa.Column('error_reason', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_toxicity_assessments')),
    )
    op.create_index('ix_toxicity_assessments_patient', 'toxicity_assessments',
                    ['patient_id', 'at_local'])
    op.create_table(
        'toxicity_decisions',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('assessment_id', sa.Integer(), sa.ForeignKey(
            'toxicity_assessments.id', ondelete='RESTRICT',
            name=op.f('fk_toxicity_decisions_assessment_id_toxicity_assessments')), nullable=False),
        sa.Column('rule_id', sa.String(40), nullable=False),
        sa.Column('action', sa.String(40), nullable=False),
        sa.Column('followed', sa.Boolean(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('decided_by', sa.String(64), nullable=False),
        sa.Column('decided_at', _utc(), nullable=False),
        sa.Column('protocol_version', sa.String(40), nullable=False),
        sa.Column('superseded', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_toxicity_decisions')),
    )
    op.create_index('ix_toxicity_decisions_assessment_id', 'toxicity_decisions', ['assessment_id'])
    op.create_table(
        'bag_events',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('patient_id', sa.Integer(), sa.ForeignKey(
            'patients.id', ondelete='RESTRICT', name=op.f('fk_bag_events_patient_id_patients')),
            nullable=False),
        sa.Column('order_id', sa.Integer(), sa.ForeignKey(
            'orders.id', ondelete='RESTRICT', name=op.f('fk_bag_events_order_id_orders')), nullable=False),
        sa.Column('cycle', sa.Integer(), nullable=False),
        sa.Column('bag_number', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(8), nullable=False),
        sa.Column('at_local', sa.DateTime(timezone=False), nullable=False),
        sa.Column('nurse', sa.String(64), nullable=False),
        sa.Column('second_nurse', sa.String(64), nullable=True),
        sa.Column('rate_ml_per_h', sa.Float(), nullable=True),
        sa.Column('volume_to_infuse_ml', sa.Float(), nullable=True),
        sa.Column('pump_locked', sa.Boolean(), nullable=True),
        sa.Column('filter_used', sa.Boolean(), nullable=True),
        sa.Column('volume_infused_ml', sa.Float(), nullable=True),
        sa.Column('residual_discarded_ml', sa.Float(), nullable=True),
        sa.Column('recorded_at', _utc(), nullable=False),
        sa.Column('entered_in_error', sa.Boolean(), nullable=False),
        sa.Column('error_reason', sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('hung','removed')", name=op.f('ck_bag_events_kind')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bag_events')),
    )
    op.create_index('ix_bag_events_order', 'bag_events', ['order_id', 'bag_number'])


def downgrade() -> None:
    op.drop_table('bag_events')
    op.drop_table('toxicity_decisions')
    op.drop_table('toxicity_assessments')
    op.drop_table('infusion_interruptions')
    with op.batch_alter_table('blinatumomab_cycles') as batch_op:
        batch_op.drop_column('bag_hours')
        batch_op.drop_column('start_time')
