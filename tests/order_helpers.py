"""Helpers shared by the order and payment tests: a shop to buy from, a cart, an order placed.

Each helper calls the real services (or the real HTTP routes) and commits, like the factories.
"""
import json
import time
from dataclasses import dataclass

from flask import g
from sqlalchemy import func, select

from marketplace.orders import services as orders
from tests.factories import ListingFactory, ProducerFactory, UserFactory
from tests.stripe_helpers import sign_payload

ADDRESS = {
    "recipient_name": "Nguyễn Thị Lan", "phone": "0912 345 678", "province": "Hà Nội",
    "district": "Gia Lâm", "ward": "Bát Tràng", "street": "Số 5, xóm 3", "note": "Gọi trước khi giao",
}
SHIPPING_VND = 30000  # SHIPPING_FEE_VND: each producer's part ships on its own


@dataclass
class Shop:
    """Two producers (each with an owner) with one listing each, and a buyer."""

    buyer: object
    owner_a: object
    owner_b: object
    a: object  # Bình gốm men lam, 350.000 ₫, 10 in stock
    b: object  # Khăn lụa tơ tằm, 420.000 ₫, 3 in stock


def make_shop(buyer_locale="en", owner_a_locale="vi", owner_b_locale="en"):
    owner_a = UserFactory(role="producer", email="minhlong@example.vn", locale=owner_a_locale)
    owner_b = UserFactory(role="producer", email="vanphuc@example.vn", locale=owner_b_locale)
    a = ListingFactory(producer=ProducerFactory(owner=owner_a, name="Gốm Minh Long"), title_vi="Bình gốm men lam",
                       title_en="Blue glazed vase", price_vnd=350000, stock=10)
    b = ListingFactory(producer=ProducerFactory(owner=owner_b, name="Lụa Vạn Phúc"), title_vi="Khăn lụa tơ tằm",
                       title_en="Silk scarf", price_vnd=420000, stock=3)
    buyer = UserFactory(email="lan@example.vn", locale=buyer_locale)
    return Shop(buyer=buyer, owner_a=owner_a, owner_b=owner_b, a=a, b=b)


def fill_cart(user, *lines):
    """Put ``(listing, quantity)`` or ``(listing, variant, quantity)`` lines in the user's cart; returns the cart."""
    cart = None
    for line in lines:
        listing, variant, quantity = line if len(line) == 3 else (line[0], None, line[1])
        cart = orders.add_to_cart(user, None, listing.id, variant.id if variant is not None else None, quantity)
    return cart


def place(user, *lines, method="cod", card_enabled=False, token=None):
    """Fill the user's cart with ``lines`` and check it out with ``method``; returns the Order."""
    cart = fill_cart(user, *lines)
    return orders.place_order(user, cart, ADDRESS, method, token or orders.new_checkout_token(),
                              card_enabled=card_enabled)


def client_for(app, user, lang="en"):
    """A fresh test client of ``app`` logged in as ``user`` (one per person: sessions never mix)."""
    g.pop("_login_user", None)  # the test's app context caches the last user Flask-Login loaded
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["lang"] = lang
    return client


def checkout_over_http(client, *lines, method="cod", token="tok-1"):
    """Add ``(listing, quantity)`` lines through /cart/add and POST /checkout; returns the checkout response."""
    for listing, quantity in lines:
        client.post("/cart/add", data={"listing_id": listing.id, "quantity": str(quantity)})
    return client.post("/checkout", data={**ADDRESS, "payment_method": method, "checkout_token": token})


def count(db, model, *where):
    """Rows of ``model`` matching ``where``, counted in the database (not the session)."""
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def stripe_event(event_type, obj, event_id=None):
    """A Stripe event body (bytes) around ``obj``, the data.object (e.g. ``intent.to_dict()``)."""
    event = {"id": event_id or f"evt_{obj['id']}_{event_type.rsplit('.', 1)[-1]}", "object": "event",
             "type": event_type, "created": int(time.time()), "livemode": False, "api_version": "2024-06-20",
             "data": {"object": obj}}
    return json.dumps(event).encode()


def post_webhook(client, body, secret, timestamp=None):
    """POST ``body`` to /webhooks/stripe signed with ``secret`` (as Stripe does)."""
    return client.post("/webhooks/stripe", data=body, content_type="application/json",
                       headers={"Stripe-Signature": sign_payload(body, secret, timestamp)})
