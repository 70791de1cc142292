"""back office: villages' commune, photo and recognition; marks' registration, image and rules;
association admin invitations; producers' village requests; the change history

Revision ID: 0012
Revises: 0011

Issue 10 item 1. Staff create and edit the reference data that only the demo loader made.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('villages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('commune', sa.String(length=120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('photo_path', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('photo_thumb_path', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('recognised', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('recognised_year', sa.Integer(), nullable=True))
    with op.batch_alter_table('associations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_en', sa.String(length=200), nullable=False, server_default=''))
    with op.batch_alter_table('trademarks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registration_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('image_path', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('image_thumb_path', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('rules_path', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('rules_filename', sa.String(length=200), nullable=False, server_default=''))

    op.create_table('admin_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('association_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=255), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('accepted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['association_id'], ['associations.id'], name=op.f('fk_admin_invitations_association_id_associations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_admin_invitations_invited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['accepted_by_id'], ['users.id'], name=op.f('fk_admin_invitations_accepted_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_invitations'))
    )
    with op.batch_alter_table('admin_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admin_invitations_association_id'), ['association_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_admin_invitations_email'), ['email'], unique=False)

    op.create_table('village_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('district', sa.String(length=120), nullable=False),
    sa.Column('commune', sa.String(length=120), nullable=False),
    sa.Column('craft', sa.String(length=120), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_village_requests_requested_by_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_village_requests_producer_id_producers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['village_id'], ['villages.id'], name=op.f('fk_village_requests_village_id_villages'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_village_requests_decided_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_village_requests'))
    )
    with op.batch_alter_table('village_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_village_requests_requested_by_id'), ['requested_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_village_requests_status'), ['status'], unique=False)

    op.create_table('changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_changes_actor_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_changes'))
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index('ix_changes_entity', ['entity', 'entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_at'), ['at'], unique=False)


def downgrade():
    op.drop_table('changes')
    op.drop_table('village_requests')
    op.drop_table('admin_invitations')
    with op.batch_alter_table('trademarks', schema=None) as batch_op:
        for name in ('rules_filename', 'rules_path', 'image_thumb_path', 'image_path', 'registration_date'):
            batch_op.drop_column(name)
    with op.batch_alter_table('associations', schema=None) as batch_op:
        batch_op.drop_column('name_en')
    with op.batch_alter_table('villages', schema=None) as batch_op:
        for name in ('recognised_year', 'recognised', 'photo_thumb_path', 'photo_path', 'commune'):
            batch_op.drop_column(name)
