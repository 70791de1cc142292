"""Each order part's state machine: paid, released, shipped, delivered (confirmed by the buyer or
counted after some days), cancelled. Every move is a
conditional UPDATE on the status read, so of two simultaneous moves one wins."""
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from marketplace.accounts.models import Role
from marketplace.core.errors import NotFound, found
from marketplace.core.labels import status_label
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.extensions import db
from marketplace.notifications.messages import money, phrase
from marketplace.orders import signals
from marketplace.orders.cart import cart_for
from marketplace.orders.constants import AUTO_DELIVERED, CASH_COLLECTED, RESERVATION_EXPIRED
from marketplace.orders.errors import OrderError, StateConflict
from marketplace.orders.messages import tell_buyer, tell_producer
from marketplace.orders.models import (
    CartItem,
    Order,
    OrderPart,
    PartEvent,
    PartStatus,
    PaymentMethod,
    PayoutStatus,
)
from marketplace.orders.stock import restock
from marketplace.producers import services as producers
from marketplace.shipping import tracking


def _move(part, to_status, actor=None, note="", **values):
    """Move a part to ``to_status`` if its current status allows it; exactly once under concurrency.

    The UPDATE only matches while the part is still in the status we read, so of two
    concurrent requests (a double click, a webhook delivered twice) one wins and the other
    gets StateConflict.
    """
    current = part.status
    if to_status not in PartStatus.TRANSITIONS[current]:
        raise StateConflict(_("This part of the order is %(status)s and cannot be changed that way.",
                              status=str(status_label(current, "part")).lower()))
    changed = db.session.execute(
        update(OrderPart).where(OrderPart.id == part.id, OrderPart.status == current)
        .values(status=to_status, **values).execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise StateConflict(_("Someone changed this order at the same moment; reload the page."))
    db.session.add(PartEvent(part_id=part.id, from_status=current, to_status=to_status,
                             actor_id=actor.id if actor is not None else None, note=note[:300]))
    db.session.flush()
    db.session.refresh(part)


@transactional
def mark_paid(order_id, note=""):
    """Money for the whole order has arrived: every part awaiting payment becomes paid.

    Returns the parts that moved. Called by the payment providers; safe to call twice.
    """
    order = _lock_order(order_id)
    moved = []
    now = utcnow()
    for part in order.parts:
        if part.status == PartStatus.AWAITING_PAYMENT:
            _move(part, PartStatus.PAID, note=note, paid_at=now)
            moved.append(part)
    if moved:
        order.paid_at = now
        order.reserved_until = None
        tell_buyer(order, "orders.paid", amount=money(order.total_vnd))
        for part in moved:
            tell_producer(part, "orders.part_paid", amount=money(part.gross_vnd))
    return moved


@transactional
def release_unpaid(order_id, reason, refill_cart=False):
    """Cancel the parts still awaiting payment and give their stock back (expiry, failed card).

    ``reason`` is RESERVATION_EXPIRED or CARD_FAILED, a phrase key stored as the parts' note and
    cancel reason, so that each reader sees it in their own language (``notifications.messages.said``).
    Returns the parts released; safe to call twice (the second call finds nothing to release).
    """
    order = _lock_order(order_id)
    released = []
    for part in order.parts:
        if part.status == PartStatus.AWAITING_PAYMENT:
            _move(part, PartStatus.CANCELLED, note=reason, cancelled_at=utcnow(), cancel_reason=reason)
            restock(part)
            released.append(part)
    if released:
        order.reserved_until = None
        if refill_cart:
            _refill_cart(order, released)
        tell_buyer(order, "orders.released_to_cart" if refill_cart else "orders.released", reason=phrase(reason))
    return released


def _refill_cart(order, parts):
    cart = cart_for(order.buyer, create=True)
    for part in parts:
        for line in part.lines:
            key = line.variant_id or 0
            if not any(i.listing_id == line.listing_id and i.variant_key == key for i in cart.items):
                cart.items.append(CartItem(listing_id=line.listing_id, variant_id=line.variant_id, variant_key=key,
                                           quantity=line.quantity, seen_unit_price_vnd=line.unit_price_vnd))


def _lock_order(order_id):
    """The order, locked for this transaction on PostgreSQL (SQLite serialises writers anyway)."""
    order = db.session.scalars(select(Order).where(Order.id == order_id).with_for_update()).first()
    if order is None:
        raise NotFound(_("Order not found."))
    return order


def expire_reservations(now=None):
    """Release every unpaid order whose reservation ran out; returns how many were released."""
    now = now or utcnow()
    ids = db.session.scalars(
        select(Order.id).where(Order.reserved_until.is_not(None), Order.reserved_until < now).order_by(Order.id)
    ).all()
    db.session.rollback()
    released = 0
    for order_id in ids:  # each order in its own transaction (release_unpaid commits or rolls back)
        try:
            if release_unpaid(order_id, reason=RESERVATION_EXPIRED):
                released += 1
        except StateConflict:  # paid at this very moment: nothing to release
            pass
    return released


def part_for_producer(user, part_id):
    part = found(OrderPart, part_id, _("Order not found."),
                 allowed=lambda part: producers.can_act_for(user, part.producer_id))
    return part


@transactional
def ship_part(user, part_id, carrier, tracking_number):
    """The producer hands its part to a carrier."""
    part = part_for_producer(user, part_id)
    chosen, tracking_number = tracking.carrier(carrier or ""), tracking.clean_number(tracking_number)
    errors = {}
    if chosen is None:
        errors["carrier"] = [_("Choose the carrier: Viettel Post, GHN, GHTK, VNPost or J&T Express.")]
    if not tracking_number:
        errors["tracking_number"] = [_("Give the tracking number printed on the carrier's receipt.")]
    elif chosen is not None and not chosen.accepts(tracking_number):
        errors["tracking_number"] = [_("This does not look like a %(carrier)s tracking number (e.g. %(example)s).",
                                       carrier=chosen.name, example=chosen.example)]
    if errors:
        raise OrderError.for_fields(errors)
    carrier = chosen.name
    _move(part, PartStatus.SHIPPED, actor=user, note=f"{carrier} {tracking_number}",
          carrier=carrier, tracking_number=tracking_number, shipped_at=utcnow())
    tell_buyer(part.order, "orders.shipped", producer=part.producer.name, carrier=chosen.name, tracking=tracking_number)
    db.session.commit()
    return part


def _deliver(part, actor=None, note=""):
    """Move a shipped part to delivered: only now does the producer's payout fall due.

    For cash on delivery the buyer pays the carrier at the door, so delivery also records the cash.
    """
    order = part.order
    is_cod = order.payment_method == PaymentMethod.COD
    now = utcnow()
    values = {"delivered_at": now, "payout_status": PayoutStatus.DUE}
    if is_cod:
        values["paid_at"] = now
    _move(part, PartStatus.DELIVERED, actor=actor, note=note or (CASH_COLLECTED if is_cod else ""), **values)
    if is_cod:
        signals.send_required(signals.cash_collected, part)
        live = [p for p in order.parts if p.status not in (PartStatus.CANCELLED, PartStatus.REFUNDED)]
        if all(p.paid_at is not None for p in live):
            order.paid_at = now  # every parcel's cash is collected


def part_for_buyer(user, part_id):
    """A part of one of ``user``'s own orders; 404 for anyone else's."""
    return found(OrderPart, part_id, _("Order not found."), allowed=lambda part: part.order.buyer_id == user.id)


@transactional
def confirm_receipt(user, part_id):
    """The buyer says the parcel arrived (and, for cash on delivery, that they paid the carrier)."""
    part = part_for_buyer(user, part_id)
    if part.status != PartStatus.SHIPPED:
        raise StateConflict(_("This part of the order is %(status)s and cannot be changed that way.",
                              status=str(status_label(part.status, "part")).lower()))
    _deliver(part, actor=user)
    tell_producer(part, "orders.received_producer", ref=part.order.reference, amount=money(part.net_vnd))
    return part


def auto_deliver(now=None):
    """Count as delivered every part shipped more than ``AUTO_DELIVERED_AFTER_DAYS`` ago that the buyer
    has not confirmed; each in its own transaction. Returns how many moved (the beat task's count)."""
    now = now or utcnow()
    days = current_app.config["AUTO_DELIVERED_AFTER_DAYS"]
    ids = db.session.scalars(
        select(OrderPart.id).where(OrderPart.status == PartStatus.SHIPPED,
                                   OrderPart.shipped_at < now - timedelta(days=days)).order_by(OrderPart.id).limit(500)
    ).all()
    db.session.rollback()
    moved = 0
    for part_id in ids:
        try:
            _auto_deliver_one(part_id)
            moved += 1
        except StateConflict:  # the buyer confirmed at this very moment
            pass
    return moved


@transactional
def _auto_deliver_one(part_id):
    part = db.session.scalars(select(OrderPart).where(OrderPart.id == part_id).with_for_update()).one()
    if part.status != PartStatus.SHIPPED:
        raise StateConflict(_("Someone changed this order at the same moment; reload the page."))
    _deliver(part, note=AUTO_DELIVERED)
    tell_buyer(part.order, "orders.delivered", producer=part.producer.name)
    tell_producer(part, "orders.received_producer", ref=part.order.reference, amount=money(part.net_vnd))


def _part_for_canceller(user, part_id):
    part = found(OrderPart, part_id, _("Order not found."))
    if user.role == Role.STAFF or part.order.buyer_id == user.id or producers.can_act_for(user, part.producer_id):
        return part
    raise NotFound(_("Order not found."))


@transactional
def cancel_part(user, part_id, reason=""):
    """Cancel a part before it ships: stock goes back, and a paid part is refunded."""
    part = _part_for_canceller(user, part_id)
    reason = " ".join((reason or "").split())[:200]
    if part.status not in PartStatus.CANCELLABLE:
        raise StateConflict(_("This part has already been %(status)s and can no longer be cancelled.",
                              status=str(status_label(part.status, "part")).lower()))
    was_paid = part.status == PartStatus.PAID
    target = PartStatus.REFUNDED if was_paid else PartStatus.CANCELLED
    _move(part, target, actor=user, note=reason, cancelled_at=utcnow(), cancel_reason=reason)
    restock(part)
    refund = None
    if was_paid:
        # Recorded here (by payments), sent to Stripe by the worker after this commits: no card
        # network call while this transaction holds the part's and the stock rows' locks.
        refund = signals.send_required(signals.paid_part_cancelled, part)
    order = part.order
    if not any(p.status == PartStatus.AWAITING_PAYMENT for p in order.parts):
        order.reserved_until = None
    if target == PartStatus.CANCELLED and order.payment_method != PaymentMethod.COD:
        order.total_vnd -= part.gross_vnd  # the rest of the unpaid order now asks for less
    key = "orders.part_refunded" if was_paid else "orders.part_cancelled"
    tell_buyer(order, key, producer=part.producer.name, amount=money(part.gross_vnd))
    tell_producer(part, f"{key}_producer", producer=part.producer.name, ref=order.reference,
                  amount=money(part.gross_vnd))
    db.session.commit()
    return part, refund
