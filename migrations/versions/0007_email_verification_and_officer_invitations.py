"""accounts: e-mail verification on users; officer invitations that the invitee accepts

Revision ID: 0007
Revises: 0006

Issue 13 item 7 (account enumeration). Every account that exists when this runs was made
before sign-ups were verified (demo data, create-staff, earlier sign-ups): it counts as
verified, from the moment of the upgrade.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_verified', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('email_verified_at', sa.DateTime(timezone=True), nullable=True))
    op.execute(sa.text("UPDATE users SET email_verified = :yes, email_verified_at = CURRENT_TIMESTAMP")
               .bindparams(yes=True))

    op.create_table('officer_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=255), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_officer_invitations_answered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_officer_invitations_invited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_officer_invitations_producer_id_producers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officer_invitations'))
    )
    with op.batch_alter_table('officer_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officer_invitations_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_officer_invitations_producer_id'), ['producer_id'], unique=False)


def downgrade():
    with op.batch_alter_table('officer_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officer_invitations_producer_id'))
        batch_op.drop_index(batch_op.f('ix_officer_invitations_email'))
    op.drop_table('officer_invitations')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('email_verified_at')
        batch_op.drop_column('email_verified')
