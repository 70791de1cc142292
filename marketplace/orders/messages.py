"""What the order services tell people (in-app and by e-mail, in each reader's language)."""
from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select

from marketplace.accounts.models import ProducerMember, User
from marketplace.core.templating import format_vnd as _vnd
from marketplace.extensions import db
from marketplace.notifications.services import notify
from marketplace.orders.models import (
    PartStatus,
    PaymentMethod,
)


def order_link(order):
    try:
        return url_for("orders.order_page", order_id=order.id, _external=True)
    except RuntimeError:  # outside a request (worker): build it from the configured base URL
        return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/orders/{order.id}"


def _part_link(part):
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/dashboard/producer/orders/{part.id}"


def producer_users(producer_id):
    return db.session.scalars(
        select(User).join(ProducerMember, ProducerMember.user_id == User.id)
        .where(ProducerMember.producer_id == producer_id).order_by(User.id)
    ).all()


def tell_producer(part, subject, body):
    for user in producer_users(part.producer_id):
        notify(user, subject, body, link=_part_link(part))


def tell_placed(order):
    db.session.flush()
    method = {PaymentMethod.COD: _l("cash on delivery"), PaymentMethod.BANK_TRANSFER: _l("bank transfer"),
              PaymentMethod.CARD: _l("card")}[order.payment_method]
    notify(order.buyer, _l("Order %(ref)s received", ref=order.reference),
           lazy_ngettext("Thank you for your order of %(amount)s from %(num)s producer, paid by %(method)s. "
                         "It ships its own parcel; we will tell you at every step.",
                         "Thank you for your order of %(amount)s from %(num)s producers, paid by %(method)s. "
                         "Each producer ships its own parcel; we will tell you at every step.",
                         len(order.parts), amount=_vnd(order.total_vnd), method=method), link=order_link(order))
    for part in order.parts:
        lines = "; ".join(f"{line.quantity} × {line.title_vi}" for line in part.lines)
        if part.status == PartStatus.CONFIRMED:
            body = _l("New order, cash on delivery: %(lines)s. Total to collect: %(amount)s.",
                      lines=lines, amount=_vnd(part.gross_vnd))
        else:
            body = _l("New order, waiting for the buyer's payment: %(lines)s (%(amount)s). Do not ship before it is paid.",
                      lines=lines, amount=_vnd(part.gross_vnd))
        tell_producer(part, _l("New order %(ref)s", ref=part.reference), body)
