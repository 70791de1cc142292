"""The three ways to pay, behind one interface: how money comes back for a cancelled part
(``refund``; ``returned`` for an accepted return) and whether the method is available here (``enabled``); cash collected at delivery."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.core.errors import found
from marketplace.core.time import utcnow
from marketplace.extensions import db
from marketplace.orders import services as orders
from marketplace.orders import signals as order_signals
from marketplace.orders.models import Order, PaymentMethod
from marketplace.payments import stripe_gateway
from marketplace.payments.errors import PaymentError
from marketplace.payments.models import (
    Payment,
    PaymentStatus,
    RefundStatus,
)


class _AlwaysAvailable:
    """A method that needs no keys or service: always offered."""

    @staticmethod
    def enabled():
        return True


class CashOnDelivery(_AlwaysAvailable):
    method = PaymentMethod.COD
    label = _l("Cash on delivery")
    returned = RefundStatus.CASH  # a returned product's money is given back in cash

    @staticmethod
    def refund(part, payment):
        raise PaymentError(_("Cash is collected on delivery, so a delivered part cannot be refunded here."))


class BankTransfer(_AlwaysAvailable):
    method = PaymentMethod.BANK_TRANSFER
    label = _l("Bank transfer (VietQR)")
    returned = RefundStatus.TO_TRANSFER  # staff transfer a returned product's money back by hand

    @staticmethod
    def refund(part, payment):
        """The platform sends the money back by hand: the refund waits in the staff's list."""
        return RefundStatus.TO_TRANSFER, ""


class StripeCard:
    method = PaymentMethod.CARD
    label = _l("Card (Visa, Mastercard, JCB)")
    returned = RefundStatus.REQUESTED  # sent to Stripe by the worker after the commit

    @staticmethod
    def enabled():
        return stripe_gateway.enabled()

    @staticmethod
    def refund(part, payment):
        """Recorded now, sent to Stripe by the worker once the cancellation has committed."""
        return RefundStatus.REQUESTED, ""


PROVIDERS = {provider.method: provider for provider in (StripeCard, CashOnDelivery, BankTransfer)}


def available_methods():
    """Payment methods buyers may choose here; card only when Stripe keys are configured."""
    return [provider for provider in (StripeCard, CashOnDelivery, BankTransfer) if provider.enabled()]


def card_enabled():
    return StripeCard.enabled()


@order_signals.cash_collected.connect
def _on_cash_collected(part):
    record_cash(part)


def record_cash(part):
    """The producer collected a cash-on-delivery part's money; the caller commits."""
    db.session.add(Payment(order_id=part.order_id, method=PaymentMethod.COD, amount_vnd=part.gross_vnd,
                           status=PaymentStatus.SUCCEEDED, succeeded_at=utcnow(), provider_ref=f"cod-part-{part.id}"))


def order_awaiting(order_id, method):
    """The order, if it waits for a payment by ``method``; 404, 400 or 409 (StateConflict) otherwise."""
    order = found(Order, order_id, _("Order not found."))
    if order.payment_method != method:
        raise PaymentError(_("Order %(ref)s is not paid this way.", ref=order.reference))
    if not order.awaiting_payment:
        raise orders.StateConflict(_("Order %(ref)s is not waiting for a payment.", ref=order.reference))
    return order
