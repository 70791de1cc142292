"""What can go wrong with a payment, for the person or for the worker to act on."""
from marketplace.core.errors import InvalidInput


class PaymentError(InvalidInput):
    """A payment could not be made or recorded; the message tells the person what to do (400)."""


class PaymentDeclined(PaymentError):
    """The buyer's card was declined; the order's reservation has been released (402)."""

    status_code = 402


class PaymentUnavailable(PaymentError):
    """The card provider could not be reached; nothing changed, the buyer may try again (503)."""

    status_code = 503


class RefundDelayed(ConnectionError):
    """Stripe could not be reached to send a requested refund; it stays requested and the
    worker tries again (a ConnectionError, so the task's transient-error retry takes it)."""


class WebhookRejected(InvalidInput):
    """The webhook's signature is missing, wrong or stale; nothing was changed (400)."""
