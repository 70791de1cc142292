"""Variants are retired, not deleted, when a producer removes them from a listing

Order lines and cart lines refer to variants, so an edit keeps their rows (and ids).

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade():
    with op.batch_alter_table("variants") as batch_op:
        batch_op.add_column(sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("variants") as batch_op:
        batch_op.drop_column("retired_at")
