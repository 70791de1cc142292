"""Orders: the cart, checkout, stock reservation and each part's state machine.

This module houses the core order logic. Each public function owns its transaction. Stock
is reserved by conditional UPDATEs (``stock = stock - n WHERE stock >= n``), so two
checkouts can never both take the last unit; a part changes status only by a conditional
UPDATE on its current status, so a double click or a retried task changes it once.
Payments (``marketplace.payments``) call back into ``mark_paid`` and ``release_unpaid``.
"""
import logging
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import ProducerMember, Role, User
from marketplace.accounts.rules import require_verified
from marketplace.catalog.models import Listing, ListingStatus, Variant
from marketplace.core import numbers
from marketplace.core.errors import InvalidInput, NotFound
from marketplace.core.labels import status_label
from marketplace.core.templating import format_vnd as _vnd
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.i18n import localized
from marketplace.notifications.services import notify
from marketplace.orders import signals
from marketplace.orders.constants import ADDRESS_FIELDS
from marketplace.orders.models import (
    Cart,
    CartItem,
    Order,
    OrderLine,
    OrderPart,
    PartEvent,
    PartStatus,
    PaymentMethod,
    PayoutStatus,
)
from marketplace.orders.schemas import CartQuantitySchema, CheckoutSchema
from marketplace.producers import services as producers
from marketplace.producers.models import Producer, ProducerStatus

log = logging.getLogger(__name__)

MAX_ID = numbers.MAX_INT  # ids from forms and Stripe's metadata are checked against it; URL ids by the converter



class OrderError(InvalidInput):
    """The cart or checkout breaks a rule the buyer can fix (stock, MOQ, address); 400."""


class CartProblem(OrderError):
    """The cart cannot be checked out as it is; ``problems`` lists every reason."""

    def __init__(self, problems):
        super().__init__(" ".join(problems))
        self.problems = problems


class StateConflict(InvalidInput):
    """The part is no longer in a state that allows this action (already shipped, cancelled…); 409."""

    status_code = 409


# ---------------------------------------------------------------- cart

def cart_for(user=None, token=None, create=False):
    """The signed-in user's cart, or the anonymous cart of ``token``; created when asked."""
    if user is not None and user.is_authenticated:
        cart = db.session.scalars(select(Cart).where(Cart.user_id == user.id)).first()
        if cart is None and create:
            cart = Cart(user_id=user.id)
            db.session.add(cart)
            db.session.flush()
        return cart
    cart = db.session.scalars(select(Cart).where(Cart.token == token)).first() if token else None
    if cart is None and create:
        cart = Cart(token=secrets.token_urlsafe(24))
        db.session.add(cart)
        db.session.flush()
    return cart


def cart_size(user, token):
    """How many items the cart holds, in one query (the header shows it on every page)."""
    if user is not None and user.is_authenticated:
        condition = Cart.user_id == user.id
    elif token:
        condition = Cart.token == token
    else:
        return 0
    return db.session.scalar(select(func.coalesce(func.sum(CartItem.quantity), 0)).join(Cart).where(condition)) or 0


def _sellable_listing(listing_id):
    listing = db.session.get(Listing, listing_id) if 0 < (listing_id or 0) <= MAX_ID else None
    if listing is None or listing.status != ListingStatus.ACTIVE or listing.producer.status != ProducerStatus.APPROVED:
        raise NotFound(_("This product is not available."))
    return listing


def _variant_of(listing, variant_id):
    if not listing.variants:
        if variant_id:
            raise OrderError(_("This product has no choices."), field="variant_id")
        return None
    variant = next((v for v in listing.variants if v.id == variant_id), None)
    if variant is None:
        raise OrderError(_("Choose one of the product's options."), field="variant_id")
    return variant


def _quantity(raw):
    return load(CartQuantitySchema(), {"quantity": raw}, OrderError)["quantity"]


def _available(listing, variant):
    return variant.stock if variant is not None else listing.stock


@transactional
def add_to_cart(user, token, listing_id, variant_id, quantity):
    """Put a product in the cart (adding to a line already there); returns the cart."""
    quantity = _quantity(quantity)
    listing = _sellable_listing(listing_id)
    variant = _variant_of(listing, variant_id or None)
    cart = cart_for(user, token, create=True)
    item = next((i for i in cart.items if i.listing_id == listing.id and i.variant_key == (variant.id if variant else 0)), None)
    total = quantity + (item.quantity if item else 0)
    available = _available(listing, variant)
    if total > available:
        if available == 0:
            raise OrderError(_("Sorry, this product is out of stock."), field="quantity")
        raise OrderError(_("Only %(n)s left in stock.", n=available), field="quantity")
    price = listing.unit_price_for(total, variant)
    if item is None:
        cart.items.append(CartItem(listing_id=listing.id, variant_id=variant.id if variant else None,
                                   variant_key=variant.id if variant else 0, quantity=total, seen_unit_price_vnd=price))
    else:
        item.quantity, item.seen_unit_price_vnd = total, price
    cart.updated_at = utcnow()
    db.session.commit()
    return cart


def _cart_item(cart, item_id):
    item = next((i for i in (cart.items if cart else ()) if i.id == item_id), None)
    if item is None:
        raise NotFound(_("This line is not in your cart."))
    return item


@transactional
def set_quantity(user, token, item_id, quantity):
    """Change a cart line's quantity (0 removes it); the new price is the one the buyer sees next."""
    cart = cart_for(user, token)
    item = _cart_item(cart, item_id)
    if str(quantity).strip() == "0":
        cart.items.remove(item)
    else:
        quantity = _quantity(quantity)
        available = _available(item.listing, item.variant)
        if quantity > available:
            raise OrderError(_("Only %(n)s left in stock.", n=available), field="quantity")
        item.quantity = quantity
        item.seen_unit_price_vnd = item.listing.unit_price_for(quantity, item.variant)
    db.session.commit()
    return cart


@transactional
def remove_item(user, token, item_id):
    cart = cart_for(user, token)
    item = _cart_item(cart, item_id)  # 404 when there is no cart at all (expired session, other tab)
    cart.items.remove(item)
    db.session.commit()


@transactional
def merge_carts(token, user):
    """At login: move the anonymous cart's lines into the user's cart (quantities add up)."""
    anonymous = cart_for(None, token) if token else None
    if anonymous is None:
        return
    cart = cart_for(user, create=True)
    for item in list(anonymous.items):
        mine = next((i for i in cart.items if i.listing_id == item.listing_id and i.variant_key == item.variant_key), None)
        if mine is None:
            cart.items.append(CartItem(listing_id=item.listing_id, variant_id=item.variant_id, variant_key=item.variant_key,
                                       quantity=item.quantity, seen_unit_price_vnd=item.seen_unit_price_vnd))
        else:
            mine.quantity += item.quantity
    db.session.delete(anonymous)
    db.session.commit()


@dataclass
class CartLine:
    item: CartItem
    unit_price_vnd: int
    problem: str = ""

    @property
    def total_vnd(self):
        return self.unit_price_vnd * self.item.quantity


@dataclass
class CartGroup:
    """The lines of one producer: they become one part of the order."""

    producer: Producer
    lines: list = field(default_factory=list)
    shipping_vnd: int = 0

    @property
    def goods_vnd(self):
        return sum(line.total_vnd for line in self.lines)

    @property
    def total_vnd(self):
        return self.goods_vnd + self.shipping_vnd


@dataclass
class CartReview:
    groups: list
    problems: list

    @property
    def total_vnd(self):
        return sum(group.total_vnd for group in self.groups)

    @property
    def goods_vnd(self):
        return sum(group.goods_vnd for group in self.groups)

    @property
    def shipping_vnd(self):
        return sum(group.shipping_vnd for group in self.groups)

    @property
    def count(self):
        return sum(line.item.quantity for group in self.groups for line in group.lines)

    @property
    def empty(self):
        return not self.groups


def _title(listing):
    """The listing's title in the reader's language, for messages shown to them."""
    return localized(listing, "title", str(get_locale() or "vi"))


def review_cart(cart):
    """Price the cart as it would be charged now, grouped by producer, with every problem named."""
    if cart is None or not cart.items:
        return CartReview(groups=[], problems=[])
    groups, problems = {}, []
    shipping = current_app.config["SHIPPING_FEE_VND"]
    items = sorted(cart.items, key=lambda i: (i.listing.producer.name, i.id))
    for item in items:
        listing, variant = item.listing, item.variant
        name = _title(listing) + (f" ({localized(variant, 'name', str(get_locale() or 'vi'))})" if variant else "")
        price = listing.unit_price_for(item.quantity, variant)
        problem = ""
        if listing.status != ListingStatus.ACTIVE or listing.producer.status != ProducerStatus.APPROVED:
            problem = _("%(name)s is no longer for sale; remove it from your cart.", name=name)
        elif variant is not None and variant.retired:
            problem = _("The producer no longer offers %(name)s; remove it from your cart or choose another option.",
                        name=name)
        elif variant is None and listing.variants:
            problem = _("%(name)s now comes in several options; remove it from your cart and choose one.", name=name)
        elif _available(listing, variant) == 0:
            problem = _("%(name)s is out of stock; remove it from your cart.", name=name)
        elif item.quantity > _available(listing, variant):
            problem = _("Only %(n)s of %(name)s left in stock; lower the quantity.", n=_available(listing, variant), name=name)
        elif item.quantity < listing.moq:
            problem = _("%(name)s is sold from %(moq)s at a time (minimum order quantity).", name=name, moq=listing.moq)
        elif price != item.seen_unit_price_vnd:
            problem = _("The price of %(name)s changed from %(old)s to %(new)s. Check the new total and place the order again.",
                        name=name, old=_vnd(item.seen_unit_price_vnd), new=_vnd(price))
        group = groups.setdefault(listing.producer_id, CartGroup(producer=listing.producer, shipping_vnd=shipping))
        group.lines.append(CartLine(item=item, unit_price_vnd=price, problem=problem))
        if problem:
            problems.append(problem)
    return CartReview(groups=list(groups.values()), problems=problems)


@transactional
def accept_prices(cart):
    """The buyer has seen the new prices: remember them so that checkout charges them."""
    for item in cart.items:
        item.seen_unit_price_vnd = item.listing.unit_price_for(item.quantity, item.variant)
    db.session.commit()


# ---------------------------------------------------------------- checkout

def new_checkout_token():
    return secrets.token_urlsafe(24)


@transactional
def place_order(user, cart, data, payment_method, checkout_token, card_enabled=False):
    """Turn the cart into an order with one part per producer, reserving the stock.

    A second call with the same ``checkout_token`` (a double click) returns the first order.
    """
    require_verified(user)
    existing = _order_by_token(checkout_token)
    if existing is not None:
        if existing.buyer_id != user.id:
            raise NotFound(_("Order not found."))
        return existing
    checked = load(CheckoutSchema(card_enabled=card_enabled), {**data, "payment_method": payment_method}, OrderError)
    address = {name: checked[name] for name in ADDRESS_FIELDS}
    review = review_cart(cart)
    if review.empty:
        raise OrderError(_("Your cart is empty."))
    if review.problems:
        raise CartProblem(review.problems)
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
        commission = _commission(group.goods_vnd, rate)
        part = OrderPart(producer_id=group.producer.id, status=first, goods_vnd=group.goods_vnd,
                         shipping_vnd=group.shipping_vnd, commission_rate_bp=rate, commission_vnd=commission,
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
        _reserve([(line.item.listing_id, line.item.variant_id, line.item.quantity, line.item)
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
    _tell_placed(order)
    db.session.commit()
    log.info("order %s placed by user %s: %s VND by %s", order.reference, user.id, order.total_vnd, payment_method)
    return order


def _order_by_token(token):
    return db.session.scalars(select(Order).where(Order.checkout_token == token)).first() if token else None


def _commission(goods_vnd, rate_bp):
    """The platform's commission in whole VND, rounded half up, with integer arithmetic only."""
    return (goods_vnd * rate_bp + 5000) // 10000


def _change_stock(model, row_id, delta):
    """Add ``delta`` (negative to take) to one row's stock unless that would make it negative.

    Returns whether it changed: the condition is checked by the database in the same UPDATE,
    so two transactions can never both take the last units.
    """
    return db.session.execute(
        update(model).where(model.id == row_id, model.stock + delta >= 0)
        .values(stock=model.stock + delta).execution_options(synchronize_session=False)
    ).rowcount == 1


def _stock_rows(listing_id, variant_id):
    """The rows a line's quantity moves: its variant (if any) and always its listing, whose
    ``stock`` is kept equal to the sum of its variants'."""
    return ([(Variant, variant_id)] if variant_id is not None else []) + [(Listing, listing_id)]


def _reserve(lines):
    """Take each line's quantity from stock, or raise OrderError and leave every stock as it was.

    Rows are updated in (listing, variant) order so that two checkouts lock them in the same
    order and cannot deadlock each other.
    """
    for listing_id, variant_id, quantity, item in sorted(lines, key=lambda l: (l[0], l[1] or 0)):
        for model, row_id in _stock_rows(listing_id, variant_id):
            if not _change_stock(model, row_id, -quantity):
                raise OrderError(_("Sorry, %(name)s has just sold out or has fewer left than you asked for.",
                                   name=_title(item.listing)))


def _restock(part):
    """Give a cancelled part's quantities back to stock."""
    for line in sorted(part.lines, key=lambda l: (l.listing_id, l.variant_id or 0)):
        for model, row_id in _stock_rows(line.listing_id, line.variant_id):
            _change_stock(model, row_id, line.quantity)


# ---------------------------------------------------------------- state changes

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
        notify(order.buyer, _l("Payment received for order %(ref)s", ref=order.reference),
               _l("Thank you: we received %(amount)s. The producers are preparing your order.",
                  amount=_vnd(order.total_vnd)), link=_order_link(order))
        for part in moved:
            _tell_producer(part, _l("Order %(ref)s is paid: please ship it", ref=part.reference),
                           _l("The buyer has paid %(amount)s for your part. Pack it and record the shipment.",
                              amount=_vnd(part.gross_vnd)))
    return moved


@transactional
def release_unpaid(order_id, reason, refill_cart=False):
    """Cancel the parts still awaiting payment and give their stock back (expiry, failed card).

    ``reason`` is a lazy string, so that the buyer reads it in their own language. Returns the
    parts released; safe to call twice (the second call finds nothing to release).
    """
    order = _lock_order(order_id)
    released = []
    for part in order.parts:
        if part.status == PartStatus.AWAITING_PAYMENT:
            _move(part, PartStatus.CANCELLED, note=str(reason), cancelled_at=utcnow(), cancel_reason=str(reason)[:200])
            _restock(part)
            released.append(part)
    if released:
        order.reserved_until = None
        if refill_cart:
            _refill_cart(order, released)
        body = (_l("Order %(ref)s was cancelled (%(reason)s). Its products are back in your cart if you want to "
                   "order again.", ref=order.reference, reason=reason) if refill_cart else
                _l("Order %(ref)s was cancelled (%(reason)s) and its products went back on sale.",
                   ref=order.reference, reason=reason))
        notify(order.buyer, _l("Order %(ref)s was cancelled", ref=order.reference), body, link=_order_link(order))
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
            if release_unpaid(order_id, reason=_l("reservation expired")):
                released += 1
        except StateConflict:  # paid at this very moment: nothing to release
            pass
    return released


def _part_for_producer(user, part_id):
    part = db.session.get(OrderPart, part_id)
    if part is None or not producers.can_act_for(user, part.producer_id):
        raise NotFound(_("Order not found."))
    return part


@transactional
def ship_part(user, part_id, carrier, tracking_number):
    """The producer hands its part to a carrier."""
    part = _part_for_producer(user, part_id)
    carrier, tracking_number = " ".join((carrier or "").split()), "".join((tracking_number or "").split())
    if not carrier:
        raise OrderError(_("Name the carrier (e.g. Viettel Post, GHN, VNPost)."), field="carrier")
    if not re.fullmatch(r"[A-Za-z0-9\-]{4,60}", tracking_number):
        raise OrderError(_("Give the tracking number: 4 to 60 letters and digits."), field="tracking_number")
    if len(carrier) > 60:
        raise OrderError(_("The carrier's name is too long."), field="carrier")
    _move(part, PartStatus.SHIPPED, actor=user, note=f"{carrier} {tracking_number}",
          carrier=carrier, tracking_number=tracking_number, shipped_at=utcnow())
    notify(part.order.buyer, _l("Your order %(ref)s is on its way", ref=part.order.reference),
           _l("%(producer)s shipped your products with %(carrier)s, tracking number %(tracking)s.",
              producer=part.producer.name, carrier=carrier, tracking=tracking_number), link=_order_link(part.order))
    db.session.commit()
    return part


@transactional
def deliver_part(user, part_id, cash_collected=False):
    """The producer records delivery; for cash on delivery, that it collected the money too."""
    part = _part_for_producer(user, part_id)
    order = part.order
    is_cod = order.payment_method == PaymentMethod.COD
    if is_cod and not cash_collected:
        raise OrderError(_("Confirm that you collected the cash from the buyer."), field="cash_collected")
    now = utcnow()
    values = {"delivered_at": now, "payout_status": PayoutStatus.DUE}
    if is_cod:
        values["paid_at"] = now
    _move(part, PartStatus.DELIVERED, actor=user, note=_("cash collected") if is_cod else "", **values)
    if is_cod:
        signals.send_required(signals.cash_collected, part)
        live = [p for p in order.parts if p.status not in (PartStatus.CANCELLED, PartStatus.REFUNDED)]
        if all(p.paid_at is not None for p in live):
            order.paid_at = now  # every parcel's cash is collected
    notify(order.buyer, _l("Order %(ref)s was delivered", ref=order.reference),
           _l("%(producer)s recorded the delivery of your products. Thank you for buying from the craft villages!",
              producer=part.producer.name), link=_order_link(order))
    db.session.commit()
    return part


def _part_for_canceller(user, part_id):
    part = db.session.get(OrderPart, part_id)
    if part is None:
        raise NotFound(_("Order not found."))
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
    _restock(part)
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
    body = (_l("%(producer)s's part of order %(ref)s was cancelled; %(amount)s will be refunded.",
               producer=part.producer.name, ref=order.reference, amount=_vnd(part.gross_vnd))
            if was_paid else
            _l("%(producer)s's part of order %(ref)s was cancelled.", producer=part.producer.name, ref=order.reference))
    notify(order.buyer, _l("Part of order %(ref)s cancelled", ref=order.reference), body, link=_order_link(order))
    _tell_producer(part, _l("Order %(ref)s cancelled", ref=part.reference), body)
    db.session.commit()
    return part, refund


# ---------------------------------------------------------------- reading

def orders_of(user, page=1, per_page=20):
    query = (select(Order).where(Order.buyer_id == user.id).order_by(Order.id.desc())
             .options(selectinload(Order.parts).selectinload(OrderPart.producer)))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def order_for(user, order_id):
    """The buyer's own order (staff may see any); 404 for anyone else."""
    order = db.session.get(Order, order_id)
    if order is None or (order.buyer_id != user.id and user.role != Role.STAFF):
        raise NotFound(_("Order not found."))
    return order


def parts_for_producer(producer_id, status=None, page=1, per_page=20):
    query = (select(OrderPart).where(OrderPart.producer_id == producer_id)
             .options(selectinload(OrderPart.order), selectinload(OrderPart.lines)).order_by(OrderPart.id.desc()))
    if status == "open":
        query = query.where(OrderPart.status.in_(PartStatus.OPEN))
    elif status in PartStatus.ALL:
        query = query.where(OrderPart.status == status)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def open_count(producer_id):
    """Parts of this producer that still need it to act (to ship, or to deliver)."""
    return db.session.scalar(select(func.count()).select_from(OrderPart).where(
        OrderPart.producer_id == producer_id, OrderPart.status.in_((PartStatus.CONFIRMED, PartStatus.PAID, PartStatus.SHIPPED))))


def part_for_producer(user, part_id):
    return _part_for_producer(user, part_id)


def all_orders(status=None, page=1, per_page=30):
    query = select(Order).order_by(Order.id.desc()).options(selectinload(Order.parts).selectinload(OrderPart.producer),
                                                             selectinload(Order.buyer))
    if status in PartStatus.ALL:
        query = query.where(Order.parts.any(OrderPart.status == status))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


# ---------------------------------------------------------------- messages

def _order_link(order):
    try:
        return url_for("orders.order_page", order_id=order.id, _external=True)
    except RuntimeError:  # outside a request (worker): build it from the configured base URL
        return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/orders/{order.id}"


def _part_link(part):
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/dashboard/producer/orders/{part.id}"


def producer_users(producer_id):
    return db.session.scalars(
        select(User).join(ProducerMember, ProducerMember.user_id == User.id)
        .where(ProducerMember.producer_id == producer_id).order_by(User.id)
    ).all()


def _tell_producer(part, subject, body):
    for user in producer_users(part.producer_id):
        notify(user, subject, body, link=_part_link(part))


def _tell_placed(order):
    db.session.flush()
    method = {PaymentMethod.COD: _l("cash on delivery"), PaymentMethod.BANK_TRANSFER: _l("bank transfer"),
              PaymentMethod.CARD: _l("card")}[order.payment_method]
    notify(order.buyer, _l("Order %(ref)s received", ref=order.reference),
           lazy_ngettext("Thank you for your order of %(amount)s from %(num)s producer, paid by %(method)s. "
                         "It ships its own parcel; we will tell you at every step.",
                         "Thank you for your order of %(amount)s from %(num)s producers, paid by %(method)s. "
                         "Each producer ships its own parcel; we will tell you at every step.",
                         len(order.parts), amount=_vnd(order.total_vnd), method=method), link=_order_link(order))
    for part in order.parts:
        lines = "; ".join(f"{line.quantity} × {line.title_vi}" for line in part.lines)
        if part.status == PartStatus.CONFIRMED:
            body = _l("New order, cash on delivery: %(lines)s. Total to collect: %(amount)s.",
                      lines=lines, amount=_vnd(part.gross_vnd))
        else:
            body = _l("New order, waiting for the buyer's payment: %(lines)s (%(amount)s). Do not ship before it is paid.",
                      lines=lines, amount=_vnd(part.gross_vnd))
        _tell_producer(part, _l("New order %(ref)s", ref=part.reference), body)
