"""Wholesale deals: what an accepted export quote becomes. One deal per accepted quote, with the
agreed lines per producer (one for a single producer, one per member for a consortium), the
deposit and balance payments, each member's production milestones, the shipment, and each
member's share of every payment as payout-ledger lines.

Money is integer VND; USD figures shown to importers are derived at ``USD_VND_RATE``.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core import labels
from marketplace.core.columns import Keyed, PaymentAttempt, PricedLine
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class DealStatus:
    AWAITING_DEPOSIT = "awaiting_deposit"  # created on acceptance; the importer pays the deposit
    IN_PRODUCTION = "in_production"  # deposit received; members mark their milestones
    BALANCE_DUE = "balance_due"  # shipped with the carrier's reference; the importer pays the balance
    COMPLETED = "completed"  # balance received; every member's share is in the ledger
    ALL = (AWAITING_DEPOSIT, IN_PRODUCTION, BALANCE_DUE, COMPLETED)
    # The one place the allowed moves are written down: (from, to).
    MOVES = frozenset({(AWAITING_DEPOSIT, IN_PRODUCTION), (IN_PRODUCTION, BALANCE_DUE), (BALANCE_DUE, COMPLETED)})


labels.register("deal", {"awaiting_deposit": _l("Deposit due"), "in_production": _l("In production"),
                         "balance_due": _l("Shipped, balance due"), "completed": _l("Completed")})


class Stage:
    DEPOSIT = "deposit"  # paid before production, a share of the total set in the quote
    BALANCE = "balance"  # the rest, due on shipment
    ALL = (DEPOSIT, BALANCE)


labels.register("deal_stage", {"deposit": _l("Deposit"), "balance": _l("Balance")})


# Production milestones each member marks for its own line, in order.
MILESTONES = ("materials", "sample", "half", "done", "packed")
labels.register("milestone", {"materials": _l("Materials sourced"), "sample": _l("Sample approved"),
                              "half": _l("Production 50 %"), "done": _l("Production done"), "packed": _l("Packed")})


class Deal(Keyed, db.Model):
    """A wholesale order made by accepting a quote (single producer or consortium)."""

    __tablename__ = "deals"
    __table_args__ = (
        CheckConstraint("total_vnd >= 0", name="total_not_negative"),
        CheckConstraint("deposit_vnd >= 0 AND deposit_vnd <= total_vnd", name="deposit_within_total"),
        CheckConstraint("deposit_pct >= 0 AND deposit_pct <= 100", name="deposit_pct_range"),
    )

    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiries.id"), unique=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id"), unique=True)
    importer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    consortium_id: Mapped[int | None] = mapped_column(ForeignKey("consortia.id"), nullable=True)
    # Who ships and speaks for the deal: the single producer or a consortium's lead member
    # (for a mark-led consortium its association's admins may too).
    lead_producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"))
    association_id: Mapped[int | None] = mapped_column(ForeignKey("associations.id"), nullable=True)
    incoterm: Mapped[str] = mapped_column(String(3))
    port: Mapped[str] = mapped_column(String(80), default="")  # port of loading
    unit: Mapped[str] = mapped_column(String(32), default="piece")
    total_vnd: Mapped[int] = mapped_column(BigInteger)
    deposit_pct: Mapped[int] = mapped_column(Integer)
    deposit_vnd: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(20), default=DealStatus.AWAITING_DEPOSIT, index=True)
    carrier: Mapped[str] = mapped_column(String(120), default="")
    shipment_ref: Mapped[str] = mapped_column(String(120), default="")
    shipped_on = mapped_column(Date, nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    deposit_paid_at = mapped_column(UTCDateTime, nullable=True)
    shipped_at = mapped_column(UTCDateTime, nullable=True)
    balance_paid_at = mapped_column(UTCDateTime, nullable=True)

    inquiry = relationship("Inquiry")
    quote = relationship("Quote")
    importer = relationship("User")
    consortium = relationship("Consortium")
    lead_producer = relationship("Producer")
    association = relationship("Association")
    lines = relationship("DealLine", back_populates="deal", order_by="DealLine.position")
    milestones = relationship("DealMilestone", back_populates="deal", order_by="DealMilestone.id")
    payments = relationship("DealPayment", back_populates="deal", order_by="DealPayment.id")
    payouts = relationship("DealPayout", back_populates="deal", order_by="DealPayout.id")

    @property
    def balance_vnd(self):
        return self.total_vnd - self.deposit_vnd

    @property
    def reference(self):
        """What the importer writes on a bank transfer (VietQR and statements): "WD000042"."""
        return f"WD{self.id:06d}"

    def amount_of(self, stage):
        return self.deposit_vnd if stage == Stage.DEPOSIT else self.balance_vnd

    @property
    def stage_due(self):
        """The payment the importer owes now, or None."""
        return {DealStatus.AWAITING_DEPOSIT: Stage.DEPOSIT, DealStatus.BALANCE_DUE: Stage.BALANCE}.get(self.status)


class DealLine(Keyed, PricedLine, db.Model):
    """One producer's agreed part of a deal: quantity and unit price."""

    __tablename__ = "deal_lines"
    __table_args__ = (
        UniqueConstraint("deal_id", "producer_id"),
        CheckConstraint("quantity >= 1", name="line_quantity_positive"),
        CheckConstraint("unit_price_vnd >= 0", name="line_price_not_negative"),
    )

    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"))
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 0 is the lead member

    deal = relationship("Deal", back_populates="lines")
    producer = relationship("Producer")


class DealMilestone(Keyed, db.Model):
    """A production milestone a member marked for its line (one row per member and step)."""

    __tablename__ = "deal_milestones"
    __table_args__ = (UniqueConstraint("deal_id", "producer_id", "step"),)

    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"))
    step: Mapped[str] = mapped_column(String(16))
    marked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    marked_at = mapped_column(UTCDateTime, default=utcnow)

    deal = relationship("Deal", back_populates="milestones")


class DealPaymentStatus:
    PENDING = "pending"  # a card intent started, not confirmed yet
    SUCCEEDED = "succeeded"  # money received
    FAILED = "failed"  # declined
    ALL = (PENDING, SUCCEEDED, FAILED)


class DealPayment(Keyed, PaymentAttempt, db.Model):
    """Money the importer pays for one stage of a deal (one row per attempt)."""

    __tablename__ = "deal_payments"
    __table_args__ = (CheckConstraint("amount_vnd >= 0", name="deal_payment_not_negative"),)

    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    amount_vnd: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default=DealPaymentStatus.PENDING)

    deal = relationship("Deal", back_populates="payments")


class DealPayout(Keyed, db.Model):
    """A member's share of one received payment: gross, the platform's commission and net, owed
    to the producer (the payout ledger's wholesale lines). One per deal, member and stage."""

    __tablename__ = "deal_payouts"
    __table_args__ = (UniqueConstraint("deal_id", "producer_id", "stage"),)

    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    gross_vnd: Mapped[int] = mapped_column(BigInteger)
    commission_rate_bp: Mapped[int] = mapped_column(Integer)
    commission_vnd: Mapped[int] = mapped_column(BigInteger)
    net_vnd: Mapped[int] = mapped_column(BigInteger)
    payout_status: Mapped[str] = mapped_column(String(16), default="due")  # orders.models.PayoutStatus values
    # The payout batch that transfers it (payments.ledger gathers due shares with retail parts).
    payout_batch_id: Mapped[int | None] = mapped_column(ForeignKey("payout_batches.id"), nullable=True, index=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    deal = relationship("Deal", back_populates="payouts")
    producer = relationship("Producer")
