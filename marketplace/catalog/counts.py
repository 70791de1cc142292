"""Stored counts of the whole public catalogue: the unfiltered ``/products`` reads them, never counts.

``catalogue_counts`` (``CatalogueCount``) holds the total, the listings per craft, village and
mark, and per OCOP rating and certificate expiry date (so the "at least N stars" counts follow
expiring certificates by date alone). They are recomputed inside the transaction that changes
them, just before it commits: SQLAlchemy session events note a change to what the counts depend
on (a listing's status, craft or producer; a producer's status, village or OCOP rating; any
product right or membership; new or deleted ones), by ORM flushes and bulk statements alike,
so no service has to remember. Stock, price and text changes (every order) do not count, so
checkout never waits for them. Concurrent recomputations queue on an advisory lock on
PostgreSQL (SQLite has one writer at a time); each then counts what is committed plus its
own transaction's changes, so the last to commit leaves the right numbers.
"""
from datetime import date
from itertools import chain

from sqlalchemy import (
    Date,
    Integer,
    String,
    and_,
    cast,
    delete,
    event,
    func,
    insert,
    inspect,
    literal,
    null,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from marketplace.catalog import facets
from marketplace.catalog.models import CatalogueCount, Listing, ListingStatus
from marketplace.extensions import db
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks.models import Membership, MembershipStatus, ProductRight, RightStatus, Trademark
from marketplace.villages.models import Craft, Village

LOCK_KEY = 7_351_001  # pg_advisory_xact_lock key: one recomputation of the counts at a time
_STALE = "catalogue_counts_stale"
# What the counts depend on, per model: these attributes (None: any change). A new or deleted
# object of these models always counts; other changes (stock, price, texts) never do.
DEPENDS_ON = {
    Listing: {"status", "craft_id", "craft", "producer_id", "producer"},
    Producer: {"status", "village_id", "village", "ocop_stars", "ocop_expires_on"},
    ProductRight: None,
    Membership: None,
}
_BY_TABLE = {model.__tablename__: columns for model, columns in DEPENDS_ON.items()}


def _public():
    return and_(Listing.status == ListingStatus.ACTIVE, Producer.status == ProducerStatus.APPROVED)


def _counting():
    """INSERT … SELECT of every stored count, from one scan of the public listings per facet."""
    count, no_date = func.count(), cast(null(), Date)

    def public(*columns):
        return select(*columns).select_from(Listing).join(Producer, Listing.producer_id == Producer.id).where(_public())

    rows = union_all(
        public(literal("total"), literal(0), no_date, count),
        public(literal("craft"), Listing.craft_id, no_date, count).group_by(Listing.craft_id),
        public(literal("village"), Producer.village_id, no_date, count).group_by(Producer.village_id),
        public(literal("trademark"), ProductRight.trademark_id, no_date, count)
        .join(ProductRight, and_(ProductRight.listing_id == Listing.id, ProductRight.status == RightStatus.ACTIVE))
        .join(Membership, and_(Membership.id == ProductRight.membership_id, Membership.status == MembershipStatus.ACTIVE))
        .group_by(ProductRight.trademark_id),
        public(literal("ocop"), Producer.ocop_stars, Producer.ocop_expires_on, count)
        .where(Producer.ocop_stars.is_not(None)).group_by(Producer.ocop_stars, Producer.ocop_expires_on),
    )
    return insert(CatalogueCount).from_select(["facet", "ref_id", "until", "count"], rows)


def refresh(session):
    """Recompute every stored count in ``session``'s transaction (it commits with the change)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
    session.execute(delete(CatalogueCount))
    session.execute(_counting())


def _reading(today):
    no_text, no_int = cast(null(), String), cast(null(), Integer)
    n = CatalogueCount.count.label("n")

    def named(facet, model, first, second):
        return (select(literal(facet).label("kind"), model.slug.label("slug"), first, second, no_int, n)
                .join(model, model.id == CatalogueCount.ref_id).where(CatalogueCount.facet == facet))

    return facets.ordered(union_all(
        named("craft", Craft, Craft.name_vi, Craft.name_en),
        named("village", Village, Village.name, Village.district),
        named("trademark", Trademark, Trademark.name_vi, Trademark.name_en),
        select(literal("ocop"), no_text, no_text, no_text, CatalogueCount.ref_id, func.sum(CatalogueCount.count))
        .where(CatalogueCount.facet == "ocop", or_(CatalogueCount.until.is_(None), CatalogueCount.until >= today))
        .group_by(CatalogueCount.ref_id),
        select(literal("total"), no_text, no_text, no_text, no_int, n).where(CatalogueCount.facet == "total"),
    ))


def stored(today=None):
    """(total, facets) of the whole public catalogue from the stored counts: one small statement.
    Counts never stored (a database restored without them) are counted live instead."""
    rows = db.session.execute(_reading(today or date.today())).all()
    if not any(row[0] == "total" for row in rows):
        return facets.total_and_facets([_public()], {})
    return facets.shape(rows)


def _changes_counts(obj):
    columns = DEPENDS_ON.get(type(obj), False)
    if columns is False:
        return False
    if columns is None:
        return True
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in columns)


@event.listens_for(Session, "before_flush")
def _note_flush(session, flush_context, instances):
    if session.info.get(_STALE):
        return
    if any(type(obj) in DEPENDS_ON for obj in chain(session.new, session.deleted)) or any(
            _changes_counts(obj) for obj in session.dirty):
        session.info[_STALE] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk(state):
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(getattr(state.statement, "table", None), "name", None)
    if table not in _BY_TABLE:
        return
    columns = _BY_TABLE[table]
    values = getattr(state.statement, "_values", None) if state.is_update else None
    written = {getattr(key, "key", key) for key in values} if values else None
    # An UPDATE of stock or price alone leaves the counts as they are; anything else, or unknown, refreshes.
    if columns is None or written is None or written & columns:
        state.session.info[_STALE] = True


@event.listens_for(Session, "before_commit")
def _refresh_before_commit(session):
    session.flush()  # the last changes reach before_flush (and the database) before the counts do
    if session.info.pop(_STALE, None):
        refresh(session)


@event.listens_for(Session, "after_soft_rollback")
def _forget(session, previous_transaction):
    if previous_transaction.parent is None:
        session.info.pop(_STALE, None)
