"""order messages, returns and disputes, payout adjustments; refunds may pay a return

Revision ID: 0019_messages_and_returns
Revises: 0018_reviews_and_follows

``refunds.part_id`` was unique (one cancellation refund per part); a part may now also have one
refund per accepted return, so the uniqueness holds only where ``return_id`` is NULL.
"""
import sqlalchemy as sa
from alembic import op

from migrations.helpers import create_tables, drop_tables, integer, moment, reference, string, table, text

revision = "0019_messages_and_returns"
down_revision = "0018_reviews_and_follows"
branch_labels = None
depends_on = None

TABLES = (
    table('part_messages',
          reference('part_id', 'order_parts', ondelete='CASCADE', index=True),
          reference('author_id', 'users', index=True),
          text('body'),
          moment('created_at')),
    table('part_message_images',
          reference('message_id', 'part_messages', ondelete='CASCADE', index=True),
          string('path', 200),
          string('thumb_path', 200),
          integer('width'),
          integer('height')),
    table('return_requests',
          reference('part_id', 'order_parts', ondelete='CASCADE', index=True),
          reference('buyer_id', 'users', index=True),
          string('status', 16, index=True),
          text('reason'),
          integer('refund_vnd'),
          text('decline_reason'),
          text('decision_note'),
          reference('escalated_by_id', 'users', nullable=True),
          reference('decided_by_id', 'users', nullable=True),
          moment('created_at', index=True),
          moment('escalated_at'),
          moment('decided_at'),
          checks={'return_refund_not_negative': 'refund_vnd >= 0'}),
    table('return_lines',
          reference('return_id', 'return_requests', ondelete='CASCADE'),
          reference('order_line_id', 'order_lines', ondelete='CASCADE', index=True),
          integer('quantity'),
          unique=[('return_id', 'order_line_id')],
          checks={'return_quantity_positive': 'quantity >= 1'}),
    table('return_photos',
          reference('return_id', 'return_requests', ondelete='CASCADE', index=True),
          string('path', 200),
          string('thumb_path', 200),
          integer('width'),
          integer('height')),
    table('payout_adjustments',
          reference('producer_id', 'producers', index=True),
          reference('part_id', 'order_parts', ondelete='CASCADE', index=True),
          reference('return_id', 'return_requests', ondelete='CASCADE', unique=True),
          integer('refund_vnd'),
          integer('commission_vnd'),
          integer('amount_vnd'),
          string('payout_status', 16, index=True),
          reference('payout_batch_id', 'payout_batches', nullable=True, index=True),
          moment('created_at')),
)

_CANCELLED_ONLY = sa.text("return_id IS NULL")


def upgrade():
    create_tables(*TABLES)
    with op.batch_alter_table("refunds") as batch_op:
        batch_op.add_column(sa.Column("return_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_refunds_return_id_return_requests"), "return_requests",
                                    ["return_id"], ["id"], ondelete="CASCADE")
        batch_op.create_unique_constraint(op.f("uq_refunds_return_id"), ["return_id"])
        batch_op.drop_constraint("uq_refunds_part_id", type_="unique")
    op.create_index("uq_refunds_cancelled_part", "refunds", ["part_id"], unique=True,
                    sqlite_where=_CANCELLED_ONLY, postgresql_where=_CANCELLED_ONLY)


def downgrade():
    op.execute("DELETE FROM refunds WHERE return_id IS NOT NULL")
    op.drop_index("uq_refunds_cancelled_part", table_name="refunds")
    with op.batch_alter_table("refunds") as batch_op:
        batch_op.create_unique_constraint(op.f("uq_refunds_part_id"), ["part_id"])
        batch_op.drop_constraint("uq_refunds_return_id", type_="unique")
        batch_op.drop_constraint("fk_refunds_return_id_return_requests", type_="foreignkey")
        batch_op.drop_column("return_id")
    drop_tables(*TABLES)
