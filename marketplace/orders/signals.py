"""What the order services announce, for the payments domain to act on in the same transaction.

Payments depend on orders (they pay and release them), not the reverse: orders tell what happened
and payments, which connects the receivers, records the money. A receiver that raises rolls the
whole change back (the sender's service owns the transaction).
"""
from blinker import Namespace

_signals = Namespace()

# Sent with a paid part just cancelled; the receiver records its refund and returns the Refund.
paid_part_cancelled = _signals.signal("paid-part-cancelled")
# Sent with a cash-on-delivery part whose cash the producer collected at delivery.
cash_collected = _signals.signal("cash-collected")


def send_required(signal, sender):
    """Send ``signal`` and return the first receiver's answer; fails loudly when nobody listens,
    so a paid cancellation can never go through without its refund being recorded."""
    if not signal.receivers:
        raise RuntimeError(f"no receiver for {signal.name}: the payments domain is not loaded")
    return next((value for _, value in signal.send(sender) if value is not None), None)
