"""A deal's card payments reported after the "Pay" request: Stripe's ``payment_intent`` webhooks and
the importer's return from 3-D Secure. Whichever comes first applies the payment; the other (and a
redelivered event) finds it recorded and changes nothing. Both take the deal's row lock first, as
``settlement.pay_by_card`` does once Stripe has answered."""
from sqlalchemy import select

from marketplace.core import numbers
from marketplace.deals.models import Deal, DealPayment, DealPaymentStatus, Stage
from marketplace.deals.queries import get_deal_for
from marketplace.deals.settlement import CARD, card_arrived
from marketplace.extensions import db
from marketplace.payments import stripe_gateway, webhooks

_NO_DEAL = "ignored: no wholesale order for this payment intent"


def _deal_of(obj):
    """The deal the intent names in its metadata, its row locked; None when it names none of ours."""
    value = str((obj.get("metadata") or {}).get("deal_id") or "")
    deal_id = int(value) if value.isdigit() and len(value) <= 10 else 0
    if not 0 < deal_id <= numbers.MAX_INT:
        return None
    return db.session.scalar(select(Deal).where(Deal.id == deal_id).with_for_update())


def _payment_of(intent_id):
    return db.session.scalar(select(DealPayment).where(DealPayment.provider_ref == intent_id))


def intent_succeeded(obj):
    """``payment_intent.succeeded`` for a deal: its deposit or balance is received, once, at the exact amount."""
    deal, intent_id = _deal_of(obj), obj.get("id") or ""
    stage = (obj.get("metadata") or {}).get("stage")
    if deal is None or stage not in Stage.ALL or not intent_id:
        return _NO_DEAL
    amount = int(obj.get("amount") or 0)
    payment = _payment_of(intent_id)
    expected = payment.amount_vnd if payment is not None else deal.amount_of(stage)
    if payment is not None and payment.deal_id != deal.id:
        return _NO_DEAL
    if amount != expected or (obj.get("currency") or "vnd") != "vnd":
        return "ignored: amount differs from the wholesale order"
    if payment is None:
        payment = DealPayment(deal_id=deal.id, stage=stage, method=CARD, amount_vnd=amount, provider_ref=intent_id)
        db.session.add(payment)
    return card_arrived(deal, payment)


def intent_failed(obj):
    """``payment_intent.payment_failed`` for a deal: the pending attempt is failed; the stage stays due."""
    deal = _deal_of(obj)
    payment = _payment_of(obj.get("id") or "") if deal is not None else None
    if payment is None or payment.deal_id != deal.id:
        return _NO_DEAL
    if payment.status != DealPaymentStatus.PENDING:
        return f"ignored: payment already {payment.status}"
    payment.status = DealPaymentStatus.FAILED
    payment.failure_message = ((obj.get("last_payment_error") or {}).get("message") or "")[:300]
    return "handled: wholesale card payment failed"


def refresh_card_payment(user, deal_id):
    """The importer came back from 3-D Secure: ask Stripe about the deal's pending card payment."""
    deal = get_deal_for(user, deal_id)
    payment = db.session.scalar(
        select(DealPayment).where(DealPayment.deal_id == deal.id, DealPayment.method == CARD,
                                  DealPayment.status == DealPaymentStatus.PENDING,
                                  DealPayment.provider_ref.is_not(None)).order_by(DealPayment.id.desc()))
    if payment is None or deal.importer_id != user.id:
        return deal
    intent_id = payment.provider_ref
    db.session.rollback()  # no lock held during the call to Stripe
    try:
        status = stripe_gateway.retrieve_status(intent_id)
    except stripe_gateway.StripeUnavailable:
        return get_deal_for(user, deal_id)  # the webhook will tell us
    deal = get_deal_for(user, deal_id, lock=True)
    payment = _payment_of(intent_id)
    if status == "succeeded" and payment.status == DealPaymentStatus.PENDING:
        card_arrived(deal, payment)
        db.session.commit()
    else:
        db.session.rollback()
    return get_deal_for(user, deal_id)


webhooks.add_intent_handler("deal_id", intent_succeeded, intent_failed)  # Stripe reports deal intents too
