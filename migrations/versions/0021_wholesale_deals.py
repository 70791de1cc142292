"""wholesale deals: an accepted quote becomes a deal with lines, payments, milestones and payout lines

Revision ID: 0021_wholesale_deals
Revises: 0020_units_and_capacity

Issue 12 item 4. Quotes gain their Incoterm, port of loading and deposit share; inquiries the
currency their target price was given in. Existing quotes read FOB, no port, 30 % deposit.
"""
import sqlalchemy as sa
from alembic import op

from migrations.helpers import column, create_tables, drop_tables, integer, moment, payment, reference, string, table

revision = "0021_wholesale_deals"
down_revision = "0020_units_and_capacity"

DEALS = table(
    "deals",
    reference("inquiry_id", "inquiries", unique=True),
    reference("quote_id", "quotes", unique=True),
    reference("importer_id", "users", index=True),
    reference("consortium_id", "consortia", nullable=True),
    reference("lead_producer_id", "producers"),
    reference("association_id", "associations", nullable=True),
    string("incoterm", 3),
    string("port", 80),
    string("unit", 32),
    integer("total_vnd"),
    integer("deposit_pct"),
    integer("deposit_vnd"),
    string("status", 20, index=True),
    string("carrier", 120),
    string("shipment_ref", 120),
    column("shipped_on", sa.Date(), nullable=True),
    moment("created_at"),
    moment("deposit_paid_at"),
    moment("shipped_at"),
    moment("balance_paid_at"),
    checks={"total_not_negative": "total_vnd >= 0",
            "deposit_within_total": "deposit_vnd >= 0 AND deposit_vnd <= total_vnd",
            "deposit_pct_range": "deposit_pct >= 0 AND deposit_pct <= 100"},
)
DEAL_LINES = table(
    "deal_lines",
    reference("deal_id", "deals", ondelete="CASCADE"),
    reference("producer_id", "producers", index=True),
    integer("position"),
    integer("quantity"),
    integer("unit_price_vnd"),
    unique=[("deal_id", "producer_id")],
    checks={"line_quantity_positive": "quantity >= 1", "line_price_not_negative": "unit_price_vnd >= 0"},
)
DEAL_MILESTONES = table(
    "deal_milestones",
    reference("deal_id", "deals", index=True, ondelete="CASCADE"),
    reference("producer_id", "producers"),
    string("step", 16),
    reference("marked_by_id", "users"),
    moment("marked_at"),
    unique=[("deal_id", "producer_id", "step")],
)
DEAL_PAYMENTS = table(
    "deal_payments",
    reference("deal_id", "deals", index=True, ondelete="CASCADE"),
    string("stage", 16),
    *payment(),
    checks={"deal_payment_not_negative": "amount_vnd >= 0"},
)
DEAL_PAYOUTS = table(
    "deal_payouts",
    reference("deal_id", "deals", index=True, ondelete="CASCADE"),
    reference("producer_id", "producers", index=True),
    string("stage", 16),
    integer("gross_vnd"),
    integer("commission_rate_bp"),
    integer("commission_vnd"),
    integer("net_vnd"),
    string("payout_status", 16),
    moment("created_at"),
    unique=[("deal_id", "producer_id", "stage")],
)
TABLES = (DEALS, DEAL_LINES, DEAL_MILESTONES, DEAL_PAYMENTS, DEAL_PAYOUTS)


def upgrade():
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("incoterm", sa.String(length=3), server_default="FOB", nullable=False))
        batch_op.add_column(sa.Column("port", sa.String(length=80), server_default="", nullable=False))
        batch_op.add_column(sa.Column("deposit_pct", sa.Integer(), server_default="30", nullable=False))
    with op.batch_alter_table("inquiries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("target_price_currency", sa.String(length=3), server_default="VND",
                                      nullable=False))
    create_tables(*TABLES)


def downgrade():
    drop_tables(*TABLES)
    with op.batch_alter_table("inquiries", schema=None) as batch_op:
        batch_op.drop_column("target_price_currency")
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_column("deposit_pct")
        batch_op.drop_column("port")
        batch_op.drop_column("incoterm")
