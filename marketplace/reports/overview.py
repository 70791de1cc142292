"""The staff overview: sales, orders, commission, new producers and listings, leads and their
outcomes, over a period (per day, week or month) and by village and craft.

What each figure counts (README, "Staff overview"):
- sales: the goods (VND, without shipping) of order parts sold, that is confirmed (cash on
  delivery), paid, shipped or delivered, by the day the order was placed; orders: those orders;
- commission: the platform's commission of the payout ledger, earned when a part is delivered
  (and paid), by the day of delivery;
- new producers and new listings: by the day each was created;
- leads: importers' inquiries by the day they were sent, with their outcome (open, a quote
  accepted, closed without one).
"""
from dataclasses import dataclass

from sqlalchemy import distinct, func, select

from marketplace.catalog.models import Listing
from marketplace.extensions import db
from marketplace.leads.models import Inquiry, InquiryStatus
from marketplace.orders.models import Order, OrderLine, OrderPart, PartStatus
from marketplace.producers.models import Producer
from marketplace.reports.periods import bucket, series
from marketplace.villages.models import Craft, Village

# Parts that count as sold: placed and neither unpaid, cancelled nor refunded.
SOLD = (PartStatus.CONFIRMED, PartStatus.PAID, PartStatus.SHIPPED, PartStatus.DELIVERED)
BREAKDOWN_ROWS = 10  # villages or crafts shown by name; the rest are summed as "others"


@dataclass
class Overview:
    period: object
    sales: list  # VND per bucket
    orders: list
    commission: list
    new_producers: list
    new_listings: list
    leads: dict  # inquiry status -> count per bucket
    lead_outcomes: dict  # inquiry status -> count over the period
    by_village: list  # (village, sales, orders) rows, best first
    by_craft: list  # (craft, sales, leads) rows, best first

    @property
    def totals(self):
        return {"sales": sum(self.sales), "orders": sum(self.orders), "commission": sum(self.commission),
                "new_producers": sum(self.new_producers), "new_listings": sum(self.new_listings),
                "leads": sum(self.lead_outcomes.values())}


def over_time(chosen, column, value, *where, joins=()):
    key = bucket(column, chosen).label("bucket")
    query = select(key, value).select_from(column.class_)
    for target in joins:
        query = query.join(target)
    rows = db.session.execute(query.where(column >= chosen.start, *where).group_by(key)).all()
    return series(chosen, rows)


def sales_over_time(chosen, *where):
    """(goods sold in VND, orders) per bucket for parts matching ``where``."""
    sold = (OrderPart.status.in_(SOLD), *where)
    return (over_time(chosen, Order.created_at, func.sum(OrderPart.goods_vnd), *sold, joins=(OrderPart,)),
            over_time(chosen, Order.created_at, func.count(distinct(Order.id)), *sold, joins=(OrderPart,)))


def commission_over_time(chosen, *where):
    return over_time(chosen, OrderPart.delivered_at, func.sum(OrderPart.commission_vnd),
                      OrderPart.status == PartStatus.DELIVERED, *where)


def _leads_over_time(chosen):
    key = bucket(Inquiry.created_at, chosen).label("bucket")
    rows = db.session.execute(select(key, Inquiry.status, func.count()).where(Inquiry.created_at >= chosen.start)
                              .group_by(key, Inquiry.status)).all()
    return {status: series(chosen, [(k, n) for k, s, n in rows if s == status]) for status in InquiryStatus.ALL}


def _top(rows):
    """The first BREAKDOWN_ROWS rows, and the rest summed into one row named None."""
    rows = sorted(rows, key=lambda row: (-row[1], -row[2]))
    if len(rows) <= BREAKDOWN_ROWS:
        return rows
    head, rest = rows[:BREAKDOWN_ROWS], rows[BREAKDOWN_ROWS:]
    return head + [(None, *(sum(row[i] for row in rest) for i in range(1, len(rest[0]))))]


def _by_village(chosen):
    rows = db.session.execute(
        select(Village, func.sum(OrderPart.goods_vnd), func.count(distinct(OrderPart.order_id)))
        .join(Producer, Producer.village_id == Village.id).join(OrderPart, OrderPart.producer_id == Producer.id)
        .join(Order, Order.id == OrderPart.order_id)
        .where(OrderPart.status.in_(SOLD), Order.created_at >= chosen.start).group_by(Village.id)).all()
    return _top([(village, int(sales or 0), int(count)) for village, sales, count in rows])


def _by_craft(chosen):
    sales = dict(db.session.execute(
        select(Listing.craft_id, func.sum(OrderLine.quantity * OrderLine.unit_price_vnd))
        .join(OrderLine, OrderLine.listing_id == Listing.id).join(OrderPart, OrderPart.id == OrderLine.part_id)
        .join(Order, Order.id == OrderPart.order_id)
        .where(OrderPart.status.in_(SOLD), Order.created_at >= chosen.start).group_by(Listing.craft_id)).all())
    leads = dict(db.session.execute(
        select(Inquiry.craft_id, func.count()).where(Inquiry.created_at >= chosen.start, Inquiry.craft_id.is_not(None))
        .group_by(Inquiry.craft_id)).all())
    ids = set(sales) | set(leads)
    crafts = db.session.scalars(select(Craft).where(Craft.id.in_(ids))).all() if ids else []
    return _top([(craft, int(sales.get(craft.id) or 0), int(leads.get(craft.id, 0))) for craft in crafts])


def staff_overview(chosen):
    """Every figure of the staff overview for the period ``chosen`` (reports.periods.period)."""
    sales, orders = sales_over_time(chosen)
    leads = _leads_over_time(chosen)
    return Overview(
        period=chosen, sales=sales, orders=orders, commission=commission_over_time(chosen),
        new_producers=over_time(chosen, Producer.created_at, func.count(Producer.id)),
        new_listings=over_time(chosen, Listing.created_at, func.count(Listing.id)),
        leads=leads, lead_outcomes={status: sum(values) for status, values in leads.items()},
        by_village=_by_village(chosen), by_craft=_by_craft(chosen),
    )
