"""Reviews after delivery (with photos and the producer's answer), rating counters on listings and
producers, reports of a review; favourites, follows of shops and villages, and the follow digest's marks

Revision ID: 0018_reviews_and_follows
Revises: 0017_shipping_and_addresses
"""
import sqlalchemy as sa
from alembic import op

from migrations.helpers import create_tables, drop_tables, integer, moment, reference, string, table, text

revision = "0018_reviews_and_follows"
down_revision = "0017_shipping_and_addresses"
branch_labels = None
depends_on = None

TABLES = (
    table("reviews",
          reference("listing_id", "listings", index=True, ondelete="CASCADE"),
          reference("producer_id", "producers", index=True, ondelete="CASCADE"),
          reference("part_id", "order_parts", index=True, ondelete="CASCADE"),
          reference("author_id", "users", nullable=True, index=True, ondelete="SET NULL"),
          integer("rating"), text("text"), string("language", 5), string("status", 16, index=True),
          text("hidden_reason"), text("answer"), string("answer_language", 5),
          reference("answered_by_id", "users", nullable=True, ondelete="SET NULL"),
          moment("answered_at"), moment("created_at", index=True),
          unique=(("part_id", "listing_id"),), checks={"review_rating_range": "rating >= 1 AND rating <= 5"}),
    table("review_photos",
          reference("review_id", "reviews", index=True, ondelete="CASCADE"),
          integer("position"), string("path", 200), string("thumb_path", 200), integer("width"), integer("height")),
    table("favourites",
          reference("user_id", "users", index=True, ondelete="CASCADE"),
          reference("listing_id", "listings", index=True, ondelete="CASCADE"),
          moment("created_at"), unique=(("user_id", "listing_id"),)),
    table("follows",
          reference("user_id", "users", index=True, ondelete="CASCADE"),
          reference("producer_id", "producers", nullable=True, index=True, ondelete="CASCADE"),
          reference("village_id", "villages", nullable=True, index=True, ondelete="CASCADE"),
          moment("created_at"), unique=(("producer_id", "user_id"), ("village_id", "user_id")),
          checks={"follow_one_subject": "(producer_id IS NULL) <> (village_id IS NULL)"}),
    table("follow_digests", reference("user_id", "users", ondelete="CASCADE"), moment("sent_up_to"), key=("user_id",)),
)
_RATED = ("listings", "producers")


def upgrade():
    create_tables(*TABLES)
    for name in _RATED:
        with op.batch_alter_table(name) as batch_op:
            batch_op.add_column(sa.Column("rating_count", sa.Integer(), nullable=False, server_default="0"))
            batch_op.add_column(sa.Column("rating_sum", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("moderation_reports") as batch_op:
        batch_op.add_column(sa.Column("review_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_moderation_reports_review_id_reviews"), "reviews", ["review_id"], ["id"],
                                    ondelete="SET NULL")


def downgrade():
    with op.batch_alter_table("moderation_reports") as batch_op:
        batch_op.drop_constraint(op.f("fk_moderation_reports_review_id_reviews"), type_="foreignkey")
        batch_op.drop_column("review_id")
    op.execute("DELETE FROM moderation_reports WHERE subject = 'review'")
    for name in reversed(_RATED):
        with op.batch_alter_table(name) as batch_op:
            batch_op.drop_column("rating_sum")
            batch_op.drop_column("rating_count")
    drop_tables(*TABLES)
