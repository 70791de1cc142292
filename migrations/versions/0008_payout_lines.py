"""payout lines: each batch keeps the payee's bank details as they were when it was made

Revision ID: 0008
Revises: 0007

Issue 13 item 5. A batch used to read the producer's current bank account when exported, so
a producer who changed it after the batch was made redirected the money. Existing batches
get lines from today's accounts (the best record there is of them).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('payout_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=False),
    sa.Column('bank_name', sa.String(length=80), nullable=False),
    sa.Column('bank_account_number', sa.String(length=30), nullable=False),
    sa.Column('bank_account_name', sa.String(length=120), nullable=False),
    sa.Column('amount_vnd', sa.Integer(), nullable=False),
    sa.Column('parts_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['payout_batches.id'], name=op.f('fk_payout_lines_batch_id_payout_batches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_payout_lines_producer_id_producers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payout_lines')),
    sa.UniqueConstraint('batch_id', 'producer_id', name=op.f('uq_payout_lines_batch_id'))
    )
    with op.batch_alter_table('payout_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payout_lines_producer_id'), ['producer_id'], unique=False)
    op.execute(
        "INSERT INTO payout_lines (batch_id, producer_id, bank_name, bank_account_number, bank_account_name,"
        " amount_vnd, parts_count)"
        " SELECT order_parts.payout_batch_id, producers.id, producers.bank_name, producers.bank_account_number,"
        " producers.bank_account_name, SUM(order_parts.net_vnd), COUNT(order_parts.id)"
        " FROM order_parts JOIN producers ON producers.id = order_parts.producer_id"
        " WHERE order_parts.payout_batch_id IS NOT NULL"
        " GROUP BY order_parts.payout_batch_id, producers.id, producers.bank_name, producers.bank_account_number,"
        " producers.bank_account_name, producers.name"
        " ORDER BY order_parts.payout_batch_id, producers.name"
    )


def downgrade():
    with op.batch_alter_table('payout_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payout_lines_producer_id'))
    op.drop_table('payout_lines')
