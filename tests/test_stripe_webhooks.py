"""Stripe webhooks at POST /webhooks/stripe: verified on the raw body, applied once per event id.

Events are built around real PaymentIntents made in localstripe (``intent.to_dict()``), and signed
as Stripe signs them. The SDK is imported as ``stripe_sdk`` because ``stripe`` is the fixture.
"""
import json
import threading
import time
import urllib.request
from datetime import timedelta

import pytest
import stripe as stripe_sdk
from sqlalchemy import select

from marketplace.catalog.models import Listing
from marketplace.core.time import utcnow
from marketplace.notifications.models import Notification
from marketplace.orders import services as orders
from marketplace.orders.models import CartItem, Order, PartEvent, PartStatus
from marketplace.payments.models import Payment, PaymentStatus, StripeEvent
from tests.conftest import wait_for
from tests.order_helpers import client_for, count, make_shop, place, post_webhook, stripe_event
from tests.stripe_helpers import sign_payload

TOTAL = 2 * 350000 + 30000 + 420000 + 30000  # two vases and a scarf, from two producers: 1.180.000 ₫
PAID_NOTE = "orders.paid"  # "Payment received for order LN000001"


@pytest.fixture
def card_app(make_app, stripe):
    """The app with card payments and webhooks on, talking to localstripe; its context is pushed."""
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


@pytest.fixture
def order(shop):
    """Two vases and a scarf from two producers, waiting for a card payment: LN000001."""
    return place(shop.buyer, (shop.a, 2), (shop.b, 1), method="card", card_enabled=True)


def _intent(stripe, order, payment_method="pm_card_visa"):
    """A PaymentIntent for ``order`` made in localstripe as our gateway makes it (the buyer paid, then left)."""
    params = {"amount": order.total_vnd, "currency": "vnd", "payment_method": payment_method, "confirm": True,
              "payment_method_types": ["card"],
              "metadata": {"order_id": str(order.id), "order_reference": order.reference}}
    client = stripe.client()
    try:
        return client.v1.payment_intents.create(params=params).to_dict()
    except stripe_sdk.CardError:  # localstripe stores a declined intent anyway, as Stripe does
        [intent] = client.v1.payment_intents.list().data
        return intent.to_dict()


def _snapshot(db):
    """What a webhook could change: part statuses and history, payments, stock, notifications, events."""
    db.session.expire_all()
    return {
        "parts": [(p.id, p.status) for o in db.session.scalars(select(Order)) for p in o.parts],
        "events": count(db, PartEvent),
        "payments": [(p.status, p.provider_ref) for p in db.session.scalars(select(Payment).order_by(Payment.id))],
        "stock": db.session.scalars(select(Listing.stock).order_by(Listing.id)).all(),
        "notifications": count(db, Notification),
        "stripe_events": count(db, StripeEvent),
    }


def test_a_succeeded_event_pays_the_order_and_a_second_delivery_changes_nothing(card_app, db, order, stripe):
    """Does payment_intent.succeeded pay the order once, and is the same event delivered again a 200 "duplicate"?"""
    intent = _intent(stripe, order)
    body = stripe_event("payment_intent.succeeded", intent, event_id="evt_paid_1")
    client = card_app.test_client()

    first = post_webhook(client, body, stripe.webhook_secret)
    after_first = _snapshot(db)
    second = post_webhook(client, body, stripe.webhook_secret)

    assert (first.status_code, first.get_json()) == (200, {"received": True, "outcome": "handled: order paid"})
    assert (second.status_code, second.get_json()) == (200, {"received": True, "outcome": "duplicate"})
    assert _snapshot(db) == after_first
    order = db.session.get(Order, order.id)
    assert (order.status, order.reserved_until) == (PartStatus.PAID, None)
    [payment] = db.session.scalars(select(Payment)).all()
    assert (payment.provider_ref, payment.amount_vnd, payment.status) == (intent["id"], TOTAL,
                                                                          PaymentStatus.SUCCEEDED)
    [event] = db.session.scalars(select(StripeEvent)).all()
    assert (event.event_id, event.type, event.outcome) == ("evt_paid_1", "payment_intent.succeeded",
                                                           "handled: order paid")
    assert count(db, PartEvent, PartEvent.to_status == PartStatus.PAID) == 2
    assert count(db, Notification, Notification.message_key == PAID_NOTE) == 1


def test_an_event_for_an_intent_we_started_finds_it_by_its_id(card_app, db, order, shop, stripe):
    """Does the event find the pending Payment of an intent started on our pay page (3-D Secure left unfinished)?"""
    card = stripe.client().v1.payment_methods.create(params={
        "type": "card", "card": {"number": "4000002500003155", "exp_month": 12, "exp_year": 2030, "cvc": "123"}})
    client_for(card_app, shop.buyer).post(f"/orders/{order.id}/pay", data={"payment_method_id": card.id})
    [intent] = stripe.client().v1.payment_intents.list().data
    stripe.request("POST", f"/v1/payment_intents/{intent.id}/_authenticate",
                   {"client_secret": intent.client_secret, "success": True, "key": stripe.publishable_key})
    obj = stripe.client().v1.payment_intents.retrieve(intent.id).to_dict()
    obj["metadata"] = {}  # found by the intent id alone

    response = post_webhook(card_app.test_client(), stripe_event("payment_intent.succeeded", obj),
                            stripe.webhook_secret)

    assert response.get_json()["outcome"] == "handled: order paid"
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == PartStatus.PAID
    assert db.session.scalars(select(Payment.status)).all() == [PaymentStatus.SUCCEEDED]


def _signed_wrong(body, stripe):
    return {
        "missing": None,
        "wrong secret": sign_payload(body, "whsec_someone_else"),
        "stale": sign_payload(body, stripe.webhook_secret, timestamp=time.time() - 301),
        "garbage": "t=1,v1=00",
    }


@pytest.mark.parametrize("case", ["missing", "wrong secret", "stale", "garbage", "tampered"])
def test_an_unverified_webhook_is_refused_and_changes_nothing(card_app, db, order, stripe, case):
    """Is a webhook with a missing, wrong, stale or garbled signature, or a changed body, a 400 that changes nothing?"""
    intent = _intent(stripe, order)
    body = stripe_event("payment_intent.succeeded", intent)
    before = _snapshot(db)
    if case == "tampered":
        header = sign_payload(body, stripe.webhook_secret)
        body = body.replace(b'"evt_', b'"evt_x')
    else:
        header = _signed_wrong(body, stripe)[case]
    headers = {"Stripe-Signature": header} if header else {}

    response = card_app.test_client().post("/webhooks/stripe", data=body, content_type="application/json",
                                           headers=headers)

    assert response.status_code == 400
    assert _snapshot(db) == before
    assert db.session.get(Order, order.id).status == PartStatus.AWAITING_PAYMENT


def test_without_a_webhook_secret_every_webhook_is_refused(make_app, stripe):
    """Does an app with no STRIPE_WEBHOOK_SECRET refuse even a well-signed webhook (400), recording nothing?"""
    app = make_app(**{**stripe.config, "STRIPE_WEBHOOK_SECRET": ""})
    with app.app_context():
        from marketplace.extensions import db

        body = stripe_event("payment_intent.succeeded", {"id": "pi_1", "object": "payment_intent", "amount": 1})

        response = post_webhook(app.test_client(), body, stripe.webhook_secret)

        assert response.status_code == 400
        assert count(db, StripeEvent) == 0


def test_a_failed_payment_releases_the_order_and_refills_the_cart(card_app, db, order, shop, stripe):
    """Does payment_intent.payment_failed cancel the unpaid parts, return the stock and put the products back in the cart?"""
    intent = _intent(stripe, order, payment_method="pm_card_chargeCustomerFail")
    assert intent["status"] == "requires_payment_method"

    response = post_webhook(card_app.test_client(), stripe_event("payment_intent.payment_failed", intent),
                            stripe.webhook_secret)

    assert response.get_json()["outcome"] == "handled: order released"
    db.session.expire_all()
    assert [p.status for p in db.session.get(Order, order.id).parts] == [PartStatus.CANCELLED] * 2
    [payment] = db.session.scalars(select(Payment)).all()
    assert (payment.status, payment.provider_ref, payment.failure_message) == (
        PaymentStatus.FAILED, intent["id"], "Your card was declined.")
    assert db.session.scalars(select(Listing.stock).order_by(Listing.id)).all() == [10, 3]
    assert sorted(db.session.execute(select(CartItem.listing_id, CartItem.quantity)).all()) == [
        (shop.a.id, 2), (shop.b.id, 1)]


def test_a_failure_arriving_after_the_success_leaves_the_order_paid(card_app, db, order, stripe):
    """Out of order: does payment_failed after payment_succeeded for one intent change nothing and say why?"""
    intent = _intent(stripe, order)
    client = card_app.test_client()
    post_webhook(client, stripe_event("payment_intent.succeeded", intent), stripe.webhook_secret)
    before = _snapshot(db)
    failed = {**intent, "status": "requires_payment_method",
              "last_payment_error": {"code": "card_declined", "message": "Your card was declined."}}

    response = post_webhook(client, stripe_event("payment_intent.payment_failed", failed), stripe.webhook_secret)

    assert (response.status_code, response.get_json()["outcome"]) == (200, "ignored: payment already succeeded")
    assert _snapshot(db) == {**before, "stripe_events": 2}
    assert db.session.get(Order, order.id).status == PartStatus.PAID


@pytest.mark.parametrize("event_type", ["charge.refunded", "customer.created", "payment_intent.created"])
def test_an_event_we_do_not_act_on_is_acknowledged_and_recorded_as_ignored(card_app, db, order, stripe, event_type):
    """Is an event type we do not handle answered 200 (so Stripe stops retrying) and recorded as ignored?"""
    intent = _intent(stripe, order)
    before = _snapshot(db)

    response = post_webhook(card_app.test_client(), stripe_event(event_type, intent, event_id="evt_other"),
                            stripe.webhook_secret)

    assert (response.status_code, response.get_json()["outcome"]) == (200, "ignored: not an event we act on")
    assert _snapshot(db) == {**before, "stripe_events": 1}
    assert db.session.scalars(select(StripeEvent.type)).all() == [event_type]


def test_an_intent_for_no_order_of_ours_is_ignored(card_app, db, order, stripe):
    """Is a succeeded intent without our metadata and unknown to us recorded as ignored, with nothing paid?"""
    intent = stripe.client().v1.payment_intents.create(params={
        "amount": TOTAL, "currency": "vnd", "payment_method": "pm_card_visa", "confirm": True}).to_dict()
    before = _snapshot(db)

    response = post_webhook(card_app.test_client(), stripe_event("payment_intent.succeeded", intent),
                            stripe.webhook_secret)

    assert response.get_json()["outcome"] == "ignored: no order for this payment intent"
    assert _snapshot(db) == {**before, "stripe_events": 1}


def test_an_intent_for_another_amount_does_not_pay_the_order(card_app, db, order, stripe):
    """Does a succeeded intent naming our order but for a different amount leave the order unpaid?"""
    intent = _intent(stripe, order)
    intent["amount"] = 1000

    response = post_webhook(card_app.test_client(), stripe_event("payment_intent.succeeded", intent),
                            stripe.webhook_secret)

    assert response.get_json()["outcome"] == "ignored: amount differs from the order"
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == PartStatus.AWAITING_PAYMENT
    assert count(db, Payment) == 0  # not even a pending row for an intent we cannot trust
    assert count(db, Notification, Notification.message_key == PAID_NOTE) == 0


def test_a_payment_arriving_after_the_reservation_expired_is_refunded_in_full(card_app, db, order, stripe):
    """If the order was released before Stripe reports success, is the whole amount refunded and the order left cancelled?"""
    intent = _intent(stripe, order)
    order.reserved_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert orders.expire_reservations() == 1

    response = post_webhook(card_app.test_client(), stripe_event("payment_intent.succeeded", intent),
                            stripe.webhook_secret)

    assert response.status_code == 200
    [refund] = stripe.client().v1.refunds.list().data
    assert (refund.payment_intent, refund.amount, refund.status) == (intent["id"], TOTAL, "succeeded")
    db.session.expire_all()
    assert [p.status for p in db.session.get(Order, order.id).parts] == [PartStatus.CANCELLED] * 2
    [payment] = db.session.scalars(select(Payment)).all()
    assert (payment.status, payment.failure_message) == (PaymentStatus.FAILED,
                                                         "paid after the order was released; refunded in full")
    assert db.session.scalars(select(Listing.stock).order_by(Listing.id)).all() == [10, 3]
    assert count(db, Notification, Notification.message_key == "payments.late_refund") == 1


def test_a_refunded_late_payment_is_recorded_as_refunded_not_paid(card_app, db, order, stripe):
    """Does the recorded outcome of a late payment say it was refunded (staff read stripe_events to reconcile)?"""
    intent = _intent(stripe, order)
    order.reserved_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    orders.expire_reservations()

    post_webhook(card_app.test_client(), stripe_event("payment_intent.succeeded", intent), stripe.webhook_secret)

    assert db.session.scalars(select(StripeEvent.outcome)).one() == "handled: late payment refunded"


def _post(url, body, header):
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Stripe-Signature": header})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())["outcome"]


@pytest.mark.postgres_only
def test_the_same_event_delivered_concurrently_is_applied_once(serve, stripe):
    """Do eight simultaneous deliveries of one event (Stripe retrying while we are slow) pay the order once?"""
    from marketplace.extensions import db

    url, app = serve(**stripe.config)
    with app.app_context():
        shop = make_shop()
        order = place(shop.buyer, (shop.a, 2), (shop.b, 1), method="card", card_enabled=True)
        body = stripe_event("payment_intent.succeeded", _intent(stripe, order), event_id="evt_raced")
        header = sign_payload(body, stripe.webhook_secret)
        order_id = order.id
    start = threading.Barrier(8)
    results = []

    def deliver():
        start.wait()
        results.append(_post(f"{url}/webhooks/stripe", body, header))

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(results) == [(200, "duplicate")] * 7 + [(200, "handled: order paid")]
    with app.app_context():
        assert db.session.get(Order, order_id).status == PartStatus.PAID
        assert count(db, StripeEvent) == 1
        assert count(db, Payment) == 1
        assert count(db, PartEvent, PartEvent.to_status == PartStatus.PAID) == 2
        assert count(db, Notification, Notification.message_key == PAID_NOTE) == 1


def test_localstripes_own_webhook_after_a_card_payment_changes_nothing_more(serve, stripe):
    """End to end: after paying on our page, does Stripe's signed succeeded event arrive, get recorded once and pay nothing twice?"""
    from marketplace.extensions import db

    url, app = serve(**stripe.config)
    stripe.register_webhook(f"{url}/webhooks/stripe")
    with app.app_context():
        shop = make_shop()
        order = place(shop.buyer, (shop.a, 2), (shop.b, 1), method="card", card_enabled=True)
        client = client_for(app, shop.buyer)

        paid = client.post(f"/orders/{order.id}/pay", data={"payment_method_id": "pm_card_visa"},
                           headers={"Accept": "application/json"})
        assert paid.get_json()["status"] == "succeeded"
        after_payment = _snapshot(db)
        [intent] = stripe.client().v1.payment_intents.list().data

        def recorded():
            db.session.rollback()
            return db.session.scalars(select(StripeEvent)).all()

        [event] = wait_for(recorded, timeout=15)
        time.sleep(1.5)  # would a second delivery of it, or of another event, follow?

        assert (event.type, event.outcome) == ("payment_intent.succeeded", "ignored: payment already recorded")
        assert event.event_id.startswith("evt_")
        assert _snapshot(db) == {**after_payment, "stripe_events": 1}
        [payment] = db.session.scalars(select(Payment)).all()
        assert (payment.provider_ref, payment.status) == (intent.id, PaymentStatus.SUCCEEDED)
        assert count(db, PartEvent, PartEvent.to_status == PartStatus.PAID) == 2
        assert count(db, Notification, Notification.message_key == PAID_NOTE) == 1
