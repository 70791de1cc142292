"""Public JSON API v1: products with search and filters, villages, trademarks, verification."""
from datetime import date

import pytest

from marketplace.catalog.models import ListingImage, Variant, WholesaleTier
from marketplace.producers.models import ProducerStatus
from marketplace.trademarks.models import MembershipStatus, RightStatus
from tests.factories import (
    AssociationFactory,
    CraftFactory,
    ListingFactory,
    MembershipFactory,
    ProducerFactory,
    ProductRightFactory,
    TrademarkFactory,
    VillageFactory,
)


def _today():
    """Today as the API writes it, read when asserting (a run may cross midnight)."""
    return date.today().isoformat()


@pytest.fixture
def catalogue(db):
    """Five public listings in three villages, one mark on the vase, a draft and a pending producer's listing."""
    bat_trang = VillageFactory(name="Bát Tràng", slug="bat-trang", district="Gia Lâm",
                               story_vi="Làng gốm bảy thế kỷ.", story_en="A pottery village for seven centuries.")
    van_phuc = VillageFactory(name="Vạn Phúc", slug="van-phuc", district="Hà Đông")
    huu_bang = VillageFactory(name="Hữu Bằng", slug="huu-bang", district="Thạch Thất")
    ceramics = CraftFactory(slug="ceramics", name_vi="Gốm sứ", name_en="Ceramics")
    silk = CraftFactory(slug="silk", name_vi="Lụa", name_en="Silk")
    wood = CraftFactory(slug="furniture", name_vi="Mộc", name_en="Furniture")
    bat_trang.crafts.append(ceramics)
    van_phuc.crafts.append(silk)
    huu_bang.crafts.append(wood)
    minh_long = ProducerFactory(name="Gốm Minh Long", slug="gom-minh-long", kind="cooperative", village=bat_trang, ocop_stars=4)
    ha_dong = ProducerFactory(name="Lụa Hà Đông", slug="lua-ha-dong", village=van_phuc)
    # Five stars, but the certificate expired: rated nothing today.
    moc = ProducerFactory(name="Mộc Hữu Bằng", slug="moc-huu-bang", kind="enterprise", village=huu_bang,
                          ocop_stars=5, ocop_expires_on=date(2020, 1, 1))
    waiting = ProducerFactory(name="Gốm Chờ Duyệt", slug="gom-cho-duyet", village=bat_trang, status=ProducerStatus.PENDING)
    items = {
        "vase": ListingFactory(producer=minh_long, craft=ceramics, title_vi="Bình gốm men lam", title_en="Blue glaze vase",
                               price_vnd=120000, stock=7, moq=2, unit="piece"),
        "bowl": ListingFactory(producer=minh_long, craft=ceramics, title_vi="Bát gốm men rạn", title_en="Crackle glaze bowl",
                               price_vnd=250000),
        "scarf": ListingFactory(producer=ha_dong, craft=silk, title_vi="Khăn lụa Vạn Phúc", title_en="Mulberry silk scarf",
                                price_vnd=900000),
        "table": ListingFactory(producer=moc, craft=wood, title_vi="Bàn trà đồ gỗ lim", title_en="Ironwood tea table",
                                price_vnd=4500000),
        "stool": ListingFactory(producer=moc, craft=wood, title_vi="Ghế đẩu Đông Anh", title_en="Wooden stool",
                                price_vnd=600000),
        "draft": ListingFactory(producer=minh_long, craft=ceramics, title_vi="Bình gốm nháp", status="draft"),
        "unapproved": ListingFactory(producer=waiting, craft=ceramics, title_vi="Bình gốm chờ duyệt"),
    }
    mark = TrademarkFactory(slug="gom-su-bat-trang", name_vi="Gốm sứ Bát Tràng", name_en="Bat Trang Ceramics",
                            registration_no="4-0123456-000",
                            association=AssociationFactory(slug="hiep-hoi-bat-trang", name="Hiệp hội Gốm sứ Bát Tràng"))
    mark.villages.append(bat_trang)
    membership = MembershipFactory(trademark=mark, producer=minh_long)
    right = ProductRightFactory(membership=membership, listing=items["vase"], code="ABCDE23456")
    db.session.add(ListingImage(listing=items["vase"], position=0, path="ab/vase.jpg", thumb_path="ab/vase-thumb.jpg"))
    db.session.commit()
    return {**items, "mark": mark, "membership": membership, "right": right, "minh_long": minh_long, "moc": moc}


def _ids(response):
    assert response.status_code == 200, response.json
    return [item["id"] for item in response.json["items"]]


def _expect(catalogue, *names):
    return [catalogue[name].id for name in names]


# --- products -------------------------------------------------------------------------------


def test_product_list_sorted_by_price_has_exact_totals_and_order(client, catalogue):
    """Does sort=price_asc list the five public products cheapest first, with the page totals?"""
    response = client.get("/api/v1/products?sort=price_asc")

    assert _ids(response) == _expect(catalogue, "vase", "bowl", "stool", "scarf", "table")
    body = response.json
    assert (body["total"], body["page"], body["per_page"], body["pages"], body["near_matches"]) == (5, 1, 24, 1, False)
    assert response.headers["Cache-Control"] == "public, max-age=60"


def test_product_card_has_every_field_with_only_valid_marks(client, catalogue):
    """What exactly does a product card say about the vase: price, producer, village, mark, image?"""
    response = client.get("/api/v1/products?sort=price_asc&per_page=1")

    vase = catalogue["vase"]
    assert response.json["items"] == [{
        "id": vase.id,
        "url": f"http://localhost/products/{vase.id}",
        "title": {"vi": "Bình gốm men lam", "en": "Blue glaze vase"},
        "price_vnd": 120000,
        "currency": "VND",
        "stock": 7,
        "moq": 2,
        "unit": "piece",
        "craft": {"slug": "ceramics", "name": {"vi": "Gốm sứ", "en": "Ceramics"}},
        "producer": {"slug": "gom-minh-long", "name": "Gốm Minh Long", "kind": "cooperative", "ocop_stars": 4,
                     "url": "http://localhost/producers/gom-minh-long"},
        "village": {"slug": "bat-trang", "name": "Bát Tràng"},
        "marks": [{"slug": "gom-su-bat-trang", "name": {"vi": "Gốm sứ Bát Tràng", "en": "Bat Trang Ceramics"},
                   "code": "ABCDE23456", "verify_url": "http://localhost/verify/ABCDE23456"}],
        "image": {"url": "http://localhost/media/ab/vase.jpg", "thumb_url": "http://localhost/media/ab/vase-thumb.jpg"},
        "rating": {"average": None, "count": 0},
    }]


def test_expired_ocop_rating_shows_as_none_and_no_image_as_null(client, catalogue):
    """Does the table's producer, whose OCOP certificate expired, show no stars, and the table no image?"""
    response = client.get("/api/v1/products?sort=price_desc&per_page=1")

    item = response.json["items"][0]
    assert (item["id"], item["producer"]["ocop_stars"], item["image"], item["marks"]) == (catalogue["table"].id, None, None, [])


def test_second_page_holds_the_next_products(client, catalogue):
    """Does page 2 of two-per-page hold the third and fourth cheapest products?"""
    response = client.get("/api/v1/products?sort=price_asc&per_page=2&page=2")

    assert _ids(response) == _expect(catalogue, "stool", "scarf")
    body = response.json
    assert (body["total"], body["page"], body["per_page"], body["pages"]) == (5, 2, 2, 3)


def test_page_past_the_end_is_empty_not_an_error(client, catalogue):
    """Does page 9 of two-per-page answer 200 with no items and the true totals?"""
    response = client.get("/api/v1/products?per_page=2&page=9")

    assert (_ids(response), response.json["total"], response.json["pages"]) == ([], 5, 3)


@pytest.mark.parametrize(("query", "expected"), [
    ("craft=ceramics", ("vase", "bowl")),
    ("village=huu-bang", ("stool", "table")),
    ("trademark=gom-su-bat-trang", ("vase",)),
    ("ocop=4", ("vase", "bowl")),
    ("price_min=250000&price_max=900000", ("bowl", "stool", "scarf")),
    ("price_min=600.000", ("stool", "scarf", "table")),
    ("craft=no-such-craft", ()),
])
def test_each_filter_keeps_only_matching_products(client, catalogue, query, expected):
    """Does each filter, alone, keep exactly the public products that match it?"""
    response = client.get(f"/api/v1/products?sort=price_asc&{query}")

    assert _ids(response) == _expect(catalogue, *expected)
    assert response.json["total"] == len(expected)


def test_facets_count_the_current_results(client, catalogue):
    """Do the facets count products within the ceramics filter, the craft facet ignoring it?"""
    response = client.get("/api/v1/products?craft=ceramics")

    assert response.json["facets"] == {
        "craft": [
            {"slug": "ceramics", "name": {"vi": "Gốm sứ", "en": "Ceramics"}, "count": 2},
            {"slug": "furniture", "name": {"vi": "Mộc", "en": "Furniture"}, "count": 2},
            {"slug": "silk", "name": {"vi": "Lụa", "en": "Silk"}, "count": 1},
        ],
        "village": [{"slug": "bat-trang", "name": "Bát Tràng", "district": "Gia Lâm", "count": 2}],
        "trademark": [{"slug": "gom-su-bat-trang", "name": {"vi": "Gốm sứ Bát Tràng", "en": "Bat Trang Ceramics"}, "count": 1}],
        "ocop": [{"stars": 4, "count": 2}, {"stars": 3, "count": 2}],
    }


@pytest.mark.parametrize(("plain", "marked", "expected"), [
    ("bat trang", "Bát Tràng", ("vase", "bowl")),
    ("do go", "đồ gỗ", ("stool", "table")),  # "đồ gỗ" is wooden goods: the synonym table adds the "Wooden stool"
    ("DONG ANH", "Đông Anh", ("stool",)),
])
def test_search_without_diacritics_finds_what_the_marked_query_finds(client, catalogue, plain, marked, expected):
    """Does q typed without Vietnamese marks (đ included) find exactly the marked query's products?"""
    without = client.get("/api/v1/products", query_string={"q": plain, "sort": "price_asc"})
    with_marks = client.get("/api/v1/products", query_string={"q": marked, "sort": "price_asc"})

    assert _ids(without) == _ids(with_marks) == _expect(catalogue, *expected)
    assert without.json["near_matches"] is False


@pytest.mark.parametrize(("q", "expected"), [
    ("silk scarf", ("scarf",)),
    ("glaze", ("vase", "bowl")),
    ("ironwood", ("table",)),
])
def test_english_words_match_english_titles(client, catalogue, q, expected):
    """Do English words find the products with those words in their English titles?"""
    response = client.get("/api/v1/products", query_string={"q": q, "sort": "price_asc"})

    assert _ids(response) == _expect(catalogue, *expected)


def test_draft_and_pending_producers_listings_are_invisible(client, catalogue):
    """Are a draft and a pending producer's active listing absent from search and 404 on detail?"""
    found = client.get("/api/v1/products", query_string={"q": "binh gom", "sort": "price_asc"})
    draft = client.get(f"/api/v1/products/{catalogue['draft'].id}?lang=en")
    unapproved = client.get(f"/api/v1/products/{catalogue['unapproved'].id}?lang=en")

    assert _ids(found) == _expect(catalogue, "vase")
    for response in (draft, unapproved):
        assert response.status_code == 404
        assert response.json == {"error": {"status": 404, "message": "This product is not available."}}
        assert "public" not in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize(("query", "field", "message"), [
    ("per_page=0", "per_page", "Results per page must be between 1 and 100."),
    ("per_page=101", "per_page", "Results per page must be between 1 and 100."),
    ("price_min=abc", "price_min", "Lowest price must be a whole number."),
    ("price_min=%C2%B2", "price_min", "Lowest price must be a whole number."),  # "²": a digit to str.isdigit only
    ("page=-1", "page", "Page must be a whole number."),
    ("ocop=6", "ocop", "OCOP stars must be between 3 and 5."),
    ("sort=bogus", "sort", "Sort by one of relevance, newest, price_asc, price_desc, rating."),
    ("price_min=500000&price_max=100000", "price_min", "The lowest price is above the highest."),
])
def test_invalid_arguments_answer_400_naming_the_field(client, catalogue, query, field, message):
    """Does a malformed argument get a 400 JSON error that names it, and is that answer not cached?"""
    response = client.get(f"/api/v1/products?{query}&lang=en")

    assert response.status_code == 400
    assert response.json == {"error": {"status": 400, "message": message, "fields": {field: [message]}}}
    assert "Cache-Control" not in response.headers


def test_product_detail_has_description_variants_tiers_and_images(client, db, catalogue):
    """What exactly does the vase's detail add to its card?"""
    vase = catalogue["vase"]
    vase.description_vi, vase.description_en = "Men lam vẽ tay.", "Hand-painted blue glaze."
    vase.materials, vase.lead_time_days, vase.hs_code = "Cao lanh", 14, "691390"
    vase.variants = [Variant(name_vi="Nhỏ", name_en="Small", price_vnd=120000, stock=3),
                     Variant(name_vi="Lớn", name_en="", price_vnd=180000, stock=4)]
    vase.tiers = [WholesaleTier(min_qty=50, unit_price_vnd=100000), WholesaleTier(min_qty=10, unit_price_vnd=110000)]
    vase.images.append(ListingImage(position=1, path="ab/side.jpg", thumb_path="ab/side-thumb.jpg"))
    db.session.commit()
    small, large = vase.variants

    response = client.get(f"/api/v1/products/{vase.id}")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=60"
    body = response.json
    card = client.get("/api/v1/products?sort=price_asc&per_page=1").json["items"][0]
    assert {k: v for k, v in body.items() if k in card} == card
    assert {k: v for k, v in body.items() if k not in card} == {
        "description": {"vi": "Men lam vẽ tay.", "en": "Hand-painted blue glaze."},
        "materials": "Cao lanh",
        "lead_time_days": 14,
        "hs_code": "691390",
        "pack_size": 1,
        "pack_unit": None,
        "variants": [
            {"id": small.id, "name": {"vi": "Nhỏ", "en": "Small"}, "price_vnd": 120000, "stock": 3},
            {"id": large.id, "name": {"vi": "Lớn", "en": ""}, "price_vnd": 180000, "stock": 4},
        ],
        "wholesale_tiers": [{"min_qty": 10, "unit_price_vnd": 110000}, {"min_qty": 50, "unit_price_vnd": 100000}],
        "images": [
            {"url": "http://localhost/media/ab/vase.jpg", "thumb_url": "http://localhost/media/ab/vase-thumb.jpg"},
            {"url": "http://localhost/media/ab/side.jpg", "thumb_url": "http://localhost/media/ab/side-thumb.jpg"},
        ],
    }


@pytest.mark.parametrize(("path", "message"), [
    ("/api/v1/products/987654", "This product is not available."),
    ("/api/v1/products/abc", "We could not find that page."),
    ("/api/v1/products/99999999999", "We could not find that page."),  # beyond the id column's range
    ("/api/v1/products/0", "We could not find that page."),
    ("/api/v1/no-such-thing", "We could not find that page."),
])
def test_unknown_api_paths_answer_404_json(client, db, path, message):
    """Does an unknown product or path under /api/v1 answer a 404 in the JSON error shape?"""
    response = client.get(path, query_string={"lang": "en"})

    assert (response.status_code, response.json) == (404, {"error": {"status": 404, "message": message}})


@pytest.mark.parametrize("path", [
    "/api/v1/products?lang=en&craft=%00", "/api/v1/products?lang=en&q=gom&village=a%00b", "/api/v1/villages/%00?lang=en",
    "/api/v1/trademarks/x%00?lang=en", "/api/v1/verify/AB%00CD?lang=en",
])
def test_nul_characters_are_a_bad_request_not_a_server_error(client, db, path):
    """Does a NUL character in a path or argument (which PostgreSQL refuses) answer 400, not 500?"""
    response = client.get(path)

    assert (response.status_code, response.json) == (
        400, {"error": {"status": 400, "message": "The request could not be understood."}})


def test_page_query_count_does_not_grow_with_page_size(client, db, count_queries):
    """Do 2 and 40 products with images and marks cost the same, fixed number of queries?"""
    villages = [VillageFactory() for _ in range(4)]
    producers = [ProducerFactory(village=villages[i % 4], ocop_stars=3 + i % 3) for i in range(8)]
    crafts = [CraftFactory() for _ in range(3)]
    mark = TrademarkFactory()
    memberships = [MembershipFactory(trademark=mark, producer=p) for p in producers[:4]]
    for i in range(40):
        listing = ListingFactory(producer=producers[i % 8], craft=crafts[i % 3], price_vnd=100000 + i * 1000)
        db.session.add_all([ListingImage(listing=listing, position=n, path=f"{i}/{n}.jpg", thumb_path=f"{i}/{n}-t.jpg")
                            for n in range(2)])
        if i % 8 < 4:
            ProductRightFactory(membership=memberships[i % 8], listing=listing)
    db.session.commit()
    db.session.expire_all()

    with count_queries() as small:
        two = client.get("/api/v1/products?per_page=2")
    with count_queries() as large:
        forty = client.get("/api/v1/products?per_page=40")
    with count_queries() as searched:
        client.get("/api/v1/products?per_page=40&q=san+pham")

    assert (len(two.json["items"]), len(forty.json["items"])) == (2, 40)
    assert sum(len(item["marks"]) for item in forty.json["items"]) == 20
    # the total and every facet in one statement (the stored counts when unfiltered), the page's ids,
    # their cards with their rights, their images
    assert len(small) == len(large) == 4
    # a search: the total, the facets and the page's ids by relevance in one statement, then the cards and
    # their images; a query that matches exactly needs no near-miss pass
    assert len(searched) == 3


# --- villages and trademarks ----------------------------------------------------------------


def test_village_list_counts_approved_producers(client, catalogue):
    """Does the village list name each village's crafts and count only its approved producers?"""
    response = client.get("/api/v1/villages")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert response.json["items"][0] == {
        "slug": "bat-trang",
        "name": "Bát Tràng",
        "district": "Gia Lâm",
        "crafts": [{"slug": "ceramics", "name": {"vi": "Gốm sứ", "en": "Ceramics"}}],
        "producer_count": 1,
        "url": "http://localhost/villages/bat-trang",
        "products_url": "http://localhost/api/v1/products?village=bat-trang",
    }
    assert [(v["slug"], v["producer_count"]) for v in response.json["items"]] == [
        ("bat-trang", 1), ("huu-bang", 1), ("van-phuc", 1),
    ]


def test_village_detail_has_story_and_producers(client, catalogue):
    """Does a village's detail add its story and its approved producers to the list entry?"""
    response = client.get("/api/v1/villages/bat-trang")

    body = response.json
    assert body["story"] == {"vi": "Làng gốm bảy thế kỷ.", "en": "A pottery village for seven centuries."}
    assert body["producers"] == [{"slug": "gom-minh-long", "name": "Gốm Minh Long", "kind": "cooperative",
                                  "ocop_stars": 4, "url": "http://localhost/producers/gom-minh-long"}]
    assert (body["producer_count"], body["products_url"]) == (1, "http://localhost/api/v1/products?village=bat-trang")
    assert client.get(body["products_url"] + "&sort=price_asc").json["total"] == 2


def test_unknown_village_is_404_json(client, db):
    """Does an unknown village slug answer the JSON 404?"""
    response = client.get("/api/v1/villages/atlantis?lang=en")

    assert (response.status_code, response.json) == (404, {"error": {"status": 404, "message": "Village not found."}})


def test_trademark_list_and_detail_show_only_active_members(client, db, catalogue):
    """Does the mark's detail name its association and only its active, approved members?"""
    MembershipFactory(trademark=catalogue["mark"], status=MembershipStatus.SUSPENDED,
                      producer=ProducerFactory(name="Gốm Tạm Ngừng", village=catalogue["minh_long"].village))

    listing = client.get("/api/v1/trademarks")
    detail = client.get("/api/v1/trademarks/gom-su-bat-trang")

    entry = {
        "slug": "gom-su-bat-trang",
        "name": {"vi": "Gốm sứ Bát Tràng", "en": "Bat Trang Ceramics"},
        "registration_no": "4-0123456-000",
        "villages": [{"slug": "bat-trang", "name": "Bát Tràng"}],
        "url": "http://localhost/trademarks/gom-su-bat-trang",
        "products_url": "http://localhost/api/v1/products?trademark=gom-su-bat-trang",
    }
    assert listing.json == {"items": [entry]}
    assert detail.json == {
        **entry,
        "description": {"vi": "", "en": ""},
        "association": {"slug": "hiep-hoi-bat-trang", "name": "Hiệp hội Gốm sứ Bát Tràng"},
        "members": [{"slug": "gom-minh-long", "name": "Gốm Minh Long", "kind": "cooperative", "ocop_stars": 4,
                     "url": "http://localhost/producers/gom-minh-long", "village": {"slug": "bat-trang", "name": "Bát Tràng"}}],
    }
    assert detail.headers["Cache-Control"] == "public, max-age=60"


def test_unknown_trademark_is_404_json(client, db):
    """Does an unknown trademark slug answer the JSON 404?"""
    response = client.get("/api/v1/trademarks/fake-mark?lang=en")

    assert (response.status_code, response.json) == (404, {"error": {"status": 404, "message": "Trademark not found."}})


# --- verification ---------------------------------------------------------------------------


def test_active_code_verifies_as_valid(client, catalogue):
    """Does the vase's code, typed in lower case, prove the mark valid today, with who made it?"""
    vase = catalogue["vase"]

    response = client.get("/api/v1/verify/abcde23456")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.json == {
        "code": "ABCDE23456",
        "found": True,
        "status": "active",
        "valid": True,
        "checked_on": _today(),
        "product": {"id": vase.id, "title": {"vi": "Bình gốm men lam", "en": "Blue glaze vase"},
                    "url": f"http://localhost/products/{vase.id}"},
        "producer": {"slug": "gom-minh-long", "name": "Gốm Minh Long", "kind": "cooperative", "ocop_stars": 4,
                     "url": "http://localhost/producers/gom-minh-long"},
        "village": {"slug": "bat-trang", "name": "Bát Tràng"},
        "trademark": {"slug": "gom-su-bat-trang", "name": {"vi": "Gốm sứ Bát Tràng", "en": "Bat Trang Ceramics"},
                      "registration_no": "4-0123456-000",
                      "association": {"slug": "hiep-hoi-bat-trang", "name": "Hiệp hội Gốm sứ Bát Tràng"},
                      "url": "http://localhost/trademarks/gom-su-bat-trang"},
    }


def test_suspended_members_code_is_found_but_not_valid(client, db, catalogue):
    """Does suspending the member make its product's code answer "suspended", not valid, and drop the mark from the card?"""
    catalogue["membership"].status = MembershipStatus.SUSPENDED
    db.session.commit()

    response = client.get("/api/v1/verify/ABCDE23456")
    card = client.get(f"/api/v1/products/{catalogue['vase'].id}")

    assert response.status_code == 200
    assert (response.json["found"], response.json["status"], response.json["valid"]) == (True, "suspended", False)
    assert response.json["product"]["id"] == catalogue["vase"].id
    assert card.json["marks"] == []


def test_withdrawn_right_is_found_but_not_valid(client, db, catalogue):
    """Does a code whose right the association withdrew answer "withdrawn" and not valid?"""
    catalogue["right"].status = RightStatus.WITHDRAWN
    db.session.commit()

    response = client.get("/api/v1/verify/ABCDE23456")

    assert response.status_code == 200
    assert (response.json["found"], response.json["status"], response.json["valid"]) == (True, "withdrawn", False)
    assert client.get("/api/v1/products?trademark=gom-su-bat-trang").json["total"] == 0


def test_code_of_a_product_no_longer_on_sale_has_no_product_url(client, db, catalogue):
    """Does a valid code on a draft product still verify, without linking to a page that would 404?"""
    catalogue["vase"].status = "draft"
    db.session.commit()

    response = client.get("/api/v1/verify/ABCDE23456")

    assert (response.json["valid"], response.json["product"]["url"]) == (True, None)


def test_unknown_code_is_404_with_found_false(client, catalogue):
    """Does a code nobody issued answer 404 with found false, status "unknown" and nothing else?"""
    response = client.get("/api/v1/verify/ZZZZZ99999")

    assert response.status_code == 404
    assert response.json == {
        "code": "ZZZZZ99999", "found": False, "status": "unknown", "valid": False, "checked_on": _today(),
        "product": None, "producer": None, "village": None, "trademark": None,
    }


def test_a_query_longer_than_its_documented_max_length_is_a_400_naming_q(client, catalogue):
    """Is q of 201 characters (the document says at most 200) a 400 naming q, where 200 characters search?"""
    spec = client.get("/api/v1/openapi.json").json
    at_most = client.get("/api/v1/products", query_string={"q": "bình" + " gốm" * 49, "lang": "en"})
    too_long = client.get("/api/v1/products", query_string={"q": "b" * 201, "lang": "en"})

    assert spec["components"]["parameters"]["q"]["schema"]["maxLength"] == 200
    assert len("bình" + " gốm" * 49) == 200 and at_most.status_code == 200
    assert too_long.status_code == 400
    assert too_long.json == {"error": {"status": 400, "message": "Keep the search to 200 characters at most.",
                                       "fields": {"q": ["Keep the search to 200 characters at most."]}}}


def test_a_search_page_query_too_long_is_a_400_that_says_so(english_client, catalogue):
    """Does the /products page answer a 201-character q with 400 and the message, instead of cutting it?"""
    response = english_client.get("/products", query_string={"q": "b" * 201})

    assert response.status_code == 400
    assert "Keep the search to 200 characters at most." in response.get_data(as_text=True)


@pytest.mark.parametrize("name", ["ocop", "price_min", "price_max", "sort", "page", "per_page"])
def test_the_document_allows_an_empty_number_or_choice_argument_and_never_null(client, name):
    """Does the document say that a number or choice argument may be sent empty, and is none of them nullable?"""
    parameter = client.get("/api/v1/openapi.json").json["components"]["parameters"][name]

    assert parameter["allowEmptyValue"] is True
    assert parameter["description"].endswith("Empty is the same as leaving it out.")
    assert parameter["schema"]["type"] == ("string" if name == "sort" else "integer")
    assert parameter["schema"].get("default") == {"page": 1, "per_page": 24}.get(name)


def test_an_empty_per_page_is_left_out_and_a_null_one_is_a_400_naming_it(client, catalogue):
    """Is per_page= (empty) the default page of 24, as documented, and per_page=null a 400 naming per_page?"""
    empty = client.get("/api/v1/products?per_page=&ocop=&price_min=&sort=&lang=en")
    null = client.get("/api/v1/products?per_page=null&lang=en")

    assert (empty.status_code, empty.json["per_page"], empty.json["total"]) == (200, 24, 5)
    assert null.status_code == 400
    assert null.json == {"error": {"status": 400, "message": "Results per page must be a whole number.",
                                   "fields": {"per_page": ["Results per page must be a whole number."]}}}
