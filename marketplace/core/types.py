from datetime import UTC

from sqlalchemy import Column, DateTime, ForeignKey, Table
from sqlalchemy.types import TypeDecorator

from marketplace.extensions import db


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on PostgreSQL and SQLite alike (SQLite drops tzinfo)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use marketplace.core.time.utcnow()")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


def link_table(name, *keys):
    """A many-to-many table: one column per ``(column, "table.id")`` pair, each a foreign key that
    cascades on delete, together the primary key."""
    return Table(name, db.metadata, *(Column(column, ForeignKey(target, ondelete="CASCADE"), primary_key=True)
                                      for column, target in keys))
