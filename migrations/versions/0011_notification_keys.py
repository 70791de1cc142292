"""Notifications keep a message key and parameters, read in the reader's language; links are paths

Revision ID: 0011
Revises: 0010

Rows written before keep their text (``subject``, ``body``), shown as they are. Their links were
full URLs: one on this site (``PUBLIC_BASE_URL``'s scheme and host) becomes its path, so it opens;
any other host is dropped, so an old row can never send a reader to another site.
"""
from urllib.parse import urlsplit

import sqlalchemy as sa
from alembic import op
from flask import current_app

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

notifications = sa.table("notifications", sa.column("id", sa.Integer), sa.column("link", sa.String))


def _site():
    base = urlsplit(current_app.config.get("PUBLIC_BASE_URL", ""))
    return base.scheme.lower(), base.netloc.lower()


def relative_link(link, site):
    """An old row's link as a path on this site, or "" when it points elsewhere."""
    if not link:
        return ""
    if link.startswith("/") and not link.startswith("//"):
        return link
    parts = urlsplit(link)
    if (parts.scheme.lower(), parts.netloc.lower()) != site or not parts.path.startswith("/"):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def upgrade():
    with op.batch_alter_table("notifications") as batch_op:
        batch_op.add_column(sa.Column("message_key", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("params", sa.JSON(), nullable=True))
    connection = op.get_bind()
    site = _site()
    for row_id, link in connection.execute(sa.select(notifications.c.id, notifications.c.link)
                                           .where(notifications.c.link != "")).all():
        path = relative_link(link, site)
        if path != link:
            connection.execute(notifications.update().where(notifications.c.id == row_id).values(link=path[:300]))


def downgrade():
    # Paths stay paths: the old template showed exactly those as links.
    with op.batch_alter_table("notifications") as batch_op:
        batch_op.drop_column("params")
        batch_op.drop_column("message_key")
