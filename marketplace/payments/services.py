"""Payments' public interface: card (Stripe), cash on delivery and bank transfer behind one interface,
refunds and the payout ledger. Each job lives in its own module; views, tasks and other domains
call them through this one.

Orders move only through ``orders.services.mark_paid`` and ``release_unpaid``, which are safe to
call twice, so a webhook and the buyer's own return can both report one payment.
"""
from marketplace.payments.adjustments import (  # noqa: F401
    adjustments_of,
    refund_return,
)
from marketplace.payments.card import (  # noqa: F401
    LATE_PAYMENT_REFUND_TASK,
    CardResult,
    pay_by_card,
    refresh_card_payment,
)
from marketplace.payments.errors import (  # noqa: F401
    PaymentDeclined,
    PaymentError,
    PaymentUnavailable,
    RefundDelayed,
    WebhookRejected,
)
from marketplace.payments.ledger import (  # noqa: F401
    Earnings,
    batches,
    create_payout_batch,
    due_by_producer,
    earnings_of,
    get_batch,
    mark_batch_paid,
    payments_of,
    payout_bank_csv,
    payout_csv,
    payout_lines,
    recent_payments,
)
from marketplace.payments.providers import (  # noqa: F401
    PROVIDERS,
    BankTransfer,
    CashOnDelivery,
    StripeCard,
    available_methods,
    card_enabled,
    record_cash,
)
from marketplace.payments.refunds import (  # noqa: F401
    REFUND_TASK,
    RETURN_REFUND_TASK,
    mark_refund_transferred,
    refund_late_payment,
    refunds_not_sent,
    refunds_to_transfer,
    request_refund,
    requeue_refunds,
    retry_refund,
    send_refund,
    send_return_refund,
)
from marketplace.payments.transfers import (  # noqa: F401
    StatementReport,
    TransferInstructions,
    awaiting_transfers,
    import_statement,
    instructions_for,
    record_transfer,
    transfer_instructions,
    transfer_qr_png,
)
from marketplace.payments.webhooks import (  # noqa: F401
    handle_stripe_webhook,
)
