"""view counts: product views and mark verification scans per day, written in batches

Revision ID: 0023_view_counts
Revises: 0022_deal_payouts_in_batches

Issue 11 item 7. The product page and the verify page add to counters (Redis, or the web
process's memory); a beat task adds them to these daily rows (reports.tallies).
"""
import sqlalchemy as sa

from migrations.helpers import column, create_tables, drop_tables, integer, reference, table

revision = "0023_view_counts"
down_revision = "0022_deal_payouts_in_batches"

LISTING_VIEWS = table(
    "listing_views",
    reference("listing_id", "listings", ondelete="CASCADE"),
    column("day", sa.Date()),
    integer("views"),
    key=("listing_id", "day"),
    checks={"views_not_negative": "views >= 0"},
)
MARK_SCANS = table(
    "mark_scans",
    reference("trademark_id", "trademarks", ondelete="CASCADE"),
    column("day", sa.Date()),
    integer("scans"),
    key=("trademark_id", "day"),
    checks={"scans_not_negative": "scans >= 0"},
)


def upgrade():
    create_tables(LISTING_VIEWS, MARK_SCANS)


def downgrade():
    drop_tables(LISTING_VIEWS, MARK_SCANS)
