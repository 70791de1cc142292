"""A listing's facet values are lexemes of its search terms ("@craft:ceramics", "@ocop:4", …), so that
on PostgreSQL a search narrowed by facets asks the text index for them with its words; the facet
filters still apply, so an expired certificate or a suspended membership never lets a listing through.
The catalogue is test_catalogue_counts's (cap 3 from test_search_count_cap)."""
import pytest
from sqlalchemy import event

from marketplace.catalog.models import Listing
from marketplace.catalog.services import SearchParams, search_listings
from marketplace.moderation import services as moderation
from tests.factories import ListingFactory, ProducerFactory, UserFactory
from tests.test_catalogue_counts import _old_way, catalogue  # noqa: F401  (the fixture)
from tests.test_search_count_cap import cap  # noqa: F401  (the fixture)


def _tags(listing):
    return [term for term in listing.search_terms.split() if term.startswith("@")]


def test_a_listing_holds_its_craft_village_stars_and_valid_marks_as_tags(catalogue, db):
    """Does each listing hold its craft, village, certificate stars (expired too) and only the marks it validly carries?"""
    by_title = {listing.title_vi: listing for listing in db.session.query(Listing)}
    assert _tags(by_title["Bình gốm men lam 0"]) == ["@craft:ceramics", "@village:bat-trang", "@ocop:5", "@mark:gom-bat-trang"]
    assert _tags(by_title["Bát gốm men rạn"]) == ["@craft:ceramics", "@village:bat-trang", "@ocop:4"]  # membership suspended
    assert _tags(by_title["Đĩa gốm vẽ sen"]) == ["@craft:ceramics", "@village:bat-trang", "@ocop:5"]  # right withdrawn
    assert _tags(catalogue["scarf"]) == ["@craft:silk", "@village:phung-xa-my-duc", "@ocop:5"]  # expired yesterday
    assert _tags(catalogue["chair"]) == ["@craft:wood", "@village:phung-xa-thach-that"]


def test_an_approved_rating_retags_the_producers_listings(db):
    """When staff approve a 5-star certificate for a 4-star producer, do its listings say "@ocop:5" and find it at 5 stars?"""
    owner = UserFactory(role="producer")
    producer = ProducerFactory(owner=owner, ocop_stars=4)
    listing = ListingFactory(producer=producer, title_vi="Khăn lụa Vạn Phúc")
    staff = UserFactory(role="staff")
    assert "@ocop:4" in _tags(listing)
    assert search_listings(SearchParams.from_args({"q": "khan lua", "ocop": "5"})).total == 0

    sent = moderation.submit_ocop(owner, producer.id, {"stars": "5", "certificate_number": "TW-2026-007",
                                                       "issuer": "Hội đồng OCOP Trung ương", "expires_on": "2029-12-31"})
    moderation.approve_ocop(staff, sent.id)

    db.session.refresh(listing)
    assert [t for t in _tags(listing) if t.startswith("@ocop")] == ["@ocop:5"]
    page = search_listings(SearchParams.from_args({"q": "khan lua", "ocop": "5"}))
    assert [item.title_vi for item in page.items] == ["Khăn lụa Vạn Phúc"]


NARROW = [
    ({"q": "gom", "craft": "ceramics", "ocop": "4"}, 6, ["Bình hoa gốm Bát Tràng", "Đĩa gốm vẽ sen", "Bát gốm men rạn"]),
    ({"q": "gom", "ocop": "5"}, 4, ["Đĩa gốm vẽ sen", "Bình gốm men lam 2", "Bình gốm men lam 1"]),
    ({"q": "gom", "trademark": "gom-bat-trang"}, 3, ["Bình gốm men lam 2", "Bình gốm men lam 1", "Bình gốm men lam 0"]),
    ({"q": "gom", "village": "bat-trang", "craft": "ceramics"}, 6, ["Bình hoa gốm Bát Tràng", "Đĩa gốm vẽ sen", "Bát gốm men rạn"]),
    ({"q": "lua", "ocop": "5"}, 0, []),  # both silk listings' certificate expired yesterday
    ({"q": "gom", "craft": "silk"}, 0, []),
]


@pytest.mark.parametrize(("args", "exact", "first"), NARROW, ids=lambda a: "&".join(f"{k}={v}" for k, v in a.items())
                         if isinstance(a, dict) else None)
def test_a_narrow_search_over_the_cap_counts_what_every_filter_keeps(catalogue, db, cap, args, exact, first):
    """With "gom" over the cap (3), is each narrowed search's total what the per-facet queries count, up to the cap?"""
    page = search_listings(SearchParams.from_args(args))
    assert (page.total, page.total_exact) == (min(exact, 3), exact <= 3)
    assert _old_way(db, SearchParams.from_args(args))[0] == exact
    assert [item.title_vi for item in page.items][:3] == first


TAGGED = ("('gom' | 'ceramic' | 'ceram' | 'ceramics' | 'pottery' | 'potteri' | 'porcelain' | 'stoneware' | 'stonewar' | "
          "'earthenware' | 'earthenwar' | '=gốm_sứ' | '=đồ_gốm' | '=sành_sứ') & ('@craft:ceramics') & ('@ocop:4' | '@ocop:5')")


@pytest.mark.postgres_only
def test_postgresql_asks_the_text_index_for_the_facets_tags(catalogue, db, cap):
    """Do the narrowed count and the page's ids ask search_vector for "gom", ceramics and 4 or 5 stars in one tsquery?"""
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        values = parameters.values() if isinstance(parameters, dict) else parameters or ()
        statements.append((" ".join(statement.split()[:2]), TAGGED in [str(value) for value in values]))

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        page = search_listings(SearchParams.from_args({"q": "gom", "craft": "ceramics", "ocop": "4"}))
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    assert page.total == 3
    assert [kind for kind, tagged in statements if tagged] == ["WITH hits", "SELECT anon_1.id"]
