"""Candidate producers for an inquiry, found in SQL with a fixed number of queries.

1. On PostgreSQL, a subquery ranks *producers* by ``ts_rank`` over ``producer_search``
   (one tsvector per producer over its active listings' folded search text, kept by
   triggers, migration 0005) with the hard requirements (approved, OCOP stars not
   expired, active membership of the required mark, a listing in the craft), keeping the
   best ``CANDIDATE_LIMIT``: 10,000 narrow rows instead of 100,000 wide listing rows.
   The same statement then ranks those producers' matching listings
   (``catalog.search.any_word_condition``), keeps each one's best with a window function
   and returns, per candidate, the columns scoring needs (listing, producer, village, the
   best wholesale tier at the quantity) as plain rows. SQLite (and a request with no
   words) ranks all listings, with the same conditions, in that one statement.
2. One statement reads the referenced listings (if any), one the producers' active marks.

Whatever the catalogue's size, that is two to four statements (see benchmarks/leads_bench.py).
"""
from sqlalchemy import and_, column, exists, func, literal, select, table, text

from marketplace.catalog import search
from marketplace.catalog.models import Listing, ListingStatus, WholesaleTier
from marketplace.extensions import db
from marketplace.leads.matching import Candidate, Mark
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks.models import Membership, MembershipStatus, Trademark
from marketplace.villages.models import Village

CANDIDATE_LIMIT = 60  # enough for a shortlist of 10 and a consortium of a mark's members
# Folded words that say nothing about the product, in English and Vietnamese.
STOPWORDS = frozenset("""
a an and are as at be by for from in into is it of on or our per please the to we with you your
need want looking buy order pcs piece pieces unit units
cho va cua cac nhung voi mot can chung toi la co de tu tai chiec cai bo
""".split())


def _singular(word):
    """English plurals to their stem, so that "vases" finds "vase" as well ("vase" finds "vases" anyway)."""
    if len(word) >= 5 and word.endswith(("shes", "ches", "xes")):
        return word[:-2]
    if len(word) >= 5 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def request_words(text):
    """The folded words of a request that can match a listing: no filler words, English plurals singular."""
    return tuple(dict.fromkeys(_singular(w) for w in search.tokens(text) if w not in STOPWORDS))


def _requirements(craft_id, ocop_stars, trademark_id, today):
    conditions = [Listing.status == ListingStatus.ACTIVE, Producer.status == ProducerStatus.APPROVED]
    if craft_id:
        conditions.append(Listing.craft_id == craft_id)
    hard = []
    if ocop_stars:
        hard += [Producer.ocop_stars >= ocop_stars,
                 (Producer.ocop_expires_on.is_(None)) | (Producer.ocop_expires_on >= today)]
    if trademark_id:
        hard.append(exists().where(and_(
            Membership.producer_id == Producer.id, Membership.trademark_id == trademark_id,
            Membership.status == MembershipStatus.ACTIVE)))
    return conditions, hard


_TRANSACTION_SETTINGS = text(
    "SELECT set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true)")
_producer_search = table("producer_search", column("producer_id"), column("search_vector"))


def _producers_by_relevance(words, craft_id, hard):
    """PostgreSQL: a subquery of the ids of the approved producers whose listings best match ``words``."""
    tsquery = search.any_word_tsquery(list(words))
    vector = _producer_search.c.search_vector
    conditions = [vector.op("@@")(tsquery), Producer.status == ProducerStatus.APPROVED, *hard]
    if craft_id:
        conditions.append(exists().where(and_(
            Listing.producer_id == Producer.id, Listing.craft_id == craft_id, Listing.status == ListingStatus.ACTIVE)))
    return (
        select(_producer_search.c.producer_id).join(Producer, Producer.id == _producer_search.c.producer_id)
        .where(*conditions).order_by(func.ts_rank(vector, tsquery).desc(), _producer_search.c.producer_id)
        .limit(CANDIDATE_LIMIT)
    )


def _details(quantity):
    """What a candidate needs of its listing, producer and village, as plain columns (no ORM objects).

    ``tier_price`` is the best wholesale tier's unit price at ``quantity`` (``Listing.unit_price_for``).
    """
    tier_price = (select(func.min(WholesaleTier.unit_price_vnd))
                  .where(WholesaleTier.listing_id == Listing.id, WholesaleTier.min_qty <= quantity)
                  .correlate(Listing).scalar_subquery())
    columns = (
        Listing.producer_id, Listing.id.label("listing_id"), Producer.name, Producer.village_id,
        Village.name.label("village_name"), Producer.monthly_capacity, Producer.export_ready, Producer.ocop_stars,
        Producer.ocop_expires_on, Listing.title_vi, Listing.title_en, Listing.moq, Listing.price_vnd,
        tier_price.label("tier_price"), Listing.search_text,
    )
    return (select(*columns).select_from(Listing).join(Producer, Producer.id == Listing.producer_id)
            .join(Village, Village.id == Producer.village_id))


def find(words, today, quantity, craft_id=None, ocop_stars=None, trademark_id=None, reference_ids=()):
    """(candidates, excluded): the candidates, and when there are none, how many producers
    make the product but miss the hard requirements."""
    session = db.session
    where_text, rank = search.any_word_condition(session, Listing.search_text, list(words))
    conditions, hard = _requirements(craft_id, ocop_stars, trademark_id, today)
    best = {}  # producer id -> details row of the listing judged
    scope = []
    postgres = search._is_postgres(session)
    if postgres and (where_text is not None or craft_id):
        # For this transaction: JIT compiling these short queries costs more than it saves (20 to 40 ms),
        # and the driver prepares a statement run five times, after which PostgreSQL may switch to a
        # generic plan, which for the ranking below is 10 times slower (benchmarks/leads_bench.py).
        session.execute(_TRANSACTION_SETTINGS)
    if postgres and where_text is not None:
        # One statement: the best producers (a subquery), then their best listings.
        scope = [Listing.producer_id.in_(_producers_by_relevance(words, craft_id, hard).scalar_subquery())]
    if where_text is not None or craft_id:
        rank = rank if rank is not None else literal(1)
        window = func.row_number().over(partition_by=Listing.producer_id,
                                        order_by=(rank.desc(), Listing.price_vnd, Listing.id))
        inner = (select(Listing.id.label("listing_id"), Listing.producer_id.label("producer_id"),
                        rank.label("rank"), window.label("n"))
                 .join(Producer, Producer.id == Listing.producer_id)
                 .where(*conditions, *hard, *scope, *([where_text] if where_text is not None else []))
                 .subquery())
        ranked = (select(inner.c.listing_id).where(inner.c.n == 1)
                  .order_by(inner.c.rank.desc(), inner.c.producer_id).limit(CANDIDATE_LIMIT).subquery())
        # The details of those listings come with them: no second round trip, no ORM objects.
        for row in session.execute(_details(quantity).join(ranked, ranked.c.listing_id == Listing.id)):
            best[row.producer_id] = row
    referenced = set()
    if reference_ids:
        for row in session.execute(
            _details(quantity).where(Listing.id.in_(reference_ids), *conditions, *hard).order_by(Listing.id)
        ):
            referenced.add(row.producer_id)
            best[row.producer_id] = row  # the listing they pointed at is the one judged
    if not best:
        excluded = 0
        if hard and (where_text is not None or craft_id):
            excluded = session.scalar(
                select(func.count(func.distinct(Listing.producer_id))).join(Producer, Producer.id == Listing.producer_id)
                .where(*conditions, *([where_text] if where_text is not None else [])))
        return [], excluded
    marks = {}
    for producer_id, mark_id, name_vi, name_en, association_id in session.execute(
        select(Membership.producer_id, Trademark.id, Trademark.name_vi, Trademark.name_en, Trademark.association_id)
        .join(Trademark, Trademark.id == Membership.trademark_id)
        .where(Membership.producer_id.in_(list(best)), Membership.status == MembershipStatus.ACTIVE)
        .order_by(Membership.trademark_id)
    ):
        marks.setdefault(producer_id, []).append(Mark(mark_id, name_vi, name_en, association_id))
    candidates = []
    for row in best.values():
        ocop_valid = bool(row.ocop_stars) and (row.ocop_expires_on is None or row.ocop_expires_on >= today)
        price = row.price_vnd  # Listing.unit_price_for: lowered by the best tier the quantity reaches
        if row.tier_price is not None and row.tier_price < price:
            price = row.tier_price
        candidates.append(Candidate(
            producer_id=row.producer_id, name=row.name, village_id=row.village_id,
            village_name=row.village_name, monthly_capacity=row.monthly_capacity or 0,
            export_ready=bool(row.export_ready), ocop_stars=row.ocop_stars if ocop_valid else None,
            listing_id=row.listing_id, listing_title_vi=row.title_vi, listing_title_en=row.title_en,
            moq=row.moq, unit_price_vnd=price, matched_words=search.matched_words(row.search_text, words),
            referenced=row.producer_id in referenced, marks=tuple(marks.get(row.producer_id, ())),
        ))
    return candidates, 0
