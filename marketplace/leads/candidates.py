"""Candidate producers for an inquiry, found in SQL with a fixed number of queries.

1. On PostgreSQL, a subquery ranks *producers* by how many of their words match the
   request (``producer_lexemes``: one row per word of a producer's active listings, kept by
   triggers, migrations 0005 and 0029) with the hard requirements (approved, OCOP stars not
   expired, active membership of the required mark, a listing in the craft), keeping the
   best ``CANDIDATE_LIMIT``: an index range per term instead of 100,000 wide listing rows.
   The same statement then ranks those producers' matching listings
   (``catalog.search.any_word_condition``), keeps each one's best with a window function
   and returns, per candidate, the columns scoring needs (listing, producer, village, the
   best wholesale tier at the quantity) as plain rows. SQLite (and a request with no
   words) ranks all listings, with the same conditions, in that one statement.
2. One statement reads the referenced listings (if any), one the producers' active marks, one what
   their capacity is booked for and their capacity calendars (``leads.bookings``, a single union).

Whatever the catalogue's size, that is two to four statements (see benchmarks/leads_bench.py).
"""
from dataclasses import replace

from sqlalchemy import Text, and_, column, exists, func, literal, select, table, text
from sqlalchemy.dialects.postgresql import ARRAY

from marketplace.catalog import search, spelling
from marketplace.catalog.models import Listing, ListingStatus, WholesaleTier
from marketplace.extensions import db
from marketplace.leads import bookings, relevance
from marketplace.leads.matching import Candidate, Mark
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks.models import Membership, MembershipStatus, ProductRight, RightStatus, Trademark
from marketplace.villages.models import Village

CANDIDATE_LIMIT = 60  # enough for a shortlist of 10 and a consortium of a mark's members
PER_PRODUCER = 5  # each candidate's best listings by the SQL rank, of which relevance picks the one judged


def request_words(text):
    """The labels of a request's content terms ("blue glaze", "vases"): empty when it says nothing to search by."""
    return tuple(relevance.parse(text).labels)


def read_request(session, description):
    """The request's terms, typos read as the catalogue's closest words (``catalog.spelling``, one statement
    at most: only for words without synonyms that no listing holds)."""
    query = relevance.parse(description)
    words = relevance.correctable(query)
    respelt = spelling.correction(session, words) if words else None
    if respelt is None:
        return query
    return relevance.parse(description, dict(zip(words, respelt.split())))


def _requirements(craft_id, ocop_stars, trademark_id, today):
    conditions = [Listing.status == ListingStatus.ACTIVE, Producer.status == ProducerStatus.APPROVED]
    if craft_id:
        conditions.append(Listing.craft_id == craft_id)
    hard, carries = [], []
    if trademark_id:  # the listing judged must carry the mark, not only its maker be a member
        carries.append(exists().where(and_(
            ProductRight.listing_id == Listing.id, ProductRight.trademark_id == trademark_id,
            ProductRight.status == RightStatus.ACTIVE)))
    if ocop_stars:
        hard += [Producer.ocop_stars >= ocop_stars,
                 (Producer.ocop_expires_on.is_(None)) | (Producer.ocop_expires_on >= today)]
    if trademark_id:
        hard.append(exists().where(and_(
            Membership.producer_id == Producer.id, Membership.trademark_id == trademark_id,
            Membership.status == MembershipStatus.ACTIVE)))
    return conditions, hard, carries


_TRANSACTION_SETTINGS = text(
    "SELECT set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true)")
_producer_lexemes = table("producer_lexemes", column("lexeme"), column("producer_id"))


def _producers_by_relevance(words, craft_id, hard):
    """PostgreSQL: a subquery of the ids of the approved producers whose listings best match ``words``.

    Ranked as ``ts_rank`` ranked a producer's stripped vector (``producer_search`` until migration
    0029): an OR query's rank there is the number of the vector's words that match one of its terms
    (a word matches at most one: ``search.any_word_ranges``), times a constant, so the producers
    with the most matching rows in ``producer_lexemes`` come first, then the lowest id, as before.
    Each term is one range of its primary key: no producer's words are read but those that match."""
    lows, highs = search.any_word_ranges(list(words))
    term = func.unnest(literal(lows, ARRAY(Text)), literal(highs, ARRAY(Text))).table_valued("low", "high").render_derived(name="term")
    lexeme = _producer_lexemes.c.lexeme
    # Counted first, and sorted: the producers are then looked up best first, until CANDIDATE_LIMIT of
    # them meet the requirements, instead of all of them being joined before the sort.
    counts = (select(_producer_lexemes.c.producer_id, func.count().label("words")).select_from(term)
              .join(_producer_lexemes, and_(lexeme >= term.c.low, lexeme < term.c.high))
              .group_by(_producer_lexemes.c.producer_id)
              .order_by(func.count().desc(), _producer_lexemes.c.producer_id).subquery())
    conditions = [Producer.status == ProducerStatus.APPROVED, *hard]
    if craft_id:
        conditions.append(exists().where(and_(
            Listing.producer_id == Producer.id, Listing.craft_id == craft_id, Listing.status == ListingStatus.ACTIVE)))
    return (
        select(counts.c.producer_id).join(Producer, Producer.id == counts.c.producer_id)
        .where(*conditions).order_by(counts.c.words.desc(), counts.c.producer_id)
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
        tier_price.label("tier_price"), Listing.search_text, Listing.search_marked, Listing.search_title,
        Listing.lead_time_days, Listing.unit, Listing.pack_size, Listing.pack_unit,
    )
    return (select(*columns).select_from(Listing).join(Producer, Producer.id == Listing.producer_id)
            .join(Village, Village.id == Producer.village_id))


def find(query, today, quantity, craft_id=None, ocop_stars=None, trademark_id=None, reference_ids=()):
    """(candidates, excluded): the candidates, and when there are none, how many producers
    make the product but miss the hard requirements."""
    session = db.session
    words = relevance.sql_words(query)
    where_text, rank = search.any_word_condition(session, Listing.search_text, words)
    conditions, hard, carries = _requirements(craft_id, ocop_stars, trademark_id, today)
    best = {}  # producer id -> [details rows of the listings to judge]
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
                 .where(*conditions, *hard, *carries, *scope, *([where_text] if where_text is not None else []))
                 .subquery())
        ranked = (select(inner.c.listing_id).where(inner.c.n <= PER_PRODUCER)
                  .order_by(inner.c.rank.desc(), inner.c.producer_id).limit(CANDIDATE_LIMIT * PER_PRODUCER).subquery())
        # The details of those listings come with them: no second round trip, no ORM objects.
        for row in session.execute(_details(quantity).join(ranked, ranked.c.listing_id == Listing.id)):
            best.setdefault(row.producer_id, []).append(row)
    referenced = set()
    if reference_ids:
        for row in session.execute(
            _details(quantity).where(Listing.id.in_(reference_ids), *conditions, *hard, *carries).order_by(Listing.id)
        ):
            referenced.add(row.producer_id)
            best[row.producer_id] = [row]  # the listing they pointed at is the one judged
    if not best:
        excluded = 0
        if (hard or carries) and (where_text is not None or craft_id):
            excluded = session.scalar(
                select(func.count(func.distinct(Listing.producer_id))).join(Producer, Producer.id == Listing.producer_id)
                .where(*conditions, *([where_text] if where_text is not None else [])))
        return [], excluded
    marks = {}
    for producer_id, mark_id, name_vi, name_en, association_id in session.execute(
        select(Membership.producer_id, Trademark.id, Trademark.name_vi, Trademark.name_en, Trademark.association_id)
        .join(Trademark, Trademark.id == Membership.trademark_id)
        .where(search.among(session, Membership.producer_id, list(best)), Membership.status == MembershipStatus.ACTIVE)
        .order_by(Membership.trademark_id)
    ):
        marks.setdefault(producer_id, []).append(Mark(mark_id, name_vi, name_en, association_id))
    booked, calendars = bookings.bookings_and_calendars(session, list(best), today)
    return [_with_calendar(_candidate(query, rows, marks.get(rows[0].producer_id, ()), today,
                                      rows[0].producer_id in referenced, booked.get(rows[0].producer_id, ())),
                           calendars) for rows in best.values()], 0


def _with_calendar(candidate, calendars):
    return replace(candidate, calendar=tuple(calendars.get(candidate.producer_id, ())))


def _unit_price(row):
    """``Listing.unit_price_for`` from the row: the list price lowered by the best tier the quantity reaches."""
    return row.tier_price if row.tier_price is not None and row.tier_price < row.price_vnd else row.price_vnd


def _best_listing(query, rows):
    """(verdict, row) of the listing that covers the request best, then the cheapest, then the oldest.

    The hot path of a run (benchmarks/leads_bench.py), so each listing's title is judged first (its
    words are stored: ``Listing.search_title``) and bounds what the listing can reach (``relevance.most``);
    listings are then judged whole, best bound first, only while one could still beat (or tie with) the
    best so far. The same listing wins as when every one is judged."""
    bounded = []
    for row in rows:
        # Stored with the listing's search columns (``catalog.search.refresh``); folded here only for a row
        # written around the app without them.
        title = relevance.title_of(row.search_title or search.title_words(row.title_vi, row.title_en), query.strict)
        found = relevance.in_title(query, title)
        bounded.append((-relevance.most(query, found), _unit_price(row), row.listing_id, title, found, row))
    bounded.sort(key=lambda item: item[:3])
    best = None  # (order, verdict, row)
    for bound, price, listing_id, title, found, row in bounded:
        if best is not None and best[0] <= (bound, price, listing_id):
            break  # this listing (and every later one) can at best tie on relevance and loses on price or id
        text = None if all(found) else relevance.text_of(row.search_text, row.search_marked, query.strict)
        verdict = relevance.judge(query, title, text, found)
        order = (-verdict.relevance, price, listing_id)
        if best is None or order < best[0]:
            best = (order, verdict, row)
    return best[1], best[2]


def _candidate(query, rows, marks, today, referenced, booked=()):
    """The candidate judged by its listing that covers the request best (then the cheapest, then the oldest)."""
    verdict, row = _best_listing(query, rows)
    ocop_valid = bool(row.ocop_stars) and (row.ocop_expires_on is None or row.ocop_expires_on >= today)
    return Candidate(
        producer_id=row.producer_id, name=row.name, village_id=row.village_id,
        village_name=row.village_name, monthly_capacity=row.monthly_capacity or 0,
        export_ready=bool(row.export_ready), ocop_stars=row.ocop_stars if ocop_valid else None,
        listing_id=row.listing_id, listing_title_vi=row.title_vi, listing_title_en=row.title_en,
        moq=row.moq, unit_price_vnd=_unit_price(row), relevance=verdict.relevance, matched_terms=verdict.matched,
        missing=verdict.missing, in_title=verdict.in_title, lead_time_days=row.lead_time_days or 0,
        unit=row.unit or "piece", pack_size=row.pack_size or 1, pack_unit=row.pack_unit,
        referenced=referenced, marks=tuple(marks), booked=tuple(booked),
    )
