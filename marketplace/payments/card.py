"""Card payments through Stripe: charging the buyer's card for an order, 3-D Secure returns, and
what a payment's success or failure does to the order."""
import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from marketplace.core import outbox
from marketplace.core.errors import NotFound
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.extensions import db
from marketplace.notifications.messages import money
from marketplace.notifications.services import notify, site_path
from marketplace.orders import services as orders
from marketplace.orders.models import Order, PaymentMethod
from marketplace.payments import stripe_gateway
from marketplace.payments.errors import PaymentDeclined, PaymentError, PaymentUnavailable
from marketplace.payments.models import (
    Payment,
    PaymentStatus,
)
from marketplace.payments.providers import card_enabled, order_awaiting

log = logging.getLogger(__name__)


LATE_PAYMENT_REFUND_TASK = "workers.tasks.refund_late_payment"


@dataclass
class CardResult:
    order: Order
    status: str  # "succeeded", "requires_action" or "processing"
    client_secret: str = ""


@transactional
def pay_by_card(user, order_id, payment_method_id):
    """Charge the buyer's card (a PaymentMethod made by Stripe.js) for the whole order.

    The idempotency key is the order and the payment method, so a double-clicked "Pay" sends
    Stripe one charge; a declined card releases the order and puts its products back in the cart.
    """
    order = orders.order_for(user, order_id)
    if order.buyer_id != user.id:
        raise NotFound(_("Order not found."))
    order_awaiting(order.id, PaymentMethod.CARD)
    if not card_enabled():
        raise PaymentUnavailable(_("Card payments are not available at the moment."))
    payment_method_id = (payment_method_id or "").strip()
    if not payment_method_id.startswith("pm_") or len(payment_method_id) > 100:
        raise PaymentError(_("Enter your card details."), field="payment_method")
    key = f"order-{order.id}-{payment_method_id}"
    try:
        intent_id, status, client_secret = stripe_gateway.charge(
            amount_vnd=order.total_vnd, payment_method_id=payment_method_id, order_reference=order.reference,
            order_id=order.id, idempotency_key=key)
    except stripe_gateway.StripeDeclined as exc:
        _record_card_failure(order.id, exc.payment_intent_id, exc.message)
        raise PaymentDeclined(_("Your card was declined (%(reason)s). Your order was cancelled and its products are back in your cart.",
                                reason=exc.message)) from exc
    except stripe_gateway.StripeUnavailable as exc:
        log.warning("card payment for order %s failed to reach Stripe: %s", order.reference, exc)
        raise PaymentUnavailable(_("We could not reach the card network; nothing was charged. Try again in a minute.")) from exc
    payment = card_payment_for(order, intent_id)
    if status == "succeeded":
        payment_arrived(payment, note=_("card payment"))
    db.session.commit()
    return CardResult(order=order, status=status, client_secret=client_secret if status != "succeeded" else "")


def card_payment_for(order, intent_id):
    """The Payment row of this intent, made once even when two requests report it together."""
    payment = db.session.scalars(select(Payment).where(Payment.provider_ref == intent_id)).first()
    if payment is not None:
        return payment
    payment = Payment(order_id=order.id, method=PaymentMethod.CARD, amount_vnd=order.total_vnd, provider_ref=intent_id)
    try:
        with db.session.begin_nested():
            db.session.add(payment)
    except IntegrityError:
        payment = db.session.scalars(select(Payment).where(Payment.provider_ref == intent_id)).one()
    return payment


def payment_arrived(payment, note):
    """The money of ``payment`` has arrived; pays its order, or sends it back if the order was released.

    Returns what happened: "paid", "refunded" (a late payment) or "already" (reported before).
    """
    if payment.status == PaymentStatus.SUCCEEDED:
        return "already"
    payment.status, payment.succeeded_at = PaymentStatus.SUCCEEDED, utcnow()
    moved = orders.mark_paid(payment.order_id, note=note)
    order = payment.order
    if not moved and order.paid_at is None and payment.method == PaymentMethod.CARD:
        # Paid after the reservation expired or the card was reported failed: the goods are
        # back on sale, so the money goes straight back rather than being kept for nothing.
        # The worker sends the refund once this commits (no Stripe call while rows are locked).
        outbox.schedule(LATE_PAYMENT_REFUND_TASK, payment.id)
        payment.status = PaymentStatus.FAILED
        payment.failure_message = "paid after the order was released; refunded in full"
        notify(order.buyer, "payments.late_refund", {"ref": order.reference, "amount": money(payment.amount_vnd)},
               link=site_path("orders.order_page", order_id=order.id))
        log.warning("late card payment %s for released order %s refunded", payment.provider_ref, order.reference)
        return "refunded"
    return "paid"


def _record_card_failure(order_id, intent_id, message):
    order = db.session.get(Order, order_id)
    payment = card_payment_for(order, intent_id) if intent_id else Payment(order_id=order.id, method=PaymentMethod.CARD,
                                                                         amount_vnd=order.total_vnd)
    db.session.add(payment)
    if payment.status == PaymentStatus.SUCCEEDED:  # a success already reported wins over a late failure
        return
    payment.status, payment.failure_message = PaymentStatus.FAILED, (message or "")[:300]
    orders.release_unpaid(order.id, reason=orders.CARD_FAILED, refill_cart=True)
    db.session.commit()


@transactional
def refresh_card_payment(user, order_id):
    """The buyer came back from Stripe's 3-D Secure page: ask Stripe how the payment went."""
    order = orders.order_for(user, order_id)
    payment = db.session.scalars(
        select(Payment).where(Payment.order_id == order.id, Payment.method == PaymentMethod.CARD,
                              Payment.status == PaymentStatus.PENDING, Payment.provider_ref.is_not(None))
        .order_by(Payment.id.desc())).first()
    if payment is None:
        return order
    try:
        status = stripe_gateway.retrieve_status(payment.provider_ref)
    except stripe_gateway.StripeUnavailable:
        return order  # the webhook will tell us
    if status == "succeeded":
        payment_arrived(payment, note=_("card payment"))
        db.session.commit()
    return order
