"""The outbox of tasks (one after-commit hand-off for every side effect) and refunds sent after commit

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

from migrations.helpers import column, create_tables, integer, moment, string, table, text

revision = "0009"
down_revision = "0008"

OUTBOX_TASKS = table(
    "outbox_tasks",
    string("task", 120),
    column("args", sa.JSON()),
    moment("created_at", index=True),
    moment("dispatched_at", index=True),
    integer("attempts"),
    text("last_error"),
)


def upgrade():
    create_tables(OUTBOX_TASKS)
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
