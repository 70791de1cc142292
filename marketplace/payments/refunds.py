"""Refunds of cancelled, paid parts (and of accepted returns, recorded by ``adjustments``): recorded with the cancellation, sent to Stripe after the commit
by a worker task keyed by the part, retried, and shown to staff when not sent; transfers back by hand."""
import logging
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update

from marketplace.core import outbox
from marketplace.core.errors import NotFound
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.extensions import db
from marketplace.orders import signals as order_signals
from marketplace.orders.models import PaymentMethod
from marketplace.payments import stripe_gateway
from marketplace.payments.errors import PaymentError, RefundDelayed
from marketplace.payments.models import (
    Payment,
    PaymentStatus,
    Refund,
    RefundStatus,
)
from marketplace.payments.providers import PROVIDERS

log = logging.getLogger(__name__)


REFUND_TASK = "workers.tasks.send_refund"
RETURN_REFUND_TASK = "workers.tasks.send_return_refund"


@order_signals.paid_part_cancelled.connect
def _on_paid_part_cancelled(part):
    return request_refund(part)


def request_refund(part):
    """Record the refund of a cancelled, paid part; the caller commits.

    Nothing is sent from here: a card refund is written as requested in the cancellation's
    transaction and sent to Stripe after the commit by ``send_refund`` (a worker task keyed by
    the part). The part id is unique on refunds, so a second cancel cannot record a second one.
    """
    payment = db.session.scalars(
        select(Payment).where(Payment.order_id == part.order_id, Payment.status == PaymentStatus.SUCCEEDED)
        .order_by(Payment.id)).first()
    if payment is None:
        raise PaymentError(_("No payment was found for this order, so nothing can be refunded."))
    status, provider_ref = PROVIDERS[payment.method].refund(part, payment)
    refund = Refund(part_id=part.id, payment_id=payment.id, amount_vnd=part.gross_vnd, status=status,
                    provider_ref=provider_ref)
    db.session.add(refund)
    db.session.flush()
    if status == RefundStatus.REQUESTED:
        schedule_send(refund)
    return refund


def send_refund(part_id):
    """Send a cancelled part's requested card refund to Stripe, once; the worker's task. Returns its status."""
    refund = db.session.scalars(select(Refund).where(Refund.part_id == part_id, Refund.return_id.is_(None))).first()
    return _send(refund, f"refund-part-{part_id}")


def send_return_refund(refund_id):
    """Send an accepted return's requested card refund to Stripe, once; the worker's task."""
    refund = db.session.get(Refund, refund_id)
    return _send(refund, f"refund-return-{refund.return_id}" if refund is not None else "")


def _send(refund, idempotency_key):
    """Send a requested card refund to Stripe, once. Returns the refund's status.

    The row is read and the transaction ended before Stripe is called, so no lock is held
    during the call; Stripe's idempotency key (the part, or the return) makes a repeated call
    refund once, and the status moves only from "requested". Stripe unreachable: the attempt is
    recorded and RefundDelayed raised for the task to retry. Stripe refusing: the refund is marked
    failed, for staff to see and send again.
    """
    if refund is None or refund.status != RefundStatus.REQUESTED:
        status = refund.status if refund is not None else None
        db.session.rollback()
        return status
    refund_id, intent_id, amount = refund.id, refund.payment.provider_ref, refund.amount_vnd
    db.session.commit()
    try:
        provider_ref = stripe_gateway.refund(intent_id=intent_id, amount_vnd=amount, idempotency_key=idempotency_key)
    except stripe_gateway.StripeUnavailable as exc:
        _refund_attempt(refund_id, error=str(exc))
        log.warning("refund %s not sent yet (Stripe unreachable): %s", refund_id, exc)
        raise RefundDelayed(str(exc)) from exc
    except stripe_gateway.StripeRefused as exc:
        _refund_attempt(refund_id, error=str(exc), status=RefundStatus.FAILED)
        log.error("Stripe refused refund %s: %s", refund_id, exc)
        return RefundStatus.FAILED
    _refund_attempt(refund_id, status=RefundStatus.SUCCEEDED, provider_ref=provider_ref, sent_at=utcnow())
    return RefundStatus.SUCCEEDED


def schedule_send(refund):
    """Ask the worker (after the commit) to send a requested card refund: by part for a cancellation,
    by refund for a return."""
    if refund.return_id is None:
        outbox.schedule(REFUND_TASK, refund.part_id)
    else:
        outbox.schedule(RETURN_REFUND_TASK, refund.id)


def _refund_attempt(refund_id, error="", **values):
    """Record one try at sending a requested refund, in its own short transaction."""
    db.session.execute(
        update(Refund).where(Refund.id == refund_id, Refund.status == RefundStatus.REQUESTED)
        .values(attempts=Refund.attempts + 1, last_error=error[:500], **values)
    )
    db.session.commit()


def refund_late_payment(payment_id):
    """Give back in full a card payment that arrived after its order was released; the worker's task."""
    payment = db.session.get(Payment, payment_id)
    if payment is None or payment.method != PaymentMethod.CARD:
        return None
    intent_id, amount = payment.provider_ref, payment.amount_vnd
    db.session.rollback()
    try:
        return stripe_gateway.refund(intent_id=intent_id, amount_vnd=amount, idempotency_key=f"late-payment-{intent_id}")
    except stripe_gateway.StripeUnavailable as exc:
        raise RefundDelayed(str(exc)) from exc


@transactional
def retry_refund(staff, refund_id):
    """Staff send a failed (or long-waiting) card refund again."""
    changed = db.session.execute(
        update(Refund).where(Refund.id == refund_id, Refund.status.in_((RefundStatus.FAILED, RefundStatus.REQUESTED)))
        .values(status=RefundStatus.REQUESTED, last_error="")
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise NotFound(_("No card refund waiting to be sent."))
    schedule_send(db.session.get(Refund, refund_id))
    db.session.commit()


def refunds_not_sent(older_than=timedelta(minutes=2)):
    """Card refunds that Stripe refused, or that are still waiting after ``older_than``: for staff."""
    return db.session.scalars(
        select(Refund).where((Refund.status == RefundStatus.FAILED)
                             | ((Refund.status == RefundStatus.REQUESTED) & (Refund.created_at < utcnow() - older_than)))
        .order_by(Refund.id)).all()


@transactional
def requeue_refunds(older_than=timedelta(minutes=10)):
    """Beat sweep: ask the worker again for requested refunds still not sent; returns their part ids."""
    waiting = db.session.scalars(
        select(Refund).where(Refund.status == RefundStatus.REQUESTED,
                             Refund.created_at < utcnow() - older_than).order_by(Refund.id).limit(500)).all()
    for refund in waiting:
        schedule_send(refund)
    part_ids = [refund.part_id for refund in waiting]
    db.session.commit()
    return part_ids


def refunds_to_transfer():
    return db.session.scalars(select(Refund).where(Refund.status == RefundStatus.TO_TRANSFER).order_by(Refund.id)).all()


@transactional
def mark_refund_transferred(staff, refund_id):
    changed = db.session.execute(
        update(Refund).where(Refund.id == refund_id, Refund.status == RefundStatus.TO_TRANSFER)
        .values(status=RefundStatus.TRANSFERRED, provider_ref=f"manual by user {staff.id}")
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise NotFound(_("No refund waiting to be transferred."))
    db.session.commit()
