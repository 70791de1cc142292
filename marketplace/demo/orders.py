"""Demo orders and payout details, so that buyers', producers' and staff's order pages show something.

Orders go through the real order services (stock is reserved, the ledger computed, people
told), so the demo shows exactly what a real checkout does. Idempotent: nothing is added
once the demo buyer has an order.
"""
import hashlib

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.catalog.models import Listing, ListingStatus
from marketplace.demo import content
from marketplace.extensions import db
from marketplace.orders import services as orders
from marketplace.orders.models import Order
from marketplace.producers.models import Producer, ProducerStatus

BANKS = ("Vietcombank", "Agribank", "VietinBank", "BIDV", "Techcombank")
ADDRESS = {
    "recipient_name": "Trần Minh Anh", "phone": "0912345678", "province": "Hà Nội", "district": "Cầu Giấy",
    "ward": "Dịch Vọng", "street": "Số 12, ngõ 84 Trần Quốc Hoàn", "note": "Giao giờ hành chính",
}
# (producer slug, quantity) per demo order, with how it is paid and how far it has got.
ORDERS = (
    ((("gom-minh-chau", 2), ("det-lua-trieu-gia", 1)), "cod", "delivered"),
    ((("gom-su-hoang-long", 1),), "cod", "shipped"),
    ((("htx-gom-bat-trang-xanh", 3),), "bank_transfer", "placed"),
)


def ensure_bank_accounts():
    """Give every demo producer a (made-up) bank account for payouts, if it has none."""
    for producer in db.session.scalars(select(Producer).where(Producer.bank_account_number == "")):
        digits = int(hashlib.sha256(producer.slug.encode()).hexdigest(), 16)
        producer.bank_name = BANKS[digits % len(BANKS)]
        producer.bank_account_number = str(10**12 + digits % 10**12)
        producer.bank_account_name = producer.name.upper()[:120]
    db.session.commit()


def ensure_orders():
    buyer = db.session.scalars(select(User).where(User.email == content.email("buyer"))).first()
    if buyer is None or db.session.scalar(select(Order.id).where(Order.buyer_id == buyer.id).limit(1)):
        return 0
    made = 0
    for n, (lines, method, stage) in enumerate(ORDERS):
        cart = None
        for slug, quantity in lines:
            listing = _listing_of(slug, quantity)
            if listing is None:
                break
            cart = orders.add_to_cart(buyer, None, listing.id, listing.variants[0].id if listing.variants else None,
                                      max(quantity, listing.moq))
        else:
            order = orders.place_order(buyer, cart, ADDRESS, method, f"demo-order-{n}")
            _advance(order, stage)
            made += 1
            continue
        orders.cart_for(buyer).items.clear()
        db.session.commit()
    return made


def _listing_of(slug, quantity):
    return db.session.scalars(
        select(Listing).join(Producer).where(Producer.slug == slug, Producer.status == ProducerStatus.APPROVED,
                                             Listing.status == ListingStatus.ACTIVE, Listing.stock >= quantity,
                                             Listing.moq <= quantity)
        .order_by(Listing.id).limit(1)).first()


def _advance(order, stage):
    if stage == "placed":
        return
    for part in order.parts:
        owner = orders.producer_users(part.producer_id)[0]
        orders.ship_part(owner, part.id, "Viettel Post", f"VTP{order.id:04d}{part.producer_id:04d}")
        if stage == "delivered":
            orders.deliver_part(owner, part.id, cash_collected=True)
