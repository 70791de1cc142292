"""Moderation: sanctions with their reason, the moderation log, reports, OCOP ratings waiting for review
and expiry reminders; the approved OCOP certificate's number and issuer on producers

Listings gain the status "hidden" (a String column: no schema change). Producers' OCOP stars and expiry
as they are today stay the approved, public rating.

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _user_fk(name):
    return sa.ForeignKey("users.id", name=name, ondelete="SET NULL")


def upgrade():
    op.create_table(
        "moderation_sanctions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("previous_status", sa.String(length=16), nullable=False),
        sa.Column("imposed_by_id", sa.Integer(), _user_fk("fk_moderation_sanctions_imposed_by_id_users"), nullable=True),
        sa.Column("imposed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lifted_by_id", sa.Integer(), _user_fk("fk_moderation_sanctions_lifted_by_id_users"), nullable=True),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lift_reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_sanctions")),
    )
    op.create_index(op.f("ix_moderation_sanctions_kind"), "moderation_sanctions", ["kind"])
    op.create_index(op.f("ix_moderation_sanctions_subject_id"), "moderation_sanctions", ["subject_id"])
    op.create_table(
        "moderation_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), _user_fk("fk_moderation_actions_actor_id_users"), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("subject_kind", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_actions")),
    )
    op.create_index(op.f("ix_moderation_actions_actor_id"), "moderation_actions", ["actor_id"])
    op.create_index(op.f("ix_moderation_actions_created_at"), "moderation_actions", ["created_at"])
    op.create_table(
        "moderation_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("listing_id", sa.Integer(), sa.ForeignKey("listings.id", name="fk_moderation_reports_listing_id_listings",
                                                            ondelete="SET NULL"), nullable=True),
        sa.Column("producer_id", sa.Integer(), sa.ForeignKey("producers.id", name="fk_moderation_reports_producer_id_producers",
                                                             ondelete="SET NULL"), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), _user_fk("fk_moderation_reports_reporter_id_users"), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("resolution_note", sa.Text(), nullable=False),
        sa.Column("handled_by_id", sa.Integer(), _user_fk("fk_moderation_reports_handled_by_id_users"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_reports")),
    )
    op.create_index(op.f("ix_moderation_reports_subject"), "moderation_reports", ["subject"])
    op.create_index(op.f("ix_moderation_reports_status"), "moderation_reports", ["status"])
    op.create_index(op.f("ix_moderation_reports_created_at"), "moderation_reports", ["created_at"])
    op.create_table(
        "ocop_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("producer_id", sa.Integer(), sa.ForeignKey("producers.id", name="fk_ocop_submissions_producer_id_producers",
                                                             ondelete="CASCADE"), nullable=False),
        sa.Column("stars", sa.Integer(), nullable=False),
        sa.Column("certificate_number", sa.String(length=60), nullable=False),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("scan_path", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("submitted_by_id", sa.Integer(), _user_fk("fk_ocop_submissions_submitted_by_id_users"), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by_id", sa.Integer(), _user_fk("fk_ocop_submissions_reviewed_by_id_users"), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ocop_submissions")),
    )
    op.create_index(op.f("ix_ocop_submissions_producer_id"), "ocop_submissions", ["producer_id"])
    op.create_index(op.f("ix_ocop_submissions_status"), "ocop_submissions", ["status"])
    op.create_table(
        "ocop_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("producer_id", sa.Integer(), sa.ForeignKey("producers.id", name="fk_ocop_reminders_producer_id_producers",
                                                             ondelete="CASCADE"), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ocop_reminders")),
        sa.UniqueConstraint("producer_id", "expires_on", name=op.f("uq_ocop_reminders_producer_id")),
    )
    with op.batch_alter_table("producers") as batch_op:
        batch_op.add_column(sa.Column("ocop_certificate_number", sa.String(length=60), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("ocop_issuer", sa.String(length=200), nullable=False, server_default=""))
    with op.batch_alter_table("producers") as batch_op:
        batch_op.alter_column("ocop_certificate_number", server_default=None)
        batch_op.alter_column("ocop_issuer", server_default=None)


def downgrade():
    with op.batch_alter_table("producers") as batch_op:
        batch_op.drop_column("ocop_issuer")
        batch_op.drop_column("ocop_certificate_number")
    op.drop_table("ocop_reminders")
    op.drop_table("ocop_submissions")
    op.drop_table("moderation_reports")
    op.drop_table("moderation_actions")
    op.drop_table("moderation_sanctions")
    op.execute("UPDATE listings SET status = 'archived' WHERE status = 'hidden'")
