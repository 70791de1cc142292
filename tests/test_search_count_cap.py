"""A search counts its matches up to SEARCH_COUNT_CAP: over it the total reads "3+" / "hơn 3" and the
facets, counted over the newest matches only, lose their numbers; under it everything stays exact.
The cap is 3 here (10,000 by default) on the catalogue of test_catalogue_counts: 9 public listings,
6 of them ceramics ("gom"), created in this order: three "Bình gốm men lam" carrying the Bát Tràng
mark (5-star producer), "Bát gốm men rạn" (4 stars, suspended membership), "Đĩa gốm vẽ sen" (5 stars,
right withdrawn), then "Bình hoa gốm Bát Tràng" (4 stars, no mark)."""
import re

import pytest
from flask import render_template
from flask_babel import force_locale

from marketplace.catalog.services import SearchPage, SearchParams, newest, search_listings
from tests.test_catalogue_counts import _old_way, catalogue  # noqa: F401  (the fixture)


@pytest.fixture
def cap(app):
    app.config["SEARCH_COUNT_CAP"] = 3
    yield 3
    app.config["SEARCH_COUNT_CAP"] = 10_000


def _search(**args):
    return search_listings(SearchParams.from_args(args))


def test_a_search_over_the_cap_counts_to_the_cap_and_facets_the_newest_matches(catalogue, db, cap):
    """Does "gom" (6 matches) come back as 3, not exact, with facets over the 3 newest matches only?"""
    page = _search(q="gom")
    assert (page.total, page.total_exact, page.facets_exact, page.cap, page.pages) == (3, False, False, 3, 1)
    assert [(f["slug"], f["count"]) for f in page.facets["craft"]] == [("ceramics", 3)]
    assert [(f["label"], f["count"]) for f in page.facets["village"]] == [("Bát Tràng", 3)]
    assert page.facets["trademark"] == []  # the suspended membership's, the withdrawn right, no mark
    assert page.facets["ocop"] == [{"stars": 5, "count": 1}, {"stars": 4, "count": 3}, {"stars": 3, "count": 3}]
    assert [listing.title_vi for listing in page.items][:3] == ["Bình hoa gốm Bát Tràng", "Đĩa gốm vẽ sen", "Bát gốm men rạn"]


def test_a_search_at_the_cap_or_under_it_is_exact(catalogue, db, app):
    """With the cap at 6, is "gom" exactly 6, facets and all, as the per-facet queries count it?"""
    app.config["SEARCH_COUNT_CAP"] = 6
    params = SearchParams.from_args({"q": "gom"})
    page = search_listings(params)
    assert (page.total, page.total_exact, page.facets_exact) == (6, True, True)
    assert (page.total, page.facets) == _old_way(db, params)
    app.config["SEARCH_COUNT_CAP"] = 5
    page = search_listings(params)
    assert (page.total, page.total_exact, page.facets_exact) == (5, False, False)


def test_a_narrow_filter_on_a_broad_query_keeps_its_exact_total(catalogue, db, cap):
    """"gom" matches 6, the Bát Tràng mark keeps 3: is the total exactly 3 though the facets are capped?"""
    page = _search(q="gom", trademark="gom-bat-trang")
    assert (page.total, page.total_exact, page.facets_exact) == (3, True, False)
    assert sorted(listing.title_vi for listing in page.items) == [f"Bình gốm men lam {n}" for n in range(3)]


def test_filters_without_a_query_are_capped_too_but_not_the_whole_catalogue(catalogue, db, cap):
    """Is the ceramics filter (6) "3+", and the unfiltered catalogue still its exact stored 9?"""
    assert (_search(craft="ceramics").total, _search(craft="ceramics").total_exact) == (3, False)
    whole = _search()
    assert (whole.total, whole.total_exact, whole.facets_exact) == (9, True, True)
    shop_page = newest(craft="ceramics")
    assert (shop_page.total, shop_page.total_exact, len(shop_page.items)) == (3, False, 6)


def _count_line(html):
    return re.search(r'id="results-count" role="status">(.*?)</p>', html, re.S).group(1)


@pytest.mark.parametrize("lang, expected", [("vi", "Hơn <strong>3</strong> sản phẩm"), ("en", "<strong>3+</strong> products")])
def test_the_page_says_more_than_the_cap_and_hides_facet_numbers(catalogue, client, cap, lang, expected):
    """Does /products?q=gom read "Hơn 3 sản phẩm" / "3+ products", with the facets' note and no facet numbers?"""
    with client.session_transaction() as session:
        session["lang"] = lang
    html = client.get("/products?q=gom").get_data(as_text=True)
    assert _count_line(html) == expected
    assert 'data-testid="facets-capped"' in html and 'class="n"' not in html
    exact = client.get("/products?q=gom&trademark=gom-bat-trang").get_data(as_text=True)
    assert _count_line(exact) == ("<strong>3</strong> sản phẩm" if lang == "vi" else "<strong>3</strong> products")


@pytest.mark.parametrize("lang, expected", [("vi", "Hơn <strong>10.000</strong> sản phẩm"),
                                            ("en", "<strong>10,000+</strong> products")])
def test_ten_thousand_plus_in_both_languages(app, lang, expected):
    """Is the default cap shown as "Hơn 10.000" in Vietnamese and "10,000+" in English?"""
    page = SearchPage(items=[], total=10_000, page=1, per_page=24, params=SearchParams(q="bat trang"),
                      total_exact=False, facets_exact=False, cap=10_000)
    with app.test_request_context("/products?q=bat+trang"), force_locale(lang):
        html = render_template("catalog/_results.html", page=page)
    assert _count_line(html) == expected
    note = {"vi": "Hơn 10.000 sản phẩm khớp", "en": "More than 10,000 products match"}[lang]
    assert note in html


def test_the_api_says_whether_total_and_facets_are_exact(catalogue, client, cap):
    """Does /api/v1/products answer total 3 with total_exact and facets_exact false over the cap, true under it?"""
    capped = client.get("/api/v1/products?q=gom").get_json()
    assert (capped["total"], capped["total_exact"], capped["facets_exact"], capped["pages"]) == (3, False, False, 1)
    assert [(f["slug"], f["count"]) for f in capped["facets"]["craft"]] == [("ceramics", 3)]
    exact = client.get("/api/v1/products?q=lua").get_json()
    assert (exact["total"], exact["total_exact"], exact["facets_exact"]) == (2, True, True)
