"""A deal's card payment reported by Stripe's webhook, or by the importer's return from 3-D Secure,
applied once whichever comes first (localstripe: real intents, events signed as Stripe signs them)."""
import pytest
from sqlalchemy import func, select

from marketplace.deals.models import Deal, DealPayment, DealPayout, DealStatus
from marketplace.notifications.models import Notification
from marketplace.payments.models import StripeEvent
from tests.deals_data import DEPOSIT
from tests.order_helpers import client_for, post_webhook, stripe_event
from tests.test_deals import _accepted

SECURE_CARD = "4000002500003155"  # localstripe asks for 3-D Secure


@pytest.fixture
def site(make_app, stripe):
    """(app, db) with card payments on localstripe, the app's context pushed for the test."""
    from marketplace.extensions import db

    with make_app(**stripe.config).app_context() as context:
        yield context.app, db


def _secure_payment(site, stripe):
    card_app, db = site
    """The importer pays the deposit with a card whose bank asks for 3-D Secure, then authenticates."""
    world = _accepted(db, card_app)
    card = stripe.client().v1.payment_methods.create(params={
        "type": "card", "card": {"number": SECURE_CARD, "exp_month": 12, "exp_year": 2030, "cvc": "123"}})
    answer = client_for(card_app, world.importer).post(
        f"/dashboard/deals/{world.deal.id}/pay", data={"stage": "deposit", "payment_method_id": card.id},
        headers={"Accept": "application/json"}).get_json()
    [intent] = stripe.client().v1.payment_intents.list().data
    assert (answer["status"], answer["client_secret"]) == ("requires_action", intent.client_secret)
    assert _snapshot(db)["status"] == DealStatus.AWAITING_DEPOSIT
    stripe.request("POST", f"/v1/payment_intents/{intent.id}/_authenticate",
                   {"client_secret": intent.client_secret, "success": True, "key": stripe.publishable_key})
    world.intent = stripe.client().v1.payment_intents.retrieve(intent.id).to_dict()
    return world


def _snapshot(db):
    db.session.expire_all()
    deal = db.session.scalars(select(Deal)).one()
    return {
        "status": deal.status,
        "payments": [(p.stage, p.method, p.amount_vnd, p.status) for p in
                     db.session.scalars(select(DealPayment).order_by(DealPayment.id))],
        "payouts": [(p.producer_id, p.stage, p.gross_vnd, p.net_vnd) for p in
                    db.session.scalars(select(DealPayout).order_by(DealPayout.id))],
        "notifications": db.session.scalar(select(func.count(Notification.id))),
    }


def test_the_webhook_receives_a_secure_card_deposit_once_and_the_return_page_adds_nothing(site, stripe):
    card_app, db = site
    """Does payment_intent.succeeded for a deal's deposit move it into production with each member's
    exact share, and do a redelivery, a second event for the intent and the return page change nothing?"""
    world = _secure_payment(site, stripe)
    client = card_app.test_client()
    body = stripe_event("payment_intent.succeeded", world.intent, event_id="evt_deal_1")

    first = post_webhook(client, body, stripe.webhook_secret)
    after = _snapshot(db)
    again = post_webhook(client, body, stripe.webhook_secret)
    other = post_webhook(client, stripe_event("payment_intent.succeeded", world.intent, event_id="evt_deal_2"),
                         stripe.webhook_secret)
    page = client_for(card_app, world.importer).get(f"/dashboard/deals/{world.deal.id}?payment_intent=1")

    assert first.get_json()["outcome"] == "handled: wholesale deposit paid"
    assert again.get_json()["outcome"] == "duplicate"
    assert other.get_json()["outcome"] == "ignored: payment already recorded"
    assert page.status_code == 200 and "In production" in page.get_data(as_text=True)
    assert _snapshot(db) == after
    assert after["status"] == DealStatus.IN_PRODUCTION
    assert after["payments"] == [("deposit", "card", DEPOSIT, "succeeded")]
    assert after["payouts"] == [(world.an.id, "deposit", 156_786_301, 144_243_397),
                                (world.binh.id, "deposit", 94_052_970, 86_528_732),
                                (world.cuc.id, "deposit", 62_701_980, 57_685_822)]
    assert db.session.scalars(select(StripeEvent.outcome).order_by(StripeEvent.id)).all() == [
        "handled: wholesale deposit paid", "ignored: payment already recorded"]


def test_the_return_page_first_then_the_webhook_records_the_deposit_once(site, stripe):
    card_app, db = site
    """Back from 3-D Secure before the webhook: is the deposit received then, and the late event a no-op?"""
    world = _secure_payment(site, stripe)

    client_for(card_app, world.importer).get(f"/dashboard/deals/{world.deal.id}?payment_intent=1")
    after = _snapshot(db)
    late = post_webhook(card_app.test_client(), stripe_event("payment_intent.succeeded", world.intent),
                        stripe.webhook_secret)

    assert after["status"] == DealStatus.IN_PRODUCTION
    assert [p[2] for p in after["payouts"]] == [156_786_301, 94_052_970, 62_701_980]
    assert late.get_json()["outcome"] == "ignored: payment already recorded"
    assert _snapshot(db) == after


def test_a_deal_intent_of_another_amount_or_a_failure_pays_nothing(site, stripe):
    card_app, db = site
    """Does an event for the deal with another amount change nothing, and a failure fail the pending attempt only?"""
    world = _secure_payment(site, stripe)
    client = card_app.test_client()
    before = _snapshot(db)

    wrong = post_webhook(client, stripe_event("payment_intent.succeeded", {**world.intent, "amount": DEPOSIT - 1}),
                         stripe.webhook_secret)
    stranger = post_webhook(client, stripe_event("payment_intent.succeeded", {
        **world.intent, "id": "pi_unknown", "metadata": {"deal_id": "999", "stage": "deposit"}}), stripe.webhook_secret)
    failed = post_webhook(client, stripe_event("payment_intent.payment_failed", {
        **world.intent, "status": "requires_payment_method", "last_payment_error": {"message": "Card expired"}}),
        stripe.webhook_secret)

    assert wrong.get_json()["outcome"] == "ignored: amount differs from the wholesale order"
    assert stranger.get_json()["outcome"] == "ignored: no wholesale order for this payment intent"
    assert failed.get_json()["outcome"] == "handled: wholesale card payment failed"
    assert _snapshot(db) == {**before, "payments": [("deposit", "card", DEPOSIT, "failed")]}
    assert db.session.scalars(select(DealPayment.failure_message)).all() == ["Card expired"]
