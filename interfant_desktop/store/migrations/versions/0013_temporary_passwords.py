"""A password set by an administrator is temporary: changed at the first sign-in.

Adds ``users.must_change_password`` (false for every existing account: their
passwords are their own). With PostgreSQL login roles installed, staff may update
it (the user clears it by choosing their own password).

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('users', sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        from interfant_desktop.store import pg_roles

        if pg_roles.roles_installed(bind):
            op.execute(f"GRANT UPDATE (must_change_password) ON users TO {pg_roles.STAFF}")


def downgrade() -> None:
    with op.batch_alter_table('users') as batch_op:
        batch_op.drop_column('must_change_password')
