"""accounts: a language only once chosen (users.locale nullable), deleted accounts (users.deleted_at)

Revision ID: 0010
Revises: 0009

Issue 10 item 2. ``users.locale`` was always filled ("vi" by default), so a choice made before
login could not tell "not chosen yet" from "chose Vietnamese"; now NULL means not chosen, and
the choice made before login is stored at login. Existing accounts keep their value.
``deleted_at`` marks an account its owner deleted: the row is kept, anonymised, for the orders
that point at it.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('locale', existing_type=sa.String(length=5), nullable=True)
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    op.execute(sa.text("UPDATE users SET locale = 'vi' WHERE locale IS NULL"))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('deleted_at')
        batch_op.alter_column('locale', existing_type=sa.String(length=5), nullable=False)
