"""First schema: users, patients and every case-file section, review decisions,
eligibility confirmations, orders with their prints, and the hash-chained audit trail.
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None


def upgrade() -> None:
    op.create_table('audit_events',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_key', sa.String(length=120), nullable=True),
    sa.Column('study_id', sa.String(length=64), nullable=True),
    sa.Column('field', sa.String(length=120), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_events'))
    )
    op.create_index('ix_audit_events_study_id', 'audit_events', ['study_id'], unique=False)

    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.create_table('patients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('study_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('hospital_number', sa.String(length=64), nullable=True),
    sa.Column('date_of_birth', sa.Date(), nullable=False),
    sa.Column('sex', sa.String(length=10), nullable=True),
    sa.Column('down_syndrome', sa.Boolean(), nullable=True),
    sa.Column('keys_given', sa.JSON(), nullable=False),
    sa.Column('sections_given', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patients')),
    sa.UniqueConstraint('study_id', name=op.f('uq_patients_study_id'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_sign_in_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("role IN ('administrator','physician','pharmacist','nurse','data_manager')", name=op.f('ck_users_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('blinatumomab_checklists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('cd19_positive', sa.Boolean(), nullable=True),
    sa.Column('cns1_at_eoi', sa.Boolean(), nullable=True),
    sa.Column('hypersensitivity', sa.Boolean(), nullable=True),
    sa.Column('live_vaccine_28d', sa.Boolean(), nullable=True),
    sa.Column('keys_given', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_blinatumomab_checklists_patient_id_patients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_blinatumomab_checklists')),
    sa.UniqueConstraint('patient_id', name=op.f('uq_blinatumomab_checklists_patient_id'))
    )
    op.create_table('blinatumomab_cycles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('cycle', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('weight_kg', sa.Float(), nullable=False),
    sa.Column('weight_date', sa.Date(), nullable=True),
    sa.Column('height_cm', sa.Float(), nullable=False),
    sa.Column('height_date', sa.Date(), nullable=True),
    sa.Column('bsa_formula', sa.String(length=12), nullable=True),
    sa.Column('keys_given', sa.JSON(), nullable=False),
    sa.CheckConstraint('cycle IN (1, 2)', name=op.f('ck_blinatumomab_cycles_cycle')),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_blinatumomab_cycles_patient_id_patients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_blinatumomab_cycles')),
    sa.UniqueConstraint('patient_id', 'cycle', name='uq_blinatumomab_cycle')
    )
    op.create_table('diagnoses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('lineage', sa.String(length=20), nullable=True),
    sa.Column('kmt2a', sa.String(length=12), nullable=True),
    sa.Column('kmt2a_partner', sa.String(length=64), nullable=True),
    sa.Column('relapsed', sa.Boolean(), nullable=True),
    sa.Column('wbc_value', sa.Float(), nullable=True),
    sa.Column('wbc_unit', sa.String(length=8), nullable=True),
    sa.Column('prior_steroids', sa.Boolean(), nullable=True),
    sa.Column('prior_chemotherapy', sa.Boolean(), nullable=True),
    sa.Column('consent', sa.Boolean(), nullable=True),
    sa.Column('keys_given', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_diagnoses_patient_id_patients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diagnoses')),
    sa.UniqueConstraint('patient_id', name=op.f('uq_diagnoses_patient_id'))
    )
    op.create_table('eligibility_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('criterion', sa.String(length=16), nullable=False),
    sa.Column('answer', sa.Boolean(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('confirmed_by', sa.String(length=64), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_eligibility_answers_patient_id_patients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_eligibility_answers')),
    sa.UniqueConstraint('patient_id', 'criterion', name='uq_eligibility_answer')
    )
    op.create_table('end_of_induction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('marrow', sa.String(length=4), nullable=True),
    sa.Column('cns', sa.String(length=4), nullable=True),
    sa.Column('keys_given', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_end_of_induction_patient_id_patients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_end_of_induction')),
    sa.UniqueConstraint('patient_id', name=op.f('uq_end_of_induction_patient_id'))
    )
    op.create_table('mrd_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('timepoint', sa.String(length=32), nullable=False),
    sa.Column('sample_date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('percent', sa.Float(), nullable=True),
    sa.Column('qr_percent', sa.Float(), nullable=True),
    sa.Column('method', sa.String(length=64), nullable=True),
    sa.Column('laboratory', sa.String(length=200), nullable=True),
    sa.Column('keys_given', sa.JSON(), nullable=False),
    sa.CheckConstraint("kind IN ('percent','undetectable','pnq')", name=op.f('ck_mrd_results_kind')),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_mrd_results_patient_id_patients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mrd_results'))
    )
    op.create_index('ix_mrd_results_patient_id', 'mrd_results', ['patient_id'], unique=False)

    op.create_table('orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('cycle', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('protocol_version', sa.String(length=40), nullable=False),
    sa.Column('patient_version', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('prescriber', sa.String(length=64), nullable=True),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('verifier', sa.String(length=64), nullable=True),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.Column('stale', sa.Boolean(), nullable=False),
    sa.Column('cancelled_by', sa.String(length=64), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('draft','signed','verified','printed','cancelled')", name=op.f('ck_orders_status')),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_orders_patient_id_patients'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders'))
    )
    op.create_table('prednisone_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('blasts_per_ul', sa.Float(), nullable=True),
    sa.Column('not_evaluable', sa.Boolean(), nullable=True),
    sa.Column('keys_given', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_prednisone_responses_patient_id_patients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prednisone_responses')),
    sa.UniqueConstraint('patient_id', name=op.f('uq_prednisone_responses_patient_id'))
    )
    op.create_table('review_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.String(length=120), nullable=False),
    sa.Column('rule_id', sa.String(length=40), nullable=False),
    sa.Column('chosen_option', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.Column('protocol_version', sa.String(length=40), nullable=False),
    sa.Column('superseded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_review_decisions_patient_id_patients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_decisions'))
    )
    op.create_index('ix_review_decisions_patient_id', 'review_decisions', ['patient_id'], unique=False)

    op.create_table('order_prints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('printed_by', sa.String(length=64), nullable=False),
    sa.Column('printed_at', sa.DateTime(), nullable=False),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_prints_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_prints'))
    )


def downgrade() -> None:
    op.drop_table('order_prints')
    op.drop_index('ix_review_decisions_patient_id', table_name='review_decisions')

    op.drop_table('review_decisions')
    op.drop_table('prednisone_responses')
    op.drop_table('orders')
    op.drop_index('ix_mrd_results_patient_id', table_name='mrd_results')

    op.drop_table('mrd_results')
    op.drop_table('end_of_induction')
    op.drop_table('eligibility_answers')
    op.drop_table('diagnoses')
    op.drop_table('blinatumomab_cycles')
    op.drop_table('blinatumomab_checklists')
    op.drop_table('users')
    op.drop_table('patients')
    op.drop_table('audit_head')
    op.drop_index('ix_audit_events_study_id', table_name='audit_events')

    op.drop_table('audit_events')
