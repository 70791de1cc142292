"""Many buyers at once: stock is never oversold and a part changes status once, on real PostgreSQL.

Each thread has its own app context and so its own session and connection, as a request has,
and a Barrier starts them together. SQLite serialises writers, so these run on PostgreSQL only.
"""
import threading

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.catalog.models import Listing, Variant
from marketplace.extensions import db as _db
from marketplace.orders import services as orders
from marketplace.orders.models import CartItem, Order, OrderLine, OrderPart, PartEvent, PartStatus
from marketplace.payments import services as payments
from marketplace.payments.models import Refund, RefundStatus
from tests.factories import ListingFactory, ProducerFactory, UserFactory
from tests.order_helpers import ADDRESS, count, fill_cart, make_shop, place

pytestmark = pytest.mark.postgres_only

# Messages name the product in the reader's language (the threads speak English).
SOLD_OUT = "Sorry, Blue glazed vase has just sold out or has fewer left than you asked for."
# A buyer whose checkout starts after the last unit went finds it out of stock when the cart is reviewed.
OUT_OF_STOCK = "Blue glazed vase is out of stock; remove it from your cart."


def _all_at_once(app, n, work):
    """Run ``work(i)`` in ``n`` threads, each in its own app context, started together; returns results in order.

    ``work`` returns ``(prepare, act)``: ``prepare()`` runs before the barrier (loading rows, taking a
    connection), ``act(prepared)`` right after it. An exception from ``act`` is the thread's result.
    """
    start = threading.Barrier(n, timeout=30)
    results = [None] * n

    def run(i):
        with app.app_context(), force_locale("en"):
            prepare, act = work(i)
            prepared = prepare()
            start.wait()
            try:
                results[i] = act(prepared)
            except Exception as exc:  # noqa: BLE001 - the test looks at what each thread got
                results[i] = exc
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.fixture
def racing_app(make_app):
    """An app whose pool gives each of 50 threads its own connection at once (no queueing for the pool)."""
    return make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 52, "max_overflow": 0, "pool_timeout": 60})


def _checkout(user_id):
    def prepare():
        user = _db.session.get(User, user_id)
        return user, orders.cart_for(user)

    def act(prepared):
        user, cart = prepared
        return orders.place_order(user, cart, ADDRESS, "cod", f"race-{user_id}").id

    return prepare, act


def test_fifty_buyers_racing_for_five_units_make_exactly_five_orders(app, db, racing_app):
    """Do 50 simultaneous checkouts of the last 5 units make 5 orders and 45 clear refusals, stock ending at 0?"""
    vase = ListingFactory(producer=ProducerFactory(name="Gốm Minh Long"), title_vi="Bình gốm men lam",
                          title_en="Blue glazed vase", price_vnd=350000, stock=5)
    buyers = [UserFactory() for _ in range(50)]
    for buyer in buyers:
        fill_cart(buyer, (vase, 1))
    ids = [buyer.id for buyer in buyers]  # read here: the threads must not touch this session's objects

    results = _all_at_once(racing_app, 50, lambda i: _checkout(ids[i]))

    placed = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if not isinstance(r, int)]
    assert len(placed) == 5
    assert all(isinstance(r, orders.OrderError) for r in refused), refused
    assert len(refused) == 45
    assert {r.message for r in refused} <= {SOLD_OUT, OUT_OF_STOCK}
    db.session.expire_all()
    assert db.session.get(Listing, vase.id).stock == 0
    assert count(db, Order) == 5
    assert db.session.scalars(select(OrderLine.quantity)).all() == [1] * 5
    assert count(db, CartItem) == 45  # the refused buyers keep their carts
    assert sorted(db.session.scalars(select(Order.buyer_id))) == sorted(
        ids[i] for i, r in enumerate(results) if isinstance(r, int))


def test_buyers_racing_for_one_variant_take_only_its_stock(app, db, racing_app):
    """Do 20 simultaneous checkouts of a variant with 3 left make 3 orders, leaving the other variant's stock alone?"""
    vase = ListingFactory(producer=ProducerFactory(name="Gốm Minh Long"), title_vi="Bình gốm men lam",
                          title_en="Blue glazed vase", price_vnd=350000, stock=5)
    blue = Variant(listing_id=vase.id, name_vi="Men lam", name_en="Blue glaze", price_vnd=350000, stock=3)
    crackle = Variant(listing_id=vase.id, name_vi="Men rạn", name_en="Crackle glaze", price_vnd=380000, stock=2)
    db.session.add_all([blue, crackle])
    db.session.commit()
    buyers = [UserFactory() for _ in range(20)]
    for buyer in buyers:
        fill_cart(buyer, (vase, blue, 1))
    ids = [buyer.id for buyer in buyers]

    results = _all_at_once(racing_app, 20, lambda i: _checkout(ids[i]))

    assert len([r for r in results if isinstance(r, int)]) == 3
    refused = [r for r in results if not isinstance(r, int)]
    assert all(isinstance(r, orders.OrderError) for r in refused), refused
    assert {r.message for r in refused} <= {SOLD_OUT, "Blue glazed vase (Blue glaze) is out of stock; remove it from your cart."}
    db.session.expire_all()
    assert (db.session.get(Variant, blue.id).stock, db.session.get(Variant, crackle.id).stock) == (0, 2)
    assert db.session.get(Listing, vase.id).stock == 2
    assert db.session.scalars(select(OrderLine.variant_id)).all() == [blue.id] * 3


def _cancel(user_id, part_id):
    def prepare():
        return _db.session.get(User, user_id)

    def act(user):
        part, refund = orders.cancel_part(user, part_id, "hủy")
        return part.status, refund.id if refund else None

    return prepare, act


def test_two_simultaneous_cancels_of_a_cod_part_return_its_stock_once(app, db, racing_app):
    """Do the buyer and the producer cancelling one confirmed part at the same moment give its stock back once?"""
    shop = make_shop()
    order = place(shop.buyer, (shop.a, 2), (shop.b, 1), method="cod")
    vases = next(p for p in order.parts if p.producer_id == shop.a.producer_id)
    people, part_id = [shop.buyer.id, shop.owner_a.id], vases.id

    results = _all_at_once(racing_app, 2, lambda i: _cancel(people[i], part_id))

    assert [r for r in results if isinstance(r, tuple)] == [(PartStatus.CANCELLED, None)]
    assert [type(r) for r in results if not isinstance(r, tuple)] == [orders.StateConflict]
    db.session.expire_all()
    assert db.session.get(Listing, shop.a.id).stock == 10
    assert db.session.get(OrderPart, vases.id).status == PartStatus.CANCELLED
    assert count(db, PartEvent, PartEvent.part_id == vases.id, PartEvent.to_status == PartStatus.CANCELLED) == 1


def test_two_simultaneous_cancels_of_a_card_paid_part_refund_it_once(make_app, racing_app, stripe):
    """Do two cancels of one card-paid part at the same moment make one Stripe refund and return the stock once?"""
    card_app = make_app(**stripe.config)
    racing_app.config.update(stripe.config)
    with card_app.app_context():
        shop = make_shop()
        order = place(shop.buyer, (shop.a, 2), (shop.b, 1), method="card", card_enabled=True)
        payments.pay_by_card(shop.buyer, order.id, "pm_card_visa")
        scarf_id = next(p.id for p in order.parts if p.producer_id == shop.b.producer_id)
        people = [shop.buyer.id, shop.owner_b.id]
        listing_id = shop.b.id

    results = _all_at_once(racing_app, 2, lambda i: _cancel(people[i], scarf_id))

    done = [r for r in results if isinstance(r, tuple)]
    assert [status for status, _ in done] == [PartStatus.REFUNDED]
    assert [type(r) for r in results if not isinstance(r, tuple)] == [orders.StateConflict]
    [stripe_refund] = stripe.client().v1.refunds.list().data
    assert stripe_refund.amount == 450000
    with card_app.app_context():
        [refund] = _db.session.scalars(select(Refund)).all()
        assert (refund.id, refund.amount_vnd, refund.status, refund.provider_ref) == (
            done[0][1], 450000, RefundStatus.SUCCEEDED, stripe_refund.id)
        assert _db.session.get(Listing, listing_id).stock == 3
        assert count(_db, PartEvent, PartEvent.part_id == scarf_id, PartEvent.to_status == PartStatus.REFUNDED) == 1
