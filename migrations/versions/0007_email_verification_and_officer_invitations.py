"""accounts: e-mail verification on users; officer invitations that the invitee accepts

Revision ID: 0007
Revises: 0006

Issue 13 item 7 (account enumeration). Every account that exists when this runs was made
before sign-ups were verified (demo data, create-staff, earlier sign-ups): it counts as
verified, from the moment of the upgrade.
"""
import sqlalchemy as sa
from alembic import op

from migrations.helpers import create_tables, drop_tables, moment, reference, string, table

# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'

OFFICER_INVITATIONS = table(
    'officer_invitations',
    reference('producer_id', 'producers', ondelete='CASCADE', index=True),
    string('email', 255, index=True),
    reference('invited_by_id', 'users', nullable=True, ondelete='SET NULL'),
    string('status', 16),
    reference('answered_by_id', 'users', nullable=True, ondelete='SET NULL'),
    moment('created_at'),
    moment('answered_at'),
)


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_verified', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('email_verified_at', sa.DateTime(timezone=True), nullable=True))
    op.execute(sa.text("UPDATE users SET email_verified = :yes, email_verified_at = CURRENT_TIMESTAMP")
               .bindparams(yes=True))

    create_tables(OFFICER_INVITATIONS)


def downgrade():
    drop_tables(OFFICER_INVITATIONS)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('email_verified_at')
        batch_op.drop_column('email_verified')
