"""Reading orders: a buyer's own, a producer's parts, staff's list; anyone else gets a 404."""
import re
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import Role, User
from marketplace.core.errors import found
from marketplace.core.spreadsheet import csv_text
from marketplace.core.time import local_day_start
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.orders.errors import OrderError
from marketplace.orders.models import (
    Order,
    OrderPart,
    PartStatus,
)
from marketplace.orders.schemas import StaffOrderArgsSchema
from marketplace.producers.models import Producer


def orders_of(user, page=1, per_page=20):
    query = (select(Order).where(Order.buyer_id == user.id).order_by(Order.id.desc())
             .options(selectinload(Order.parts).selectinload(OrderPart.producer)))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def order_for(user, order_id):
    """The buyer's own order (staff may see any); 404 for anyone else."""
    order = found(Order, order_id, _("Order not found."), 
                  allowed=lambda order: order.buyer_id == user.id or user.role == Role.STAFF)
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


@dataclass(frozen=True)
class OrderFilters:
    """Staff's order search (StaffOrderArgsSchema's clean values); empty ones filter nothing."""

    q: str = ""
    status: str = ""
    method: str = ""
    date_from: date | None = None
    date_to: date | None = None
    producer: int | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args):
        """Read the query string; every malformed argument raises OrderError, each named."""
        return cls(**load(StaffOrderArgsSchema(), args, OrderError))

    @property
    def active(self):
        return bool(self.q or self.status or self.method or self.date_from or self.date_to or self.producer)


_ORDER_NUMBER = re.compile(r"^(?:LN)?0*(\d{1,9})$", re.IGNORECASE)


def _matching_parts(filters):
    """Conditions on an OrderPart (joined to its Order) for the part-level filters: status and producer."""
    conditions = []
    if filters.status:
        conditions.append(OrderPart.status == filters.status)
    if filters.producer:
        conditions.append(OrderPart.producer_id == filters.producer)
    return conditions


def _matching_orders(filters):
    """Conditions on an Order for the search and the order-level filters (method, days in Hanoi)."""
    conditions = []
    zone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    if filters.q:
        number = _ORDER_NUMBER.match(filters.q.replace(" ", ""))
        words = f"%{filters.q}%"
        found = or_(Order.buyer.has(or_(User.email.ilike(words), User.name.ilike(words))),
                    Order.parts.any(OrderPart.producer.has(Producer.name.ilike(words))))
        conditions.append(or_(Order.id == int(number.group(1)), found) if number else found)
    if filters.method:
        conditions.append(Order.payment_method == filters.method)
    if filters.date_from:
        conditions.append(Order.created_at >= local_day_start(filters.date_from, zone))
    if filters.date_to:
        conditions.append(Order.created_at < local_day_start(filters.date_to + timedelta(days=1), zone))
    part_conditions = _matching_parts(filters)
    if part_conditions:
        conditions.append(Order.parts.any(and_(*part_conditions)))
    return conditions


def all_orders(filters=OrderFilters(), per_page=30):
    """Staff's list: every order matching ``filters``, newest first, a page at a time."""
    query = (select(Order).where(*_matching_orders(filters)).order_by(Order.id.desc())
             .options(selectinload(Order.parts).selectinload(OrderPart.producer), selectinload(Order.buyer)))
    return db.paginate(query, page=filters.page, per_page=per_page, error_out=False)


def matching_parts(filters):
    """Each part (with its order and buyer) of the orders matching ``filters`` that itself matches the
    part-level filters, oldest order first: the rows of staff's order CSV."""
    return db.session.scalars(
        select(OrderPart).join(Order, Order.id == OrderPart.order_id)
        .where(*_matching_orders(filters), *_matching_parts(filters)).order_by(Order.id, OrderPart.id)
        .options(selectinload(OrderPart.order).selectinload(Order.buyer), selectinload(OrderPart.producer))).all()


ORDER_CSV_COLUMNS = ("order", "placed_at", "buyer_name", "buyer_email", "payment_method", "part", "producer",
                     "status", "goods_vnd", "shipping_vnd", "commission_vnd", "net_vnd", "payout_status")


def orders_csv(filters):
    """The parts ``matching_parts(filters)`` lists, one CSV line each (README, "Staff order list"):
    times in Hanoi's time, statuses and methods as their codes, money as integer VND."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return csv_text(ORDER_CSV_COLUMNS, (
        [part.order.reference, part.order.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
         part.order.buyer.name, part.order.buyer.email, part.order.payment_method, part.reference,
         part.producer.name, part.status, part.goods_vnd, part.shipping_vnd, part.commission_vnd, part.net_vnd,
         part.payout_status]
        for part in matching_parts(filters)))
