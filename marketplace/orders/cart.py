"""The cart: anyone's (a visitor's by a token in the session, merged at login), priced as it would
be charged now, with every problem named."""
import secrets
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from marketplace.catalog.models import Listing, ListingStatus
from marketplace.core.errors import NotFound
from marketplace.core.templating import format_vnd as _vnd
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.i18n import localized
from marketplace.orders.constants import MAX_ID
from marketplace.orders.errors import OrderError
from marketplace.orders.models import (
    Cart,
    CartItem,
)
from marketplace.orders.schemas import CartQuantitySchema
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.shipping import services as shipping


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
    # The zone the parcel goes to; None while the address is not known (shipping_vnd is then the
    # least it can cost: the cart says "from").
    zone: str | None = None
    weight_grams: int = 0

    @property
    def free_shipping(self):
        return shipping.is_free(self.goods_vnd, self.producer.free_shipping_over_vnd)

    @property
    def shipping_estimated(self):
        return self.zone is None

    @property
    def goods_vnd(self):
        return sum(line.total_vnd for line in self.lines)

    @property
    def total_vnd(self):
        return self.goods_vnd + self.shipping_vnd


def _over_groups(name):
    """A read-only figure of the whole cart: the sum of ``name`` over its groups (one per parcel)."""
    return property(lambda review: sum(getattr(group, name) for group in review.groups))


@dataclass
class CartReview:
    groups: list
    problems: list
    # Where the parcels go ({"province", "district"}), when known; fees are "from" amounts otherwise.
    destination: dict | None = None

    @property
    def shipping_estimated(self):
        return any(group.shipping_estimated for group in self.groups)

    total_vnd = _over_groups("total_vnd")
    goods_vnd = _over_groups("goods_vnd")
    shipping_vnd = _over_groups("shipping_vnd")

    @property
    def count(self):
        return sum(line.item.quantity for group in self.groups for line in group.lines)

    @property
    def empty(self):
        return not self.groups


def title_for_reader(listing):
    """The listing's title in the reader's language, for messages shown to them."""
    return localized(listing, "title", str(get_locale() or "vi"))


def review_cart(cart, destination=None):
    """Price the cart as it would be charged now, grouped by producer, with every problem named.

    ``destination`` ({"province", "district"}) prices each parcel's shipping for that address;
    without one each parcel shows the least it can cost.
    """
    if cart is None or not cart.items:
        return CartReview(groups=[], problems=[], destination=destination)
    groups, problems = {}, []
    items = sorted(cart.items, key=lambda i: (i.listing.producer.name, i.id))
    for item in items:
        listing, variant = item.listing, item.variant
        name = title_for_reader(listing) + (f" ({localized(variant, 'name', str(get_locale() or 'vi'))})" if variant else "")
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
        group = groups.setdefault(listing.producer_id, CartGroup(producer=listing.producer))
        group.lines.append(CartLine(item=item, unit_price_vnd=price, problem=problem))
        group.weight_grams += listing.weight_grams * item.quantity
        if problem:
            problems.append(problem)
    _price_shipping(groups.values(), destination)
    return CartReview(groups=list(groups.values()), problems=problems, destination=destination)


def _price_shipping(groups, destination):
    """Each parcel's fee: by zone and weight (``shipping``), or the flat ``SHIPPING_FEE_VND`` when set."""
    flat = current_app.config.get("SHIPPING_FEE_VND")
    known = bool(destination and destination.get("province"))
    table = None if flat is not None else shipping.rate_table()
    for group in groups:
        threshold = group.producer.free_shipping_over_vnd
        if flat is not None:
            group.shipping_vnd = 0 if shipping.is_free(group.goods_vnd, threshold) else flat
            group.zone = "flat"
        elif known:
            group.shipping_vnd, group.zone = shipping.parcel_fee(
                group.producer.village, destination["province"], destination.get("district") or "",
                group.weight_grams, group.goods_vnd, threshold, table)
        else:
            group.shipping_vnd = shipping.lowest_fee(group.weight_grams, group.goods_vnd, threshold, table)


@transactional
def accept_prices(cart):
    """The buyer has seen the new prices: remember them so that checkout charges them."""
    for item in cart.items:
        item.seen_unit_price_vnd = item.listing.unit_price_for(item.quantity, item.variant)
    db.session.commit()
