from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core import labels
from marketplace.core.columns import Keyed, Rated, StoredImage
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class ListingStatus:
    DRAFT = "draft"  # being written; only its producer sees it
    ACTIVE = "active"  # on sale (public once its producer is approved)
    ARCHIVED = "archived"  # withdrawn from sale, kept for orders and history
    HIDDEN = "hidden"  # taken off sale by staff (moderation); only staff can lift it
    ALL = (DRAFT, ACTIVE, ARCHIVED, HIDDEN)
    PRODUCER_CHOICES = (DRAFT, ACTIVE, ARCHIVED)  # what a producer may set


labels.register("listing", {ListingStatus.ACTIVE: _l("On sale"), ListingStatus.DRAFT: _l("Draft"),
                            ListingStatus.ARCHIVED: _l("Archived"), ListingStatus.HIDDEN: _l("Hidden by staff")})


# Units a listing is sold by: stored as the key, shown in the reader's language.
UNITS = {
    "piece": _l("piece"),
    "set": _l("set"),
    "pair": _l("pair"),
    "metre": _l("metre"),
    "pack": _l("pack"),
    "box": _l("box"),
    "kg": _l("kg"),
    "g": _l("g"),
    "cm": _l("cm"),
    "m2": _l("m²"),
}


def unit_label(unit):
    """A listing's unit in the reader's language ("piece" -> "chiếc")."""
    return str(UNITS.get(unit, unit))


class Listing(Keyed, Rated, db.Model):
    __tablename__ = "listings"
    __table_args__ = (
        CheckConstraint("price_vnd >= 0", name="price_not_negative"),
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint("moq >= 1", name="moq_positive"),
    )

    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)
    craft_id: Mapped[int] = mapped_column(ForeignKey("crafts.id"), index=True)
    title_vi: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    description_vi: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    # Integer VND: 350.000 ₫ is 350000. Variants may override it.
    price_vnd: Mapped[int] = mapped_column(Integer)
    stock: Mapped[int] = mapped_column(Integer, default=0)
    unit: Mapped[str] = mapped_column(String(32), default="piece")
    # What one selling unit holds when it is a set, pack or box: pack_size × pack_unit (a set of
    # 6 pieces, a 5 kg sack). Export matching converts price, MOQ and capacity with it (catalog.units).
    pack_size: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    pack_unit: Mapped[str | None] = mapped_column(String(16), nullable=True)
    materials: Mapped[str] = mapped_column(String(300), default="")
    lead_time_days: Mapped[int] = mapped_column(Integer, default=0)
    # Minimum order quantity.
    moq: Mapped[int] = mapped_column(Integer, default=1)
    hs_code: Mapped[str] = mapped_column(String(12), default="")
    # Shipping weight of one unit, packed, in grams (the parcel's fee band); rows from before it
    # was asked got 500 g (migration 0015), which the producer corrects on the next edit.
    weight_grams: Mapped[int] = mapped_column(Integer, default=500, server_default="500")
    status: Mapped[str] = mapped_column(String(16), default=ListingStatus.DRAFT, index=True)
    # The search columns below are written by catalog.search.refresh and read by SQL; a loaded listing
    # leaves them out (deferred: about 2 kB a listing, out of line) until one of them is touched.
    # Folded words of titles, descriptions, materials, producer, village and craft, padded
    # with spaces; what both SQLite and PostgreSQL search (see catalog.search).
    search_text: Mapped[str] = mapped_column(Text, default="", deferred=True, deferred_group="search")
    # The same texts' words in lower case with their diacritics, padded with spaces: a query
    # typed with diacritics ranks exact words first ("lụa", silk, above "lúa", rice).
    search_marked: Mapped[str | None] = mapped_column(Text, default="", deferred=True, deferred_group="search")
    # PostgreSQL's lexemes (space-separated): the folded words and stems, each phrase of the synonym
    # table as one lexeme, each exact form marked ("=lụa"); ``search_vector`` is made of them.
    search_terms: Mapped[str] = mapped_column(Text, default="", deferred=True, deferred_group="search")
    # The titles' folded and marked words and their naming phrases' (catalog.search.title_words): what
    # export matching judges a title by, stored so that a matching run folds none.
    search_title: Mapped[str | None] = mapped_column(Text, nullable=True, deferred=True, deferred_group="search")
    created_at = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Set by the services when the producer edits the listing (not on search-text refreshes).
    updated_at = mapped_column(UTCDateTime, default=utcnow)

    producer = relationship("Producer", back_populates="listings")
    craft = relationship("Craft")
    # The variants on offer. A variant the producer removes is retired, never deleted: order
    # lines and cart lines refer to it (catalog.services.update_listing).
    variants = relationship(
        "Variant", primaryjoin="and_(Variant.listing_id == Listing.id, Variant.retired_at.is_(None))",
        back_populates="listing", cascade="all", order_by="Variant.id",
    )
    tiers = relationship("WholesaleTier", back_populates="listing", cascade="all, delete-orphan", order_by="WholesaleTier.min_qty")
    images = relationship("ListingImage", back_populates="listing", cascade="all, delete-orphan", order_by="ListingImage.position")
    rights = relationship("ProductRight", back_populates="listing")

    @property
    def cover(self):
        return self.images[0] if self.images else None

    @property
    def valid_rights(self):
        return [right for right in self.rights if right.is_valid]

    @property
    def total_stock(self):
        return sum(v.stock for v in self.variants) if self.variants else self.stock

    def unit_price_for(self, quantity, variant=None):
        """The unit price for a quantity: the variant's price, lowered by the best wholesale tier."""
        price = variant.price_vnd if variant is not None else self.price_vnd
        for tier in self.tiers:
            if quantity >= tier.min_qty and tier.unit_price_vnd < price:
                price = tier.unit_price_vnd
        return price


class Variant(Keyed, db.Model):
    """A choice within a listing (silk colour, size) with its own price and stock."""

    __tablename__ = "variants"
    __table_args__ = (
        CheckConstraint("price_vnd >= 0", name="variant_price_not_negative"),
        CheckConstraint("stock >= 0", name="variant_stock_not_negative"),
    )

    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    name_vi: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    price_vnd: Mapped[int] = mapped_column(Integer)
    stock: Mapped[int] = mapped_column(Integer, default=0)
    # Set when the producer removes the variant from the listing; it is no longer sold.
    retired_at = mapped_column(UTCDateTime, nullable=True)

    listing = relationship("Listing", back_populates="variants")

    @property
    def retired(self):
        return self.retired_at is not None


class WholesaleTier(Keyed, db.Model):
    """From ``min_qty`` pieces on, each costs ``unit_price_vnd``."""

    __tablename__ = "wholesale_tiers"
    __table_args__ = (UniqueConstraint("listing_id", "min_qty"),)

    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    min_qty: Mapped[int] = mapped_column(Integer)
    unit_price_vnd: Mapped[int] = mapped_column(Integer)

    listing = relationship("Listing", back_populates="tiers")


class ListingImage(Keyed, StoredImage, db.Model):
    __tablename__ = "listing_images"

    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    listing = relationship("Listing", back_populates="images")


class SearchWord(db.Model):
    """A folded word some listing's text has held: the vocabulary "Did you mean …" corrects a typo to."""

    __tablename__ = "search_words"

    word: Mapped[str] = mapped_column(String(60), primary_key=True)


class Suggestion(Keyed, db.Model):
    """One prefix key of something a buyer may be typing: a product title, producer, village,
    craft or collective mark (``kind``), found by a range scan on (kind, key) as they type."""

    __tablename__ = "search_suggestions"
    __table_args__ = (UniqueConstraint("kind", "ref_id", "key"), Index("ix_search_suggestions_kind_key", "kind", "key", "ref_id"))

    kind: Mapped[str] = mapped_column(String(16))
    ref_id: Mapped[int] = mapped_column(Integer)
    # Folded words from one word of the name on ("hoa men lam" of "Bình hoa men lam"); the
    # column sorts bytewise ("C" collation on PostgreSQL) so a prefix is a range.
    key: Mapped[str] = mapped_column(String(80))
    label_vi: Mapped[str] = mapped_column(String(300))
    label_en: Mapped[str] = mapped_column(String(300))
    # What the link needs: the slug, or a product's id.
    slug: Mapped[str] = mapped_column(String(200))


class CatalogueCount(Keyed, db.Model):
    """One stored count of the whole public catalogue, so that the unfiltered ``/products`` never
    counts its listings per request (``catalog.counts``): the total (``facet`` "total"), the
    listings of each craft, village and mark (``ref_id`` its id), and of each OCOP rating
    (``ref_id`` the stars) per certificate expiry date (``until``), so the counts stay right as
    certificates expire without being recomputed."""

    __tablename__ = "catalogue_counts"

    facet: Mapped[str] = mapped_column(String(16))
    ref_id: Mapped[int] = mapped_column(Integer)
    until = mapped_column(Date, nullable=True)
    count: Mapped[int] = mapped_column(Integer)


class ListingViewDay(db.Model):
    """How many times a product page was shown on one day (Hanoi's date), written in batches
    by ``reports.tallies.flush`` from the counters the product page adds to (core.counters)."""

    __tablename__ = "listing_views"
    __table_args__ = (CheckConstraint("views >= 0", name="views_not_negative"),)

    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    views: Mapped[int] = mapped_column(Integer, default=0)
