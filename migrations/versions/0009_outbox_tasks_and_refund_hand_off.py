"""The outbox of tasks (one after-commit hand-off for every side effect) and refunds sent after commit

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

from migrations.helpers import add_columns, column, create_tables, drop_columns, integer, moment, string, table, text

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
    add_columns("refunds",
                sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
                sa.Column("last_error", sa.Text(), nullable=False, server_default=""),
                sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    drop_columns("refunds", "sent_at", "last_error", "attempts")
    op.drop_table("outbox_tasks")
