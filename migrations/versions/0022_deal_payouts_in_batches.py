"""Wholesale deal shares join the payout batches: deal_payouts.payout_batch_id.

Revision ID: 0022_deal_payouts_in_batches
Revises: 0021_wholesale_deals
"""
import sqlalchemy as sa
from alembic import op

revision = "0022_deal_payouts_in_batches"
down_revision = "0021_wholesale_deals"


def upgrade():
    with op.batch_alter_table("deal_payouts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payout_batch_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_deal_payouts_payout_batch_id"), ["payout_batch_id"], unique=False)
        batch_op.create_foreign_key(op.f("fk_deal_payouts_payout_batch_id_payout_batches"), "payout_batches",
                                    ["payout_batch_id"], ["id"])


def downgrade():
    with op.batch_alter_table("deal_payouts", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("fk_deal_payouts_payout_batch_id_payout_batches"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_deal_payouts_payout_batch_id"))
        batch_op.drop_column("payout_batch_id")
