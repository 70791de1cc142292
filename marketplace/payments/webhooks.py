"""Stripe webhooks: verified on the raw body, applied at most once per event id, looked up by type."""
import logging

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from marketplace.core.transaction import transactional
from marketplace.extensions import db
from marketplace.orders import services as orders
from marketplace.orders.models import Order
from marketplace.payments import stripe_gateway
from marketplace.payments.card import card_payment_for, payment_arrived
from marketplace.payments.errors import WebhookRejected
from marketplace.payments.models import (
    Payment,
    PaymentStatus,
    StripeEvent,
)

log = logging.getLogger(__name__)


@transactional
def handle_stripe_webhook(payload, signature):
    """Verify and apply one Stripe event, at most once per event id; returns what was done."""
    try:
        event_id, event_type, obj = stripe_gateway.parse_event(payload, signature)
    except stripe_gateway.BadSignature as exc:
        log.warning("Stripe webhook rejected: %s", exc)
        raise WebhookRejected("invalid signature") from exc
    try:
        # The unique event id is claimed first: a second delivery, even a concurrent one,
        # waits on this row and then fails here instead of applying the event again.
        with db.session.begin_nested():
            record = StripeEvent(event_id=event_id, type=event_type)
            db.session.add(record)
    except IntegrityError:
        db.session.rollback()
        log.info("Stripe event %s (%s) already processed", event_id, event_type)
        return "duplicate"
    handler = _WEBHOOK_HANDLERS.get(event_type)
    if handler is None:
        record.outcome = "ignored: not an event we act on"
        log.info("Stripe event %s of type %s acknowledged and ignored", event_id, event_type)
    else:
        record.outcome = handler(obj)[:200]
    db.session.commit()
    return record.outcome


def _payment_for_intent(obj, check_amount=False):
    """The Payment row of the event's intent, made from its order id when we never saw the intent.

    With ``check_amount``, an intent whose amount is not what we expected gives None rather
    than a row: nothing is recorded for it.
    """
    intent_id = obj.get("id")
    amount = int(obj.get("amount") or 0)
    payment = db.session.scalars(select(Payment).where(Payment.provider_ref == intent_id)).first()
    if payment is not None:
        return None if check_amount and amount != payment.amount_vnd else payment
    order_id = int((obj.get("metadata") or {}).get("order_id") or 0)
    order = db.session.get(Order, order_id) if 0 < order_id <= orders.MAX_ID else None
    if order is None or not intent_id or (check_amount and amount != order.total_vnd):
        return None
    return card_payment_for(order, intent_id)


def _known_intent(obj):
    """Whether the event's intent is one of ours: a payment we recorded, or an order it names."""
    if db.session.scalar(select(Payment.id).where(Payment.provider_ref == obj.get("id"))) is not None:
        return True
    order_id = int((obj.get("metadata") or {}).get("order_id") or 0)
    return 0 < order_id <= orders.MAX_ID and db.session.get(Order, order_id) is not None


# Intents another domain made, told apart by a metadata key ("deal_id": deals.settlement's wholesale
# deposits and balances); the orders' own intents carry "order_id" and are handled below.
_INTENT_HANDLERS = {}


def add_intent_handler(metadata_key, succeeded, failed):
    """Hand intents whose metadata has ``metadata_key`` to ``succeeded(obj)``/``failed(obj)`` (each returns the outcome)."""
    _INTENT_HANDLERS[metadata_key] = (succeeded, failed)


def _handler_for(obj, which):
    metadata = obj.get("metadata") or {}
    if metadata.get("order_id"):
        return None
    return next((pair[which] for key, pair in _INTENT_HANDLERS.items() if metadata.get(key)), None)


def _on_intent_succeeded(obj):
    if (other := _handler_for(obj, 0)) is not None:
        return other(obj)
    payment = _payment_for_intent(obj, check_amount=True)
    if payment is None:
        if not _known_intent(obj):
            return "ignored: no order for this payment intent"
        log.error("intent %s for %s VND does not match its order", obj.get("id"), obj.get("amount"))
        return "ignored: amount differs from the order"
    outcome = payment_arrived(payment, note=_("card payment"))
    return {"paid": "handled: order paid", "refunded": "handled: late payment refunded",
            "already": "ignored: payment already recorded"}[outcome]


def _on_intent_failed(obj):
    if (other := _handler_for(obj, 1)) is not None:
        return other(obj)
    payment = _payment_for_intent(obj)
    if payment is None:
        return "ignored: no order for this payment intent"
    if payment.status == PaymentStatus.SUCCEEDED:
        return "ignored: payment already succeeded"
    message = ((obj.get("last_payment_error") or {}).get("message") or "")[:300]
    payment.status, payment.failure_message = PaymentStatus.FAILED, message
    orders.release_unpaid(payment.order_id, reason=orders.CARD_FAILED, refill_cart=True)
    return "handled: order released"


_WEBHOOK_HANDLERS = {
    "payment_intent.succeeded": _on_intent_succeeded,
    "payment_intent.payment_failed": _on_intent_failed,
}
