"""GET /api/v1/suggest: what the search box offers as a buyer types, on SQLite and PostgreSQL alike."""
import pytest

from tests.factories import (
    CraftFactory,
    ListingFactory,
    MembershipFactory,
    ProducerFactory,
    ProductRightFactory,
    TrademarkFactory,
    VillageFactory,
)


@pytest.fixture
def catalogue(db):
    """Two villages named Phùng Xá, a Bát Tràng workshop with seven bowls and a marked vase, a pending producer."""
    ceramics = CraftFactory(slug="ceramics", name_vi="Gốm sứ", name_en="Ceramics")
    silk = CraftFactory(slug="silk", name_vi="Dệt lụa", name_en="Silk weaving")
    bat_trang = VillageFactory(name="Bát Tràng", slug="bat-trang", district="Gia Lâm")
    workshop = ProducerFactory(name="Xưởng gốm Minh Châu", slug="gom-minh-chau", village=bat_trang)
    for n in range(7):
        ListingFactory(producer=workshop, craft=ceramics, title_vi=f"Bát ăn cơm men lam số {n}", title_en=f"Blue rice bowl no. {n}")
    mark = TrademarkFactory(slug="gom-su-bat-trang", name_vi="Gốm sứ Bát Tràng", name_en="Bát Tràng Ceramics")
    vase = ProductRightFactory(membership=MembershipFactory(producer=workshop, trademark=mark),
                               listing__title_vi="Bình hoa men rạn", listing__title_en="Crackle vase", listing__craft=ceramics).listing
    ListingFactory(producer=ProducerFactory(name="Tơ sen Phùng Xá", village=VillageFactory(
        name="Phùng Xá", slug="phung-xa-my-duc", district="Mỹ Đức")), craft=silk, title_vi="Khăn tơ sen", title_en="Lotus scarf")
    ListingFactory(producer=ProducerFactory(name="Cơ khí Tiến Đạt", village=VillageFactory(
        name="Phùng Xá", slug="phung-xa-thach-that", district="Thạch Thất")), title_vi="Máy tuốt lúa", title_en="Rice thresher")
    ListingFactory(producer=workshop, craft=ceramics, title_vi="Bát nháp chưa bán", title_en="Draft bowl", status="draft")
    ListingFactory(producer=ProducerFactory(name="Bát Gốm Chờ Duyệt", status="pending", village=bat_trang),
                   craft=ceramics, title_vi="Bát của xưởng chờ duyệt", title_en="Pending bowl")
    return {"vase": vase}


def _groups(client, q, lang="vi"):
    response = client.get("/api/v1/suggest", query_string={"q": q, "lang": lang})
    assert response.status_code == 200, response.get_data(as_text=True)
    return {g["kind"]: [i["label"] for i in g["items"]] for g in response.get_json()["groups"]}


def test_a_prefix_without_diacritics_finds_villages_producers_marks_and_products(client, catalogue):
    """Does "bat" suggest Bát Tràng, its mark, and at most five public product titles, grouped?"""
    groups = _groups(client, "bat")
    assert groups["village"] == ["Bát Tràng (Gia Lâm)"]
    assert groups["mark"] == ["Gốm sứ Bát Tràng"]
    assert groups["product"] == [f"Bát ăn cơm men lam số {n}" for n in range(5)]
    assert "producer" not in groups  # the only producer starting "Bát" is not approved yet
    assert list(groups) == ["village", "mark", "product"]


def test_diacritics_and_case_do_not_matter(client, catalogue):
    """Do "Bát" and "BAT" suggest what "bat" does?"""
    assert _groups(client, "Bát") == _groups(client, "BAT") == _groups(client, "bat")


def test_same_named_villages_come_with_their_districts(client, catalogue):
    """Does "phung x" suggest both Phùng Xá, told apart by district, and the producer named after one?"""
    groups = _groups(client, "phung x")
    assert groups["village"] == ["Phùng Xá (Mỹ Đức)", "Phùng Xá (Thạch Thất)"]


def test_a_word_inside_a_name_is_found_too(client, catalogue):
    """Does "men l" (a word in the middle of the title) suggest the bowls, and "minh" the producer?"""
    assert _groups(client, "men l")["product"][0] == "Bát ăn cơm men lam số 0"
    assert _groups(client, "minh")["producer"] == ["Xưởng gốm Minh Châu"]


def test_suggestions_speak_the_readers_language(client, catalogue):
    """Are crafts, marks and titles labelled in English for an English reader, and headings too?"""
    response = client.get("/api/v1/suggest", query_string={"q": "cera", "lang": "en"})
    data = response.get_json()
    assert [(g["kind"], g["label"], [i["label"] for i in g["items"]]) for g in data["groups"]] == [
        ("craft", "Crafts", ["Ceramics"]), ("mark", "Collective trademarks", ["Bát Tràng Ceramics"])]
    assert data["groups"][0]["items"][0]["url"] == "http://localhost/crafts/ceramics"
    assert _groups(client, "gom", lang="en")["mark"] == ["Bát Tràng Ceramics"]


def test_each_suggestion_links_to_its_page(client, catalogue):
    """Does a product suggestion lead to the product's page, and a village to the village's?"""
    data = client.get("/api/v1/suggest", query_string={"q": "binh hoa"}).get_json()
    assert data["groups"] == [{"kind": "product", "label": "Sản phẩm",
                               "items": [{"label": "Bình hoa men rạn", "url": f"http://localhost/products/{catalogue['vase'].id}"}]}]


def test_an_empty_query_suggests_nothing_and_a_long_one_is_refused(client, catalogue):
    """Is an empty q an empty answer, and a q over 200 characters a 400 naming q?"""
    assert client.get("/api/v1/suggest?q=").get_json() == {"q": "", "groups": []}
    assert client.get("/api/v1/suggest").get_json() == {"q": "", "groups": []}
    response = client.get("/api/v1/suggest", query_string={"q": "a" * 201})
    assert response.status_code == 400
    assert list(response.get_json()["error"]["fields"]) == ["q"]


def test_suggest_is_one_statement_and_cacheable_per_language(client, catalogue, count_queries, db):
    """Does a suggestion cost one SQL statement, and may a shared cache keep it, one copy per language?"""
    db.session.expire_all()
    with count_queries() as queries:
        response = client.get("/api/v1/suggest?q=bat")
    assert len(queries) == 1
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert set(response.vary) >= {"Accept-Language", "Cookie"}


def test_a_renamed_listing_is_suggested_by_its_new_title_only(client, catalogue, db):
    """After a title changes, is the old title gone from the suggestions and the new one there?"""
    from marketplace.catalog import search

    vase = catalogue["vase"]
    vase.title_vi = "Lọ hoa men rạn"
    search.refresh(vase)
    db.session.commit()
    assert "product" not in _groups(client, "binh hoa")
    assert _groups(client, "lo hoa")["product"] == ["Lọ hoa men rạn"]


def test_suggest_is_in_the_openapi_document(client):
    """Is GET /suggest declared, with its q argument and its answer's schema?"""
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/suggest"]["get"]
    assert operation["operationId"] == "suggest"
    assert [p["name"] for p in operation["parameters"]] == ["q", "If-None-Match"]  # a matching ETag gets a 304
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Suggestions"}


def test_search_reindex_rebuilds_what_listings_refresh_writes(app, client, catalogue, db):
    """After the search columns and suggestions are wiped, does `flask search-reindex` (what migration
    0013 runs) write back exactly what the listings' own refreshes wrote?"""
    from sqlalchemy import delete, select, update

    from marketplace.catalog.models import Listing, Suggestion

    def state():
        db.session.expire_all()
        texts = db.session.execute(select(Listing.id, Listing.search_text, Listing.search_marked, Listing.search_title)
                                   .order_by(Listing.id)).all()
        keys = db.session.execute(select(Suggestion.kind, Suggestion.ref_id, Suggestion.key, Suggestion.label_vi,
                                         Suggestion.label_en, Suggestion.slug).order_by(Suggestion.kind, Suggestion.ref_id,
                                                                                        Suggestion.key)).all()
        return texts, keys

    before = state()
    db.session.execute(update(Listing).values(search_text="", search_marked="", search_title=None))
    db.session.execute(delete(Suggestion))
    db.session.commit()
    assert _groups(client, "bat") == {}

    result = app.test_cli_runner().invoke(args=["search-reindex"])

    assert result.output == "reindexed 12 listings\n"
    assert state() == before
    assert _groups(client, "bat")["village"] == ["Bát Tràng (Gia Lâm)"]
