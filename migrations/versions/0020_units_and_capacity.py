"""units: what a listing's set, pack or box holds (pack_size × pack_unit), for export matching

Revision ID: 0020_units_and_capacity
Revises: 0019_messages_and_returns

A set of 6 pieces or a 5 kg sack states its content, so matching compares price, minimum
order and capacity in the importer's unit (``catalog.units``). Existing listings hold one
of their own unit (pack_size 1, no pack_unit).
"""
import sqlalchemy as sa
from alembic import op

revision = "0020_units_and_capacity"
down_revision = "0019_messages_and_returns"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("listings") as batch_op:
        batch_op.add_column(sa.Column("pack_size", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("pack_unit", sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table("listings") as batch_op:
        batch_op.drop_column("pack_unit")
        batch_op.drop_column("pack_size")
