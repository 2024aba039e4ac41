"""Electronic signatures: users' signing keys and the signatures on orders.

Two new tables, nothing changed in the existing ones:

* ``signing_keys``: each user's Ed25519 public key, the private key encrypted under
  their password (argon2id + AES-256-GCM) and the certificate by the administrator
  who created or reset the account. Accounts of an older database have no key yet:
  they get one at their next sign-in (see ``services.signing_keys``).
* ``order_signatures``: "prescribed", "verified" and "printed for administration"
  signatures over the order's complete context.

Orders signed by an older version have no electronic signature, so they can be
listed, previewed and cancelled but not printed again.
"""
import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0006'


def upgrade() -> None:
    op.create_table(
        'signing_keys',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=64), nullable=False),
        sa.Column('full_name', sa.String(length=200), nullable=True),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('public_key', sa.String(length=64), nullable=False),
        sa.Column('encrypted_private_key', sa.String(length=200), nullable=False),
        sa.Column('salt', sa.String(length=64), nullable=False),
        sa.Column('nonce', sa.String(length=64), nullable=False),
        sa.Column('kdf', sa.String(length=20), nullable=False),
        sa.Column('kdf_params', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('is_root', sa.Boolean(), nullable=False),
        sa.Column('issuer_key_id', sa.Integer(), nullable=True),
        sa.Column('certified_by', sa.String(length=64), nullable=True),
        sa.Column('certified_at', sa.DateTime(), nullable=True),
        sa.Column('certificate', sa.String(length=200), nullable=True),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['issuer_key_id'], ['signing_keys.id'],
                                name='fk_signing_keys_issuer_key_id_signing_keys'),
        sa.PrimaryKeyConstraint('id', name='pk_signing_keys'),
    )
    op.create_index('ix_signing_keys_username', 'signing_keys', ['username'])
    op.create_table(
        'order_signatures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('meaning', sa.String(length=40), nullable=False),
        sa.Column('username', sa.String(length=64), nullable=False),
        sa.Column('printed_name', sa.String(length=200), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('signed_at', sa.DateTime(), nullable=False),
        sa.Column('key_id', sa.Integer(), nullable=False),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.Column('signature', sa.String(length=200), nullable=False),
        sa.CheckConstraint("meaning IN ('prescribed','verified','printed for administration')",
                           name=op.f('ck_order_signatures_meaning')),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ondelete='RESTRICT',
                                name='fk_order_signatures_order_id_orders'),
        sa.ForeignKeyConstraint(['key_id'], ['signing_keys.id'],
                                name='fk_order_signatures_key_id_signing_keys'),
        sa.PrimaryKeyConstraint('id', name='pk_order_signatures'),
    )
    op.create_index('ix_order_signatures_order_id', 'order_signatures', ['order_id'])


def downgrade() -> None:
    op.drop_index('ix_order_signatures_order_id', table_name='order_signatures')
    op.drop_table('order_signatures')
    op.drop_index('ix_signing_keys_username', table_name='signing_keys')
    op.drop_table('signing_keys')
