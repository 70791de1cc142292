"""Payments: card (Stripe), cash on delivery and bank transfer behind one interface, and the payout ledger.

Each provider answers the same three questions: how does the buyer pay (``start``), how does
money come back for a cancelled part (``refund``), and is it available here (``enabled``).
Orders move only through ``orders.services.mark_paid`` and ``release_unpaid``, which are safe
to call twice, so a webhook and the buyer's own return can both report one payment.
"""
import hashlib
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from marketplace.core import outbox
from marketplace.core.errors import InvalidInput, NotFound
from marketplace.core.spreadsheet import csv_text
from marketplace.core.templating import format_vnd
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.extensions import db
from marketplace.notifications.services import notify
from marketplace.orders import services as orders
from marketplace.orders import signals as order_signals
from marketplace.orders.models import Order, OrderPart, PartStatus, PaymentMethod, PayoutStatus
from marketplace.payments import statement, stripe_gateway, vietqr
from marketplace.payments.models import (
    Payment,
    PaymentStatus,
    PayoutBatch,
    PayoutBatchStatus,
    PayoutLine,
    Refund,
    RefundStatus,
    StripeEvent,
)
from marketplace.producers.models import Producer

log = logging.getLogger(__name__)


class PaymentError(InvalidInput):
    """A payment could not be made or recorded; the message tells the person what to do (400)."""


class PaymentDeclined(PaymentError):
    """The buyer's card was declined; the order's reservation has been released (402)."""

    status_code = 402


class PaymentUnavailable(PaymentError):
    """The card provider could not be reached; nothing changed, the buyer may try again (503)."""

    status_code = 503


class RefundDelayed(ConnectionError):
    """Stripe could not be reached to send a requested refund; it stays requested and the
    worker tries again (a ConnectionError, so the task's transient-error retry takes it)."""


REFUND_TASK = "workers.tasks.send_refund"
LATE_PAYMENT_REFUND_TASK = "workers.tasks.refund_late_payment"


# ---------------------------------------------------------------- providers

class CashOnDelivery:
    method = PaymentMethod.COD
    label = _l("Cash on delivery")

    @staticmethod
    def enabled():
        return True

    @staticmethod
    def refund(part, payment):
        raise PaymentError(_("Cash is collected on delivery, so a delivered part cannot be refunded here."))


class BankTransfer:
    method = PaymentMethod.BANK_TRANSFER
    label = _l("Bank transfer (VietQR)")

    @staticmethod
    def enabled():
        return True

    @staticmethod
    def refund(part, payment):
        """The platform sends the money back by hand: the refund waits in the staff's list."""
        return RefundStatus.TO_TRANSFER, ""


class StripeCard:
    method = PaymentMethod.CARD
    label = _l("Card (Visa, Mastercard, JCB)")

    @staticmethod
    def enabled():
        return stripe_gateway.enabled()

    @staticmethod
    def refund(part, payment):
        """Recorded now, sent to Stripe by the worker once the cancellation has committed."""
        return RefundStatus.REQUESTED, ""


PROVIDERS = {provider.method: provider for provider in (StripeCard, CashOnDelivery, BankTransfer)}


def available_methods():
    """Payment methods buyers may choose here; card only when Stripe keys are configured."""
    return [provider for provider in (StripeCard, CashOnDelivery, BankTransfer) if provider.enabled()]


def card_enabled():
    return StripeCard.enabled()


# ---------------------------------------------------------------- bank transfer

@dataclass
class TransferInstructions:
    bank_name: str
    account_number: str
    account_name: str
    amount_vnd: int
    reference: str
    payload: str
    qr_svg: str


def transfer_instructions(order):
    """What the buyer needs to pay ``order`` by transfer: the account, the amount, the reference and a VietQR code."""
    config = current_app.config
    payload = vietqr.build_payload(bank_bin=config["BANK_BIN"], account_number=config["BANK_ACCOUNT_NUMBER"],
                                   amount_vnd=order.total_vnd, reference=order.reference,
                                   account_name=config["BANK_ACCOUNT_NAME"])
    return TransferInstructions(bank_name=config["BANK_NAME"], account_number=config["BANK_ACCOUNT_NUMBER"],
                                account_name=config["BANK_ACCOUNT_NAME"], amount_vnd=order.total_vnd,
                                reference=order.reference, payload=payload, qr_svg=vietqr.qr_svg(payload))


def _awaiting_order(order_id, method):
    order = db.session.get(Order, order_id)
    if order is None:
        raise NotFound(_("Order not found."))
    if order.payment_method != method:
        raise PaymentError(_("Order %(ref)s is not paid this way.", ref=order.reference))
    if not order.awaiting_payment:
        raise orders.StateConflict(_("Order %(ref)s is not waiting for a payment.", ref=order.reference))
    return order


@transactional
def record_transfer(staff, order_id):
    """Staff saw the transfer on the bank account: the order is paid."""
    order = _awaiting_order(order_id, PaymentMethod.BANK_TRANSFER)
    db.session.add(Payment(order_id=order.id, method=PaymentMethod.BANK_TRANSFER, amount_vnd=order.total_vnd,
                           status=PaymentStatus.SUCCEEDED, recorded_by_id=staff.id, succeeded_at=utcnow()))
    orders.mark_paid(order.id, note=_("transfer recorded by staff"))
    db.session.commit()
    return order


def awaiting_transfers():
    return db.session.scalars(
        select(Order).where(Order.payment_method == PaymentMethod.BANK_TRANSFER,
                            Order.parts.any(OrderPart.status == PartStatus.AWAITING_PAYMENT))
        .order_by(Order.id).options(selectinload(Order.buyer), selectinload(Order.parts))
    ).all()


@dataclass
class StatementReport:
    matched: list = field(default_factory=list)  # (line, order)
    problems: list = field(default_factory=list)  # (line, message)
    ignored: int = 0  # debits and zero lines


@transactional
def import_statement(staff, data):
    """Match a bank statement's credit lines to orders on reference and exact amount.

    A line is applied only when its one reference names an order awaiting a transfer of
    exactly that amount; every other line is listed with the reason, never guessed. Uploading
    the same statement twice applies nothing twice (each line's fingerprint is stored). The
    whole statement is one transaction: an error half-way applies none of it.
    """
    try:
        lines = statement.parse_statement(data)
    except statement.StatementError as exc:
        raise PaymentError(_("The statement could not be read: %(reason)s", reason=str(exc)), field="statement") from exc
    report = StatementReport()
    for line in lines:
        if line.amount_vnd <= 0:
            report.ignored += 1
            continue
        fingerprint = "statement:" + hashlib.sha256(
            f"{line.posted_on}|{line.amount_vnd}|{line.description}".encode()).hexdigest()[:32]
        problem, order = _match_line(line, fingerprint)
        if problem:
            report.problems.append((line, problem))
            continue
        db.session.add(Payment(order_id=order.id, method=PaymentMethod.BANK_TRANSFER, amount_vnd=line.amount_vnd,
                               status=PaymentStatus.SUCCEEDED, provider_ref=fingerprint, recorded_by_id=staff.id,
                               succeeded_at=utcnow()))
        orders.mark_paid(order.id, note=_("matched on bank statement line %(n)s", n=line.line_no))
        db.session.flush()  # the next line's "already recorded" check sees this one
        report.matched.append((line, order))
    return report


def _match_line(line, fingerprint):
    references = getattr(line, "references", None) or ([line.reference] if line.reference else [])
    if not references:
        return _("No order reference (LN…) in the description."), None
    if len(references) > 1:
        return _("Several order references (%(refs)s): match it by hand.", refs=", ".join(references)), None
    if db.session.scalar(select(Payment.id).where(Payment.provider_ref == fingerprint)) is not None:
        return _("Already recorded from an earlier statement."), None
    order_id = int(references[0][2:])
    order = db.session.get(Order, order_id) if 0 < order_id <= orders.MAX_ID else None
    if order is None:
        return _("No order %(ref)s.", ref=references[0]), None
    if order.payment_method != PaymentMethod.BANK_TRANSFER:
        return _("Order %(ref)s is not paid by bank transfer.", ref=order.reference), None
    if order.paid_at is not None:
        return _("Order %(ref)s is already paid: refund this transfer if it is a second payment.", ref=order.reference), None
    if not order.awaiting_payment:
        return _("Order %(ref)s was cancelled: send this transfer back.", ref=order.reference), None
    if line.amount_vnd != order.total_vnd:
        return _("Order %(ref)s expects %(expected)s but %(received)s arrived.", ref=order.reference,
                 expected=format_vnd(order.total_vnd), received=format_vnd(line.amount_vnd)), None
    return None, order


# ---------------------------------------------------------------- card

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
    _awaiting_order(order.id, PaymentMethod.CARD)
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
    payment = _card_payment(order, intent_id)
    if status == "succeeded":
        _succeed(payment, note=_("card payment"))
    db.session.commit()
    return CardResult(order=order, status=status, client_secret=client_secret if status != "succeeded" else "")


def _card_payment(order, intent_id):
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


def _succeed(payment, note):
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
        notify(order.buyer, _l("Payment for order %(ref)s refunded", ref=order.reference),
               _l("Your payment arrived after the order had been cancelled, so we refunded %(amount)s in full.",
                  amount=format_vnd(payment.amount_vnd)))
        log.warning("late card payment %s for released order %s refunded", payment.provider_ref, order.reference)
        return "refunded"
    return "paid"


def _record_card_failure(order_id, intent_id, message):
    order = db.session.get(Order, order_id)
    payment = _card_payment(order, intent_id) if intent_id else Payment(order_id=order.id, method=PaymentMethod.CARD,
                                                                         amount_vnd=order.total_vnd)
    db.session.add(payment)
    if payment.status == PaymentStatus.SUCCEEDED:  # a success already reported wins over a late failure
        return
    payment.status, payment.failure_message = PaymentStatus.FAILED, (message or "")[:300]
    orders.release_unpaid(order.id, reason=_l("card payment failed"), refill_cart=True)
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
        _succeed(payment, note=_("card payment"))
        db.session.commit()
    return order


# ---------------------------------------------------------------- Stripe webhooks

class WebhookRejected(InvalidInput):
    """The webhook's signature is missing, wrong or stale; nothing was changed (400)."""


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
    return _card_payment(order, intent_id)


def _known_intent(obj):
    """Whether the event's intent is one of ours: a payment we recorded, or an order it names."""
    if db.session.scalar(select(Payment.id).where(Payment.provider_ref == obj.get("id"))) is not None:
        return True
    order_id = int((obj.get("metadata") or {}).get("order_id") or 0)
    return 0 < order_id <= orders.MAX_ID and db.session.get(Order, order_id) is not None


def _on_intent_succeeded(obj):
    payment = _payment_for_intent(obj, check_amount=True)
    if payment is None:
        if not _known_intent(obj):
            return "ignored: no order for this payment intent"
        log.error("intent %s for %s VND does not match its order", obj.get("id"), obj.get("amount"))
        return "ignored: amount differs from the order"
    outcome = _succeed(payment, note=_("card payment"))
    return {"paid": "handled: order paid", "refunded": "handled: late payment refunded",
            "already": "ignored: payment already recorded"}[outcome]


def _on_intent_failed(obj):
    payment = _payment_for_intent(obj)
    if payment is None:
        return "ignored: no order for this payment intent"
    if payment.status == PaymentStatus.SUCCEEDED:
        return "ignored: payment already succeeded"
    message = ((obj.get("last_payment_error") or {}).get("message") or "")[:300]
    payment.status, payment.failure_message = PaymentStatus.FAILED, message
    orders.release_unpaid(payment.order_id, reason=_l("card payment failed"), refill_cart=True)
    return "handled: order released"


_WEBHOOK_HANDLERS = {
    "payment_intent.succeeded": _on_intent_succeeded,
    "payment_intent.payment_failed": _on_intent_failed,
}


# ---------------------------------------------------------------- cash, refunds

@order_signals.cash_collected.connect
def _on_cash_collected(part):
    record_cash(part)


@order_signals.paid_part_cancelled.connect
def _on_paid_part_cancelled(part):
    return request_refund(part)


def record_cash(part):
    """The producer collected a cash-on-delivery part's money; the caller commits."""
    db.session.add(Payment(order_id=part.order_id, method=PaymentMethod.COD, amount_vnd=part.gross_vnd,
                           status=PaymentStatus.SUCCEEDED, succeeded_at=utcnow(), provider_ref=f"cod-part-{part.id}"))


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
        outbox.schedule(REFUND_TASK, part.id)
    return refund


def send_refund(part_id):
    """Send a requested card refund to Stripe, once; the worker's task. Returns the refund's status.

    The row is read and the transaction ended before Stripe is called, so no lock is held
    during the call; Stripe's idempotency key (the part) makes a repeated call refund once, and
    the status moves only from "requested". Stripe unreachable: the attempt is recorded and
    RefundDelayed raised for the task to retry. Stripe refusing: the refund is marked failed,
    for staff to see and send again.
    """
    refund = db.session.scalars(select(Refund).where(Refund.part_id == part_id)).first()
    if refund is None or refund.status != RefundStatus.REQUESTED:
        status = refund.status if refund is not None else None
        db.session.rollback()
        return status
    refund_id, intent_id, amount = refund.id, refund.payment.provider_ref, refund.amount_vnd
    db.session.commit()
    try:
        provider_ref = stripe_gateway.refund(intent_id=intent_id, amount_vnd=amount,
                                             idempotency_key=f"refund-part-{part_id}")
    except stripe_gateway.StripeUnavailable as exc:
        _refund_attempt(refund_id, error=str(exc))
        log.warning("refund of part %s not sent yet (Stripe unreachable): %s", part_id, exc)
        raise RefundDelayed(str(exc)) from exc
    except stripe_gateway.StripeRefused as exc:
        _refund_attempt(refund_id, error=str(exc), status=RefundStatus.FAILED)
        log.error("Stripe refused the refund of part %s: %s", part_id, exc)
        return RefundStatus.FAILED
    _refund_attempt(refund_id, status=RefundStatus.SUCCEEDED, provider_ref=provider_ref, sent_at=utcnow())
    return RefundStatus.SUCCEEDED


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
    outbox.schedule(REFUND_TASK, db.session.get(Refund, refund_id).part_id)
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
    part_ids = db.session.scalars(
        select(Refund.part_id).where(Refund.status == RefundStatus.REQUESTED,
                                     Refund.created_at < utcnow() - older_than).order_by(Refund.id).limit(500)).all()
    for part_id in part_ids:
        outbox.schedule(REFUND_TASK, part_id)
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


# ---------------------------------------------------------------- payout ledger

@dataclass
class Earnings:
    parts: list
    pending_vnd: int  # paid or confirmed, not delivered yet
    due_vnd: int
    in_batch_vnd: int
    paid_out_vnd: int
    commission_vnd: int


def earnings_of(producer_id, page=1, per_page=30):
    """A producer's ledger: each part's gross, commission, net and payout status, with totals."""
    live = (PartStatus.CONFIRMED, PartStatus.PAID, PartStatus.SHIPPED, PartStatus.DELIVERED)
    sums = dict(db.session.execute(
        select(OrderPart.payout_status, func.coalesce(func.sum(OrderPart.net_vnd), 0))
        .where(OrderPart.producer_id == producer_id, OrderPart.status.in_(live)).group_by(OrderPart.payout_status)
    ).all())
    commission = db.session.scalar(
        select(func.coalesce(func.sum(OrderPart.commission_vnd), 0))
        .where(OrderPart.producer_id == producer_id, OrderPart.status == PartStatus.DELIVERED)) or 0
    parts = db.paginate(
        select(OrderPart).where(OrderPart.producer_id == producer_id, OrderPart.status.in_(live))
        .options(selectinload(OrderPart.order)).order_by(OrderPart.id.desc()),
        page=page, per_page=per_page, error_out=False)
    return Earnings(parts=parts, pending_vnd=sums.get(PayoutStatus.NOT_DUE, 0), due_vnd=sums.get(PayoutStatus.DUE, 0),
                    in_batch_vnd=sums.get(PayoutStatus.IN_BATCH, 0), paid_out_vnd=sums.get(PayoutStatus.PAID, 0),
                    commission_vnd=commission)


def due_by_producer():
    """What is owed now, per producer: (producer, parts, net) for the staff's payout page."""
    rows = db.session.execute(
        select(Producer, func.count(OrderPart.id), func.sum(OrderPart.net_vnd))
        .join(OrderPart, OrderPart.producer_id == Producer.id)
        .where(OrderPart.payout_status == PayoutStatus.DUE).group_by(Producer.id).order_by(Producer.name)
    ).all()
    return [(producer, count, int(total)) for producer, count, total in rows]


@transactional
def create_payout_batch(staff):
    """Gather every due part of producers with bank details into one batch; returns it (or None).

    Parts move from due to in-batch by a conditional UPDATE, so two staff pressing the button
    at once cannot put one part in two batches.
    """
    ids = db.session.scalars(
        select(OrderPart.id).join(Producer, OrderPart.producer_id == Producer.id)
        .where(OrderPart.payout_status == PayoutStatus.DUE, Producer.bank_account_number != "")
        .order_by(OrderPart.id)
    ).all()
    if not ids:
        raise PaymentError(_("Nothing is due to producers with bank details right now."))
    batch = PayoutBatch(created_by_id=staff.id)
    db.session.add(batch)
    db.session.flush()
    db.session.execute(
        update(OrderPart).where(OrderPart.id.in_(ids), OrderPart.payout_status == PayoutStatus.DUE)
        .values(payout_status=PayoutStatus.IN_BATCH, payout_batch_id=batch.id).execution_options(synchronize_session=False)
    )
    # The payee's details are copied now: changing the account later must not redirect batched money.
    for producer, count, total in db.session.execute(
        select(Producer, func.count(OrderPart.id), func.sum(OrderPart.net_vnd))
        .join(OrderPart, OrderPart.producer_id == Producer.id)
        .where(OrderPart.payout_batch_id == batch.id).group_by(Producer.id).order_by(Producer.name)
    ).all():
        batch.lines.append(PayoutLine(producer=producer, bank_name=producer.bank_name,
                                      bank_account_number=producer.bank_account_number,
                                      bank_account_name=producer.bank_account_name,
                                      amount_vnd=int(total), parts_count=count))
    batch.total_vnd = sum(line.amount_vnd for line in batch.lines)
    if not batch.total_vnd:
        db.session.rollback()
        raise PaymentError(_("Nothing is due to producers with bank details right now."))
    db.session.commit()
    return batch


def payout_lines(batch_id):
    """One transfer per producer in the batch, with the bank details it was made with."""
    return db.session.scalars(select(PayoutLine).where(PayoutLine.batch_id == batch_id)
                              .options(selectinload(PayoutLine.producer)).order_by(PayoutLine.id)).all()


def get_batch(batch_id):
    batch = db.session.get(PayoutBatch, batch_id)
    if batch is None:
        raise NotFound(_("Payout batch not found."))
    return batch


def payout_csv(batch_id):
    """The batch as a CSV for the bank's bulk domestic transfer: one line per producer."""
    batch = get_batch(batch_id)
    return csv_text(
        ["batch", "producer", "bank", "account_number", "account_name", "amount_vnd", "parts", "description"],
        ([batch.id, line.producer.name, line.bank_name, line.bank_account_number, line.bank_account_name,
          line.amount_vnd, line.parts_count, f"LANG NGHE MARKET PAYOUT B{batch.id}"] for line in payout_lines(batch.id)))


@transactional
def mark_batch_paid(staff, batch_id):
    """Staff made every transfer of the batch: its parts are paid out and producers are told."""
    batch = get_batch(batch_id)
    changed = db.session.execute(
        update(PayoutBatch).where(PayoutBatch.id == batch.id, PayoutBatch.status == PayoutBatchStatus.OPEN)
        .values(status=PayoutBatchStatus.PAID, paid_at=utcnow(), paid_by_id=staff.id)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise orders.StateConflict(_("This batch is already marked as paid."))
    db.session.execute(update(OrderPart).where(OrderPart.payout_batch_id == batch.id)
                       .values(payout_status=PayoutStatus.PAID).execution_options(synchronize_session=False))
    for line in payout_lines(batch.id):
        for user in orders.producer_users(line.producer_id):
            notify(user, _l("Your earnings were transferred"),
                   lazy_ngettext("We transferred %(amount)s for %(num)s order to your account at %(bank)s.",
                                 "We transferred %(amount)s for %(num)s orders to your account at %(bank)s.",
                                 line.parts_count, amount=format_vnd(line.amount_vnd), bank=line.bank_name or "—"))
    db.session.commit()
    db.session.refresh(batch)
    return batch


def batches(page=1, per_page=20):
    return db.paginate(select(PayoutBatch).order_by(PayoutBatch.id.desc()), page=page, per_page=per_page, error_out=False)


def payments_of(order_id):
    return db.session.scalars(select(Payment).where(Payment.order_id == order_id).order_by(Payment.id)).all()


def recent_payments(page=1, per_page=30):
    return db.paginate(select(Payment).order_by(Payment.id.desc()).options(selectinload(Payment.order)),
                       page=page, per_page=per_page, error_out=False)
