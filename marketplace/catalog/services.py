"""Catalogue: listings a producer manages, and the public catalogue with search and facets.

This module houses the catalogue's core logic; views and the API only parse input and call it.
"""
import logging
import math
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, exists, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import joinedload, selectinload

from marketplace.catalog import images as image_store
from marketplace.catalog import search
from marketplace.catalog.models import Listing, ListingImage, ListingStatus, Variant, WholesaleTier
from marketplace.catalog.schemas import ListingSchema, SearchArgsSchema
from marketplace.core.errors import DomainError, InvalidInput, NotFound
from marketplace.core.time import utcnow
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.producers import services as producers
from marketplace.producers import signals as producer_signals
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks.models import Membership, MembershipStatus, ProductRight, RightStatus, Trademark
from marketplace.villages.models import Craft, Village

log = logging.getLogger(__name__)

FUZZY_CAP = 200  # near misses counted at most


class ListingError(InvalidInput):
    """Raised when listing data breaks a rule; ``field`` names the input at fault."""


class SearchTimedOut(DomainError):
    """Raised when the database gave up on a catalogue search (its statement timeout); try again (503)."""

    status_code = 503


# --- producer side -------------------------------------------------------------------------


def _clean(data):
    """Listing input (from the form or a caller) checked by ListingSchema; every field at fault raises at once."""
    clean = load(ListingSchema(), data, ListingError)
    return clean, clean.pop("variants"), clean.pop("tiers")


def _owned_listing(user, listing_id):
    """The listing if ``user`` may act for its producer; 404 otherwise, revealing nothing."""
    listing = db.session.get(Listing, listing_id)
    if listing is None or not producers.can_act_for(user, listing.producer_id):
        raise NotFound(_("Listing not found."))
    return listing


def get_own_listing(user, listing_id):
    return _owned_listing(user, listing_id)


def _apply(listing, clean, variants, tiers):
    """Write clean input onto the listing, its variants and tiers updated in place by identity.

    Replacing child rows would break the tiers' unique (listing, min_qty), the order lines'
    foreign keys to variants, and the variant ids that buyers' carts hold.
    """
    now = utcnow()
    listing.updated_at = now  # set here, not on every write: refreshing search text is no edit
    for key, value in clean.items():
        setattr(listing, key, value)
    _apply_variants(listing, variants, now)
    _apply_tiers(listing, tiers)
    if variants:
        listing.stock = sum(v["stock"] for v in variants)


def _apply_variants(listing, rows, now):
    """A row with the id of one of the listing's variants edits it; a row without adds one; a
    variant left out is retired (kept for the orders and carts that name it), never deleted."""
    current = {variant.id: variant for variant in listing.variants} if listing.id else {}
    kept = set()
    for row in rows:
        values = {key: value for key, value in row.items() if key != "id"}
        variant = current.get(row["id"])
        if variant is None or variant.id in kept:
            listing.variants.append(Variant(**values))
            continue
        kept.add(variant.id)
        for key, value in values.items():
            setattr(variant, key, value)
    retired = [variant for variant_id, variant in current.items() if variant_id not in kept]
    for variant in retired:
        variant.retired_at = now
    if retired:
        db.session.flush()
        db.session.expire(listing, ["variants"])  # reload without the retired ones


def _apply_tiers(listing, rows):
    """Tiers are known by their starting quantity: a price changes in place, a tier left out
    goes (flushed first, so that a new tier may take its quantity), a new quantity is added."""
    wanted = {row["min_qty"]: row["unit_price_vnd"] for row in rows}
    gone = [tier for tier in listing.tiers if tier.min_qty not in wanted]
    for tier in gone:
        listing.tiers.remove(tier)
    if gone and listing.id:
        db.session.flush()
    existing = {tier.min_qty: tier for tier in listing.tiers}
    for min_qty, price in wanted.items():
        if min_qty in existing:
            existing[min_qty].unit_price_vnd = price
        else:
            listing.tiers.append(WholesaleTier(min_qty=min_qty, unit_price_vnd=price))


def _add_images(listing, uploads):
    limit = current_app.config["MAX_IMAGES_PER_LISTING"]
    if len(listing.images) + len(uploads) > limit:
        raise ListingError(_("A listing has at most %(n)s images.", n=limit), field="images")
    image_store.check_request_pixels(uploads)
    stored = []
    try:
        for data in uploads:  # one at a time: each decoded image is freed before the next
            stored.append(image_store.store_image(data))
    except DomainError:
        image_store.delete_files(*(p for s in stored for p in s[:2]))
        raise
    start = len(listing.images)
    for offset, (path, thumb, width, height) in enumerate(stored):
        listing.images.append(ListingImage(position=start + offset, path=path, thumb_path=thumb, width=width, height=height))


def create_listing(user, producer_id, data, uploads=()):
    """A new listing for a producer the user acts for; images are bytes already read from the upload."""
    producer = producers.get_for(user, producer_id)
    clean, variants, tiers = _clean(data)
    listing = Listing(producer_id=producer.id)
    _apply(listing, clean, variants, tiers)
    try:
        _add_images(listing, list(uploads))
    except DomainError:
        db.session.rollback()
        raise
    db.session.add(listing)
    db.session.flush()
    search.refresh(listing)
    db.session.commit()
    return listing


def update_listing(user, listing_id, data, uploads=()):
    listing = _owned_listing(user, listing_id)
    clean, variants, tiers = _clean(data)
    try:
        _apply(listing, clean, variants, tiers)
        _add_images(listing, list(uploads))
    except DomainError:
        db.session.rollback()  # nothing of a refused edit may reach a later commit
        raise
    search.refresh(listing)
    db.session.commit()
    return listing


def add_images(user, listing_id, uploads):
    """Add pictures (bytes already read) after a listing's own, up to the limit; nothing else changes."""
    listing = _owned_listing(user, listing_id)
    try:
        _add_images(listing, list(uploads))
    except DomainError:
        db.session.rollback()
        raise
    db.session.commit()
    return listing


def set_status(user, listing_id, status):
    listing = _owned_listing(user, listing_id)
    if status not in ListingStatus.ALL:
        raise ListingError(_("Unknown status."), field="status")
    listing.status = status
    listing.updated_at = utcnow()
    db.session.commit()
    return listing


def delete_image(user, listing_id, image_id):
    listing = _owned_listing(user, listing_id)
    image = next((i for i in listing.images if i.id == image_id), None)
    if image is None:
        raise NotFound(_("Image not found."))
    paths = (image.path, image.thumb_path)
    listing.images.remove(image)
    for position, remaining in enumerate(listing.images):
        remaining.position = position
    db.session.commit()
    image_store.delete_files(*paths)
    return listing


def listings_of(producer_id, status=None, page=1, per_page=20):
    query = select(Listing).where(Listing.producer_id == producer_id).options(selectinload(Listing.images))
    if status:
        query = query.where(Listing.status == status)
    return db.paginate(query.order_by(Listing.updated_at.desc(), Listing.id.desc()), page=page, per_page=per_page, error_out=False)


@producer_signals.profile_changed.connect
def refresh_search_for_producer(producer):
    """The producer's name or village changed: its listings' search text names them."""
    for listing in producer.listings:
        search.refresh(listing)


def refresh_search_for_listings(listing_ids):
    """Recompute search text after marks change (a listing's marks are searchable)."""
    if not listing_ids:
        return
    for listing in db.session.scalars(select(Listing).where(Listing.id.in_(listing_ids))).all():
        search.refresh(listing)


# --- public catalogue ----------------------------------------------------------------------


def _public():
    return and_(Listing.status == ListingStatus.ACTIVE, Producer.status == ProducerStatus.APPROVED)


def _card_options():
    """Everything a product card shows, in a fixed number of queries whatever the page size."""
    return (
        joinedload(Listing.producer).joinedload(Producer.village),
        joinedload(Listing.craft),
        selectinload(Listing.images),
        selectinload(Listing.rights).joinedload(ProductRight.membership),
        selectinload(Listing.rights).joinedload(ProductRight.trademark),
    )


def _valid_mark_exists(trademark_filter=None):
    condition = and_(
        ProductRight.listing_id == Listing.id,
        ProductRight.status == RightStatus.ACTIVE,
        Membership.id == ProductRight.membership_id,
        Membership.status == MembershipStatus.ACTIVE,
    )
    if trademark_filter is not None:
        condition = and_(condition, trademark_filter)
    return exists().where(condition)


@dataclass
class SearchParams:
    q: str = ""
    craft: str = ""
    village: str = ""
    trademark: str = ""
    ocop: int | None = None
    price_min: int | None = None
    price_max: int | None = None
    sort: str = ""
    page: int = 1
    per_page: int = 24
    producer_id: int | None = None

    @classmethod
    def from_args(cls, args, per_page=24, max_per_page=100):
        """Read query arguments (SearchArgsSchema); every malformed one raises ListingError, named."""
        return cls(**load(SearchArgsSchema(per_page=per_page, max_per_page=max_per_page), args, ListingError))


@dataclass
class SearchPage:
    items: list
    total: int
    page: int
    per_page: int
    params: SearchParams
    facets: dict = field(default_factory=dict)
    fuzzy: bool = False  # True when the results are near misses, not exact matches
    suggestions_timed_out: bool = False  # True when looking for near misses took too long

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.per_page))


def _filters(params, skip=None):
    today = date.today()
    conditions = [_public()]
    if params.producer_id:
        conditions.append(Listing.producer_id == params.producer_id)
    if params.craft and skip != "craft":
        conditions.append(Listing.craft_id == select(Craft.id).where(Craft.slug == params.craft).scalar_subquery())
    if params.village and skip != "village":
        conditions.append(Producer.village_id == select(Village.id).where(Village.slug == params.village).scalar_subquery())
    if params.trademark and skip != "trademark":
        trademark_id = select(Trademark.id).where(Trademark.slug == params.trademark).scalar_subquery()
        conditions.append(_valid_mark_exists(ProductRight.trademark_id == trademark_id))
    if params.ocop and skip != "ocop":
        conditions.append(Producer.ocop_stars >= params.ocop)
        conditions.append((Producer.ocop_expires_on.is_(None)) | (Producer.ocop_expires_on >= today))
    if params.price_min is not None:
        conditions.append(Listing.price_vnd >= params.price_min)
    if params.price_max is not None:
        conditions.append(Listing.price_vnd <= params.price_max)
    return conditions


def _facets(conditions_for):
    """Counts for each facet value within the current results (other facets applied)."""
    session = db.session
    base = lambda name: select(func.count(Listing.id)).join(Producer, Listing.producer_id == Producer.id).where(*conditions_for(name))  # noqa: E731
    crafts = session.execute(
        base("craft").add_columns(Craft.slug, Craft.name_vi, Craft.name_en).join(Craft, Listing.craft_id == Craft.id)
        .group_by(Craft.slug, Craft.name_vi, Craft.name_en).order_by(func.count(Listing.id).desc(), Craft.slug)
    ).all()
    villages = session.execute(
        base("village").add_columns(Village.slug, Village.name).join(Village, Producer.village_id == Village.id)
        .group_by(Village.slug, Village.name).order_by(func.count(Listing.id).desc(), Village.slug)
    ).all()
    marks = session.execute(
        base("trademark").add_columns(Trademark.slug, Trademark.name_vi, Trademark.name_en)
        .join(ProductRight, ProductRight.listing_id == Listing.id)
        .join(Membership, Membership.id == ProductRight.membership_id)
        .join(Trademark, Trademark.id == ProductRight.trademark_id)
        .where(ProductRight.status == RightStatus.ACTIVE, Membership.status == MembershipStatus.ACTIVE)
        .group_by(Trademark.slug, Trademark.name_vi, Trademark.name_en).order_by(Trademark.slug)
    ).all()
    ocop = session.execute(
        base("ocop").add_columns(Producer.ocop_stars).where(Producer.ocop_stars.is_not(None))
        .where((Producer.ocop_expires_on.is_(None)) | (Producer.ocop_expires_on >= date.today()))
        .group_by(Producer.ocop_stars).order_by(Producer.ocop_stars.desc())
    ).all()
    # Facet counts for "at least N stars" are cumulative.
    by_stars = {row[1]: row[0] for row in ocop}
    return {
        "craft": [{"slug": r[1], "name_vi": r[2], "name_en": r[3], "count": r[0]} for r in crafts],
        "village": [{"slug": r[1], "name": r[2], "count": r[0]} for r in villages],
        "trademark": [{"slug": r[1], "name_vi": r[2], "name_en": r[3], "count": r[0]} for r in marks],
        "ocop": [{"stars": s, "count": sum(c for k, c in by_stars.items() if k >= s)} for s in (5, 4, 3) if any(k >= s for k in by_stars)],
    }


def search_listings(params, with_facets=True):
    """One page of public listings for ``params`` with facet counts; a fixed number of queries.

    A search the database cancels for its statement timeout (a busy server) raises
    SearchTimedOut, a 503 with a message, rather than a 500.
    """
    try:
        return _search_listings(params, with_facets)
    except OperationalError as exc:
        if not search.timed_out(exc):
            raise
        db.session.rollback()
        log.warning("catalogue search for %r hit the statement timeout", params.q)
        raise SearchTimedOut(_("The search took too long. Please try again in a moment, or narrow it with a filter.")) from None


def _search_listings(params, with_facets):
    session = db.session
    text_where, rank = search.text_condition(session, Listing.search_text, params.q)
    fuzzy = False
    if text_where is not None:
        total_exact = session.scalar(
            select(func.count(Listing.id)).join(Producer, Listing.producer_id == Producer.id).where(*_filters(params), text_where)
        )
        if total_exact == 0:
            fuzzy_where, fuzzy_rank = search.fuzzy_condition(session, Listing.search_text, params.q)
            if fuzzy_where is not None:
                text_where, rank, fuzzy = fuzzy_where, fuzzy_rank, True

    def conditions_for(skip=None):
        conditions = _filters(params, skip)
        if text_where is not None:
            conditions.append(text_where)
        return conditions

    if fuzzy:  # near misses: counted up to a cap, no facets; they are suggestions, not results
        try:
            with search.bounded_statement_time(session, current_app.config["NEAR_MISS_TIMEOUT_MS"]):
                total = session.scalar(select(func.count()).select_from(
                    select(Listing.id).join(Producer, Listing.producer_id == Producer.id).where(*conditions_for())
                    .order_by(Listing.id.desc()).limit(FUZZY_CAP).subquery()))
        except OperationalError as exc:  # a long, typo-ridden query: better no suggestions than a slow page
            if not search.timed_out(exc):
                raise
            log.warning("near-miss search for %r hit the statement timeout", params.q)
            return SearchPage(items=[], total=0, page=params.page, per_page=params.per_page, params=params,
                              suggestions_timed_out=True)
        fuzzy = total > 0
    elif text_where is None:
        total = session.scalar(
            select(func.count(Listing.id)).join(Producer, Listing.producer_id == Producer.id).where(*conditions_for()))
    else:
        total = total_exact
    sort = params.sort or ("relevance" if rank is not None else "newest")
    order = {
        "price_asc": (Listing.price_vnd.asc(), Listing.id.desc()),
        "price_desc": (Listing.price_vnd.desc(), Listing.id.desc()),
        "newest": (Listing.created_at.desc(), Listing.id.desc()),
    }.get(sort) or ((rank.desc(), Listing.id.desc()) if rank is not None else (Listing.created_at.desc(), Listing.id.desc()))
    where = conditions_for()
    if fuzzy:  # rank only the first FUZZY_CAP near misses: similarity over every match is too dear
        where = [Listing.id.in_(select(Listing.id).join(Producer, Listing.producer_id == Producer.id)
                                .where(*where).order_by(Listing.id.desc()).limit(FUZZY_CAP).scalar_subquery())]
        order = (rank.desc(), Listing.id.desc())
    query = (
        select(Listing).join(Producer, Listing.producer_id == Producer.id).where(*where)
        .order_by(*order).limit(params.per_page).offset((params.page - 1) * params.per_page)
        .options(*_card_options())
    )
    items = session.scalars(query).unique().all()
    facets = _facets(conditions_for) if with_facets and not fuzzy else {}
    return SearchPage(items=items, total=total, page=params.page, per_page=params.per_page, params=params, facets=facets, fuzzy=fuzzy)


def public_listing(listing_id):
    """A listing a buyer may see, with everything its page shows; 404 when it is not public."""
    listing = db.session.scalars(
        select(Listing).join(Producer, Listing.producer_id == Producer.id)
        .where(Listing.id == listing_id, _public())
        .options(*_card_options(), selectinload(Listing.variants), selectinload(Listing.tiers))
    ).first()
    if listing is None:
        raise NotFound(_("This product is not available."))
    return listing


def featured(limit=8):
    return search_listings(SearchParams(per_page=limit, sort="newest"), with_facets=False).items

