"""The public catalogue: what buyers may see, searched and faceted in a fixed number of queries."""
import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import joinedload, selectinload

from marketplace.catalog import search, spelling, suggest
from marketplace.catalog.listings import ListingError
from marketplace.catalog.models import Listing, ListingStatus
from marketplace.catalog.schemas import SearchArgsSchema, SuggestArgsSchema
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks.models import Membership, MembershipStatus, ProductRight, RightStatus, Trademark
from marketplace.villages.models import Craft, Village

log = logging.getLogger(__name__)


FUZZY_CAP = 200  # near misses counted at most
FEW = 3  # a search finding fewer listings than this looks for a spelling that finds more


class SearchTimedOut(DomainError):
    """Raised when the database gave up on a catalogue search (its statement timeout); try again (503)."""

    status_code = 503


def _public():
    return and_(Listing.status == ListingStatus.ACTIVE, Producer.status == ProducerStatus.APPROVED)


def card_options():
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
    did_you_mean: str | None = None  # a respelt query that finds more ("bat trangg" -> "bat trang")

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
    base = lambda name: select(func.count(Listing.id)).join(Producer, Listing.producer_id == Producer.id).where(*conditions_for(name))
    crafts = session.execute(
        base("craft").add_columns(Craft.slug, Craft.name_vi, Craft.name_en).join(Craft, Listing.craft_id == Craft.id)
        .group_by(Craft.slug, Craft.name_vi, Craft.name_en).order_by(func.count(Listing.id).desc(), Craft.slug)
    ).all()
    villages = session.execute(
        base("village").add_columns(Village.slug, Village.name, Village.district).join(Village, Producer.village_id == Village.id)
        .group_by(Village.slug, Village.name, Village.district).order_by(func.count(Listing.id).desc(), Village.slug)
    ).all()
    names = Counter(r[2] for r in villages)
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
        # Two villages may share a name (Phùng Xá in Mỹ Đức and in Thạch Thất): the district tells them apart.
        "village": [{"slug": r[1], "name": r[2], "district": r[3], "count": r[0],
                     "label": suggest.village_label(r[2], r[3]) if names[r[2]] > 1 else r[2]} for r in villages],
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


def _count_matching(params, where):
    return db.session.scalar(
        select(func.count(Listing.id)).join(Producer, Listing.producer_id == Producer.id).where(*_filters(params), where))


def _respelt(params, found):
    """A respelling of the query from the catalogue's words that finds more than ``found``, or None."""
    corrected = spelling.correction(db.session, search.tokens(params.q))
    if corrected is None or _count_matching(params, search.text_condition(db.session, Listing.search_text, corrected)[0]) <= found:
        return None
    return corrected


def _search_listings(params, with_facets):
    session = db.session
    text_where, rank = search.text_condition(session, Listing.search_text, params.q)
    fuzzy, did_you_mean = False, None
    if text_where is not None:
        total_exact = _count_matching(params, text_where)
        if total_exact < FEW:
            did_you_mean = _respelt(params, total_exact)
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
                              suggestions_timed_out=True, did_you_mean=did_you_mean)
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
        # Best average first (hundredths of a star, in integers on both databases), then the most reviewed;
        # products without reviews last.
        "rating": (case((Listing.rating_count > 0, Listing.rating_sum * 100 / Listing.rating_count), else_=-1).desc(),
                   Listing.rating_count.desc(), Listing.id.desc()),
    }.get(sort) or ((rank.desc(), Listing.id.desc()) if rank is not None else (Listing.created_at.desc(), Listing.id.desc()))
    where = conditions_for()
    if fuzzy:  # rank only the first FUZZY_CAP near misses: similarity over every match is too dear
        where = [Listing.id.in_(select(Listing.id).join(Producer, Listing.producer_id == Producer.id)
                                .where(*where).order_by(Listing.id.desc()).limit(FUZZY_CAP).scalar_subquery())]
        order = (rank.desc(), Listing.id.desc())
    query = (
        select(Listing).join(Producer, Listing.producer_id == Producer.id).where(*where)
        .order_by(*order).limit(params.per_page).offset((params.page - 1) * params.per_page)
        .options(*card_options())
    )
    items = session.scalars(query).unique().all()
    facets = _facets(conditions_for) if with_facets and not fuzzy else {}
    return SearchPage(items=items, total=total, page=params.page, per_page=params.per_page, params=params, facets=facets,
                      fuzzy=fuzzy, did_you_mean=did_you_mean)


def suggestions(args, locale):
    """(q, {kind: [{"label", "slug"}]}) for the search box's query arguments, labelled in ``locale``;
    a ``q`` over 200 characters raises ListingError naming it. One indexed statement."""
    q = load(SuggestArgsSchema(), args, ListingError)["q"]
    return q, suggest.lookup(db.session, q, locale)


def public_listing(listing_id):
    """A listing a buyer may see, with everything its page shows; 404 when it is not public."""
    listing = db.session.scalars(
        select(Listing).join(Producer, Listing.producer_id == Producer.id)
        .where(Listing.id == listing_id, _public())
        .options(*card_options(), selectinload(Listing.variants), selectinload(Listing.tiers))
    ).first()
    if listing is None:
        raise NotFound(_("This product is not available."))
    return listing


def featured(limit=8):
    return search_listings(SearchParams(per_page=limit, sort="newest"), with_facets=False).items


def newest(per_page=12, page=1, **filters):
    """The newest public listings under these filters (a village's, a mark's or a shop's page), without facets."""
    return search_listings(SearchParams(per_page=per_page, page=page, sort="newest", **filters), with_facets=False)
