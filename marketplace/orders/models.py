from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core import labels
from marketplace.core.columns import Keyed, PostalAddress, PricedLine
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class Cart(Keyed, db.Model):
    """A buyer's cart: a signed-in user's, or an anonymous visitor's found by its token."""

    __tablename__ = "carts"

    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True, nullable=True)
    # Random token kept in the anonymous visitor's session; None once the cart belongs to a user.
    token: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    items = relationship("CartItem", back_populates="cart", cascade="all, delete-orphan", order_by="CartItem.id")


class CartItem(Keyed, db.Model):
    __tablename__ = "cart_items"
    __table_args__ = (
        UniqueConstraint("cart_id", "listing_id", "variant_key"),
        CheckConstraint("quantity >= 1", name="cart_quantity_positive"),
    )

    cart_id: Mapped[int] = mapped_column(ForeignKey("carts.id", ondelete="CASCADE"), index=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"))
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variants.id", ondelete="CASCADE"), nullable=True)
    # variant_id or 0: NULLs never collide in a unique constraint, so one line per choice needs a key.
    variant_key: Mapped[int] = mapped_column(Integer, default=0)
    quantity: Mapped[int] = mapped_column(Integer)
    # The unit price the buyer last saw; checkout refuses to charge a different one silently.
    seen_unit_price_vnd: Mapped[int] = mapped_column(Integer)

    cart = relationship("Cart", back_populates="items")
    listing = relationship("Listing")
    variant = relationship("Variant")


class PaymentMethod:
    CARD = "card"  # Stripe PaymentIntent, paid on our checkout page
    COD = "cod"  # cash on delivery: confirmed at once, paid when the producer collects
    BANK_TRANSFER = "bank_transfer"  # VietQR transfer, matched by staff or a bank statement
    ALL = (CARD, COD, BANK_TRANSFER)


class PartStatus:
    AWAITING_PAYMENT = "awaiting_payment"  # stock reserved, waiting for card or transfer
    CONFIRMED = "confirmed"  # cash on delivery: to be shipped, paid on delivery
    PAID = "paid"  # paid by card or transfer: to be shipped
    SHIPPED = "shipped"  # handed to a carrier, with a tracking number
    DELIVERED = "delivered"  # received by the buyer (and cash collected, for COD)
    CANCELLED = "cancelled"  # cancelled before payment; stock returned
    REFUNDED = "refunded"  # cancelled after payment; money sent back, stock returned

    ALL = (AWAITING_PAYMENT, CONFIRMED, PAID, SHIPPED, DELIVERED, CANCELLED, REFUNDED)
    # The only moves a part can make; every change of status goes through orders.services._move.
    TRANSITIONS = {
        AWAITING_PAYMENT: (PAID, CANCELLED),
        CONFIRMED: (SHIPPED, CANCELLED),
        PAID: (SHIPPED, REFUNDED),
        SHIPPED: (DELIVERED,),
        DELIVERED: (),
        CANCELLED: (),
        REFUNDED: (),
    }
    OPEN = (AWAITING_PAYMENT, CONFIRMED, PAID, SHIPPED)  # still needs someone to act
    CANCELLABLE = (AWAITING_PAYMENT, CONFIRMED, PAID)  # before it leaves the workshop


class PayoutStatus:
    NOT_DUE = "not_due"  # not delivered and paid yet (or cancelled: never due)
    DUE = "due"  # delivered and paid: owed to the producer
    IN_BATCH = "in_batch"  # in a payout batch being transferred
    PAID = "paid"  # transferred to the producer's bank account
    ALL = (NOT_DUE, DUE, IN_BATCH, PAID)


labels.register("part", {
    "awaiting_payment": _l("Awaiting payment"), "confirmed": _l("Confirmed, cash on delivery"), "paid": _l("Paid"),
    "shipped": _l("Shipped"), "delivered": _l("Delivered"), "cancelled": _l("Cancelled"), "refunded": _l("Refunded"),
    "mixed": _l("In progress"),
})
labels.register("payout", {"not_due": _l("Not due yet"), "due": _l("Due"), "in_batch": _l("Being transferred"),
                           "paid": _l("Paid out")})
labels.register("payment_method", {"card": _l("Card"), "cod": _l("Cash on delivery"), "bank_transfer": _l("Bank transfer")})


class Order(Keyed, PostalAddress, db.Model):
    """One checkout: what the buyer pays once, split into one part per producer."""

    __tablename__ = "orders"
    __table_args__ = (CheckConstraint("total_vnd >= 0", name="order_total_not_negative"),)

    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    payment_method: Mapped[str] = mapped_column(String(16))
    # Goods plus shipping of every part, in VND; what the buyer pays.
    total_vnd: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    # Unpaid card and transfer orders give their stock back after this moment.
    reserved_until = mapped_column(UTCDateTime, nullable=True, index=True)
    paid_at = mapped_column(UTCDateTime, nullable=True)
    # The checkout form's one-time token: a double-clicked "Place order" makes one order.
    checkout_token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at = mapped_column(UTCDateTime, default=utcnow, index=True)

    buyer = relationship("User")
    parts = relationship("OrderPart", back_populates="order", order_by="OrderPart.id", cascade="all, delete-orphan")

    @property
    def reference(self):
        """What the buyer writes on a bank transfer; survives banks' upper-casing and stripping."""
        return f"LN{self.id:06d}"

    @property
    def status(self):
        """The order's overall state: its parts' status when they agree, else "mixed"."""
        statuses = {part.status for part in self.parts}
        return statuses.pop() if len(statuses) == 1 else "mixed"

    @property
    def awaiting_payment(self):
        return any(part.status == PartStatus.AWAITING_PAYMENT for part in self.parts)


class OrderPart(Keyed, db.Model):
    """One producer's share of an order, with its own status, shipment and payout."""

    __tablename__ = "order_parts"
    __table_args__ = (
        UniqueConstraint("order_id", "producer_id"),
        CheckConstraint("commission_vnd >= 0 AND net_vnd >= 0", name="part_money_not_negative"),
    )

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    goods_vnd: Mapped[int] = mapped_column(Integer)
    shipping_vnd: Mapped[int] = mapped_column(Integer, default=0)
    # Where the parcel went (shipping.models.Zone; "" before zones, "flat" under SHIPPING_FEE_VND)
    # and what it weighed (Σ listing weight × quantity), as charged at checkout.
    shipping_zone: Mapped[str] = mapped_column(String(20), default="")
    weight_grams: Mapped[int] = mapped_column(Integer, default=0)
    # Ledger: gross = goods + shipping; the platform keeps its commission on the goods.
    commission_rate_bp: Mapped[int] = mapped_column(Integer)  # basis points: 800 is 8 %
    commission_vnd: Mapped[int] = mapped_column(Integer)
    net_vnd: Mapped[int] = mapped_column(Integer)
    payout_status: Mapped[str] = mapped_column(String(16), default=PayoutStatus.NOT_DUE, index=True)
    payout_batch_id: Mapped[int | None] = mapped_column(ForeignKey("payout_batches.id"), nullable=True, index=True)
    carrier: Mapped[str] = mapped_column(String(60), default="")
    tracking_number: Mapped[str] = mapped_column(String(60), default="")
    paid_at = mapped_column(UTCDateTime, nullable=True)
    shipped_at = mapped_column(UTCDateTime, nullable=True)
    delivered_at = mapped_column(UTCDateTime, nullable=True)
    cancelled_at = mapped_column(UTCDateTime, nullable=True)
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")

    order = relationship("Order", back_populates="parts")
    producer = relationship("Producer")
    lines = relationship("OrderLine", back_populates="part", order_by="OrderLine.id", cascade="all, delete-orphan")
    events = relationship("PartEvent", back_populates="part", order_by="PartEvent.id", cascade="all, delete-orphan")

    @property
    def gross_vnd(self):
        return self.goods_vnd + self.shipping_vnd

    @property
    def reference(self):
        return f"{self.order.reference}-{self.producer_id}"


class OrderLine(Keyed, PricedLine, db.Model):
    """A product in a part, with its title and price as they were when ordered."""

    __tablename__ = "order_lines"
    __table_args__ = (CheckConstraint("quantity >= 1", name="line_quantity_positive"),)

    part_id: Mapped[int] = mapped_column(ForeignKey("order_parts.id", ondelete="CASCADE"), index=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"), index=True)
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variants.id"), nullable=True)
    title_vi: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    variant_name_vi: Mapped[str] = mapped_column(String(120), default="")
    variant_name_en: Mapped[str] = mapped_column(String(120), default="")
    unit: Mapped[str] = mapped_column(String(32), default="piece")

    part = relationship("OrderPart", back_populates="lines")
    listing = relationship("Listing")


class PartEvent(Keyed, db.Model):
    """History of a part: who moved it from which status to which, and when."""

    __tablename__ = "order_part_events"

    part_id: Mapped[int] = mapped_column(ForeignKey("order_parts.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20))
    # None when the system acted (webhook, expiry).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at = mapped_column(UTCDateTime, default=utcnow)

    part = relationship("OrderPart", back_populates="events")
    actor = relationship("User")


class Address(Keyed, PostalAddress, db.Model):
    """A delivery address in the buyer's address book; the default one is pre-filled at checkout."""

    __tablename__ = "addresses"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # At most one per user (the services clear the others when one is made the default).
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User")
