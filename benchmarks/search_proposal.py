#!/usr/bin/env python
"""Prototype of the proposed ``search_listings`` (see README.md), checked and timed against the real one.

    .venv/bin/python benchmarks/catalog_bench.py --keep            # once, to build lnm_bench
    .venv/bin/python benchmarks/search_proposal.py [--with-index] [--iterations 20]

``proposed_search_listings`` returns the same SearchPage as
``marketplace.catalog.services.search_listings`` (checked here: same ids in the same order,
same total, same facets) with two changes:

1. Facets and the total in ONE statement: the listings that match the query and the
   non-facet filters are gathered once in a CTE (id, craft, village, valid OCOP stars and a
   flag per active facet filter); each facet counts that CTE with the *other* facet flags,
   instead of four separate queries each re-running the full-text match and the joins,
   plus a separate count.
2. The page in two steps: ids first (``ORDER BY rank/newest LIMIT n`` on a narrow
   row), then the cards for those ids with ``_card_options()``. Today the joinedload
   columns of producer, village and craft are joined onto every matching row before the
   sort and LIMIT.

``--with-index`` also creates (and drops afterwards) the covering index proposed for the
unfiltered catalogue: ``CREATE INDEX ix_listings_status_cover ON listings (status) INCLUDE
(id, producer_id, craft_id)``, which lets counts over all public listings use an index-only
scan instead of reading the 200 MB heap.

Nothing outside benchmarks/ is changed; the index lives only in the bench database.
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]


def proposed_search_listings(params):
    from sqlalchemy import Integer, String, and_, case, cast, func, literal, null, select, true, union_all

    from marketplace.catalog import search
    from marketplace.catalog.models import Listing
    from marketplace.catalog.browse import SearchPage, SearchParams, _card_options, _filters
    from marketplace.extensions import db
    from marketplace.producers.models import Producer
    from marketplace.trademarks.models import Membership, MembershipStatus, ProductRight, RightStatus, Trademark
    from marketplace.villages.models import Craft, Village

    session = db.session
    today = date.today()
    # Non-facet filters (public, producer, price) from the app's own _filters.
    base_params = SearchParams(**{**params.__dict__, "craft": "", "village": "", "trademark": "", "ocop": None})

    def facets_and_total(text_where):
        stars = case(((Producer.ocop_expires_on.is_(None)) | (Producer.ocop_expires_on >= today), Producer.ocop_stars))
        flags = {
            "craft": (Listing.craft_id == select(Craft.id).where(Craft.slug == params.craft).scalar_subquery())
            if params.craft else true(),
            "village": (Producer.village_id == select(Village.id).where(Village.slug == params.village).scalar_subquery())
            if params.village else true(),
            # IN (uncorrelated subquery): a hashed SubPlan, not one EXISTS probe per row.
            "trademark": Listing.id.in_(
                select(ProductRight.listing_id)
                .join(Membership, Membership.id == ProductRight.membership_id)
                .join(Trademark, Trademark.id == ProductRight.trademark_id)
                .where(Trademark.slug == params.trademark, ProductRight.status == RightStatus.ACTIVE,
                       Membership.status == MembershipStatus.ACTIVE)) if params.trademark else true(),
            "ocop": and_(Producer.ocop_stars >= params.ocop,
                         (Producer.ocop_expires_on.is_(None)) | (Producer.ocop_expires_on >= today))
            if params.ocop else true(),
        }
        conditions = _filters(base_params) + ([text_where] if text_where is not None else [])
        hits = (
            select(Listing.id.label("id"), Listing.craft_id.label("craft_id"), Producer.village_id.label("village_id"),
                   stars.label("stars"), *[f.label(f"ok_{name}") for name, f in flags.items()])
            .join(Producer, Listing.producer_id == Producer.id).where(*conditions)
            .cte("hits")
        )

        def others(skip):
            return [hits.c[f"ok_{name}"] for name in flags if name != skip]

        n = func.count()
        no_text, no_int = cast(null(), String), cast(null(), Integer)  # typed: UNION resolves types pairwise
        parts = [
            select(literal("craft"), Craft.slug, Craft.name_vi, Craft.name_en, no_int, n)
            .select_from(hits).join(Craft, Craft.id == hits.c.craft_id).where(*others("craft"))
            .group_by(Craft.slug, Craft.name_vi, Craft.name_en),
            select(literal("village"), Village.slug, Village.name, no_text, no_int, n)
            .select_from(hits).join(Village, Village.id == hits.c.village_id).where(*others("village"))
            .group_by(Village.slug, Village.name),
            select(literal("trademark"), Trademark.slug, Trademark.name_vi, Trademark.name_en, no_int, n)
            .select_from(hits)
            .join(ProductRight, and_(ProductRight.listing_id == hits.c.id, ProductRight.status == RightStatus.ACTIVE))
            .join(Membership, and_(Membership.id == ProductRight.membership_id, Membership.status == MembershipStatus.ACTIVE))
            .join(Trademark, Trademark.id == ProductRight.trademark_id).where(*others("trademark"))
            .group_by(Trademark.slug, Trademark.name_vi, Trademark.name_en),
            select(literal("ocop"), no_text, no_text, no_text, hits.c.stars, n)
            .where(hits.c.stars.is_not(None), *others("ocop")).group_by(hits.c.stars),
            select(literal("total"), no_text, no_text, no_text, no_int, n).where(*[hits.c[f"ok_{k}"] for k in flags]),
        ]
        rows = session.execute(union_all(*parts)).all()
        total = next(r[5] for r in rows if r[0] == "total")
        crafts = sorted((r for r in rows if r[0] == "craft"), key=lambda r: (-r[5], r[1]))
        villages = sorted((r for r in rows if r[0] == "village"), key=lambda r: (-r[5], r[1]))
        marks = sorted((r for r in rows if r[0] == "trademark"), key=lambda r: r[1])
        by_stars = {r[4]: r[5] for r in rows if r[0] == "ocop"}
        facets = {
            "craft": [{"slug": r[1], "name_vi": r[2], "name_en": r[3], "count": r[5]} for r in crafts],
            "village": [{"slug": r[1], "name": r[2], "count": r[5]} for r in villages],
            "trademark": [{"slug": r[1], "name_vi": r[2], "name_en": r[3], "count": r[5]} for r in marks],
            "ocop": [{"stars": s, "count": sum(c for k, c in by_stars.items() if k >= s)} for s in (5, 4, 3)
                     if any(k >= s for k in by_stars)],
        }
        return total, facets

    text_where, rank = search.text_condition(session, Listing.search_text, params.q)
    fuzzy = False
    total, facets = facets_and_total(text_where)
    if text_where is not None and total == 0:
        # Nothing matched: the app's own near-miss path (capped, no facets) is unchanged by this proposal.
        from marketplace.catalog.services import search_listings

        return search_listings(params)

    conditions = _filters(params) + ([text_where] if text_where is not None else [])
    sort = params.sort or ("relevance" if rank is not None else "newest")
    order = {
        "price_asc": (Listing.price_vnd.asc(), Listing.id.desc()),
        "price_desc": (Listing.price_vnd.desc(), Listing.id.desc()),
        "newest": (Listing.created_at.desc(), Listing.id.desc()),
    }.get(sort) or ((rank.desc(), Listing.id.desc()) if rank is not None else (Listing.created_at.desc(), Listing.id.desc()))
    ids = session.scalars(
        select(Listing.id).join(Producer, Listing.producer_id == Producer.id).where(*conditions)
        .order_by(*order).limit(params.per_page).offset((params.page - 1) * params.per_page)
    ).all()
    by_id = {l.id: l for l in session.scalars(
        select(Listing).where(Listing.id.in_(ids)).options(*_card_options())).unique().all()} if ids else {}
    items = [by_id[i] for i in ids if i in by_id]
    return SearchPage(items=items, total=total, page=params.page, per_page=params.per_page, params=params,
                      facets=facets, fuzzy=fuzzy)


CASES = [
    {},
    {"page": "50"},
    {"q": "bat trang"},
    {"q": "lua van phuc"},
    {"q": "binh", "craft": "ceramics", "ocop": "4"},
    {"q": "do go"},
    {"village": "bat-trang", "trademark": "gom-su-bat-trang"},
    {"q": "vase", "sort": "price_asc", "price_max": "500000"},
]
FUZZY_CASE = {"q": "bat trng"}  # near miss: the app's own fuzzy path in both columns (opt-in: --fuzzy)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                            "postgresql+psycopg://postgres@127.0.0.1:5432/lnm_bench"))
    p.add_argument("--iterations", type=int, default=20)
    p.add_argument("--fuzzy", action="store_true", help="also run the near-miss query 'bat trng'")
    p.add_argument("--with-index", action="store_true", help="also create the proposed covering index (dropped afterwards)")
    args = p.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="lnm-proposal-")
    os.environ.update(DATABASE_URL=args.database_url, INSTANCE_PATH=tmp.name, CELERY_BROKER_URL="memory://")

    from catalog_bench import QueryLog
    from marketplace import create_app
    from marketplace.catalog.services import SearchParams, search_listings
    from marketplace.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url})
    index = "CREATE INDEX IF NOT EXISTS ix_listings_status_cover ON listings (status) INCLUDE (id, producer_id, craft_id)"

    def ddl(*statements):
        with app.app_context():
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                for s in statements:
                    conn.exec_driver_sql(s)

    with app.app_context():
        qlog = QueryLog(db.engine)
    rows = []
    try:
        if args.with_index:
            ddl(index, "VACUUM ANALYZE listings")
        for case_args in CASES + ([FUZZY_CASE] if args.fuzzy else []):
            params = SearchParams.from_args(case_args)

            def run(fn):
                times, queries = [], 0
                for i in range(args.iterations + 2):
                    with app.app_context(), qlog.capture() as entries:
                        t0 = time.perf_counter()
                        page = fn(params)
                        elapsed = time.perf_counter() - t0
                        summary = ([l.id for l in page.items], page.total, page.facets, page.fuzzy)
                    queries = len(entries)
                    if i >= 2:
                        times.append(elapsed * 1000)
                return statistics.median(times), queries, summary

            old_ms, old_q, old = run(search_listings)
            new_ms, new_q, new = run(proposed_search_listings)
            same = "yes" if old == new else "**NO**"
            rows.append((case_args, old[1], old_ms, old_q, new_ms, new_q, same))
            print(f"{case_args}: {old_ms:.1f} ms ({old_q} queries) -> {new_ms:.1f} ms ({new_q} queries), same result: {same}",
                  file=sys.stderr)
    finally:
        if args.with_index:
            ddl("DROP INDEX IF EXISTS ix_listings_status_cover")
        with app.app_context():
            db.engine.dispose()
        tmp.cleanup()
    print(f"\n| Arguments | Matches | Today ms | Queries | Proposed ms{' (+ index)' if args.with_index else ''} | Queries | Same result |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for case_args, total, old_ms, old_q, new_ms, new_q, same in rows:
        shown = "&".join(f"{k}={v}" for k, v in case_args.items()) or "(none)"
        print(f"| `{shown}` | {total:,} | {old_ms:.1f} | {old_q} | {new_ms:.1f} | {new_q} | {same} |")


if __name__ == "__main__":
    main()
