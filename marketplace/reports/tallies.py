"""Writing the batched counters (core.counters) into their daily tables: product views per
listing and verification scans per mark. Each flush takes every counter at once and adds it to
its day's row with one upsert per table (INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n),
so two flushes, or a flush and a view, never lose or double a count.
"""
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from marketplace.catalog.models import Listing, ListingViewDay
from marketplace.core import counters
from marketplace.extensions import db
from marketplace.trademarks.models import MarkScanDay, Trademark

# counter kind -> (daily model, its subject column, its count column, the subject's model)
KINDS = {
    "views": (ListingViewDay, "listing_id", "views", Listing),
    "scans": (MarkScanDay, "trademark_id", "scans", Trademark),
}


def _upsert(model, subject, count, counts):
    insert = (postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert)(model)
    rows = [{subject: sid, "day": day, count: n} for (sid, day), n in sorted(counts.items())]
    column = getattr(model, count)
    db.session.execute(insert.values(rows).on_conflict_do_update(
        index_elements=[subject, "day"], set_={count: column + getattr(insert.excluded, count)}))


def _flush_kind(kind):
    model, subject, count, owner = KINDS[kind]
    counts = counters.take(kind)
    if not counts:
        return 0
    try:
        known = set(db.session.scalars(select(owner.id).where(owner.id.in_({sid for sid, _day in counts}))))
        kept = {key: n for key, n in counts.items() if key[0] in known}  # a deleted listing's views are dropped
        if kept:
            _upsert(model, subject, count, kept)
        db.session.commit()
    except Exception:
        db.session.rollback()
        counters.give_back(kind, counts)
        raise
    return sum(kept.values())


def flush():
    """Write every counted view and scan; returns how many were written."""
    return sum(_flush_kind(kind) for kind in KINDS)


def flush_if_due():
    """After a request in memory mode (no Redis): this process writes its own counters now and then."""
    if counters.flush_due():
        flush()
