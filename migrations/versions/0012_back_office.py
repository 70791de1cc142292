"""back office: villages' commune, photo and recognition; marks' registration, image and rules;
association admin invitations; producers' village requests; the change history

Revision ID: 0012
Revises: 0011

Issue 10 item 1. Staff create and edit the reference data that only the demo loader made.
"""
import sqlalchemy as sa
from alembic import op

from migrations import helpers
from migrations.helpers import moment, reference, string, table, text

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def _new_columns():
    """The columns staff fill in later, empty to start with (new objects each call: a column joins one table)."""
    return {
        'villages': (sa.Column('commune', sa.String(length=120), nullable=False, server_default=''),
                     sa.Column('photo_path', sa.String(length=200), nullable=False, server_default=''),
                     sa.Column('photo_thumb_path', sa.String(length=200), nullable=False, server_default=''),
                     sa.Column('recognised', sa.Boolean(), nullable=False, server_default=sa.false()),
                     sa.Column('recognised_year', sa.Integer(), nullable=True)),
        'associations': (sa.Column('name_en', sa.String(length=200), nullable=False, server_default=''),),
        'trademarks': (sa.Column('registration_date', sa.Date(), nullable=True),
                       sa.Column('image_path', sa.String(length=200), nullable=False, server_default=''),
                       sa.Column('image_thumb_path', sa.String(length=200), nullable=False, server_default=''),
                       sa.Column('rules_path', sa.String(length=200), nullable=False, server_default=''),
                       sa.Column('rules_filename', sa.String(length=200), nullable=False, server_default='')),
    }


def _by(name, **options):
    """Who did it: a user, kept as NULL when the account is deleted."""
    return reference(name, 'users', nullable=True, ondelete='SET NULL', **options)


TABLES = (
    table('admin_invitations',
          reference('association_id', 'associations', ondelete='CASCADE', index=True),
          string('email', 255, index=True), _by('invited_by_id'), string('status', 16),
          _by('accepted_by_id'), moment('created_at'), moment('answered_at')),
    table('village_requests',
          reference('requested_by_id', 'users', ondelete='CASCADE', index=True),
          reference('producer_id', 'producers', nullable=True, ondelete='CASCADE'),
          string('name', 120), string('district', 120), string('commune', 120), string('craft', 120),
          string('status', 16, index=True), text('reason'),
          reference('village_id', 'villages', nullable=True, ondelete='SET NULL'),
          _by('decided_by_id'), moment('created_at'), moment('decided_at')),
    table('changes',
          _by('actor_id'), string('entity', 32), helpers.integer('entity_id'), string('label', 200),
          string('action', 32), helpers.column('fields', sa.JSON(), nullable=True), moment('at', index=True)),
)


def upgrade():
    for name, columns in _new_columns().items():
        helpers.add_columns(name, *columns)
    helpers.create_tables(*TABLES)
    op.create_index('ix_changes_entity', 'changes', ['entity', 'entity_id'], unique=False)


def downgrade():
    op.drop_index('ix_changes_entity', table_name='changes')
    helpers.drop_tables(*TABLES)
    for name, columns in reversed(_new_columns().items()):
        helpers.drop_columns(name, *reversed([old.name for old in columns]))
