"""A producer's own figures over a period: sales and orders over time, top products, leads won.

Only the producer's parts, lines and leads are read; the view checks who may see them.
"""
from dataclasses import dataclass

from sqlalchemy import func, select

from marketplace.catalog.models import Listing
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


def producer_figures(producer_id, chosen):
    """Every figure of the producer's dashboard charts for the period ``chosen``."""
    mine = OrderPart.producer_id == producer_id
    sales, orders = sales_over_time(chosen, mine)
    return ProducerFigures(period=chosen, sales=sales, orders=orders, commission=commission_over_time(chosen, mine),
                           top_products=_top_products(producer_id, chosen), leads=_leads(producer_id, chosen))
