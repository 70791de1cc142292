"""Money back for an accepted return of delivered products, and what it takes from the producer.

The buyer gets ``amount_vnd`` back the way they paid: through Stripe for a card (recorded as
requested here, sent by the worker after the commit, idempotency key per return), onto the staff's
manual refund list for a bank transfer, recorded as given back in cash for cash on delivery. The
producer's earnings change by a negative PayoutAdjustment of the refund less the platform's commission
on it (the commission is computed as at checkout, ``orders.commission_on``, and never reverses more
than the part's own commission). The adjustment is due at once: the next payout batch nets it against
the producer's other earnings, whether the part itself is still due or was paid out already.
"""
from flask_babel import gettext as _
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.orders import services as orders
from marketplace.orders.models import PaymentMethod
from marketplace.payments.errors import PaymentError
from marketplace.payments.models import Payment, PaymentStatus, PayoutAdjustment, Refund, RefundStatus
from marketplace.payments.providers import PROVIDERS
from marketplace.payments.refunds import schedule_send


def _payment_for(part):
    """The payment that brought this part's money: the part's own cash, or the order's card or transfer."""
    query = select(Payment).where(Payment.order_id == part.order_id, Payment.status == PaymentStatus.SUCCEEDED)
    if part.order.payment_method == PaymentMethod.COD:
        query = query.where(Payment.provider_ref == f"cod-part-{part.id}")
    return db.session.scalars(query.order_by(Payment.id)).first()


def refund_return(part, return_id, amount_vnd):
    """Record the refund of an accepted return and the producer's adjustment; the caller commits.

    Both rows are unique per return, so a second accept (a double click, two staff at once) cannot
    record a second refund: its INSERT fails and its transaction rolls back.
    """
    payment = _payment_for(part)
    if payment is None:
        raise PaymentError(_("No payment was found for this order, so nothing can be refunded."))
    reversed_before = db.session.scalar(
        select(func.coalesce(func.sum(PayoutAdjustment.commission_vnd), 0)).where(PayoutAdjustment.part_id == part.id))
    commission = min(orders.commission_on(amount_vnd, part.commission_rate_bp), part.commission_vnd + reversed_before)
    refund = Refund(part_id=part.id, payment_id=payment.id, return_id=return_id, amount_vnd=amount_vnd,
                    status=PROVIDERS[payment.method].returned)
    db.session.add(refund)
    db.session.add(PayoutAdjustment(producer_id=part.producer_id, part_id=part.id, return_id=return_id,
                                    refund_vnd=amount_vnd, commission_vnd=-commission,
                                    amount_vnd=-(amount_vnd - commission)))
    db.session.flush()
    if refund.status == RefundStatus.REQUESTED:
        schedule_send(refund)
    return refund


def adjustments_of(producer_id, limit=50):
    """A producer's latest earnings adjustments, newest first, for its earnings page."""
    return db.session.scalars(select(PayoutAdjustment).where(PayoutAdjustment.producer_id == producer_id)
                              .order_by(PayoutAdjustment.id.desc()).limit(limit)).all()
