"""wide deal money: a wholesale order's amounts in 64-bit integers

Revision ID: 0026_wide_deal_money
Revises: 0025_capacity_calendar

A wholesale order passes 2,147,483,647 ₫ (about 85,000 US dollars) easily: 20,000 scarves at
340,000 ₫ are 6.8 billion. PostgreSQL's ``integer`` refused such a deal, its payments, its members'
shares and the payout batches that carry them; they become ``bigint``. SQLite's INTEGER already
holds 64 bits, so it has nothing to change.
"""
import sqlalchemy as sa
from alembic import op

from migrations.helpers import postgresql_only

revision = "0026_wide_deal_money"
down_revision = "0025_capacity_calendar"

COLUMNS = {
    "deals": ("total_vnd", "deposit_vnd"),
    "deal_payments": ("amount_vnd",),
    "deal_payouts": ("gross_vnd", "commission_vnd", "net_vnd"),
    "payout_batches": ("total_vnd",),
    "payout_lines": ("amount_vnd",),
}


def _retype(type_):
    for table_name, names in COLUMNS.items():
        for name in names:
            op.alter_column(table_name, name, type_=type_)


@postgresql_only
def upgrade():
    _retype(sa.BigInteger())


@postgresql_only
def downgrade():
    _retype(sa.Integer())
