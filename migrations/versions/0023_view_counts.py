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


def _daily_counts(name, owner, owner_table, count):
    """One row per ``owner`` and day with its ``count`` (never negative); it goes with its owner."""
    return table(
        name,
        reference(owner, owner_table, ondelete="CASCADE"),
        column("day", sa.Date()),
        integer(count),
        key=(owner, "day"),
        checks={f"{count}_not_negative": f"{count} >= 0"},
    )


LISTING_VIEWS = _daily_counts("listing_views", "listing_id", "listings", "views")
MARK_SCANS = _daily_counts("mark_scans", "trademark_id", "trademarks", "scans")


def upgrade():
    create_tables(LISTING_VIEWS, MARK_SCANS)


def downgrade():
    drop_tables(LISTING_VIEWS, MARK_SCANS)
