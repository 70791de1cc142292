"""The public catalogue: what buyers may see, searched and faceted in a fixed number of queries."""
import functools
import logging
import math
from dataclasses import dataclass, field, replace
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, case, literal, literal_column, select, union_all
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import joinedload, selectinload

from marketplace.catalog import counts, facets, search, spelling, suggest, walk
from marketplace.catalog.listings import ListingError
from marketplace.catalog.models import Listing, ListingStatus
from marketplace.catalog.schemas import SearchArgsSchema, SuggestArgsSchema
from marketplace.catalog.synonyms import query_terms
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks.models import ProductRight

log = logging.getLogger(__name__)


FUZZY_CAP = 200  # near misses counted at most
RANK_CAP = 1000  # matches scored by relevance at most (the newest); the others follow, newest first
FEW = 3  # a search finding fewer listings than this looks for a spelling that finds more


class SearchTimedOut(DomainError):
    """Raised when the database gave up on a catalogue search (its statement timeout); try again (503)."""

    status_code = 503


def _public():
    return and_(Listing.status == ListingStatus.ACTIVE, Producer.status == ProducerStatus.APPROVED)


def card_options():
    """Everything a product card shows, in two queries whatever the page size: the listings with their
    producer, village, craft and marks' rights (a listing holds one right per mark, mostly none, so
    the join adds few rows), then their pictures (several each: joined too, they would multiply the
    rights' rows). A third query for the rights cost 1.5-2 ms a page, half of it Python."""
    return (
        joinedload(Listing.producer).joinedload(Producer.village),
        joinedload(Listing.craft),
        selectinload(Listing.images),
        joinedload(Listing.rights).joinedload(ProductRight.membership),
        joinedload(Listing.rights).joinedload(ProductRight.trademark),
    )


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
        return cls(**load(_search_args(per_page, max_per_page), args, ListingError))


@functools.lru_cache(maxsize=8)
def _search_args(per_page, max_per_page):
    """One SearchArgsSchema per page-size setting, shared by every request (a schema holds no state of
    a load; making one deep-copies its fields: a tenth of a cached page's time)."""
    return SearchArgsSchema(per_page=per_page, max_per_page=max_per_page)


@dataclass
class SearchPage:
    items: list
    total: int
    page: int
    per_page: int
    params: SearchParams
    facets: dict = field(default_factory=dict)
    fuzzy: bool = False  # True when the results are near misses, not exact matches
    most_words: bool = False  # with fuzzy: they hold every word of the query but one, none holds all
    did_you_mean: str | None = None  # a respelt query that finds more ("bat trangg" -> "bat trang")
    # Counting stops at SEARCH_COUNT_CAP: a total over it is ``cap`` and not exact ("10,000+"); facets
    # counted over the newest ``cap`` matches are not exact either (their numbers are not shown).
    total_exact: bool = True
    facets_exact: bool = True
    cap: int | None = None

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.per_page))


def _base_filters(params):
    """The filters that are not facets: public, the shop's page, the price range."""
    conditions = [_public()]
    if params.producer_id:
        conditions.append(Listing.producer_id == params.producer_id)
    if params.price_min is not None:
        conditions.append(Listing.price_vnd >= params.price_min)
    if params.price_max is not None:
        conditions.append(Listing.price_vnd <= params.price_max)
    return conditions


def _filters(params):
    return _base_filters(params) + list(facets.facet_flags(params, date.today()).values())


def _tags(params):
    """The facet filters' lexemes for the text index (``search.facet_query_tags``)."""
    return search.facet_query_tags(params.craft, params.village, params.trademark, params.ocop)


def _narrowed(session, params, flags, query):
    """(text condition, every filter) of ``query`` under all of ``params``' filters: on PostgreSQL the text
    condition asks the index for the facets' tags too, so that a narrow search ("binh" in ceramics, 4
    stars) reads its few rows, not every "binh"; the filters the tags answer exactly (craft, village)
    are then left out, else PostgreSQL would AND the craft's own index in (45 ms at 1,000,000 listings)."""
    text = search.text_condition(session, Listing.search_text, query, _tags(params))[0]
    if text is not None and search.answers_tags(session):
        flags = {name: flag for name, flag in flags.items() if name not in search.EXACT_TAGS}
    return text, [*_base_filters(params), *([text] if text is not None else []), *flags.values()]


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


def _respelt(params, found, lookup):
    """(a respelling of the query from the catalogue's words that finds more than ``found``, or None;
    the respelling, whatever it finds, or None): its matches are counted up to ``found + 1`` only
    ("bat trangg" -> "bat trang" counts 4, not 17,880)."""
    corrected = spelling.correction(db.session, lookup.query, lookup)
    if corrected is None:
        return None, None
    flags = facets.facet_flags(params, date.today())
    text_where, narrowed = _narrowed(db.session, params, flags, corrected)
    # Counted up to found + 1 only: PostgreSQL would test listings until that many pass, expecting many for
    # an AND of words taken as independent, when the respelling often finds none ("khan lua theu": 88 ms
    # for nothing, 4 ms from the text index). One word's estimate is its own statistics, and right.
    few = len(query_terms(corrected, search.MAX_TOKENS)) > 1
    if _capped_total(params, flags, narrowed, text_where, found, corrected, few=few) <= found:
        return None, corrected
    return corrected, corrected


def _matching_ids(where):
    return select(Listing.id.label("id")).join(Producer, Listing.producer_id == Producer.id).where(*where)


def _capped_total_and_facets(params, text_where, matching, flags, cap, narrowed, ranked):
    """``facets.capped_total_and_facets`` and the walk's text condition when it found the newest matches
    (``catalog.walk``: a query of common words that go together), else None and the ordinary answer."""
    if text_where is not None and walk.common_words(db.session, params.q, search.MAX_TOKENS):
        walked = walk.condition(text_where)
        answer = facets.capped_total_and_facets(
            matching, flags, cap, sample=_base_filters(params) + [walked], narrowed=narrowed, ranked=ranked)
        if not answer[3]:  # the walk held more than the cap (facets not exact): they are the newest matches
            return (*answer, walked)
        # fewer: the matches are few among the newest, so the text index finds them all best
        return (*facets.capped_total_and_facets(matching, flags, cap, narrowed=narrowed, ranked=ranked, few=True), None)
    return (*facets.capped_total_and_facets(matching, flags, cap, narrowed=narrowed, ranked=ranked), None)


def _capped_total(params, flags, where, text_where, cap, query=None, few=False):
    """How many listings pass ``where``, counted up to ``cap + 1``, in one statement. On PostgreSQL a query
    (``query``, else the typed one) of common words (``catalog.walk``), without facet filters, is first
    counted in the walk: ``cap + 1`` matches there are ``cap + 1`` in the catalogue, found without
    reading every match from the text index; fewer, and the words do not go together: the ordinary
    count is taken, of the few matches the text index gives. ``few``: that is how any count is taken
    (``facets.capped_count``)."""
    if text_where is None or flags or not walk.common_words(db.session, query or params.q, search.MAX_TOKENS):
        return db.session.scalar(select(facets.capped_count(where, cap, few=few)))
    walked = facets.capped_count(_base_filters(params) + [walk.condition(text_where)], cap)
    return db.session.scalar(select(case((walked > cap, walked), else_=facets.capped_count(where, cap, few=True))))


def _ranked_with_counts(params, rank, cap):
    """The relevance page for the counting statement to answer too (``facets.Ranked``), or None: a page
    among the RANK_CAP newest matches, which the statement's ``cap + 1`` newest hold."""
    offset = (params.page - 1) * params.per_page
    if (params.sort or "relevance") != "relevance" or rank is None or RANK_CAP > cap + 1 \
            or offset + params.per_page > RANK_CAP:
        return None
    return facets.Ranked(rank, offset, params.per_page, RANK_CAP)


def _ranked_ids(rank, where, params, newest_where=None):
    """The page's ids by relevance, scoring a capped candidate set: the RANK_CAP newest matches are
    ranked, the rest follow newest first. The newest are found first and only they are scored (a
    join back to their rows): ``ts_rank`` reads each row's whole vector (a query typed with
    diacritics also its marked words, out of line), and where PostgreSQL finds the matches with the
    text index it scored all of them before keeping the newest (19,000 for "bat trang")."""
    offset = (params.page - 1) * params.per_page
    newest = _matching_ids(newest_where or where).order_by(Listing.id.desc()).limit(RANK_CAP).subquery()
    ranked = (select(newest.c.id, rank.label("rank"), literal(0).label("part"))
              .join_from(newest, Listing, Listing.id == newest.c.id).subquery())
    rest = _matching_ids(where).add_columns(literal(-1).label("rank"), literal(1).label("part")) \
        .order_by(Listing.id.desc()).offset(RANK_CAP).limit(max(0, offset + params.per_page - RANK_CAP)).subquery()
    both = union_all(select(ranked), select(rest)).subquery()
    return (select(both.c.id).order_by(both.c.part, both.c.rank.desc(), both.c.id.desc())
            .limit(params.per_page).offset(offset))


def _ordered_ids(where, order, params):
    return _matching_ids(where).order_by(*order).limit(params.per_page).offset((params.page - 1) * params.per_page)


def _near_misses(where, similarity, params):
    """(how many, the page's ids by similarity) of the FUZZY_CAP newest near misses, in one statement:
    their similarity comes with them, so the search runs once (it ran twice, for the count and for the
    page, 170 ms each at 100,000 listings)."""
    newest = _matching_ids(where).order_by(Listing.id.desc()).limit(FUZZY_CAP).subquery()
    near = select(newest.c.id, similarity.label("similarity")).join_from(newest, Listing, Listing.id == newest.c.id)
    rows = db.session.execute(near).all()
    best = sorted(rows, key=lambda row: (-row.similarity, -row.id))
    offset = (params.page - 1) * params.per_page
    return len(rows), [row.id for row in best[offset:offset + params.per_page]]


def _near_miss_conditions(params, corrected, lookup):
    """(kind, where, rank) of each way to look for near misses, best first, each made only when asked for:
    for three words or more, those with every word but one, of the respelt words if any ("bat trangg
    zzq": "bat trang"); then the words the catalogue knows, with the two words an unknown one runs
    together ("crackleglaze") or the known words near it. The text index answers both, on both databases,
    as it does any search (trigram similarity of the titles, which these replaced, rechecked every title
    sharing the query's letters: 130 ms at 100,000 listings, and found nothing these do not)."""
    session = db.session
    yield "most_words", *search.most_words_condition(session, Listing.search_text, corrected or params.q)
    yield "near_words", *search.near_words_condition(session, Listing.search_text, params.q, lookup)


def _near_miss_page(params, corrected, lookup):
    """(kind, (how many, the page's ids)) of the first way of ``_near_miss_conditions`` that finds any near
    miss; (None, (0, [])) when none does."""
    for kind, where, similarity in _near_miss_conditions(params, corrected, lookup):
        if where is None:
            continue
        near = _near_misses([*_filters(params), where], similarity, params)
        if near[0]:
            return kind, near
    return None, (0, [])


def _page_of(ids_query):
    """The page's listings: their ids first on a narrow row, then the cards of those ids alone."""
    return _cards(db.session.scalars(ids_query).all())


def _cards(ids):
    """The listings of ``ids`` with everything a card shows, in that order."""
    if not ids:
        return []
    cards = {listing.id: listing for listing in db.session.scalars(
        select(Listing).where(Listing.id.in_(ids)).options(*card_options())).unique()}
    return [cards[i] for i in ids]


def _search_listings(params, with_facets):
    session = db.session
    text_where, rank = search.text_condition(session, Listing.search_text, params.q)
    matching = _base_filters(params) + ([text_where] if text_where is not None else [])
    flags = facets.facet_flags(params, date.today())
    narrowed = _narrowed(session, params, flags, params.q)[1]
    cap = current_app.config["SEARCH_COUNT_CAP"]
    found, facets_exact, walked, counted_page = {}, True, None, None
    if not with_facets:
        total = _capped_total(params, flags, narrowed, text_where, cap)
        total_exact, total = total <= cap, min(total, cap)
    elif text_where is None and not flags and len(matching) == 1:  # the whole public catalogue
        (total, found), total_exact = counts.stored(), True
    else:
        total, found, total_exact, facets_exact, counted_page, walked = _capped_total_and_facets(
            params, text_where, matching, flags, cap, narrowed, _ranked_with_counts(params, rank, cap))
    fuzzy, most_words, did_you_mean, corrected = False, False, None, None
    if text_where is not None:
        lookup = spelling.Lookup(session, search.tokens(params.q))  # the vocabulary, read once for both
        if total < FEW:
            did_you_mean, corrected = _respelt(params, total, lookup)
        if total == 0 and did_you_mean:
            # Nothing found, and a respelling finds something: its results are the near matches ("bat trng"
            # shows Bát Tràng's products), on both databases: the respelling searched as any query is, its
            # count and page in one statement; no facets: they are suggestions, not results.
            respelt = _search_listings(replace(params, q=did_you_mean), with_facets)
            return SearchPage(items=respelt.items, total=respelt.total, page=params.page, per_page=params.per_page,
                              params=params, fuzzy=True, did_you_mean=did_you_mean, total_exact=respelt.total_exact,
                              cap=cap)
        if total == 0:
            near_kind, near = _near_miss_page(params, corrected, lookup)
            fuzzy, most_words = True, near_kind == "most_words"
    where = narrowed

    if fuzzy:  # near misses: counted up to a cap, no facets; they are suggestions, not results
        total, page_ids = near
        fuzzy = total > 0
        found = {} if fuzzy else facets.shape([])[1]  # no near miss either: empty facets, as for no match
    sort = params.sort or ("relevance" if rank is not None else "newest")
    orders = {
        "price_asc": (Listing.price_vnd.asc(), Listing.id.desc()),
        "price_desc": (Listing.price_vnd.desc(), Listing.id.desc()),
        "newest": (Listing.created_at.desc(), Listing.id.desc()),
        # Best average first (hundredths of a star, in integers on both databases), then the most reviewed;
        # products without reviews last. Constants, not parameters: the expression is the index's (0032).
        "rating": (case((Listing.rating_count > literal_column("0"),
                         Listing.rating_sum * literal_column("100") // Listing.rating_count),
                        else_=literal_column("-1")).desc(), Listing.rating_count.desc(), Listing.id.desc()),
    }
    if fuzzy:
        items = _cards(page_ids)
    elif counted_page is not None and not fuzzy:  # the counting statement gave the page by relevance too
        items = _cards(counted_page)
    elif total == 0 and not fuzzy:  # counted: nothing to look for (a filter no listing passes)
        items = []
    elif sort in orders or rank is None:
        items = _page_of(_ordered_ids(where, orders.get(sort, orders["newest"]), params))
    else:
        # The walk's newest matches are the catalogue's newest when it held more than the cap of them and
        # no facet filter narrows the ranking's matches further.
        newest_where = _base_filters(params) + [walked] if walked is not None and not flags and RANK_CAP <= cap else None
        items = _page_of(_ranked_ids(rank, where, params, newest_where))
    return SearchPage(items=items, total=total, page=params.page, per_page=params.per_page,
                      params=params, facets=found, fuzzy=fuzzy, most_words=most_words and fuzzy and not corrected,
                      did_you_mean=did_you_mean,
                      total_exact=total_exact or fuzzy, facets_exact=facets_exact, cap=cap)


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
    ).unique().first()
    if listing is None:
        raise NotFound(_("This product is not available."))
    return listing


def featured(limit=8):
    return search_listings(SearchParams(per_page=limit, sort="newest"), with_facets=False).items


def newest(per_page=12, page=1, **filters):
    """The newest public listings under these filters (a village's, a mark's or a shop's page), without facets."""
    return search_listings(SearchParams(per_page=per_page, page=page, sort="newest", **filters), with_facets=False)
