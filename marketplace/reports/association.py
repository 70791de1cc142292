"""An association's figures for one of its collective marks: members by status, the mark's and its
villages' sales over time, the verification scans of its codes over time, and the consortium
offers it led with their outcomes."""
from bisect import bisect_right
from dataclasses import dataclass

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.leads.models import Consortium, LeadResponse, Quote, QuoteStatus
from marketplace.orders.models import Order, OrderLine, OrderPart
from marketplace.producers.models import Producer
from marketplace.reports.overview import SOLD, over_time, sales_over_time
from marketplace.trademarks.models import (
    MarkScanDay,
    Membership,
    MembershipStatus,
    ProductRight,
    RightStatus,
    trademark_villages,
)


@dataclass
class MarkFigures:
    period: object
    members: dict  # membership status -> count (today, not over the period)
    mark_sales: list  # VND per bucket of the products carrying the mark
    village_sales: list  # VND per bucket of every producer of the mark's villages
    consortia: dict  # "offered", "quoted", "declined", "won": consortium offers over the period
    scans: list  # verification page visits that found one of the mark's codes, per bucket


def _scans(trademark, chosen):
    """Scans per bucket: the daily rows (Hanoi days already) summed into the bucket each day falls in."""
    rows = db.session.execute(select(MarkScanDay.day, MarkScanDay.scans).where(
        MarkScanDay.trademark_id == trademark.id, MarkScanDay.day >= chosen.buckets[0])).all()
    values = [0] * len(chosen.buckets)
    for day, scans in rows:
        values[bisect_right(chosen.buckets, day) - 1] += scans
    return values


def _consortia(trademark, chosen):
    led = (Consortium.association_id == trademark.association_id, Consortium.created_at >= chosen.start)
    responses = dict(db.session.execute(select(Consortium.response, func.count()).where(*led)
                                        .group_by(Consortium.response)).all())
    won = db.session.scalar(select(func.count()).select_from(Quote).join(Consortium, Consortium.id == Quote.consortium_id)
                            .where(*led, Quote.status == QuoteStatus.ACCEPTED)) or 0
    return {"offered": sum(responses.values()), "quoted": responses.get(LeadResponse.QUOTED, 0),
            "declined": responses.get(LeadResponse.DECLINED, 0), "won": won}


def mark_figures(trademark, chosen):
    """The dashboard's figures for ``trademark`` over the period ``chosen``."""
    counts = dict(db.session.execute(select(Membership.status, func.count()).where(
        Membership.trademark_id == trademark.id).group_by(Membership.status)).all())
    carrying = select(ProductRight.listing_id).where(ProductRight.trademark_id == trademark.id,
                                                     ProductRight.status == RightStatus.ACTIVE)
    mark_sales = over_time(chosen, Order.created_at, func.sum(OrderLine.quantity * OrderLine.unit_price_vnd),
                            OrderPart.status.in_(SOLD), OrderLine.listing_id.in_(carrying), joins=(OrderPart, OrderLine))
    in_villages = select(Producer.id).join(trademark_villages, trademark_villages.c.village_id == Producer.village_id).where(
        trademark_villages.c.trademark_id == trademark.id)
    village_sales, _orders = sales_over_time(chosen, OrderPart.producer_id.in_(in_villages))
    return MarkFigures(period=chosen, members={status: counts.get(status, 0) for status in MembershipStatus.ALL},
                       mark_sales=mark_sales, village_sales=village_sales, consortia=_consortia(trademark, chosen),
                       scans=_scans(trademark, chosen))
