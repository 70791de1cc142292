"""trade offices: producers' certifications and languages; trade offices, their directory shares and referrals

Revision ID: 0024_trade_offices
Revises: 0023_view_counts

Issue 12 item 5. The export directory filters by certification and language; staff invite trade
offices, which share signed directory links and refer importers (tradeoffices).
"""
import sqlalchemy as sa

from migrations.helpers import (
    add_columns,
    column,
    create_tables,
    drop_columns,
    drop_tables,
    integer,
    moment,
    reference,
    string,
    table,
    text,
)

revision = "0024_trade_offices"
down_revision = "0023_view_counts"

TRADE_OFFICES = table(
    "trade_offices",
    string("name", 200),
    string("country", 2),
    string("city", 120),
    string("email", 255, index=True),
    string("status", 16),
    reference("user_id", "users", nullable=True, unique=True, ondelete="SET NULL"),
    reference("invited_by_id", "users", nullable=True, ondelete="SET NULL"),
    moment("created_at"),
    moment("accepted_at"),
)
DIRECTORY_SHARES = table(
    "directory_shares",
    reference("office_id", "trade_offices", index=True, ondelete="CASCADE"),
    column("filters", sa.JSON()),
    integer("opened"),
    moment("created_at"),
    moment("last_opened_at"),
)
REFERRALS = table(
    "trade_referrals",
    reference("office_id", "trade_offices", index=True, ondelete="CASCADE"),
    string("email", 255, index=True),
    string("company", 200),
    string("country", 2),
    text("note"),
    string("status", 16),
    reference("importer_id", "users", nullable=True, unique=True, ondelete="SET NULL"),
    moment("created_at"),
    moment("joined_at"),
)


def upgrade():
    add_columns("producers", sa.Column("certifications", sa.String(length=300), server_default="", nullable=False),
                sa.Column("certification_other", sa.String(length=200), server_default="", nullable=False),
                sa.Column("languages", sa.String(length=100), server_default="vi", nullable=False))
    create_tables(TRADE_OFFICES, DIRECTORY_SHARES, REFERRALS)


def downgrade():
    drop_tables(TRADE_OFFICES, DIRECTORY_SHARES, REFERRALS)
    drop_columns("producers", "languages", "certification_other", "certifications")
