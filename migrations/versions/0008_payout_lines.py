"""payout lines: each batch keeps the payee's bank details as they were when it was made

Revision ID: 0008
Revises: 0007

Issue 13 item 5. A batch used to read the producer's current bank account when exported, so
a producer who changed it after the batch was made redirected the money. Existing batches
get lines from today's accounts (the best record there is of them).
"""
from alembic import op

from migrations.helpers import create_tables, drop_tables, integer, reference, string, table

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'

PAYOUT_LINES = table(
    'payout_lines',
    reference('batch_id', 'payout_batches', ondelete='CASCADE'),
    reference('producer_id', 'producers', index=True),
    string('bank_name', 80),
    string('bank_account_number', 30),
    string('bank_account_name', 120),
    integer('amount_vnd'),
    integer('parts_count'),
    unique=[('batch_id', 'producer_id')],
)


def upgrade():
    create_tables(PAYOUT_LINES)
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
    drop_tables(PAYOUT_LINES)
