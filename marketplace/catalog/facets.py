"""The catalogue's total and all its facet counts in ONE statement, the same on PostgreSQL and SQLite.

The listings that pass the query and the filters that are not facets (public, shop, price) are
gathered once in a CTE, ``hits``: id, craft, village, valid OCOP stars, and one flag column per
facet filter the buyer applied. Each facet then counts ``hits`` with the *other* facets' flags
(choosing a craft narrows the village counts, not the craft counts), and the total counts it
with every flag: five ``UNION ALL`` branches over one scan of the listings, where the old code
ran the full-text match and the joins again for each facet and for the count. PostgreSQL
materialises a CTE read more than once, so the match runs once; SQLite gives the same answer.
A listing holding two marks counts once per mark in the mark facet, as before.

With a ``cap`` (``SEARCH_COUNT_CAP``, for everything but the stored unfiltered catalogue) the
work stops growing with the matches: ``hits`` keeps the ``cap + 1`` newest matches only, and
the total is counted up to ``cap + 1`` (from ``hits`` when it was not cut short, else from a
capped count of the rows passing every filter, which only then runs: PostgreSQL and SQLite both
evaluate a ``CASE`` branch's subquery only when it is taken). A "sample" row says how many rows
``hits`` held, so callers know whether the facet counts are exact (every match) or counted over
the newest ``cap`` matches, and whether the total is exact or "more than ``cap``". Below the cap
every count is exact, as without one.
"""
from collections import Counter
from datetime import date
from typing import NamedTuple

from sqlalchemy import (
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
)

from marketplace.catalog import suggest
from marketplace.catalog.models import Listing
from marketplace.extensions import db
from marketplace.producers.models import Producer
from marketplace.trademarks.models import Membership, MembershipStatus, ProductRight, RightStatus, Trademark
from marketplace.villages.models import Craft, Village

FACETS = ("craft", "village", "trademark", "ocop")


class Ranked(NamedTuple):
    """A page of the matches by relevance, for ``statement`` to answer with the counts: the newest
    ``candidates`` matches scored by ``rank``, ``limit`` of them from ``offset``."""

    rank: object
    offset: int
    limit: int
    candidates: int


def valid_stars(today):
    """A producer's OCOP stars while its certificate is valid, else NULL."""
    return case((or_(Producer.ocop_expires_on.is_(None), Producer.ocop_expires_on >= today), Producer.ocop_stars))


def facet_flags(params, today):
    """{facet: condition} for each facet filter ``params`` applies; an uncorrelated IN for the mark,
    so that PostgreSQL hashes it once instead of probing per row."""
    flags = {}
    if params.craft:
        flags["craft"] = Listing.craft_id == select(Craft.id).where(Craft.slug == params.craft).scalar_subquery()
    if params.village:
        flags["village"] = Producer.village_id == select(Village.id).where(Village.slug == params.village).scalar_subquery()
    if params.trademark:
        flags["trademark"] = Listing.id.in_(
            select(ProductRight.listing_id)
            .join(Membership, Membership.id == ProductRight.membership_id)
            .join(Trademark, Trademark.id == ProductRight.trademark_id)
            .where(Trademark.slug == params.trademark, ProductRight.status == RightStatus.ACTIVE,
                   Membership.status == MembershipStatus.ACTIVE))
    if params.ocop:
        flags["ocop"] = valid_stars(today) >= params.ocop
    return flags


def capped_count(conditions, cap, few=False):
    """``count(*)`` of the public listings passing ``conditions``, counting at most ``cap + 1``.

    ``few``: the matches are thought to be few (a walk found no more than ``cap`` among the newest),
    so they are counted from the text index's answer (``id + 0``: an order no index gives), not by
    testing listings in any order until ``cap + 1`` pass, which is what PostgreSQL does for a small
    cap when it thinks the matches many (an AND of common words: "khan lua theu", 74 ms to count one
    of two matches at 100,000 listings)."""
    ids = select(Listing.id).join(Producer, Listing.producer_id == Producer.id).where(*conditions)
    ids = (ids.order_by(Listing.id + 0) if few else ids).limit(cap + 1)
    return select(func.count()).select_from(ids.subquery("capped")).scalar_subquery()


def statement(conditions, flags, today=None, cap=None, sample=None, narrowed=None, ranked=None, few=False):
    """The one statement: rows (facet, slug, name, second name, stars, count), ``facet`` being one
    of FACETS, "total" or (with a ``cap``) "sample", already in the order the facets are shown.

    ``ranked`` (``Ranked``, with a ``cap`` of at least its candidates less one): "page" rows too,
    (…, position, id), the page's ids by relevance, scored among the newest candidates of ``hits``,
    or, with facet filters over a cut-short ``hits``, of the newest ``cap + 1`` listings passing
    every filter, which also give the total: the text index is read once for the counts and the page.

    ``sample``: other conditions that find the same newest matches as ``conditions`` when they find
    more than ``cap`` of them (``catalog.walk``), for ``hits``; the total over every filter
    is still counted by ``conditions``, or by ``narrowed`` when given: the same listings as
    ``conditions`` and every flag, found by the text index with the facets' tags
    (``search.facet_tags``).

    ``few``: the matches are known to be few (a walk found fewer than ``cap + 1`` among the newest
    listings): the newest are then sorted from all of them, as the text index gives them, never found
    by walking the primary key down and testing each listing, which PostgreSQL chooses for words it
    expects to go together more often than they do (all 1,000,000 listings read, 520 ms, for "khăn lụa
    thêu tay", which no listing holds)."""
    today = today or date.today()
    newest = (Listing.id + 0) if few else Listing.id  # an expression no index is ordered by
    hits = (
        select(Listing.id.label("id"), Listing.craft_id.label("craft_id"), Producer.village_id.label("village_id"),
               valid_stars(today).label("stars"),
               *[case((flag, 1), else_=0).label(f"ok_{name}") for name, flag in flags.items()])
        .join(Producer, Listing.producer_id == Producer.id).where(*(sample or conditions))
    )
    if cap is not None:  # one more than the cap tells a cut-short sample; the facets count the first ``cap``
        hits = hits.add_columns(func.row_number().over(order_by=newest.desc()).label("nth")) \
            .order_by(newest.desc()).limit(cap + 1)
    hits = hits.cte("hits")

    def others(skip):
        kept = [hits.c[f"ok_{name}"] == 1 for name in flags if name != skip]
        if cap is not None and skip is not None:
            kept.append(hits.c.nth <= cap)
        return kept or [true()]

    n = func.count().label("n")
    no_text, no_int = cast(null(), String), cast(null(), Integer)  # typed: UNION resolves types pairwise
    parts = [
        select(literal("craft").label("kind"), Craft.slug.label("slug"), Craft.name_vi, Craft.name_en, no_int, n)
        .select_from(hits).join(Craft, Craft.id == hits.c.craft_id).where(*others("craft"))
        .group_by(Craft.slug, Craft.name_vi, Craft.name_en),
        select(literal("village"), Village.slug, Village.name, Village.district, no_int, n)
        .select_from(hits).join(Village, Village.id == hits.c.village_id).where(*others("village"))
        .group_by(Village.slug, Village.name, Village.district),
        select(literal("trademark"), Trademark.slug, Trademark.name_vi, Trademark.name_en, no_int, n)
        .select_from(hits)
        .join(ProductRight, and_(ProductRight.listing_id == hits.c.id, ProductRight.status == RightStatus.ACTIVE))
        .join(Membership, and_(Membership.id == ProductRight.membership_id, Membership.status == MembershipStatus.ACTIVE))
        .join(Trademark, Trademark.id == ProductRight.trademark_id).where(*others("trademark"))
        .group_by(Trademark.slug, Trademark.name_vi, Trademark.name_en),
        select(literal("ocop"), no_text, no_text, no_text, hits.c.stars, n)
        .where(hits.c.stars.is_not(None), *others("ocop")).group_by(hits.c.stars),
        select(literal("total"), no_text, no_text, no_text, no_int, n).select_from(hits).where(*others(None)),
    ]
    if cap is not None:
        held = select(func.count()).select_from(hits).scalar_subquery()
        narrow = None
        if flags:  # hits cut short: count the rows passing every filter again, up to the cap
            in_hits = select(func.count()).select_from(hits).where(*others(None)).scalar_subquery()
            every = narrowed or [*conditions, *flags.values()]
            if ranked is None:
                again = capped_count(every, cap)
            else:  # their newest, kept for the page too: the text index is read once for both
                narrow = (select(Listing.id.label("id")).join(Producer, Listing.producer_id == Producer.id)
                          .where(*every).order_by(Listing.id.desc()).limit(cap + 1).cte("narrow"))
                again = select(func.count()).select_from(narrow).scalar_subquery()
            total = case((held <= cap, in_hits), else_=again)
            parts[-1] = select(literal("total"), no_text, no_text, no_text, no_int, total.label("n"))
        parts.append(select(literal("sample"), no_text, no_text, no_text, no_int, held.label("n")))
        if ranked is not None:
            parts.append(_page_part(hits, flags, held, cap, ranked, narrow))
    return ordered(union_all(*parts))


def _page_part(hits, flags, held, cap, ranked, narrow):
    """The "page" rows of ``statement``: (…, position, id) of the page by relevance among the newest
    ``ranked.candidates`` matches passing every filter, each scored on its listing's row: those of
    ``hits``, or when facet filters apply and ``hits`` was cut short, those of ``narrow``."""
    if flags:  # hits cut short holds the newest matches of the query, not all of the filters' ones
        passing = select(hits.c.id).where(*[hits.c[f"ok_{name}"] == 1 for name in flags], held <= cap)
        candidates = union_all(passing, select(narrow.c.id).where(held > cap)).subquery("candidates")
    else:
        candidates = hits
    newest = select(candidates.c.id).order_by(candidates.c.id.desc()).limit(ranked.candidates).subquery("newest")
    order = func.row_number().over(order_by=(ranked.rank.desc(), newest.c.id.desc())).label("position")
    scored = select(newest.c.id, order).join_from(newest, Listing, Listing.id == newest.c.id).subquery("scored")
    no_text = cast(null(), String)
    return (select(literal("page"), no_text, no_text, no_text, scored.c.position, scored.c.id)
            .where(scored.c.position > ranked.offset, scored.c.position <= ranked.offset + ranked.limit))


def page_ids(rows):
    """The "page" rows' ids (``statement``'s ``ranked``), in their order."""
    page = sorted((r[4], r[5]) for r in rows if r[0] == "page")
    return [listing_id for _position, listing_id in page]


def ordered(rows):
    """Facet rows (kind, slug, …, n) in the order the page shows them: crafts and villages by count
    then slug, marks by slug."""
    rows = rows.subquery("facet_rows")  # SQLite orders a compound SELECT by its columns alone
    return select(rows).order_by(rows.c.kind, case((rows.c.kind == "trademark", 0), else_=rows.c.n).desc(), rows.c.slug)


def shape(rows):
    """(total, facets) from the statement's rows, as ``SearchPage.facets`` holds them."""
    total = _row_count(rows, "total")
    villages = [r for r in rows if r[0] == "village"]
    names = Counter(r[2] for r in villages)
    by_stars = {r[4]: r[5] for r in rows if r[0] == "ocop"}
    return total, {
        "craft": [{"slug": r[1], "name_vi": r[2], "name_en": r[3], "count": r[5]} for r in rows if r[0] == "craft"],
        # Two villages may share a name (Phùng Xá in Mỹ Đức and in Thạch Thất): the district tells them apart.
        "village": [{"slug": r[1], "name": r[2], "district": r[3], "count": r[5],
                     "label": suggest.village_label(r[2], r[3]) if names[r[2]] > 1 else r[2]} for r in villages],
        "trademark": [{"slug": r[1], "name_vi": r[2], "name_en": r[3], "count": r[5]} for r in rows if r[0] == "trademark"],
        # "At least N stars" counts are cumulative.
        "ocop": [{"stars": s, "count": sum(c for k, c in by_stars.items() if k >= s)} for s in (5, 4, 3)
                 if any(k >= s for k in by_stars)],
    }


def _row_count(rows, kind):
    return next((r[5] for r in rows if r[0] == kind), 0)


def total_and_facets(conditions, flags):
    """(total, facets) of the listings matching ``conditions`` (no facet filters) and ``flags``."""
    return shape(db.session.execute(statement(conditions, flags)).all())


def capped_total_and_facets(conditions, flags, cap, sample=None, narrowed=None, ranked=None, few=False):
    """(total, facets, total exact, facets exact, page) with the counting capped at ``cap`` (see the
    module's docstring): a total over the cap comes back as ``cap``, not exact; facets counted over the
    newest ``cap`` matches come back not exact. With a ``sample`` (``statement``), only an answer whose
    facets are not exact is the answer of ``conditions``; ``narrowed``: see ``statement``. ``page``: the
    ids of the ``ranked`` page, or None without ``ranked``."""
    rows = db.session.execute(statement(conditions, flags, cap=cap, sample=sample, narrowed=narrowed, ranked=ranked,
                                        few=few)).all()
    total, found = shape(rows)
    held = _row_count(rows, "sample")
    return min(total, cap), found, total <= cap, held <= cap, page_ids(rows) if ranked is not None else None
