"""Moderation: sanctions with their reason, the moderation log, reports, OCOP ratings waiting for review
and expiry reminders; the approved OCOP certificate's number and issuer on producers

Listings gain the status "hidden" (a String column: no schema change). Producers' OCOP stars and expiry
as they are today stay the approved, public rating.

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

from migrations import helpers
from migrations.helpers import moment, reference, string, table, text

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _by(name, **options):
    """Who did it: a user, kept as NULL when the account is deleted."""
    return reference(name, "users", nullable=True, ondelete="SET NULL", **options)


def _of_producer(**options):
    return reference("producer_id", "producers", ondelete="CASCADE", index=True, **options)


def _day(name):
    return helpers.column(name, sa.Date(), nullable=True)


TABLES = (
    table("moderation_sanctions",
          string("kind", 24, index=True), helpers.integer("subject_id", index=True), text("reason"),
          string("previous_status", 16), _by("imposed_by_id"), moment("imposed_at"),
          _by("lifted_by_id"), moment("lifted_at"), text("lift_reason")),
    table("moderation_actions",
          _by("actor_id", index=True), string("action", 32), string("subject_kind", 16),
          helpers.integer("subject_id"), text("reason"), moment("created_at", index=True)),
    table("moderation_reports",
          string("subject", 16, index=True),
          reference("listing_id", "listings", nullable=True, ondelete="SET NULL"),
          reference("producer_id", "producers", nullable=True, ondelete="SET NULL"),
          string("code", 32), string("category", 16), text("text"), _by("reporter_id"),
          string("status", 16, index=True), string("outcome", 24), text("resolution_note"),
          _by("handled_by_id"), moment("created_at", index=True), moment("resolved_at")),
    table("ocop_submissions",
          _of_producer(), helpers.integer("stars"), string("certificate_number", 60), string("issuer", 200),
          _day("expires_on"), string("scan_path", 200), string("status", 16, index=True),
          _by("submitted_by_id"), moment("submitted_at"), _by("reviewed_by_id"), moment("reviewed_at"),
          text("reason")),
    table("ocop_reminders",
          reference("producer_id", "producers", ondelete="CASCADE"), _day("expires_on"), moment("sent_at"),
          unique=[("producer_id", "expires_on")]),
)


def upgrade():
    helpers.create_tables(*TABLES)
    helpers.add_columns("producers",
                sa.Column("ocop_certificate_number", sa.String(length=60), nullable=False, server_default=""),
                sa.Column("ocop_issuer", sa.String(length=200), nullable=False, server_default=""))


def downgrade():
    helpers.drop_columns("producers", "ocop_issuer", "ocop_certificate_number")
    helpers.drop_tables(*TABLES)
    op.execute("UPDATE listings SET status = 'archived' WHERE status = 'hidden'")
