"""A producer's own figures over a period: sales and orders over time, top products, leads won,
and per listing its views, the orders containing it, their ratio (conversion) and its rating.

Only the producer's parts, lines and leads are read; the view checks who may see them.
"""
from dataclasses import dataclass

from sqlalchemy import distinct, func, select

from marketplace.catalog.models import Listing, ListingStatus, ListingViewDay
from marketplace.extensions import db
from marketplace.leads.models import LeadResponse, Match, Quote, QuoteStatus
from marketplace.orders.models import Order, OrderLine, OrderPart
from marketplace.reports.overview import SOLD, commission_over_time, sales_over_time

TOP_PRODUCTS = 8  # products named in "top products"


@dataclass
class ProducerFigures:
    period: object
    sales: list  # goods sold, VND per bucket
    orders: list
    commission: list  # the platform's commission on its delivered parts
    top_products: list  # (listing, VND sold, units sold), best first
    leads: dict  # "received", "quoted", "won": counts over the period
    listings: list  # ListingFigures, most viewed first


@dataclass
class ListingFigures:
    listing: object
    views: int  # product page views over the period (as flushed from the counters)
    orders: int  # sold orders over the period containing the listing

    @property
    def conversion(self):
        """Orders per view (0.04 is 4 %), None without views."""
        return self.orders / self.views if self.views else None


def _top_products(producer_id, chosen):
    rows = db.session.execute(
        select(Listing, func.sum(OrderLine.quantity * OrderLine.unit_price_vnd), func.sum(OrderLine.quantity))
        .join(OrderLine, OrderLine.listing_id == Listing.id).join(OrderPart, OrderPart.id == OrderLine.part_id)
        .join(Order, Order.id == OrderPart.order_id)
        .where(OrderPart.producer_id == producer_id, OrderPart.status.in_(SOLD), Order.created_at >= chosen.start)
        .group_by(Listing.id).order_by(func.sum(OrderLine.quantity * OrderLine.unit_price_vnd).desc(), Listing.id)
        .limit(TOP_PRODUCTS)).all()
    return [(listing, int(amount), int(units)) for listing, amount, units in rows]


def _leads(producer_id, chosen):
    """Leads offered to the producer in the period, those it quoted, and those whose quote the importer accepted."""
    responses = dict(db.session.execute(
        select(Match.response, func.count()).where(Match.producer_id == producer_id, Match.created_at >= chosen.start)
        .group_by(Match.response)).all())
    won = db.session.scalar(
        select(func.count()).select_from(Quote).join(Match, Match.id == Quote.match_id)
        .where(Match.producer_id == producer_id, Match.created_at >= chosen.start,
               Quote.status == QuoteStatus.ACCEPTED)) or 0
    return {"received": sum(responses.values()), "quoted": responses.get(LeadResponse.QUOTED, 0), "won": won}


def _per_listing(producer_id, chosen):
    views = dict(db.session.execute(
        select(ListingViewDay.listing_id, func.sum(ListingViewDay.views)).join(Listing)
        .where(Listing.producer_id == producer_id, ListingViewDay.day >= chosen.buckets[0])
        .group_by(ListingViewDay.listing_id)).all())
    orders = dict(db.session.execute(
        select(OrderLine.listing_id, func.count(distinct(Order.id))).join(OrderPart, OrderPart.id == OrderLine.part_id)
        .join(Order, Order.id == OrderPart.order_id)
        .where(OrderPart.producer_id == producer_id, OrderPart.status.in_(SOLD), Order.created_at >= chosen.start)
        .group_by(OrderLine.listing_id)).all())
    listings = db.session.scalars(select(Listing).where(
        Listing.producer_id == producer_id, (Listing.status != ListingStatus.DRAFT) | Listing.id.in_(set(views) | set(orders)))
        .order_by(Listing.id)).all()
    rows = [ListingFigures(listing, int(views.get(listing.id) or 0), int(orders.get(listing.id, 0))) for listing in listings]
    return sorted(rows, key=lambda row: (-row.views, -row.orders, row.listing.id))


def producer_figures(producer_id, chosen):
    """Every figure of the producer's dashboard charts for the period ``chosen``."""
    mine = OrderPart.producer_id == producer_id
    sales, orders = sales_over_time(chosen, mine)
    return ProducerFigures(period=chosen, sales=sales, orders=orders, commission=commission_over_time(chosen, mine),
                           top_products=_top_products(producer_id, chosen), leads=_leads(producer_id, chosen),
                           listings=_per_listing(producer_id, chosen))
