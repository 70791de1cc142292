"""The whole product page is cached for anonymous visitors (Redis), with slots that each request
fills with the visitor's CSRF token, nonce and address; every view is counted, and anyone signed
in, or with a cart, gets the page built afresh."""
import re

import pytest
from flask import g, template_rendered
from flask_babel import force_locale
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.catalog.models import ListingImage, ListingViewDay, Variant, WholesaleTier
from marketplace.catalog.views import ProductKey
from marketplace.core import caching
from marketplace.extensions import cache
from marketplace.follows import services as follows
from marketplace.moderation import services as moderation
from marketplace.reports import tallies
from marketplace.reviews import services as reviews
from tests.factories import ListingFactory, ProductRightFactory, UserFactory
from tests.order_helpers import client_for, make_shop, place
from tests.review_helpers import deliver

NONCE = re.compile(r"'nonce-([A-Za-z0-9_-]+)'")
BUY_TOKEN = re.compile(r'<form class="buy-form".*?name="csrf_token" value="([^"]+)"', re.DOTALL)


@pytest.fixture
def app(make_cached_app):
    app = make_cached_app()
    with app.app_context():
        yield app


@pytest.fixture
def vase(db):
    """A public product with everything its page shows: two pictures, a variant, a tier, a mark."""
    listing = ProductRightFactory(listing__title_vi="Bình gốm men lam", listing__price_vnd=350000).listing
    for position in range(2):
        db.session.add(ListingImage(listing=listing, position=position, path=f"x/{position}.jpg",
                                    thumb_path=f"x/{position}_t.jpg"))
    db.session.add(Variant(listing=listing, name_vi="Nhỏ", name_en="Small", price_vnd=300000, stock=4))
    db.session.add(WholesaleTier(listing=listing, min_qty=10, unit_price_vnd=320000))
    db.session.commit()
    return listing


def _without_nonce(response):
    return response.get_data(as_text=True).replace(NONCE.search(response.headers["Content-Security-Policy"]).group(1), "N")


def _stored_part(app, listing_id, page=1, lang="vi"):
    """The product's page that the cache would serve in that language (None when it holds none of
    the current generation)."""
    with app.test_request_context(), force_locale(lang):
        token, stored = cache.get_many(caching.GENERATION_KEY, caching.key_for("product-page", ProductKey(listing_id, page)))
    return stored[1] if stored and stored[0] == token else None


def _views(db, listing_id):
    tallies.flush()
    return db.session.scalar(select(ListingViewDay.views).where(ListingViewDay.listing_id == listing_id))


def test_a_second_anonymous_visit_runs_no_sql_and_one_cache_read(app, client, db, vase, count_queries, monkeypatch):
    """Is the second anonymous visit of a product page the same page, built from one Redis MGET,
    no SQL statement and no template at all (the view is counted in Redis), public for a minute with
    a weak ETag?"""
    first = client.get(f"/products/{vase.id}")
    redis, sent, rendered = cache.cache._read_client, [], []
    send = redis.execute_command
    monkeypatch.setattr(redis, "execute_command", lambda *args, **options: sent.append(args[0]) or send(*args, **options))
    template_rendered.connect(lambda sender, template, context, **extra: rendered.append(template.name), app, weak=False)
    with count_queries() as queries:
        second = client.get(f"/products/{vase.id}")

    assert (first.status_code, second.status_code) == (200, 200)
    assert (queries, sent, rendered) == ([], ["MGET"], [])
    assert _without_nonce(second) == _without_nonce(first)  # the same visitor: the same CSRF token too
    assert "Bình gốm men lam" in second.get_data(as_text=True) and 'class="qr"' in second.get_data(as_text=True)
    assert second.headers["Cache-Control"] == "public, max-age=60"
    assert second.headers["ETag"] == first.headers["ETag"] and second.headers["ETag"].startswith('W/"')


def test_a_matching_if_none_match_is_a_304_and_every_visit_is_counted(client, db, vase, count_queries):
    """Does a browser sending back the ETag get a 304 without SQL, and do the visit that filled the
    cache, a cached one and the 304 each count as a view?"""
    etag = client.get(f"/products/{vase.id}").headers["ETag"]
    client.get(f"/products/{vase.id}")
    with count_queries() as queries:
        again = client.get(f"/products/{vase.id}", headers={"If-None-Match": etag})

    assert (again.status_code, again.get_data(), queries, again.headers["ETag"]) == (304, b"", [], etag)
    assert again.headers["Cache-Control"] == "public, max-age=60"
    assert _views(db, vase.id) == 3


def test_without_redis_the_process_still_writes_the_views_of_cached_visits(make_app, db):
    """In development (SimpleCache, counters in memory, written by the web process after a request
    that counted), do three visits, two of them served from the cache, write 3 views by themselves?"""
    app = make_app(CACHE_TYPE="SimpleCache", COUNTER_FLUSH_SECONDS=0)
    with app.app_context():
        listing_id = ListingFactory().id
    client = app.test_client()
    pages = [client.get(f"/products/{listing_id}") for _ in range(3)]

    assert [page.headers["ETag"] for page in pages] == [pages[0].headers["ETag"]] * 3  # one generation, one entry
    assert db.session.scalar(select(ListingViewDay.views).where(ListingViewDay.listing_id == listing_id)) == 3


def test_a_cached_part_refuses_a_nonce(app):
    """Can a template that asks for the request's CSP nonce (a script) be rendered for the cache? (No.)"""
    with app.test_request_context("/"), pytest.raises(RuntimeError, match="nonce"):
        caching.fragment("base.html")


def test_the_cached_page_holds_nothing_of_the_request(app, client, db, vase):
    """Does the stored page hold slots where the buy form's and the language form's tokens, the nonce
    and the address go, and neither the visitor's token, nor the request's nonce, nor its path or
    query (a marketing link's)?"""
    response = client.get(f"/products/00{vase.id}?utm_source=zalo")
    html = response.get_data(as_text=True)
    nonce = NONCE.search(response.headers["Content-Security-Policy"]).group(1)
    token = BUY_TOKEN.search(html).group(1)
    part = _stored_part(app, vase.id)

    assert response.status_code == 200
    assert part.count(caching.CSRF_SLOT) == 2 and part.count('name="csrf_token"') == 2  # buy form, language form
    assert part.count(caching.NONCE_SLOT) == html.count(nonce) > 0
    assert (token in part, nonce in part, "utm_source" in part, f"/products/00{vase.id}" in part) == (False,) * 4
    assert f"next=/products/{vase.id}" in part  # the report link names the page itself
    assert f'name="next" value="/products/00{vase.id}?utm_source=zalo"' in html  # the language form: as typed
    assert caching.CSRF_SLOT not in html and caching.NONCE_SLOT not in html
    assert "utm_source" not in app.test_client().get(f"/products/{vase.id}").get_data(as_text=True)


def test_each_anonymous_visitor_gets_a_token_of_their_own_that_adds_to_the_cart(make_cached_app):
    """With CSRF on (as in production), do two anonymous visitors, the second served from the cache,
    get different buy-form tokens, each valid for its visitor only?"""
    app = make_cached_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        listing_id = ListingFactory(title_vi="Bình gốm men lam", stock=5).id
    # Each request in its own app context from here on, as when served (g, where the token is kept, included).
    url, form = f"/products/{listing_id}", {"listing_id": listing_id, "quantity": 1}
    lan, minh = app.test_client(), app.test_client()
    lan_token = BUY_TOKEN.search(lan.get(url).get_data(as_text=True)).group(1)
    minh_page = minh.get(url)
    minh_token = BUY_TOKEN.search(minh_page.get_data(as_text=True)).group(1)

    assert _stored_part(app, listing_id) is not None  # Minh's page was made around the cached part
    assert minh_page.headers["Cache-Control"] == "public, max-age=60"
    assert lan_token != minh_token
    assert minh.post("/cart/add", data={**form, "csrf_token": lan_token}).status_code == 400
    assert lan.post("/cart/add", data={**form, "csrf_token": lan_token}).status_code == 302
    assert minh.post("/cart/add", data={**form, "csrf_token": minh_token}).status_code == 302
    for visitor in (lan, minh):
        assert "Bình gốm men lam" in visitor.get("/cart").get_data(as_text=True)
        assert visitor.get(url).headers["Cache-Control"] == "private, no-store"  # a cart now


def _sell_out(db, shop):
    place(shop.buyer, (shop.b, 3))


def _reprice(db, shop):
    shop.b.price_vnd = 390000
    db.session.commit()


def _hide(db, shop):
    staff = UserFactory(role=Role.STAFF)
    db.session.commit()
    moderation.hide_listing(staff, shop.b.id, {"reason": "Ảnh không đúng sản phẩm thật"})


@pytest.mark.parametrize(("change", "status", "shows", "gone"), [
    (_sell_out, 200, "Hết hàng", "Còn 3"),
    (_reprice, 200, "390.000 ₫", "420.000 ₫"),
    (_hide, 404, "Sản phẩm này hiện không còn bán.", "Khăn lụa tơ tằm"),
])
def test_a_change_shows_on_the_next_anonymous_visit(app, client, db, change, status, shows, gone):
    """After an order takes the last units, a new price, or staff hiding the listing, is the next
    anonymous visit the new page (a 404 for the hidden one, which is not cached), not the cached one?"""
    shop = make_shop()
    db.session.commit()
    before = client.get(f"/products/{shop.b.id}")
    assert (before.status_code, gone in before.get_data(as_text=True)) == (200, True)

    change(db, shop)
    after = client.get(f"/products/{shop.b.id}")

    assert after.status_code == status
    assert (shows in after.get_data(as_text=True), gone in after.get_data(as_text=True)) == (True, False)
    assert after.headers.get("ETag") != before.headers["ETag"]
    if status == 404:
        assert "public" not in after.headers.get("Cache-Control", "") and _stored_part(app, shop.b.id) is None


def test_a_producers_answer_to_a_review_shows_on_the_next_anonymous_visit(app, client, db):
    """Reviews are part of the cached page: does a producer's answer (which changes no listing) show at once?"""
    shop = make_shop()
    deliver(shop, (shop.a, 1))
    review = reviews.write_review(shop.buyer, shop.a.id, {"rating": "5", "text": "Men lam rất đẹp", "language": "vi"})
    assert "Men lam rất đẹp" in client.get(f"/products/{shop.a.id}").get_data(as_text=True)

    reviews.answer_review(shop.owner_a, review.id, {"text": "Cảm ơn chị đã tin dùng"})

    assert "Cảm ơn chị đã tin dùng" in client.get(f"/products/{shop.a.id}").get_data(as_text=True)


def test_review_pages_are_cached_apart_and_link_to_each_other_by_the_page_alone(app, client, db):
    """With 11 reviews (10 a page), are pages 1 and 2 two cached parts, whose page links carry no
    argument of the request that built them?"""
    shop = make_shop()
    shop.a.stock = 100
    db.session.commit()
    for n in range(11):
        deliver(shop, (shop.a, 1))
        reviews.write_review(shop.buyer, shop.a.id, {"rating": "5", "text": f"Đánh giá số {n}", "language": "vi"})
    second = client.get(f"/products/{shop.a.id}?page=2&utm_source=zalo").get_data(as_text=True)
    first = client.get(f"/products/{shop.a.id}?utm_source=zalo").get_data(as_text=True)

    assert ("Đánh giá số 0" in second, "Đánh giá số 10" in second) == (True, False)
    assert ("Đánh giá số 0" in first, "Đánh giá số 10" in first) == (False, True)
    assert f'<a href="/products/{shop.a.id}?page=1" rel="prev">' in _stored_part(app, shop.a.id, page=2)
    assert f'<a href="/products/{shop.a.id}?page=2" rel="next">' in _stored_part(app, shop.a.id)


@pytest.mark.parametrize("who", ["buyer", "owner", "staff"])
def test_signed_in_viewers_get_their_own_page_built_afresh(app, client, db, count_queries, who):
    """After an anonymous visit filled the cache, does a buyer who saved the product, its producer and
    staff each get their own page (saved state, edit link, staff's hide form), private and no-store?"""
    shop = make_shop()
    staff = UserFactory(role=Role.STAFF)
    db.session.commit()
    follows.save(shop.buyer, shop.a.id)
    client.get(f"/products/{shop.a.id}")
    anonymous_part = _stored_part(app, shop.a.id)
    viewer = client_for(app, {"buyer": shop.buyer, "owner": shop.owner_a, "staff": staff}[who])
    marks = {"saved": 'data-testid="save-product" aria-pressed="true"', "edit": "Edit this listing",
             "hide": 'data-testid="staff-hide"'}
    expected = {"buyer": {"saved"}, "owner": {"edit"}, "staff": {"edit", "hide"}}[who]  # staff may edit any listing

    g.pop("_login_user", None)
    with count_queries() as queries:
        page = viewer.get(f"/products/{shop.a.id}")

    html = page.get_data(as_text=True)
    assert (page.status_code, page.headers["Cache-Control"], "ETag" in page.headers) == (200, "private, no-store", False)
    assert any("FROM listings" in q for q in queries)  # built afresh
    assert {key for key, text in marks.items() if text in html} == expected
    assert caching.CSRF_SLOT not in html
    assert _stored_part(app, shop.a.id) == anonymous_part  # neither served to them nor replaced by their page
