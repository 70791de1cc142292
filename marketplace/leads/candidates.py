"""Candidate producers for an inquiry, found in SQL with a fixed number of queries.

1. On PostgreSQL, one statement ranks *producers* by ``ts_rank`` over ``producer_search``
   (one tsvector per producer over its active listings' folded search text, kept by
   triggers, migration 0005) with the hard requirements (approved, OCOP stars not
   expired, active membership of the required mark, a listing in the craft), keeping the
   best ``CANDIDATE_LIMIT``: 10,000 narrow rows instead of 100,000 wide listing rows.
   One statement then ranks those producers' matching listings
   (``catalog.search.any_word_condition``) and keeps each one's best with a window
   function. SQLite (and a request with no words) does the second statement alone over
   all listings, with the same conditions.
2. One statement loads those listings with their producers and villages, one their
   wholesale tiers, one the producers' active memberships with their marks.

Whatever the catalogue's size, that is four or five statements (see benchmarks/leads_bench.py).
"""
from sqlalchemy import and_, column, exists, func, literal, select, table, text
from sqlalchemy.orm import joinedload, selectinload

from marketplace.catalog import search
from marketplace.catalog.models import Listing, ListingStatus
from marketplace.extensions import db
from marketplace.leads.matching import Candidate, Mark
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks.models import Membership, MembershipStatus, Trademark

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


_producer_search = table("producer_search", column("producer_id"), column("search_vector"))


def _producers_by_relevance(words, craft_id, hard):
    """PostgreSQL: ids of the approved producers whose listings best match ``words``."""
    tsquery = search.any_word_tsquery(list(words))
    vector = _producer_search.c.search_vector
    conditions = [vector.op("@@")(tsquery), Producer.status == ProducerStatus.APPROVED, *hard]
    if craft_id:
        conditions.append(exists().where(and_(
            Listing.producer_id == Producer.id, Listing.craft_id == craft_id, Listing.status == ListingStatus.ACTIVE)))
    return db.session.scalars(
        select(_producer_search.c.producer_id).join(Producer, Producer.id == _producer_search.c.producer_id)
        .where(*conditions).order_by(func.ts_rank(vector, tsquery).desc(), _producer_search.c.producer_id)
        .limit(CANDIDATE_LIMIT)
    ).all()


def find(words, today, quantity, craft_id=None, ocop_stars=None, trademark_id=None, reference_ids=()):
    """(candidates, excluded): the candidates, and when there are none, how many producers
    make the product but miss the hard requirements."""
    session = db.session
    where_text, rank = search.any_word_condition(session, Listing.search_text, list(words))
    conditions, hard = _requirements(craft_id, ocop_stars, trademark_id, today)
    best = {}  # producer id -> listing id
    scope = []
    if where_text is not None and search._is_postgres(session):
        # JIT compiling these short queries costs more than it saves (20 to 40 ms, benchmarks/leads_bench.py).
        session.execute(text("SET LOCAL jit = off"))
        scope = [Listing.producer_id.in_(_producers_by_relevance(words, craft_id, hard))]
    if where_text is not None or craft_id:
        rank = rank if rank is not None else literal(1)
        window = func.row_number().over(partition_by=Listing.producer_id,
                                        order_by=(rank.desc(), Listing.price_vnd, Listing.id))
        inner = (select(Listing.id.label("listing_id"), Listing.producer_id.label("producer_id"),
                        rank.label("rank"), window.label("n"))
                 .join(Producer, Producer.id == Listing.producer_id)
                 .where(*conditions, *hard, *scope, *([where_text] if where_text is not None else []))
                 .subquery())
        rows = session.execute(
            select(inner.c.producer_id, inner.c.listing_id, inner.c.rank).where(inner.c.n == 1)
            .order_by(inner.c.rank.desc(), inner.c.producer_id).limit(CANDIDATE_LIMIT)
        ).all()
        best = {row.producer_id: row.listing_id for row in rows}
    referenced = set()
    if reference_ids:
        for listing_id, producer_id in session.execute(
            select(Listing.id, Listing.producer_id).join(Producer, Producer.id == Listing.producer_id)
            .where(Listing.id.in_(reference_ids), *conditions, *hard).order_by(Listing.id)
        ):
            referenced.add(producer_id)
            best[producer_id] = listing_id  # the listing they pointed at is the one judged
    if not best:
        excluded = 0
        if hard and (where_text is not None or craft_id):
            excluded = session.scalar(
                select(func.count(func.distinct(Listing.producer_id))).join(Producer, Producer.id == Listing.producer_id)
                .where(*conditions, *([where_text] if where_text is not None else [])))
        return [], excluded
    listings = session.scalars(
        select(Listing).where(Listing.id.in_(list(best.values())))
        .options(joinedload(Listing.producer).joinedload(Producer.village), selectinload(Listing.tiers))
    ).all()
    marks = {}
    for membership in session.scalars(
        select(Membership).join(Trademark).where(
            Membership.producer_id.in_(list(best)), Membership.status == MembershipStatus.ACTIVE)
        .options(joinedload(Membership.trademark)).order_by(Membership.trademark_id)
    ):
        t = membership.trademark
        marks.setdefault(membership.producer_id, []).append(Mark(t.id, t.name_vi, t.name_en, t.association_id))
    candidates = []
    for listing in listings:
        producer = listing.producer
        candidates.append(Candidate(
            producer_id=producer.id, name=producer.name, village_id=producer.village_id,
            village_name=producer.village.name, monthly_capacity=producer.monthly_capacity or 0,
            export_ready=bool(producer.export_ready),
            ocop_stars=producer.ocop_stars if producer.ocop_valid_on(today) else None,
            listing_id=listing.id, listing_title_vi=listing.title_vi, listing_title_en=listing.title_en,
            moq=listing.moq, unit_price_vnd=listing.unit_price_for(quantity),
            matched_words=search.matched_words(listing.search_text, words),
            referenced=producer.id in referenced, marks=tuple(marks.get(producer.id, ())),
        ))
    return candidates, 0
