"""What the order services tell people (in-app and by e-mail, in each reader's language)."""
from sqlalchemy import select

from marketplace.accounts.models import ProducerMember, User
from marketplace.extensions import db
from marketplace.notifications.messages import both, each, money, number, phrase
from marketplace.notifications.services import notify, site_path
from marketplace.orders.models import (
    PartStatus,
    PaymentMethod,
)


def order_link(order):
    return site_path("orders.order_page", order_id=order.id)


def _part_link(part):
    return site_path("orders.producer_part", part_id=part.id)


def producer_users(producer_id):
    return db.session.scalars(
        select(User).join(ProducerMember, ProducerMember.user_id == User.id)
        .where(ProducerMember.producer_id == producer_id).order_by(User.id)
    ).all()


def tell_buyer(order, key, **params):
    """Tell the buyer about their order (message ``key`` of notifications.messages), linked to it."""
    notify(order.buyer, key, {"ref": order.reference, **params}, link=order_link(order))


def tell_producer(part, key, **params):
    """Tell everyone acting for the part's producer, linked to the part."""
    for user in producer_users(part.producer_id):
        notify(user, key, {"part_ref": part.reference, **params}, link=_part_link(part))


_METHOD_PHRASES = {PaymentMethod.COD: "orders.cod", PaymentMethod.BANK_TRANSFER: "orders.bank_transfer",
                   PaymentMethod.CARD: "orders.card"}


def tell_placed(order):
    db.session.flush()
    tell_buyer(order, "orders.placed", num=number(len(order.parts)), amount=money(order.total_vnd),
               method=phrase(_METHOD_PHRASES[order.payment_method]))
    for part in order.parts:
        lines = each("orders.line", [{"quantity": number(line.quantity), "title": both(line.title_vi, line.title_en)}
                                     for line in part.lines])
        key = "orders.new_cod" if part.status == PartStatus.CONFIRMED else "orders.new_unpaid"
        tell_producer(part, key, lines=lines, amount=money(part.gross_vnd))
