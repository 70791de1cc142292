"""The outbox of tasks (one after-commit hand-off for every side effect) and refunds sent after commit

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "outbox_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=120), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_tasks")),
    )
    with op.batch_alter_table("outbox_tasks") as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_tasks_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_tasks_dispatched_at"), ["dispatched_at"], unique=False)
    with op.batch_alter_table("refunds") as batch_op:
        batch_op.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("last_error", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("refunds") as batch_op:
        batch_op.alter_column("attempts", server_default=None)
        batch_op.alter_column("last_error", server_default=None)


def downgrade():
    with op.batch_alter_table("refunds") as batch_op:
        batch_op.drop_column("sent_at")
        batch_op.drop_column("last_error")
        batch_op.drop_column("attempts")
    op.drop_table("outbox_tasks")
