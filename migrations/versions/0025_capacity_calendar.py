"""capacity calendar: a producer's capacity per month and unit, months blocked

Revision ID: 0025_capacity_calendar
Revises: 0024_trade_offices

Issue 12 item 3. One row per producer, month (its first day) and unit: the quantity it can
make (NULL: the standard monthly capacity), whether the month is blocked, and a note. Months
without a row read the producer's standard monthly capacity (producers.capacity).
"""
import sqlalchemy as sa

from migrations.helpers import column, create_tables, drop_tables, flag, integer, moment, reference, string, table

revision = "0025_capacity_calendar"
down_revision = "0024_trade_offices"

CAPACITY_MONTHS = table(
    "capacity_months",
    reference("producer_id", "producers", ondelete="CASCADE", index=True),
    column("month", sa.Date()),
    string("unit", 32),
    integer("quantity", nullable=True),
    flag("blocked"),
    string("note", 200),
    moment("updated_at"),
    unique=[("producer_id", "month", "unit")],
    checks={"capacity_not_negative": "quantity IS NULL OR quantity >= 0"},
)


def upgrade():
    create_tables(CAPACITY_MONTHS)


def downgrade():
    drop_tables(CAPACITY_MONTHS)
