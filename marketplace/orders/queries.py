"""Reading orders: a buyer's own, a producer's parts, staff's list; anyone else gets a 404."""
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import Role
from marketplace.core.errors import found
from marketplace.extensions import db
from marketplace.orders.models import (
    Order,
    OrderPart,
    PartStatus,
)


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


def all_orders(status=None, page=1, per_page=30):
    query = select(Order).order_by(Order.id.desc()).options(selectinload(Order.parts).selectinload(OrderPart.producer),
                                                             selectinload(Order.buyer))
    if status in PartStatus.ALL:
        query = query.where(Order.parts.any(OrderPart.status == status))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)
