"""Anonymous catalogue answers are cached in Redis, invalidated after every commit that changes
what buyers see, and sent with HTTP caching headers; signed-in users' pages are never cached."""
import pytest

from marketplace.accounts.models import Role
from marketplace.catalog import services as catalog
from marketplace.extensions import cache
from marketplace.trademarks import services as trademarks
from tests.factories import (
    AssociationFactory,
    ListingFactory,
    MembershipFactory,
    ProducerFactory,
    TrademarkFactory,
    UserFactory,
)
from tests.order_helpers import make_shop, place


@pytest.fixture
def app(make_cached_app):
    """The app with the production cache: RedisCache, under a prefix of this test's own."""
    app = make_cached_app()
    with app.app_context():
        yield app


def _catalogue_queries(count_queries, client, url, **headers):
    with count_queries() as queries:
        response = client.get(url, headers=headers)
    return response, [q for q in queries if "listings" in q]


def _titles(client, url="/api/v1/products"):
    return sorted(item["title"]["vi"] for item in client.get(url).get_json()["items"])


@pytest.mark.parametrize("url", ["/products?q=b%C3%ACnh", "/api/v1/products?q=b%C3%ACnh"])
def test_the_second_anonymous_request_runs_no_catalogue_query(client, db, count_queries, url):
    """Is the second identical anonymous catalogue request answered without one catalogue query?"""
    ListingFactory(title_vi="Bình gốm men lam")
    db.session.commit()
    first, first_queries = _catalogue_queries(count_queries, client, url)
    second, second_queries = _catalogue_queries(count_queries, client, url)

    assert (first.status_code, second.status_code) == (200, 200)
    assert len(first_queries) > 0
    assert second_queries == []
    assert second.get_data() == first.get_data() if url.startswith("/api") else "Bình gốm men lam" in second.get_data(as_text=True)
    assert second.headers["Cache-Control"] == "public, max-age=60"


def test_equivalent_queries_share_one_entry(client, db, count_queries):
    """Do a differently cased, spaced and ordered query with defaults spelled out hit the same entry?"""
    ListingFactory(title_vi="Bình gốm men lam")
    db.session.commit()
    client.get("/api/v1/products?q=binh+gom&sort=newest")
    response, queries = _catalogue_queries(count_queries, client, "/api/v1/products?sort=newest&page=1&q=%20BINH%20%20gom%20")

    assert (response.status_code, queries, response.get_json()["total"]) == (200, [], 1)


def test_the_language_is_part_of_the_key(client, db):
    """Does an English visitor get the English page after a Vietnamese one was cached (and back)?"""
    ListingFactory(title_vi="Bình gốm men lam", title_en="Blue glazed vase")
    db.session.commit()
    vi = client.get("/products").get_data(as_text=True)
    en = client.get("/products?lang=en").get_data(as_text=True)
    vi_again = client.get("/products").get_data(as_text=True)

    assert ("Bình gốm men lam" in vi, "Blue glazed vase" in en, "Blue glazed vase" in vi) == (True, True, False)
    assert ("<strong>1</strong> product<" in en, "<strong>1</strong> sản phẩm<" in vi_again) == (True, True)
    api_vi = client.get("/api/v1/products")
    api_en = client.get("/api/v1/products", headers={"Accept-Language": "en"})
    assert api_vi.headers["ETag"] != api_en.headers["ETag"]
    assert "Accept-Language" in api_en.headers["Vary"]


def test_a_matching_if_none_match_is_a_304_without_queries(client, db, count_queries):
    """Does a browser that sends back the ETag get a 304 with no body and no catalogue query?"""
    ListingFactory()
    db.session.commit()
    for url in ("/products?craft=gom", "/api/v1/products"):
        first = client.get(url)
        etag = first.headers["ETag"]
        again, queries = _catalogue_queries(count_queries, client, url, **{"If-None-Match": etag})

        assert etag.startswith('W/"')
        assert (again.status_code, again.get_data(), queries, again.headers["ETag"]) == (304, b"", [], etag)
        assert client.get(url, headers={"If-None-Match": 'W/"other"'}).status_code == 200


def test_a_change_makes_a_new_etag(client, db):
    """Does the ETag change once the catalogue changes, so a browser's copy is not confirmed?"""
    listing = ListingFactory()
    db.session.commit()
    etag = client.get("/api/v1/products").headers["ETag"]
    listing.price_vnd = 123000
    db.session.commit()
    response = client.get("/api/v1/products", headers={"If-None-Match": etag})

    assert (response.status_code, response.get_json()["items"][0]["price_vnd"]) == (200, 123000)
    assert response.headers["ETag"] != etag


def test_stock_sold_out_by_an_order_shows_in_the_next_answer(client, db):
    """After an order takes the last units (a bulk UPDATE), does the next anonymous answer say 0 in stock?"""
    shop = make_shop()
    db.session.commit()
    before = {item["id"]: item["stock"] for item in client.get("/api/v1/products").get_json()["items"]}
    place(shop.buyer, (shop.b, 3))
    after = {item["id"]: item["stock"] for item in client.get("/api/v1/products").get_json()["items"]}

    assert (before[shop.b.id], after[shop.b.id], after[shop.a.id]) == (3, 0, 10)


def test_an_archived_listing_leaves_the_next_anonymous_answer(client, db):
    """Does a producer archiving a listing (taking it off sale) remove it from the cached page and API at once?"""
    owner = UserFactory(role=Role.PRODUCER)
    producer = ProducerFactory(owner=owner)
    vase = ListingFactory(producer=producer, title_vi="Bình gốm men lam")
    ListingFactory(producer=producer, title_vi="Bát men rạn")
    db.session.commit()
    assert _titles(client) == ["Bát men rạn", "Bình gốm men lam"]
    assert "Bình gốm men lam" in client.get("/products").get_data(as_text=True)

    catalog.set_status(owner, vase.id, "archived")

    assert _titles(client) == ["Bát men rạn"]
    assert "Bình gốm men lam" not in client.get("/products").get_data(as_text=True)


def test_a_withdrawn_mark_leaves_the_marks_results(client, db):
    """Once the association withdraws a product's right, is it gone from the mark's filtered catalogue?"""
    admin = UserFactory(role=Role.ASSOCIATION_ADMIN)
    mark = TrademarkFactory(slug="gom-su-bat-trang", association=AssociationFactory(admin=admin))
    membership = MembershipFactory(trademark=mark)
    vase = ListingFactory(producer=membership.producer, title_vi="Bình gốm men lam")
    db.session.commit()
    right = trademarks.grant_right(admin, membership.id, vase.id)
    url = "/api/v1/products?trademark=gom-su-bat-trang"
    assert _titles(client, url) == ["Bình gốm men lam"]

    trademarks.withdraw_right(admin, right.id)

    assert _titles(client, url) == []
    assert "Bình gốm men lam" not in client.get("/products?trademark=gom-su-bat-trang").get_data(as_text=True)


def test_a_rolled_back_change_keeps_the_cache(client, db, count_queries):
    """A transaction that rolls back changed nothing: is the cached answer still served?"""
    listing = ListingFactory()
    db.session.commit()
    client.get("/api/v1/products")
    listing.price_vnd = 999000
    db.session.flush()
    db.session.rollback()
    _response, queries = _catalogue_queries(count_queries, client, "/api/v1/products")

    assert queries == []


def test_signed_in_pages_are_never_cached(client, db, login, count_queries):
    """Does a signed-in buyer get private, no-store answers built afresh, on catalogue and other pages?"""
    ListingFactory(title_vi="Bình gốm men lam")
    buyer = UserFactory()
    db.session.commit()
    client.get("/products")  # an anonymous visitor fills the cache
    login(buyer)
    for url in ("/products", "/api/v1/products", "/", "/orders/mine"):
        response, queries = _catalogue_queries(count_queries, client, url)
        assert (url, response.headers["Cache-Control"], "ETag" in response.headers) == (url, "private, no-store", False)
    page, queries = _catalogue_queries(count_queries, client, "/products")

    assert len(queries) > 0
    assert buyer.name in page.get_data(as_text=True)


def test_anonymous_public_pages_are_public_and_a_cart_makes_them_private(client, db):
    """Is the product page public for a minute, until the visitor has a cart (its count is in the header)?"""
    listing = ListingFactory()
    db.session.commit()
    assert client.get(f"/products/{listing.id}").headers["Cache-Control"] == "public, max-age=60"

    client.post("/cart/add", data={"listing_id": listing.id, "quantity": 1})

    assert client.get(f"/products/{listing.id}").headers["Cache-Control"] == "private, no-store"
    assert client.get("/products").headers["Cache-Control"] == "private, no-store"
    assert client.get("/api/v1/products").headers["Cache-Control"] == "public, max-age=60"


def test_a_cached_answer_costs_one_redis_round_trip(client, db, monkeypatch):
    """Is a cached anonymous answer read with the current generation in one Redis command (an MGET),
    and built again, not served, once a commit made it stale? (The commands this app's own Redis
    client sends are recorded on their way to the real server.)"""
    ListingFactory(title_vi="Bình gốm men lam")
    db.session.commit()
    redis, sent = cache.cache._read_client, []
    send = redis.execute_command
    monkeypatch.setattr(redis, "execute_command", lambda *args, **options: sent.append(args[0]) or send(*args, **options))
    client.get("/api/v1/products?q=binh")
    sent.clear()
    assert client.get("/api/v1/products?q=binh").status_code == 200
    assert sent == ["MGET"]
    ListingFactory(title_vi="Bình hoa sơn mài")
    db.session.commit()
    assert _titles(client, "/api/v1/products?q=binh") == ["Bình gốm men lam", "Bình hoa sơn mài"]
