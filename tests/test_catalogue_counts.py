"""The catalogue's total and facets in one statement, and the stored counts of the whole catalogue:
the same numbers the per-facet queries gave, on SQLite and PostgreSQL, following every change."""
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from marketplace.catalog import counts, facets
from marketplace.catalog.browse import _base_filters, _filters, _public
from marketplace.catalog.models import CatalogueCount, Listing, ListingStatus
from marketplace.catalog.search import text_condition
from marketplace.catalog.services import SearchParams, moderate, search_listings
from marketplace.catalog.suggest import village_label
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks.models import Membership, MembershipStatus, ProductRight, RightStatus, Trademark
from marketplace.villages.models import Craft, Village
from tests.factories import (
    CraftFactory,
    ListingFactory,
    MembershipFactory,
    ProducerFactory,
    ProductRightFactory,
    VillageFactory,
)

TODAY = date.today()


def _old_way(db, params):
    """The per-facet queries the catalogue ran before one statement did it all (kept here as the reference)."""
    text_where = text_condition(db.session, Listing.search_text, params.q)[0]

    def where(skip):
        kept = SearchParams(**{**params.__dict__, **({skip: None if skip == "ocop" else ""} if skip else {})})
        return _filters(kept) + ([text_where] if text_where is not None else [])

    def base(skip):
        return select(func.count(Listing.id)).join(Producer, Listing.producer_id == Producer.id).where(*where(skip))

    s = db.session
    crafts = s.execute(base("craft").add_columns(Craft.slug, Craft.name_vi, Craft.name_en).join(Craft, Listing.craft_id == Craft.id)
                       .group_by(Craft.slug, Craft.name_vi, Craft.name_en).order_by(func.count(Listing.id).desc(), Craft.slug)).all()
    villages = s.execute(base("village").add_columns(Village.slug, Village.name, Village.district)
                         .join(Village, Producer.village_id == Village.id).group_by(Village.slug, Village.name, Village.district)
                         .order_by(func.count(Listing.id).desc(), Village.slug)).all()
    marks = s.execute(base("trademark").add_columns(Trademark.slug, Trademark.name_vi, Trademark.name_en)
                      .join(ProductRight, ProductRight.listing_id == Listing.id)
                      .join(Membership, Membership.id == ProductRight.membership_id)
                      .join(Trademark, Trademark.id == ProductRight.trademark_id)
                      .where(ProductRight.status == RightStatus.ACTIVE, Membership.status == MembershipStatus.ACTIVE)
                      .group_by(Trademark.slug, Trademark.name_vi, Trademark.name_en).order_by(Trademark.slug)).all()
    ocop = s.execute(base("ocop").add_columns(Producer.ocop_stars).where(Producer.ocop_stars.is_not(None))
                     .where((Producer.ocop_expires_on.is_(None)) | (Producer.ocop_expires_on >= TODAY))
                     .group_by(Producer.ocop_stars)).all()
    names = Counter(r[2] for r in villages)
    by_stars = {r[1]: r[0] for r in ocop}
    return s.scalar(base(None)), {
        "craft": [{"slug": r[1], "name_vi": r[2], "name_en": r[3], "count": r[0]} for r in crafts],
        "village": [{"slug": r[1], "name": r[2], "district": r[3], "count": r[0],
                     "label": village_label(r[2], r[3]) if names[r[2]] > 1 else r[2]} for r in villages],
        "trademark": [{"slug": r[1], "name_vi": r[2], "name_en": r[3], "count": r[0]} for r in marks],
        "ocop": [{"stars": s, "count": sum(c for k, c in by_stars.items() if k >= s)} for s in (5, 4, 3) if any(k >= s for k in by_stars)],
    }


@pytest.fixture
def catalogue(db):
    """Two villages named Phùng Xá and Bát Tràng; OCOP ratings valid, expired and none; marks held
    through active and suspended memberships, rights active and withdrawn; drafts, hidden listings
    and a pending producer's listing that nobody may see."""
    pots, silk, wood = (CraftFactory(slug=s, name_vi=vi, name_en=en) for s, vi, en in (
        ("ceramics", "Gốm sứ", "Ceramics"), ("silk", "Lụa", "Silk"), ("wood", "Đồ gỗ", "Woodwork")))
    bat_trang = VillageFactory(slug="bat-trang", name="Bát Tràng", district="Gia Lâm")
    my_duc = VillageFactory(slug="phung-xa-my-duc", name="Phùng Xá", district="Mỹ Đức")
    thach_that = VillageFactory(slug="phung-xa-thach-that", name="Phùng Xá", district="Thạch Thất")
    five = ProducerFactory(village=bat_trang, ocop_stars=5, ocop_expires_on=TODAY + timedelta(days=3))
    four = ProducerFactory(village=bat_trang, ocop_stars=4)
    expired = ProducerFactory(village=my_duc, ocop_stars=5, ocop_expires_on=TODAY - timedelta(days=1))
    plain = ProducerFactory(village=thach_that)
    pending = ProducerFactory(village=bat_trang, status=ProducerStatus.PENDING)
    member = MembershipFactory(producer=five, trademark__slug="gom-bat-trang")
    for n in range(3):
        ProductRightFactory(membership=member, listing__title_vi=f"Bình gốm men lam {n}", listing__craft=pots)
    suspended = MembershipFactory(producer=four, trademark=member.trademark, status=MembershipStatus.SUSPENDED)
    ProductRightFactory(membership=suspended, listing__title_vi="Bát gốm men rạn", listing__craft=pots)
    withdrawn = ProductRightFactory(membership=member, listing__title_vi="Đĩa gốm vẽ sen", listing__craft=pots,
                                    status=RightStatus.WITHDRAWN)
    listings = {
        "vase": ListingFactory(producer=four, craft=pots, title_vi="Bình hoa gốm Bát Tràng", price_vnd=900_000),
        "scarf": ListingFactory(producer=expired, craft=silk, title_vi="Khăn lụa tơ tằm", price_vnd=450_000),
        "shawl": ListingFactory(producer=expired, craft=silk, title_vi="Khăn choàng lụa", price_vnd=650_000),
        "chair": ListingFactory(producer=plain, craft=wood, title_vi="Ghế gỗ gụ", price_vnd=2_500_000),
        "draft": ListingFactory(producer=plain, craft=wood, title_vi="Bàn gỗ", status=ListingStatus.DRAFT),
        "hidden": ListingFactory(producer=four, craft=pots, title_vi="Lọ gốm", status=ListingStatus.HIDDEN),
        "unapproved": ListingFactory(producer=pending, craft=pots, title_vi="Chén gốm"),
        "withdrawn": withdrawn.listing,
    }
    db.session.commit()
    return listings


CASES = [
    {}, {"q": "gom"}, {"q": "lua"}, {"craft": "ceramics"}, {"village": "bat-trang"}, {"trademark": "gom-bat-trang"},
    {"ocop": "4"}, {"ocop": "5", "craft": "ceramics"}, {"q": "gom", "village": "bat-trang", "trademark": "gom-bat-trang"},
    {"price_min": "500000", "price_max": "1000000"}, {"q": "khong co gi"},
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: "&".join(f"{k}={v}" for k, v in a.items()) or "everything")
def test_one_statement_gives_the_total_and_facets_the_per_facet_queries_gave(catalogue, db, args):
    """Do the page's total and every facet count equal the old per-facet queries', for every kind of filter?"""
    params = SearchParams.from_args(args)
    page = search_listings(params)
    assert (page.total, page.facets) == _old_way(db, params)
    text_where = text_condition(db.session, Listing.search_text, params.q)[0]
    live = facets.total_and_facets(_base_filters(params) + ([text_where] if text_where is not None else []),
                                   facets.facet_flags(params, TODAY))
    assert live == _old_way(db, params)


def test_the_whole_catalogue_counts_exactly(catalogue, db):
    """Does /products count the 9 public listings (not drafts, hidden or a pending producer's) with exact facets?"""
    page = search_listings(SearchParams())
    assert page.total == 9
    assert page.facets["craft"] == [{"slug": "ceramics", "name_vi": "Gốm sứ", "name_en": "Ceramics", "count": 6},
                                    {"slug": "silk", "name_vi": "Lụa", "name_en": "Silk", "count": 2},
                                    {"slug": "wood", "name_vi": "Đồ gỗ", "name_en": "Woodwork", "count": 1}]
    assert [(v["label"], v["count"]) for v in page.facets["village"]] == [
        ("Bát Tràng", 6), ("Phùng Xá (Mỹ Đức)", 2), ("Phùng Xá (Thạch Thất)", 1)]
    assert page.facets["trademark"] == [{"slug": "gom-bat-trang", "name_vi": page.facets["trademark"][0]["name_vi"],
                                         "name_en": page.facets["trademark"][0]["name_en"], "count": 3}]
    assert page.facets["ocop"] == [{"stars": 5, "count": 4}, {"stars": 4, "count": 6}, {"stars": 3, "count": 6}]


def test_the_unfiltered_catalogue_reads_stored_counts_in_one_statement(catalogue, db, count_queries):
    """Is the whole catalogue's total and facets one statement on the stored counts, not a count of the listings?"""
    db.session.expire_all()
    with count_queries() as queries:
        total, found = counts.stored()
    assert len(queries) == 1 and "catalogue_counts" in queries[0] and "listings" not in queries[0]
    assert (total, found) == _old_way(db, SearchParams())


def test_a_filtered_search_counts_and_facets_in_one_statement(catalogue, db, count_queries):
    """Does a search with filters run one statement for its total and all four facets?"""
    params = SearchParams.from_args({"q": "gom", "craft": "ceramics"})
    text_where = text_condition(db.session, Listing.search_text, params.q)[0]
    with count_queries() as queries:
        facets.total_and_facets(_base_filters(params) + [text_where], facets.facet_flags(params, TODAY))
    assert len(queries) == 1


def _stored_matches_live(db):
    db.session.expire_all()
    stored = counts.stored()
    assert stored == facets.total_and_facets([_public()], {})
    return stored


def test_stored_counts_follow_a_listing_hidden_and_shown_again(catalogue, db):
    """When staff hide the vase, do the stored total, craft, village and OCOP counts drop by one at commit, and come back?"""
    assert _stored_matches_live(db)[0] == 9
    moderate(catalogue["vase"].id, ListingStatus.HIDDEN)
    db.session.commit()
    total, found = _stored_matches_live(db)
    assert total == 8 and found["craft"][0]["count"] == 5 and found["village"][0]["count"] == 5
    assert found["ocop"] == [{"stars": 5, "count": 4}, {"stars": 4, "count": 5}, {"stars": 3, "count": 5}]
    moderate(catalogue["vase"].id, ListingStatus.ACTIVE)
    db.session.commit()
    assert _stored_matches_live(db)[0] == 9


def test_stored_counts_follow_new_listings_producers_and_marks(catalogue, db):
    """Do a new listing, a producer's approval and a suspended membership move the stored counts at commit?"""
    ListingFactory(producer=catalogue["chair"].producer, craft=catalogue["chair"].craft)
    db.session.commit()
    assert _stored_matches_live(db)[0] == 10
    pending = catalogue["unapproved"].producer
    pending.status = ProducerStatus.APPROVED
    db.session.commit()
    assert _stored_matches_live(db)[0] == 11
    db.session.execute(update(Membership).where(Membership.status == MembershipStatus.ACTIVE)
                       .values(status=MembershipStatus.SUSPENDED))
    db.session.commit()
    assert _stored_matches_live(db)[1]["trademark"] == []


def test_stored_counts_are_not_recomputed_for_sold_out_or_repriced_listings(catalogue, db, count_queries):
    """Does selling out (a bulk stock update, as checkout does) or repricing leave the stored counts alone and right?"""
    before = _stored_matches_live(db)
    with count_queries() as queries:
        db.session.execute(update(Listing).where(Listing.id == catalogue["vase"].id).values(stock=0))
        catalogue["scarf"].price_vnd = 99_000
        db.session.commit()
    assert not any("catalogue_counts" in q for q in queries)
    assert _stored_matches_live(db) == before
    page = search_listings(SearchParams(price_max=100_000))
    assert page.total == 1 and [item.id for item in page.items] == [catalogue["scarf"].id]


def test_stored_ocop_counts_follow_an_expiring_certificate_by_date(catalogue, db):
    """In four days the 5-star certificate has expired: do the stored counts say so without a recomputation?"""
    later = TODAY + timedelta(days=4)
    total, found = counts.stored(today=later)
    assert total == 9 and found["ocop"] == [{"stars": 4, "count": 2}, {"stars": 3, "count": 2}]
    assert db.session.scalar(select(func.count()).select_from(CatalogueCount).where(CatalogueCount.facet == "total")) == 1


def test_a_rolled_back_change_leaves_the_stored_counts(catalogue, db):
    """Is a hidden listing whose transaction rolls back still counted?"""
    moderate(catalogue["chair"].id, ListingStatus.HIDDEN)
    db.session.flush()
    db.session.rollback()
    assert _stored_matches_live(db)[0] == 9
