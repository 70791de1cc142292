"""Card payments through Stripe (localstripe, the fake Stripe server): paying, declines, 3-D Secure, refunds.

The SDK is imported as ``stripe_sdk`` because ``stripe`` is the fixture.
"""
from urllib.parse import urlsplit

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from marketplace.catalog.models import Listing
from marketplace.orders import services as orders
from marketplace.orders.models import CartItem, Order, OrderPart, PartEvent, PartStatus
from marketplace.payments import services as payments
from marketplace.payments.models import Payment, PaymentStatus, Refund, RefundStatus
from tests.factories import UserFactory
from tests.order_helpers import checkout_over_http, client_for, count, make_shop, place

JSON = {"Accept": "application/json"}
TOTAL = 2 * 350000 + 30000 + 420000 + 30000  # two vases and a scarf, from two producers: 1.180.000 ₫


@pytest.fixture
def card_app(make_app, stripe):
    """The app with card payments on, talking to localstripe; its context is pushed for the test.

    (Not the ``app`` fixture, nor ``english`` which needs it: that would push a second app without Stripe.)
    """
    app = make_app(**stripe.config)
    with app.app_context():
        yield app


@pytest.fixture
def db(card_app):
    from marketplace.extensions import db

    return db


@pytest.fixture
def shop(db):
    return make_shop()


def _card_order(shop):
    """Two vases from producer A and a scarf from producer B, to be paid by card."""
    return place(shop.buyer, (shop.a, 2), (shop.b, 1), method="card", card_enabled=True)


def _stocks(db, shop):
    db.session.expire_all()
    return db.session.get(Listing, shop.a.id).stock, db.session.get(Listing, shop.b.id).stock


def test_a_card_order_is_paid_over_http_with_one_intent_for_the_exact_total(card_app, db, shop, stripe):
    """Does checkout by card lead to the pay page, and paying there charge the exact VND total once?"""
    client = client_for(card_app, shop.buyer)

    checkout = checkout_over_http(client, (shop.a, 2), (shop.b, 1), method="card")
    paid = client.post("/orders/1/pay", data={"payment_method_id": "pm_card_visa"}, headers=JSON)

    assert (checkout.status_code, checkout.headers["Location"]) == (303, "/orders/1/pay")
    assert (paid.status_code, paid.get_json()) == (200, {"status": "succeeded", "client_secret": "",
                                                         "redirect": "/orders/1"})
    [intent] = stripe.client().v1.payment_intents.list().data
    assert (intent.amount, intent.currency, intent.status) == (TOTAL, "vnd", "succeeded")
    assert intent.metadata.to_dict() == {"order_id": "1", "order_reference": "LN000001"}
    db.session.expire_all()
    order = db.session.get(Order, 1)
    assert (order.total_vnd, order.status, order.reserved_until) == (TOTAL, PartStatus.PAID, None)
    assert order.paid_at is not None and all(part.paid_at == order.paid_at for part in order.parts)
    [payment] = db.session.scalars(select(Payment)).all()
    assert (payment.method, payment.amount_vnd, payment.status, payment.provider_ref) == (
        "card", TOTAL, PaymentStatus.SUCCEEDED, intent.id)
    assert [(e.from_status, e.to_status) for e in order.parts[0].events] == [("", "awaiting_payment"),
                                                                            ("awaiting_payment", "paid")]
    assert _stocks(db, shop) == (8, 2)


def test_paying_again_after_success_charges_nothing_more(card_app, db, shop, stripe):
    """Does a second "Pay" (double click, back button) on a paid order go to the order, with no second charge?"""
    order = _card_order(shop)
    client = client_for(card_app, shop.buyer)
    client.post(f"/orders/{order.id}/pay", data={"payment_method_id": "pm_card_visa"}, headers=JSON)

    again = client.post(f"/orders/{order.id}/pay", data={"payment_method_id": "pm_card_visa"}, headers=JSON)

    assert (again.status_code, again.headers["Location"]) == (302, f"/orders/{order.id}")
    assert len(stripe.client().v1.payment_intents.list().data) == 1
    assert count(db, Payment) == 1
    assert count(db, PartEvent, PartEvent.to_status == PartStatus.PAID) == 2


def test_a_declined_card_cancels_the_order_and_puts_its_products_back_in_the_cart(card_app, db, shop, stripe):
    """Is a declined card answered 402, the order released, the stock returned and the cart refilled?"""
    order = _card_order(shop)
    client = client_for(card_app, shop.buyer)

    declined = client.post(f"/orders/{order.id}/pay", data={"payment_method_id": "pm_card_chargeCustomerFail"},
                           headers=JSON)

    body = declined.get_json()
    assert (declined.status_code, body["status"]) == (402, "error")
    assert body["message"] == ("Your card was declined (Your card was declined.). Your order was cancelled and "
                               "its products are back in your cart.")
    assert urlsplit(body["redirect"]).path == "/cart"  # url_for adds a stray ?order_id=, harmless
    db.session.expire_all()
    order = db.session.get(Order, order.id)
    assert ([p.status for p in order.parts], order.reserved_until, order.paid_at) == (
        [PartStatus.CANCELLED, PartStatus.CANCELLED], None, None)
    assert {p.cancel_reason for p in order.parts} == {"orders.card_failed"}
    [payment] = db.session.scalars(select(Payment)).all()
    assert (payment.status, payment.amount_vnd, payment.failure_message) == (
        PaymentStatus.FAILED, TOTAL, "Your card was declined.")
    assert _stocks(db, shop) == (10, 3)
    cart = orders.cart_for(shop.buyer)
    assert sorted((i.listing_id, i.quantity, i.seen_unit_price_vnd) for i in cart.items) == [
        (shop.a.id, 2, 350000), (shop.b.id, 1, 420000)]


def test_three_d_secure_is_finished_on_the_page_and_the_return_pays_the_order(card_app, db, shop, stripe):
    """Does a card needing 3-D Secure answer requires_action, and the return from Stripe mark the order paid?"""
    order = _card_order(shop)
    client = client_for(card_app, shop.buyer)
    card = stripe.client().v1.payment_methods.create(params={
        "type": "card", "card": {"number": "4000002500003155", "exp_month": 12, "exp_year": 2030, "cvc": "123"}})

    started = client.post(f"/orders/{order.id}/pay", data={"payment_method_id": card.id}, headers=JSON)

    body = started.get_json()
    assert (started.status_code, body["status"], body["redirect"]) == (200, "requires_action", f"/orders/{order.id}")
    [intent] = stripe.client().v1.payment_intents.list().data
    assert body["client_secret"] == intent.client_secret
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == PartStatus.AWAITING_PAYMENT
    # What Stripe.js does on the page when the buyer approves in their bank's window:
    stripe.request("POST", f"/v1/payment_intents/{intent.id}/_authenticate",
                   {"client_secret": intent.client_secret, "success": True, "key": stripe.publishable_key})

    back = client.get(f"/orders/{order.id}?payment_intent={intent.id}")

    assert back.status_code == 200
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == PartStatus.PAID
    assert db.session.scalars(select(Payment.status)).all() == [PaymentStatus.SUCCEEDED]


def test_cancelling_a_paid_part_refunds_its_gross_through_stripe(card_app, db, shop, stripe):
    """Does cancelling one paid part refund exactly that part's goods and shipping, and leave the other paid?"""
    order = _card_order(shop)
    client = client_for(card_app, shop.buyer)
    client.post(f"/orders/{order.id}/pay", data={"payment_method_id": "pm_card_visa"}, headers=JSON)
    scarf = next(p for p in order.parts if p.producer_id == shop.b.producer_id)

    response = client.post(f"/orders/{order.id}/parts/{scarf.id}/cancel", data={"reason": "đổi ý"})

    assert (response.status_code, response.headers["Location"]) == (303, f"/orders/{order.id}")
    [refund] = db.session.scalars(select(Refund)).all()
    assert (refund.part_id, refund.amount_vnd, refund.status) == (scarf.id, 450000, RefundStatus.SUCCEEDED)
    client_ = stripe.client()
    [intent] = client_.v1.payment_intents.list().data
    [stripe_refund] = client_.v1.refunds.list().data
    assert (stripe_refund.id, stripe_refund.amount, stripe_refund.payment_intent, stripe_refund.status) == (
        refund.provider_ref, 450000, intent.id, "succeeded")
    charge = client_.v1.charges.retrieve(intent.latest_charge.id)
    assert (charge.amount, charge.amount_refunded) == (TOTAL, 450000)
    db.session.expire_all()
    parts = {p.producer_id: p for p in db.session.get(Order, order.id).parts}
    assert (parts[shop.a.producer_id].status, parts[shop.b.producer_id].status) == (PartStatus.PAID,
                                                                                     PartStatus.REFUNDED)
    assert parts[shop.b.producer_id].cancel_reason == "đổi ý"
    assert db.session.get(Order, order.id).total_vnd == TOTAL  # what was paid stays what was paid
    assert _stocks(db, shop) == (8, 3)


def test_a_second_cancel_of_a_refunded_part_refunds_nothing_more(card_app, db, shop, stripe):
    """Does cancelling an already refunded part fail with a clear message, sending Stripe no second refund?"""
    order = _card_order(shop)
    payments.pay_by_card(shop.buyer, order.id, "pm_card_visa")
    scarf = next(p for p in order.parts if p.producer_id == shop.b.producer_id)
    orders.cancel_part(shop.buyer, scarf.id, "đổi ý")

    with force_locale("en"), pytest.raises(orders.StateConflict) as conflict:
        orders.cancel_part(shop.owner_b, scarf.id, "hết hàng")

    assert conflict.value.message == "This part has already been refunded and can no longer be cancelled."
    assert len(stripe.client().v1.refunds.list().data) == 1
    assert count(db, Refund) == 1
    assert _stocks(db, shop) == (8, 3)


def test_stripe_down_at_cancel_time_cancels_the_part_and_sends_the_refund_once_when_stripe_is_back(
        card_app, make_app, db, shop, stripe):
    """If Stripe is unreachable when a paid part is cancelled, is the part still cancelled with its stock back,
    the refund kept as requested and shown to staff, and sent exactly once when Stripe answers again?"""
    order = _card_order(shop)
    payments.pay_by_card(shop.buyer, order.id, "pm_card_visa")
    scarf = next(p for p in order.parts if p.producer_id == shop.b.producer_id)
    offline = make_app(**{**stripe.config, "STRIPE_API_BASE": "http://127.0.0.1:9"})
    with offline.app_context():
        client = client_for(offline, shop.buyer)

        response = client.post(f"/orders/{order.id}/parts/{scarf.id}/cancel", data={"reason": "đổi ý"})

        assert (response.status_code, response.headers["Location"]) == (303, f"/orders/{order.id}")
        db.session.expire_all()
        assert db.session.get(OrderPart, scarf.id).status == PartStatus.REFUNDED
        assert _stocks(db, shop) == (8, 3)
        [refund] = db.session.scalars(select(Refund)).all()
        assert (refund.part_id, refund.amount_vnd, refund.status) == (scarf.id, 450000, RefundStatus.REQUESTED)
        assert refund.attempts >= 1 and "127.0.0.1" in refund.last_error
        assert stripe.client().v1.refunds.list().data == []
        with pytest.raises(payments.RefundDelayed):  # the worker's next try, Stripe still down
            payments.send_refund(scarf.id)
        refund.created_at = refund.created_at.replace(year=2025)  # long enough ago for staff's list
        db.session.commit()
        staff = UserFactory(role="staff", email="staff@example.vn")
        page = client_for(offline, staff).get("/staff/payments").get_data(as_text=True)
        assert "Card refunds not sent yet" in page and scarf.reference in page and "Being sent" in page

    # Stripe answers again: the worker's retry (or the beat sweep) sends it, once.
    assert payments.send_refund(scarf.id) == RefundStatus.SUCCEEDED
    assert payments.send_refund(scarf.id) == RefundStatus.SUCCEEDED  # a redelivered task changes nothing
    [stripe_refund] = stripe.client().v1.refunds.list().data
    db.session.expire_all()
    [refund] = db.session.scalars(select(Refund)).all()
    assert (refund.status, refund.provider_ref, stripe_refund.amount) == (RefundStatus.SUCCEEDED, stripe_refund.id,
                                                                         450000)
    assert refund.sent_at is not None
    assert count(db, PartEvent, PartEvent.part_id == scarf.id) == 3
    assert _stocks(db, shop) == (8, 3)


def test_staff_send_a_refund_stripe_refused_again(card_app, db, shop, stripe):
    """Is a refund Stripe refused marked failed for staff, and does "Send again" send it once it can succeed?"""
    order = _card_order(shop)
    payments.pay_by_card(shop.buyer, order.id, "pm_card_visa")
    scarf = next(p for p in order.parts if p.producer_id == shop.b.producer_id)
    intent_id = db.session.scalars(select(Payment.provider_ref)).one()
    payment = db.session.scalars(select(Payment)).one()
    payment.provider_ref = "pi_does_not_exist"  # Stripe answers 404 for it: a refusal, not an outage
    db.session.commit()
    orders.cancel_part(shop.buyer, scarf.id, "đổi ý")
    db.session.expire_all()
    [refund] = db.session.scalars(select(Refund)).all()
    assert refund.status == RefundStatus.FAILED
    payment = db.session.scalars(select(Payment)).one()
    payment.provider_ref = intent_id
    db.session.commit()
    staff = UserFactory(role="staff", email="staff@example.vn")

    response = client_for(card_app, staff).post(f"/staff/payments/refunds/{refund.id}/retry")

    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Refund, refund.id).status == RefundStatus.SUCCEEDED
    assert len(stripe.client().v1.refunds.list().data) == 1
    assert client_for(card_app, staff).post(f"/staff/payments/refunds/{refund.id}/retry").status_code == 404


def test_stripe_unreachable_when_paying_changes_nothing(card_app, make_app, db, shop, stripe):
    """If Stripe cannot be reached, is the buyer answered 503 and the order left waiting, with no payment row?"""
    order = _card_order(shop)
    offline = make_app(**{**stripe.config, "STRIPE_API_BASE": "http://127.0.0.1:9"})
    with offline.app_context():
        client = client_for(offline, shop.buyer)

        response = client.post(f"/orders/{order.id}/pay", data={"payment_method_id": "pm_card_visa"}, headers=JSON)

    assert response.status_code == 503
    assert response.get_json()["message"] == ("We could not reach the card network; nothing was charged. "
                                              "Try again in a minute.")
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == PartStatus.AWAITING_PAYMENT
    assert count(db, Payment) == 0
    assert _stocks(db, shop) == (8, 2)


@pytest.mark.parametrize("payment_method_id", ["", "tok_visa", "pm_" + "x" * 98])
def test_a_missing_or_malformed_payment_method_is_refused_before_stripe(card_app, db, shop, stripe,
                                                                         payment_method_id):
    """Is a pay request without a proper pm_ id answered 400, with nothing sent to Stripe?"""
    order = _card_order(shop)
    client = client_for(card_app, shop.buyer)

    response = client.post(f"/orders/{order.id}/pay", data={"payment_method_id": payment_method_id}, headers=JSON)

    assert (response.status_code, response.get_json()["message"]) == (400, "Enter your card details.")
    assert stripe.client().v1.payment_intents.list().data == []
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == PartStatus.AWAITING_PAYMENT
    assert count(db, Payment) == 0


def test_another_buyer_cannot_pay_or_cancel_someone_elses_order(card_app, db, shop, stripe):
    """Does another buyer get 404 on paying or cancelling an order, with nothing charged or changed?"""
    order = _card_order(shop)
    stranger = client_for(card_app, UserFactory(email="khach@example.vn"))

    paid = stranger.post(f"/orders/{order.id}/pay", data={"payment_method_id": "pm_card_visa"}, headers=JSON)
    cancelled = stranger.post(f"/orders/{order.id}/parts/{order.parts[0].id}/cancel", data={"reason": "x"})

    assert (paid.status_code, cancelled.status_code) == (404, 404)
    assert stripe.client().v1.payment_intents.list().data == []
    db.session.expire_all()
    assert [p.status for p in db.session.get(Order, order.id).parts] == [PartStatus.AWAITING_PAYMENT] * 2
    assert count(db, Payment) == 0
    assert _stocks(db, shop) == (8, 2)


def test_card_is_not_offered_without_stripe_keys(make_app, stripe):
    """Without Stripe keys, is a card checkout refused with "Choose how you will pay." and nothing reserved?"""
    app = make_app()
    with app.app_context():
        from marketplace.extensions import db

        shop = make_shop()
        with force_locale("en"), pytest.raises(orders.OrderError) as refused:
            place(shop.buyer, (shop.a, 1), method="card", card_enabled=payments.card_enabled())

        assert refused.value.message == "Choose how you will pay."
        assert [p.method for p in payments.available_methods()] == ["cod", "bank_transfer"]
        assert count(db, Order) == 0
        assert count(db, CartItem) == 1
        assert _stocks(db, shop) == (10, 3)
