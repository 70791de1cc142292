"""trade offices: producers' certifications and languages; trade offices, their directory shares and referrals

Revision ID: 0024_trade_offices
Revises: 0023_view_counts

Issue 12 item 5. The export directory filters by certification and language; staff invite trade
offices, which share signed directory links and refer importers (tradeoffices).
"""
import sqlalchemy as sa

from migrations import helpers as h

revision = "0024_trade_offices"
down_revision = "0023_view_counts"

TRADE_OFFICES = h.table(
    "trade_offices",
    h.string("name", 200),
    h.string("country", 2),
    h.string("city", 120),
    h.string("email", 255, index=True),
    h.string("status", 16),
    h.reference("user_id", "users", nullable=True, unique=True, ondelete="SET NULL"),
    h.reference("invited_by_id", "users", nullable=True, ondelete="SET NULL"),
    h.moment("created_at"),
    h.moment("accepted_at"),
)
DIRECTORY_SHARES = h.table(
    "directory_shares",
    h.reference("office_id", "trade_offices", index=True, ondelete="CASCADE"),
    h.column("filters", sa.JSON()),
    h.integer("opened"),
    h.moment("created_at"),
    h.moment("last_opened_at"),
)
REFERRALS = h.table(
    "trade_referrals",
    h.reference("office_id", "trade_offices", index=True, ondelete="CASCADE"),
    h.string("email", 255, index=True),
    h.string("company", 200),
    h.string("country", 2),
    h.text("note"),
    h.string("status", 16),
    h.reference("importer_id", "users", nullable=True, unique=True, ondelete="SET NULL"),
    h.moment("created_at"),
    h.moment("joined_at"),
)


def upgrade():
    h.add_columns("producers", sa.Column("certifications", sa.String(length=300), server_default="", nullable=False),
                  sa.Column("certification_other", sa.String(length=200), server_default="", nullable=False),
                  sa.Column("languages", sa.String(length=100), server_default="vi", nullable=False))
    h.create_tables(TRADE_OFFICES, DIRECTORY_SHARES, REFERRALS)


def downgrade():
    h.drop_tables(TRADE_OFFICES, DIRECTORY_SHARES, REFERRALS)
    h.drop_columns("producers", "languages", "certification_other", "certifications")
