"""Listings a producer manages: create and edit (variants and tiers in place by identity), images,
status, and the search text kept current when the producer or a mark changes."""
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.catalog import images as image_store
from marketplace.catalog import search, suggest
from marketplace.catalog.models import Listing, ListingImage, ListingStatus, Variant, WholesaleTier
from marketplace.catalog.schemas import ListingSchema
from marketplace.core.errors import DomainError, InvalidInput, NotFound, found
from marketplace.core.time import utcnow
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.producers import services as producers
from marketplace.producers import signals as producer_signals


class ListingError(InvalidInput):
    """Raised when listing data breaks a rule; ``field`` names the input at fault."""


def _check_status(listing, wanted):
    """A producer chooses draft, on sale or archived; a listing staff hid keeps its hide until staff lift it."""
    if listing.status == ListingStatus.HIDDEN and wanted != ListingStatus.HIDDEN:
        raise ListingError(_("Staff have hidden this listing, so it cannot be put back on sale or changed in status "
                             "until they lift the hide. The reason is on the listing's page."), field="status")
    if wanted == ListingStatus.HIDDEN and listing.status != ListingStatus.HIDDEN:
        raise ListingError(_("Unknown status."), field="status")


def _clean(data):
    """Listing input (from the form or a caller) checked by ListingSchema; every field at fault raises at once."""
    clean = load(ListingSchema(), data, ListingError)
    return clean, clean.pop("variants"), clean.pop("tiers")


def _owned_listing(user, listing_id):
    """The listing if ``user`` may act for its producer; 404 otherwise, revealing nothing."""
    listing = found(Listing, listing_id, _("Listing not found."),
                    allowed=lambda listing: producers.can_act_for(user, listing.producer_id))
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
    _check_status(listing, clean["status"])
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
        _check_status(listing, clean["status"])
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
    _check_status(listing, status)
    listing.status = status
    listing.updated_at = utcnow()
    db.session.commit()
    return listing


def moderate(listing_id, status):
    """Staff's move (moderation): put the listing in ``status`` (hidden, or back from it), whoever owns it.

    The caller checks that the actor is staff, records why, and commits.
    """
    listing = db.session.get(Listing, listing_id)
    if listing is None:
        raise NotFound(_("Listing not found."))
    listing.status = status
    listing.updated_at = utcnow()
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
    suggest.forget(db.session, "producer", producer.id)
    for listing in producer.listings:
        search.refresh(listing)


def refresh_search_for_listings(listing_ids):
    """Recompute search text after marks change (a listing's marks are searchable)."""
    if not listing_ids:
        return
    for listing in db.session.scalars(select(Listing).where(Listing.id.in_(listing_ids))).all():
        search.refresh(listing)
