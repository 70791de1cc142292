from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core import labels
from marketplace.core.columns import Keyed, PaymentAttempt
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db
from marketplace.orders.models import PayoutStatus


class PaymentStatus:
    PENDING = "pending"  # started (intent created, transfer expected), not yet received
    SUCCEEDED = "succeeded"  # money received
    FAILED = "failed"  # declined or abandoned; the order's reservation is released
    ALL = (PENDING, SUCCEEDED, FAILED)


labels.register("payment", {"pending": _l("Not received yet"), "succeeded": _l("Received"), "failed": _l("Failed")})


class Payment(Keyed, PaymentAttempt, db.Model):
    """Money the buyer pays for an order: one row per attempt (a card, a transfer, cash)."""

    __tablename__ = "payments"
    __table_args__ = (CheckConstraint("amount_vnd >= 0", name="payment_amount_not_negative"),)

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    amount_vnd: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=PaymentStatus.PENDING)

    order = relationship("Order")


class RefundStatus:
    REQUESTED = "requested"  # a card refund recorded with the cancellation; the worker sends it to Stripe
    SUCCEEDED = "succeeded"  # sent back through the provider (Stripe)
    FAILED = "failed"  # Stripe refused it; staff look at it and may send it again
    TO_TRANSFER = "to_transfer"  # a bank-transfer payment: staff send it back by hand
    TRANSFERRED = "transferred"  # staff recorded the transfer back
    CASH = "cash"  # cash on delivery: given back in cash when the products are returned
    ALL = (REQUESTED, SUCCEEDED, FAILED, TO_TRANSFER, TRANSFERRED, CASH)


labels.register("refund", {"requested": _l("Being sent"), "succeeded": _l("Refunded"), "failed": _l("Refused by Stripe"),
                           "to_transfer": _l("To transfer back"), "transferred": _l("Transferred back"),
                           "cash": _l("Given back in cash")})


class Refund(Keyed, db.Model):
    """Money returned for a cancelled, paid order part, or for an accepted return of delivered products."""

    __tablename__ = "refunds"
    __table_args__ = (
        CheckConstraint("amount_vnd > 0", name="refund_amount_positive"),
        # One cancellation refund per part: a second cancel or retry finds this row instead of refunding twice.
        Index("uq_refunds_cancelled_part", "part_id", unique=True, sqlite_where=text("return_id IS NULL"),
              postgresql_where=text("return_id IS NULL")),
    )

    part_id: Mapped[int] = mapped_column(ForeignKey("order_parts.id", ondelete="CASCADE"))
    # The accepted return this refund pays (None for a cancellation); one refund per return.
    return_id: Mapped[int | None] = mapped_column(ForeignKey("return_requests.id", ondelete="CASCADE"), unique=True,
                                                  nullable=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True)
    amount_vnd: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    provider_ref: Mapped[str] = mapped_column(String(120), default="")
    created_at = mapped_column(UTCDateTime, default=utcnow)
    # Tries to send a requested refund to Stripe, and what went wrong with the last one.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at = mapped_column(UTCDateTime, nullable=True)

    part = relationship("OrderPart")
    payment = relationship("Payment")


class StripeEvent(Keyed, db.Model):
    """A Stripe webhook event we have handled; its unique id makes a second delivery a no-op."""

    __tablename__ = "stripe_events"

    event_id: Mapped[str] = mapped_column(String(120), unique=True)
    type: Mapped[str] = mapped_column(String(80))
    # What we did with it: "handled", "ignored" (unknown type or stale) and why.
    outcome: Mapped[str] = mapped_column(String(200), default="")
    received_at = mapped_column(UTCDateTime, default=utcnow)


class PayoutBatchStatus:
    OPEN = "open"  # exported, transfers being made by staff
    PAID = "paid"  # staff confirmed every transfer in the batch was made
    ALL = (OPEN, PAID)


labels.register("batch", {"open": _l("Being transferred"), "paid": _l("Paid")})


class PayoutBatch(Keyed, db.Model):
    """Producers' earnings gathered for one round of domestic bank transfers."""

    __tablename__ = "payout_batches"

    status: Mapped[str] = mapped_column(String(16), default=PayoutBatchStatus.OPEN)
    total_vnd: Mapped[int] = mapped_column(BigInteger, default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at = mapped_column(UTCDateTime, default=utcnow)
    paid_at = mapped_column(UTCDateTime, nullable=True)
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    parts = relationship("OrderPart", order_by="OrderPart.id")
    lines = relationship("PayoutLine", order_by="PayoutLine.id", back_populates="batch")


class PayoutLine(Keyed, db.Model):
    """One producer's transfer in a batch, with the payee's bank details as they were when the batch
    was made: a producer who changes its account afterwards cannot redirect money already batched."""

    __tablename__ = "payout_lines"
    __table_args__ = (UniqueConstraint("batch_id", "producer_id"),)

    batch_id: Mapped[int] = mapped_column(ForeignKey("payout_batches.id", ondelete="CASCADE"))
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)
    bank_name: Mapped[str] = mapped_column(String(80))
    bank_account_number: Mapped[str] = mapped_column(String(30))
    bank_account_name: Mapped[str] = mapped_column(String(120))
    amount_vnd: Mapped[int] = mapped_column(BigInteger)
    parts_count: Mapped[int] = mapped_column(Integer)

    batch = relationship("PayoutBatch", back_populates="lines")
    producer = relationship("Producer")


class PayoutAdjustment(Keyed, db.Model):
    """A change to a producer's earnings after delivery: an accepted return takes back the refund less
    the platform's commission on it. Negative, it is due at once and carried into the producer's next
    payout batch (with the part itself when that is not paid out yet)."""

    __tablename__ = "payout_adjustments"

    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("order_parts.id", ondelete="CASCADE"), index=True)
    # One adjustment per accepted return.
    return_id: Mapped[int] = mapped_column(ForeignKey("return_requests.id", ondelete="CASCADE"), unique=True)
    refund_vnd: Mapped[int] = mapped_column(Integer)  # what the buyer got back
    commission_vnd: Mapped[int] = mapped_column(Integer)  # the platform's commission given up (≤ 0)
    amount_vnd: Mapped[int] = mapped_column(Integer)  # the producer's earnings change (≤ 0)
    payout_status: Mapped[str] = mapped_column(String(16), default=PayoutStatus.DUE, index=True)
    payout_batch_id: Mapped[int | None] = mapped_column(ForeignKey("payout_batches.id"), nullable=True, index=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    part = relationship("OrderPart")
