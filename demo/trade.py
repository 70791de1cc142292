"""The demo buyer's orders and the demo importer's inquiries, through the order and lead services.

Orders are put in the buyer's cart, placed, then shipped by the producer's own
account (and, for the delivered ones, confirmed by the buyer), so stock is reserved, the payout ledger computed and people told exactly as in a
real checkout. Inquiries are sent by the importer and matched as the worker would match them.
"""
from datetime import date, timedelta

from sqlalchemy import select

from demo import content
from marketplace.accounts import services as accounts
from marketplace.catalog.models import Listing, ListingStatus
from marketplace.extensions import db
from marketplace.leads import services as leads
from marketplace.leads.models import Inquiry
from marketplace.orders import services as orders
from marketplace.orders.models import Order
from marketplace.producers.models import Producer, ProducerStatus


def ensure_orders(people):
    """The buyer's orders, each taken as far as its stage says; nothing once the buyer has an order."""
    data = content.load("orders")
    buyer = people[data["buyer"]]
    # The buyer's address book holds the address every demo order goes to (saved once: the same
    # address twice is one entry), so checkout opens with it filled in.
    orders.add_address(buyer, {k: v for k, v in data["address"].items() if k != "note"}, default=True)
    if db.session.scalar(select(Order.id).where(Order.buyer_id == buyer.id).limit(1)) is not None:
        return
    for n, wanted in enumerate(data["orders"]):
        lines = [(_listing_of(line["producer"], line["quantity"]), line["quantity"]) for line in wanted["lines"]]
        if any(listing is None for listing, _ in lines):  # the catalogue changed: skip rather than invent
            continue
        for listing, quantity in lines:
            variant_id = listing.variants[0].id if listing.variants else None
            cart = orders.add_to_cart(buyer, None, listing.id, variant_id, max(quantity, listing.moq))
        order = orders.place_order(buyer, cart, data["address"], wanted["payment_method"], f"demo-order-{n}")
        _advance(order, wanted["stage"], data["carrier"])
        if wanted.get("days_ago"):
            _backdate(order, timedelta(days=wanted["days_ago"]))


def _backdate(order, delta):
    """Move a demo order and its parts' moments ``delta`` into the past, so that the dashboards'
    charts show weeks of sales instead of one day (the services always stamp "now")."""
    order.created_at -= delta
    if order.paid_at:
        order.paid_at -= delta
    for part in order.parts:
        for moment in ("paid_at", "shipped_at", "delivered_at"):
            if getattr(part, moment):
                setattr(part, moment, getattr(part, moment) - delta)
    db.session.commit()


def _listing_of(producer_slug, quantity):
    """The producer's first listing on sale with this quantity in stock."""
    return db.session.scalars(
        select(Listing).join(Producer).where(
            Producer.slug == producer_slug, Producer.status == ProducerStatus.APPROVED,
            Listing.status == ListingStatus.ACTIVE, Listing.stock >= quantity, Listing.moq <= quantity)
        .order_by(Listing.id).limit(1)).first()


def _advance(order, stage, carrier):
    """Ship each part as its producer's owner would; for "delivered", the buyer confirms receipt."""
    if stage == "placed":
        return
    for part in order.parts:
        owner = orders.producer_users(part.producer_id)[0]
        orders.ship_part(owner, part.id, carrier, f"VTP{order.id:04d}{part.producer_id:04d}")
        if stage == "delivered":
            orders.confirm_receipt(order.buyer, part.id)


def ensure_inquiries(people):
    """The importer's company profile and sample inquiries (looked up by description), matched."""
    data = content.load("inquiries")
    importer = people[data["importer"]]
    if accounts.importer_profile(importer) is None:
        accounts.save_importer_profile(importer, data["company"])
    sent = set(db.session.scalars(select(Inquiry.description).where(Inquiry.importer_id == importer.id)))
    for row in data["inquiries"]:
        if row["description"] in sent:
            continue
        fields = {key: value for key, value in row.items() if key != "days_ahead"}
        inquiry = leads.create_inquiry(importer, {**fields, "required_by": date.today() + timedelta(days=row["days_ahead"])})
        if inquiry.matched_at is None:  # no worker ran it yet: match now, so that the demo shows it at once
            leads.run_matching(inquiry.id)
