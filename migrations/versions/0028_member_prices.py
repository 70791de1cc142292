"""member prices: each consortium member's own unit price in its consortium's quote

Revision ID: 0028_member_prices
Revises: 0027_search_terms

Issue 12: real members price differently. One row per quote and member who was given its own unit
price; a member without a row supplies at the quote's unit price, so every quote made before keeps
its meaning (one price for all) and nothing needs filling in.
"""
from migrations.helpers import create_tables, drop_tables, integer, reference, table

revision = "0028_member_prices"
down_revision = "0027_search_terms"

QUOTE_MEMBER_PRICES = table(
    "quote_member_prices",
    reference("quote_id", "quotes", ondelete="CASCADE"),
    reference("producer_id", "producers"),
    integer("unit_price_vnd"),
    unique=[("quote_id", "producer_id")],
    checks={"member_price_not_negative": "unit_price_vnd >= 0"},
)


def upgrade():
    create_tables(QUOTE_MEMBER_PRICES)


def downgrade():
    drop_tables(QUOTE_MEMBER_PRICES)
