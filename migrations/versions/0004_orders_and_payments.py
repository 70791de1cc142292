"""orders and payments: carts, orders split per producer, payments, refunds, Stripe events, payouts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 22:39:04.650241

"""
import sqlalchemy as sa
from alembic import op

from migrations.helpers import (
    bilingual,
    create_tables,
    drop_tables,
    integer,
    moment,
    payment,
    reference,
    string,
    table,
    text,
)

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'

TABLES = (
    table('stripe_events',
          string('event_id', 120, unique=True),
          string('type', 80),
          string('outcome', 200),
          moment('received_at')),
    table('carts',
          reference('user_id', 'users', nullable=True, ondelete='CASCADE', unique=True),
          string('token', 64, nullable=True, unique=True),
          moment('updated_at')),
    table('orders',
          reference('buyer_id', 'users', index=True),
          string('payment_method', 16),
          integer('total_vnd'),
          string('recipient_name', 120),
          string('phone', 20),
          string('province', 80),
          string('district', 80),
          string('ward', 80),
          string('street', 200),
          text('note'),
          moment('reserved_until', index=True),
          moment('paid_at'),
          string('checkout_token', 64, unique=True),
          moment('created_at', index=True),
          checks={'order_total_not_negative': 'total_vnd >= 0'}),
    table('payout_batches',
          string('status', 16),
          integer('total_vnd'),
          reference('created_by_id', 'users'),
          moment('created_at'),
          moment('paid_at'),
          reference('paid_by_id', 'users', nullable=True),
          text('note')),
    table('order_parts',
          reference('order_id', 'orders', ondelete='CASCADE', index=True),
          reference('producer_id', 'producers', index=True),
          string('status', 20, index=True),
          integer('goods_vnd'),
          integer('shipping_vnd'),
          integer('commission_rate_bp'),
          integer('commission_vnd'),
          integer('net_vnd'),
          string('payout_status', 16, index=True),
          reference('payout_batch_id', 'payout_batches', nullable=True, index=True),
          string('carrier', 60),
          string('tracking_number', 60),
          moment('paid_at'),
          moment('shipped_at'),
          moment('delivered_at'),
          moment('cancelled_at'),
          string('cancel_reason', 200),
          unique=[('order_id', 'producer_id')],
          checks={'part_money_not_negative': 'commission_vnd >= 0 AND net_vnd >= 0'}),
    table('payments',
          reference('order_id', 'orders', ondelete='CASCADE', index=True),
          *payment(),
          checks={'payment_amount_not_negative': 'amount_vnd >= 0'}),
    table('order_part_events',
          reference('part_id', 'order_parts', ondelete='CASCADE', index=True),
          string('from_status', 20),
          string('to_status', 20),
          reference('actor_id', 'users', nullable=True),
          string('note', 300),
          moment('created_at')),
    table('refunds',
          reference('part_id', 'order_parts', ondelete='CASCADE', unique=True),
          reference('payment_id', 'payments', index=True),
          integer('amount_vnd'),
          string('status', 16),
          string('provider_ref', 120),
          moment('created_at'),
          checks={'refund_amount_positive': 'amount_vnd > 0'}),
    table('cart_items',
          reference('cart_id', 'carts', ondelete='CASCADE', index=True),
          reference('listing_id', 'listings', ondelete='CASCADE'),
          reference('variant_id', 'variants', nullable=True, ondelete='CASCADE'),
          integer('variant_key'),
          integer('quantity'),
          integer('seen_unit_price_vnd'),
          unique=[('cart_id', 'listing_id', 'variant_key')],
          checks={'cart_quantity_positive': 'quantity >= 1'}),
    table('order_lines',
          reference('part_id', 'order_parts', ondelete='CASCADE', index=True),
          reference('listing_id', 'listings', index=True),
          reference('variant_id', 'variants', nullable=True),
          *bilingual(string, 'title', 200),
          *bilingual(string, 'variant_name', 120),
          string('unit', 32),
          integer('quantity'),
          integer('unit_price_vnd'),
          checks={'line_quantity_positive': 'quantity >= 1'}),
)


def upgrade():
    create_tables(*TABLES)

    with op.batch_alter_table('producers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bank_name', sa.String(length=80), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('bank_account_number', sa.String(length=30), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('bank_account_name', sa.String(length=120), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('producers', schema=None) as batch_op:
        batch_op.drop_column('bank_account_name')
        batch_op.drop_column('bank_account_number')
        batch_op.drop_column('bank_name')

    drop_tables(*TABLES)
