"""Cart, checkout, stock reservation, the part state machine and who may see and do what."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from marketplace.catalog.models import Listing, Variant, WholesaleTier
from marketplace.core.errors import NotFound
from marketplace.core.time import utcnow
from marketplace.notifications.models import Notification, OutboxMessage
from marketplace.orders import services as orders
from marketplace.orders.models import Cart, CartItem, Order, OrderPart, PartEvent, PartStatus, PayoutStatus
from marketplace.payments.models import Payment
from tests.factories import ListingFactory, ProducerFactory, UserFactory

ADDRESS = {
    "recipient_name": "Nguyễn Thị Lan", "phone": "0912 345 678", "province": "Hà Nội",
    "district": "Gia Lâm", "ward": "Bát Tràng", "street": "Số 5, xóm 3", "note": "Gọi trước khi giao",
}


def _checkout(client, method="cod", token="tok-1", **changes):
    return client.post("/checkout", data={**ADDRESS, "payment_method": method, "checkout_token": token, **changes})


@pytest.fixture
def shop(db):
    """Two producers in two villages, each with an owner and a listing; a buyer."""
    owner_a, owner_b = UserFactory(role="producer", locale="vi"), UserFactory(role="producer", locale="en")
    a = ListingFactory(producer=ProducerFactory(owner=owner_a, name="Gốm Minh Long"), title_vi="Bình gốm men lam",
                       title_en="Blue-glaze vase", price_vnd=350000, stock=10)
    b = ListingFactory(producer=ProducerFactory(owner=owner_b, name="Lụa Vạn Phúc"), title_vi="Khăn lụa tơ tằm",
                       title_en="Mulberry silk scarf", price_vnd=420000, stock=3)
    buyer = UserFactory(email="lan@example.vn", locale="en")
    return type("Shop", (), {"a": a, "b": b, "owner_a": owner_a, "owner_b": owner_b, "buyer": buyer})


def _order_of(db, buyer):
    return db.session.scalars(select(Order).where(Order.buyer_id == buyer.id).order_by(Order.id.desc())).first()


def test_a_buyer_orders_from_two_producers_in_one_checkout(shop, login, db):
    """Does one checkout make one order with one part per producer, exact totals, and stock taken?"""
    client = login(shop.buyer)
    client.post("/cart/add", data={"listing_id": shop.a.id, "quantity": "2"})
    client.post("/cart/add", data={"listing_id": shop.b.id, "quantity": "1"})

    response = _checkout(client)

    order = _order_of(db, shop.buyer)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/orders/{order.id}"
    assert order.total_vnd == 2 * 350000 + 420000 + 2 * 30000
    assert order.phone == "0912345678" and order.province == "Hà Nội"
    parts = {part.producer_id: part for part in order.parts}
    part_a, part_b = parts[shop.a.producer_id], parts[shop.b.producer_id]
    assert (part_a.status, part_a.goods_vnd, part_a.shipping_vnd) == (PartStatus.CONFIRMED, 700000, 30000)
    assert (part_a.commission_vnd, part_a.net_vnd) == (56000, 674000)  # 8 % of the goods; shipping is the producer's
    assert (part_b.goods_vnd, part_b.commission_vnd, part_b.net_vnd) == (420000, 33600, 416400)
    assert [(line.title_vi, line.quantity, line.unit_price_vnd) for line in part_a.lines] == [("Bình gốm men lam", 2, 350000)]
    db.session.expire_all()
    assert (db.session.get(Listing, shop.a.id).stock, db.session.get(Listing, shop.b.id).stock) == (8, 2)
    assert db.session.scalar(select(func.count()).select_from(CartItem)) == 0
    page = client.get(f"/orders/{order.id}").get_data(as_text=True)
    assert "Gốm Minh Long" in page and "Lụa Vạn Phúc" in page and "₫1,180,000" in page


def test_placing_an_order_tells_the_buyer_and_each_producer_in_their_language(shop, login, db):
    """Does placing an order write a receipt for the buyer and a note per producer, each in its language?"""
    client = login(shop.buyer)
    client.post("/cart/add", data={"listing_id": shop.a.id, "quantity": "1"})
    client.post("/cart/add", data={"listing_id": shop.b.id, "quantity": "1"})

    _checkout(client)

    order = _order_of(db, shop.buyer)
    mailed = {m.to_email: m.subject for m in db.session.scalars(select(OutboxMessage))}
    assert mailed == {
        shop.buyer.email: f"Order {order.reference} received",
        shop.owner_a.email: f"Đơn hàng mới {order.reference}-{shop.a.producer_id}",
        shop.owner_b.email: f"New order {order.reference}-{shop.b.producer_id}",
    }
    told = {n.user_id: n.message_key for n in db.session.scalars(select(Notification))}
    assert told == {shop.buyer.id: "orders.placed", shop.owner_a.id: "orders.new_cod", shop.owner_b.id: "orders.new_cod"}


def test_a_double_clicked_place_order_makes_one_order(shop, login, db):
    """Does submitting the same checkout form twice make one order and take stock once?"""
    client = login(shop.buyer)
    client.post("/cart/add", data={"listing_id": shop.a.id, "quantity": "1"})

    first, second = _checkout(client, token="same"), _checkout(client, token="same")

    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(Order)) == 1
    db.session.expire_all()
    assert db.session.get(Listing, shop.a.id).stock == 9


def test_the_cart_works_before_login_and_merges_into_the_account(shop, client, db):
    """Does a visitor's cart come along when they log in, adding to what their account already held?"""
    db.session.add(Cart(user_id=shop.buyer.id, items=[CartItem(listing_id=shop.a.id, variant_key=0, quantity=1,
                                                                seen_unit_price_vnd=350000)]))
    db.session.commit()
    client.post("/cart/add", data={"listing_id": shop.a.id, "quantity": "2"})
    client.post("/cart/add", data={"listing_id": shop.b.id, "quantity": "1"})
    assert "840.000" not in client.get("/cart").get_data(as_text=True)  # anonymous cart: 2 × 350.000 + 420.000 + shipping

    response = client.post("/login", data={"email": "lan@example.vn", "password": "correct horse battery"})

    assert response.status_code == 302
    cart = orders.cart_for(shop.buyer)
    assert sorted((item.listing_id, item.quantity) for item in cart.items) == sorted([(shop.a.id, 3), (shop.b.id, 1)])
    assert db.session.scalar(select(func.count()).select_from(Cart)) == 1


@pytest.mark.parametrize("quantity, message", [
    ("4", "Only 3 left in stock."),
    ("0", "The quantity must be between 1 and 100,000."),
    ("abc", "Give the quantity as a whole number."),
])
def test_adding_more_than_the_stock_or_a_bad_quantity_is_refused(shop, login, db, quantity, message):
    """Is a quantity above the stock, zero or not a number refused with a clear message, the cart unchanged?"""
    client = login(shop.buyer)

    response = client.post("/cart/add", data={"listing_id": shop.b.id, "quantity": quantity}, follow_redirects=True)

    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(CartItem)) == 0


def test_a_listing_with_variants_needs_a_variant_and_takes_its_stock(shop, login, db):
    """Must a buyer choose a variant, and does ordering it take the variant's stock and the listing's?"""
    listing = ListingFactory(producer=shop.a.producer, price_vnd=500000, stock=7)
    red = Variant(listing_id=listing.id, name_vi="Đỏ", name_en="Red", price_vnd=520000, stock=2)
    blue = Variant(listing_id=listing.id, name_vi="Xanh", name_en="Blue", price_vnd=500000, stock=5)
    db.session.add_all([red, blue])
    db.session.commit()
    client = login(shop.buyer)

    refused = client.post("/cart/add", data={"listing_id": listing.id, "quantity": "1"}, follow_redirects=True)
    too_many = client.post("/cart/add", data={"listing_id": listing.id, "variant_id": red.id, "quantity": "3"},
                           follow_redirects=True)
    client.post("/cart/add", data={"listing_id": listing.id, "variant_id": red.id, "quantity": "2"})
    _checkout(client)

    assert "Choose one of the product&#39;s options." in refused.get_data(as_text=True)
    assert "Only 2 left in stock." in too_many.get_data(as_text=True)
    order = _order_of(db, shop.buyer)
    assert order.total_vnd == 2 * 520000 + 30000
    db.session.expire_all()
    assert (db.session.get(Variant, red.id).stock, db.session.get(Variant, blue.id).stock) == (0, 5)
    assert db.session.get(Listing, listing.id).stock == 5


def test_wholesale_tiers_price_the_line_and_moq_is_enforced(shop, login, db):
    """Is the tier price charged from its quantity on, and a quantity below the MOQ refused at checkout?"""
    listing = ListingFactory(producer=shop.a.producer, price_vnd=100000, stock=100, moq=5)
    db.session.add(WholesaleTier(listing_id=listing.id, min_qty=20, unit_price_vnd=80000))
    db.session.commit()
    client = login(shop.buyer)
    client.post("/cart/add", data={"listing_id": listing.id, "quantity": "3"})

    below = _checkout(client, token="t1")
    item = orders.cart_for(shop.buyer).items[0]
    client.post(f"/cart/items/{item.id}", data={"quantity": "20"})
    placed = _checkout(client, token="t2")

    assert below.status_code == 400
    assert "is sold from 5 at a time (minimum order quantity)." in below.get_data(as_text=True)
    assert placed.status_code == 303
    assert _order_of(db, shop.buyer).total_vnd == 20 * 80000 + 30000


def test_a_price_change_is_shown_before_the_buyer_is_charged(shop, login, db):
    """If the price changes after the product went into the cart, does checkout stop and say so, until accepted?"""
    client = login(shop.buyer)
    client.post("/cart/add", data={"listing_id": shop.a.id, "quantity": "1"})
    shop.a.price_vnd = 390000
    db.session.commit()

    refused = _checkout(client, token="t1")
    client.post("/cart/accept-prices")
    placed = _checkout(client, token="t2")

    assert refused.status_code == 400
    assert "changed from ₫350,000 to ₫390,000" in refused.get_data(as_text=True)
    assert placed.status_code == 303
    assert _order_of(db, shop.buyer).total_vnd == 390000 + 30000


def test_stock_sold_meanwhile_is_refused_and_nothing_is_reserved(shop, login, db):
    """If another buyer took the last units meanwhile, is the whole checkout refused with no stock taken?"""
    client = login(shop.buyer)
    client.post("/cart/add", data={"listing_id": shop.a.id, "quantity": "2"})
    client.post("/cart/add", data={"listing_id": shop.b.id, "quantity": "3"})
    shop.b.stock = 1
    db.session.commit()

    response = _checkout(client)

    assert response.status_code == 400
    assert "Only 1 of Mulberry silk scarf left in stock; lower the quantity." in response.get_data(as_text=True)
    db.session.expire_all()
    assert (db.session.get(Listing, shop.a.id).stock, db.session.get(Listing, shop.b.id).stock) == (10, 1)
    assert db.session.scalar(select(func.count()).select_from(Order)) == 0


def test_reserve_refuses_when_stock_changes_under_the_check(shop, app, db, english):
    """Does the conditional update refuse an order whose stock vanished after the cart was reviewed?"""
    cart = orders.add_to_cart(shop.buyer, None, shop.b.id, None, 3)
    db.session.execute(Listing.__table__.update().where(Listing.id == shop.b.id).values(stock=2))
    db.session.commit()
    # As if another checkout committed between this one's review and its reservation.
    with pytest.raises(orders.OrderError) as refused:
        orders.reserve([(shop.b.id, None, 3, cart.items[0])])

    assert refused.value.message == "Sorry, Mulberry silk scarf has just sold out or has fewer left than you asked for."
    db.session.expire_all()
    assert db.session.get(Listing, shop.b.id).stock == 2


@pytest.mark.parametrize("field, value, message", [
    ("phone", "12345", "Give a Vietnamese phone number, e.g. 0912 345 678."),
    ("province", "Paris", "Choose the province or city."),
    ("street", " ", "Give the house number and street."),
    ("recipient_name", "", "Give the name of the person who receives the parcel."),
    ("district", "", "Give the ward or commune."),
    ("payment_method", "card", "Choose how you will pay."),  # no Stripe keys here
])
def test_a_bad_address_or_payment_method_is_refused_and_nothing_is_ordered(shop, login, db, field, value, message):
    """Is each bad checkout field refused with its message, leaving stock and cart as they were?"""
    client = login(shop.buyer)
    client.post("/cart/add", data={"listing_id": shop.a.id, "quantity": "1"})

    response = _checkout(client, **{field: value})

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Order)) == 0
    assert db.session.scalar(select(func.count()).select_from(CartItem)) == 1
    db.session.expire_all()
    assert db.session.get(Listing, shop.a.id).stock == 10


def test_checkout_needs_login_and_an_empty_cart_goes_back_to_the_cart(shop, client, login):
    """Is a visitor sent to log in, and a buyer with an empty cart sent back to it?"""
    assert client.get("/checkout").status_code == 302
    assert "/login" in client.get("/checkout").headers["Location"]

    response = login(shop.buyer).get("/checkout")

    assert response.headers["Location"] == "/cart"


def _place(shop, db, method="cod"):
    cart = orders.add_to_cart(shop.buyer, None, shop.a.id, None, 2)
    orders.add_to_cart(shop.buyer, None, shop.b.id, None, 1)
    return orders.place_order(shop.buyer, cart, ADDRESS, method, orders.new_checkout_token())


def test_a_cod_part_goes_from_confirmed_to_shipped_to_delivered_and_paid(shop, db, english):
    """Does a COD part ship with its tracking number, then, once the buyer confirms receipt (having paid the
    carrier), become paid and due, with the producer told?"""
    order = _place(shop, db)
    part = next(p for p in order.parts if p.producer_id == shop.a.producer_id)

    orders.ship_part(shop.owner_a, part.id, "Viettel Post", "VTP 1234 5678")
    db.session.expire_all()
    assert db.session.get(OrderPart, part.id).payout_status == PayoutStatus.NOT_DUE  # shipped is not due yet
    orders.confirm_receipt(shop.buyer, part.id)

    db.session.expire_all()
    part = db.session.get(OrderPart, part.id)
    assert (part.status, part.carrier, part.tracking_number) == (PartStatus.DELIVERED, "Viettel Post", "VTP12345678")
    assert part.paid_at is not None and part.payout_status == PayoutStatus.DUE
    assert [(e.from_status, e.to_status, e.actor_id) for e in part.events] == [
        ("", "confirmed", shop.buyer.id), ("confirmed", "shipped", shop.owner_a.id), ("shipped", "delivered", shop.buyer.id)]
    cash = db.session.scalars(select(Payment).where(Payment.order_id == order.id)).all()
    assert [(p.method, p.amount_vnd, p.status) for p in cash] == [("cod", 730000, "succeeded")]
    told = db.session.scalars(select(Notification).where(Notification.user_id == shop.owner_a.id)
                              .order_by(Notification.id.desc())).first()
    assert (told.message_key, told.params["amount"]) == ("orders.received_producer", {"vnd": 674000})


def test_only_the_buyer_confirms_receipt_and_only_of_a_shipped_part(shop, db, english):
    """Is confirming receipt refused to the producer and another buyer (404) and before shipping (409),
    with nothing changed?"""
    order = _place(shop, db)
    part = next(p for p in order.parts if p.producer_id == shop.a.producer_id)
    stranger = UserFactory()

    with pytest.raises(orders.StateConflict) as early:
        orders.confirm_receipt(shop.buyer, part.id)
    orders.ship_part(shop.owner_a, part.id, "GHN", "GHN123456")
    for user in (shop.owner_a, stranger):
        with pytest.raises(NotFound):
            orders.confirm_receipt(user, part.id)

    db.session.expire_all()
    assert early.value.status_code == 409
    assert (db.session.get(OrderPart, part.id).status, db.session.get(OrderPart, part.id).payout_status) == (
        PartStatus.SHIPPED, PayoutStatus.NOT_DUE)


def test_a_part_counts_as_delivered_days_after_shipping(shop, db, app, english):
    """Does the beat sweep deliver a part shipped AUTO_DELIVERED_AFTER_DAYS ago (making it due and telling the
    buyer), leave a newer one shipped, and find nothing the second time?"""
    order = _place(shop, db)
    old, new = sorted(order.parts, key=lambda p: p.producer_id != shop.a.producer_id)
    orders.ship_part(shop.owner_a, old.id, "GHN", "GHN123456")
    orders.ship_part(shop.owner_b, new.id, "GHN", "GHN654321")
    days = app.config["AUTO_DELIVERED_AFTER_DAYS"]
    db.session.execute(update(OrderPart).where(OrderPart.id == old.id)
                       .values(shipped_at=utcnow() - timedelta(days=days, minutes=1)))
    db.session.commit()

    assert orders.auto_deliver() == 1
    assert orders.auto_deliver() == 0

    db.session.expire_all()
    old, new = db.session.get(OrderPart, old.id), db.session.get(OrderPart, new.id)
    assert (old.status, old.payout_status) == (PartStatus.DELIVERED, PayoutStatus.DUE)
    assert (new.status, new.payout_status) == (PartStatus.SHIPPED, PayoutStatus.NOT_DUE)
    assert (old.events[-1].actor_id, old.events[-1].note) == (None, "orders.auto_delivered")
    told = db.session.scalars(select(Notification).where(Notification.user_id == shop.buyer.id)
                              .order_by(Notification.id.desc())).first()
    assert told.message_key == "orders.delivered"


def test_the_buyer_confirms_receipt_on_the_order_page(shop, login, db):
    """Does the order page offer "I received this parcel" for a shipped part, and does pressing it deliver it?"""
    order = _place(shop, db)
    part = next(p for p in order.parts if p.producer_id == shop.a.producer_id)
    orders.ship_part(shop.owner_a, part.id, "GHN", "GHN123456")
    client = login(shop.buyer)

    page = client.get(f"/orders/{order.id}").get_data(as_text=True)
    response = client.post(f"/orders/{order.id}/parts/{part.id}/received")
    again = client.post(f"/orders/{order.id}/parts/{part.id}/received", follow_redirects=True)

    assert "I received this parcel and paid ₫730,000" in page
    assert response.status_code == 303
    assert "This part of the order is delivered and cannot be changed that way." in again.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(OrderPart, part.id).status == PartStatus.DELIVERED


def test_a_delivered_part_cannot_be_shipped_or_cancelled_again(shop, db, english):
    """Are moves the state machine does not allow refused with 409 and no history written?"""
    order = _place(shop, db)
    part = next(p for p in order.parts if p.producer_id == shop.a.producer_id)
    orders.ship_part(shop.owner_a, part.id, "GHN", "GHN123456")

    with pytest.raises(orders.StateConflict) as again:
        orders.ship_part(shop.owner_a, part.id, "GHN", "GHN999999")
    with pytest.raises(orders.StateConflict) as cancel:
        orders.cancel_part(shop.buyer, part.id)

    assert again.value.status_code == 409
    assert again.value.message == "This part of the order is shipped and cannot be changed that way."
    assert cancel.value.message == "This part has already been shipped and can no longer be cancelled."
    assert db.session.scalar(select(func.count()).select_from(PartEvent).where(PartEvent.part_id == part.id)) == 2


def test_the_transitions_are_written_in_one_place():
    """Does every status have its allowed moves listed, and do final states allow none?"""
    assert set(PartStatus.TRANSITIONS) == set(PartStatus.ALL)
    assert [s for s, moves in PartStatus.TRANSITIONS.items() if not moves] == ["delivered", "cancelled", "refunded"]


def test_cancelling_an_unpaid_part_returns_its_stock_once(shop, db, english):
    """Does cancelling a part give its stock back, and does a second cancel change nothing?"""
    order = _place(shop, db, method="bank_transfer")
    part = next(p for p in order.parts if p.producer_id == shop.b.producer_id)

    orders.cancel_part(shop.buyer, part.id, "changed my mind")
    with pytest.raises(orders.StateConflict):
        orders.cancel_part(shop.buyer, part.id, "again")

    db.session.expire_all()
    assert db.session.get(Listing, shop.b.id).stock == 3
    assert db.session.get(OrderPart, part.id).status == PartStatus.CANCELLED
    assert db.session.get(Order, order.id).total_vnd == 2 * 350000 + 30000  # the rest still to pay


def test_unpaid_reservations_expire_and_give_their_stock_back(shop, db, english):
    """Does expiry release a transfer order whose reservation ran out, leaving fresh and COD orders alone?"""
    stale = _place(shop, db, method="bank_transfer")
    stale.reserved_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    fresh_cart = orders.add_to_cart(shop.buyer, None, shop.a.id, None, 1)
    fresh = orders.place_order(shop.buyer, fresh_cart, ADDRESS, "bank_transfer", "fresh")
    cod_cart = orders.add_to_cart(shop.buyer, None, shop.a.id, None, 1)
    orders.place_order(shop.buyer, cod_cart, ADDRESS, "cod", "cod")

    released = orders.expire_reservations()

    db.session.expire_all()
    assert released == 1
    assert {p.status for p in db.session.get(Order, stale.id).parts} == {PartStatus.CANCELLED}
    assert {p.status for p in db.session.get(Order, fresh.id).parts} == {PartStatus.AWAITING_PAYMENT}
    assert (db.session.get(Listing, shop.a.id).stock, db.session.get(Listing, shop.b.id).stock) == (8, 3)
    assert orders.expire_reservations() == 0


def test_others_cannot_see_or_act_on_an_order(shop, login, db):
    """Do another buyer and another producer get 404 on an order and its parts, with nothing changed?"""
    order = _place(shop, db)
    part_a = next(p for p in order.parts if p.producer_id == shop.a.producer_id)
    part_b = next(p for p in order.parts if p.producer_id == shop.b.producer_id)
    stranger = UserFactory()

    client = login(stranger)
    assert client.get(f"/orders/{order.id}").status_code == 404
    assert client.post(f"/orders/{order.id}/parts/{part_a.id}/cancel").status_code == 404
    client = login(shop.owner_b)
    assert client.get(f"/dashboard/producer/orders/{part_a.id}").status_code == 404
    assert client.post(f"/dashboard/producer/orders/{part_a.id}/ship",
                       data={"carrier": "GHN", "tracking_number": "GHN123456"}).status_code == 404
    assert client.get(f"/dashboard/producer/{shop.a.producer_id}/orders").status_code == 404
    assert client.get(f"/dashboard/producer/orders/{part_b.id}").status_code == 200
    assert client.get(f"/orders/{order.id}").status_code == 404

    db.session.expire_all()
    assert db.session.get(OrderPart, part_a.id).status == PartStatus.CONFIRMED
    assert db.session.scalar(select(func.count()).select_from(PartEvent)) == 2


def test_a_producer_sees_only_its_own_parts_in_its_queue(shop, login, db):
    """Does the producer's queue list its part of the order and not the other producer's?"""
    order = _place(shop, db)

    page = login(shop.owner_a).get(f"/dashboard/producer/{shop.a.producer_id}/orders").get_data(as_text=True)

    assert f"{order.reference}-{shop.a.producer_id}" in page
    assert f"{order.reference}-{shop.b.producer_id}" not in page
    assert "Blue-glaze vase" in page and "Mulberry silk scarf" not in page


def test_the_producer_ships_over_http_and_the_buyer_sees_it(shop, login, db):
    """Does a shipment recorded by the producer show on the buyer's order page with its tracking number?"""
    order = _place(shop, db)
    part = next(p for p in order.parts if p.producer_id == shop.a.producer_id)

    bad = login(shop.owner_a).post(f"/dashboard/producer/orders/{part.id}/ship", data={"carrier": "", "tracking_number": "x"})
    shipped = login(shop.owner_a).post(f"/dashboard/producer/orders/{part.id}/ship",
                                       data={"carrier": "Viettel Post", "tracking_number": "VTP123456"})
    page = login(shop.buyer).get(f"/orders/{order.id}").get_data(as_text=True)

    assert bad.status_code == 400 and "Choose the carrier: Viettel Post, GHN, GHTK, VNPost or J&amp;T Express." in bad.get_data(as_text=True)
    assert shipped.status_code == 303
    assert "Shipped with Viettel Post, tracking number VTP123456." in page


def test_the_buyer_lists_only_their_own_orders(shop, login, db):
    """Does /orders list the buyer's orders and not another buyer's?"""
    mine = _place(shop, db)
    other = UserFactory()
    cart = orders.add_to_cart(other, None, shop.a.id, None, 1)
    theirs = orders.place_order(other, cart, ADDRESS, "cod", "other")

    page = login(shop.buyer).get("/orders").get_data(as_text=True)

    assert mine.reference in page and theirs.reference not in page
