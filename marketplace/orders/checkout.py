"""Checkout: the cart becomes one order with one part per producer, its stock reserved, once per
checkout token."""
import logging
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from marketplace.accounts.rules import require_verified
from marketplace.core.errors import NotFound
from marketplace.core.templating import format_vnd as _vnd
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.orders.addresses import add_address
from marketplace.orders.cart import review_cart
from marketplace.orders.constants import ADDRESS_FIELDS, BOOK_FIELDS
from marketplace.orders.errors import CartProblem, OrderError
from marketplace.orders.messages import tell_placed
from marketplace.orders.models import (
    Order,
    OrderLine,
    OrderPart,
    PartEvent,
    PartStatus,
    PaymentMethod,
)
from marketplace.orders.schemas import CheckoutSchema
from marketplace.orders.stock import reserve

log = logging.getLogger(__name__)


def new_checkout_token():
    return secrets.token_urlsafe(24)


@transactional
def place_order(user, cart, data, payment_method, checkout_token, card_enabled=False, quoted_total=None):
    """Turn the cart into an order with one part per producer, reserving the stock.

    Shipping is priced for the address given. ``quoted_total``, the total the buyer was shown (for
    the address the page was made with), must match, or nothing is placed and the buyer sees the new
    total. A second call with the same ``checkout_token`` (a double click) returns the first order.
    """
    require_verified(user)
    existing = _order_by_token(checkout_token)
    if existing is not None:
        if existing.buyer_id != user.id:
            raise NotFound(_("Order not found."))
        return existing
    checked = load(CheckoutSchema(card_enabled=card_enabled), {**data, "payment_method": payment_method}, OrderError)
    address = {name: checked[name] for name in ADDRESS_FIELDS}
    review = review_cart(cart, destination=address)
    if review.empty:
        raise OrderError(_("Your cart is empty."))
    if review.problems:
        raise CartProblem(review.problems)
    if quoted_total is not None and quoted_total != review.total_vnd:
        raise OrderError(_("Shipping to this address comes to %(shipping)s: check the new total, %(total)s, and place "
                           "the order again.", shipping=_vnd(review.shipping_vnd), total=_vnd(review.total_vnd)))
    now = utcnow()
    order = Order(buyer_id=user.id, payment_method=payment_method, total_vnd=review.total_vnd,
                  checkout_token=checkout_token, created_at=now, **address)
    if payment_method == PaymentMethod.CARD:
        order.reserved_until = now + timedelta(minutes=current_app.config["CARD_RESERVATION_MINUTES"])
    elif payment_method == PaymentMethod.BANK_TRANSFER:
        order.reserved_until = now + timedelta(hours=current_app.config["TRANSFER_RESERVATION_HOURS"])
    first = PartStatus.CONFIRMED if payment_method == PaymentMethod.COD else PartStatus.AWAITING_PAYMENT
    rate = current_app.config["PLATFORM_COMMISSION_BP"]
    for group in review.groups:
        commission = commission_on(group.goods_vnd, rate)
        part = OrderPart(producer_id=group.producer.id, status=first, goods_vnd=group.goods_vnd,
                         shipping_vnd=group.shipping_vnd, shipping_zone=group.zone or "",
                         weight_grams=group.weight_grams, commission_rate_bp=rate, commission_vnd=commission,
                         net_vnd=group.total_vnd - commission)
        for line in group.lines:
            listing, variant = line.item.listing, line.item.variant
            part.lines.append(OrderLine(
                listing_id=listing.id, variant_id=variant.id if variant else None,
                title_vi=listing.title_vi, title_en=listing.title_en or "",
                variant_name_vi=variant.name_vi if variant else "", variant_name_en=(variant.name_en or "") if variant else "",
                unit=listing.unit, quantity=line.item.quantity, unit_price_vnd=line.unit_price_vnd,
            ))
        part.events.append(PartEvent(from_status="", to_status=first, actor_id=user.id))
        order.parts.append(part)
    db.session.add(order)
    try:
        reserve([(line.item.listing_id, line.item.variant_id, line.item.quantity, line.item)
                  for group in review.groups for line in group.lines])
        db.session.flush()
    except IntegrityError:  # the same checkout token placed meanwhile by a concurrent request
        db.session.rollback()
        existing = _order_by_token(checkout_token)
        if existing is None or existing.buyer_id != user.id:
            raise
        return existing
    for item in list(cart.items):
        db.session.delete(item)
    if checked["save_address"]:
        add_address(user, {name: checked[name] for name in BOOK_FIELDS})
    tell_placed(order)
    db.session.commit()
    log.info("order %s placed by user %s: %s VND by %s", order.reference, user.id, order.total_vnd, payment_method)
    return order


def _order_by_token(token):
    return db.session.scalars(select(Order).where(Order.checkout_token == token)).first() if token else None


def commission_on(goods_vnd, rate_bp):
    """The platform's commission in whole VND, rounded half up, with integer arithmetic only."""
    return (goods_vnd * rate_bp + 5000) // 10000
