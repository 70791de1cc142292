"""Column shapes several domains' tables share, as declarative mixins.

A mixin's columns are copied into each table that uses it, so the tables stay as the migrations
made them: the same names, types, nullability and defaults as when each model spelled them out.
Foreign keys name their table by string, so core still imports no domain.
"""
from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime


class Keyed:
    """A surrogate primary key ``id`` (first among the table's columns, as the migrations made it)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-1)


class StoredImage:
    """An image stored by the image pipeline (catalog.images): paths relative to UPLOAD_FOLDER of the
    full image (at most 1600 px) and of its thumbnail, and the full image's size in pixels."""

    path: Mapped[str] = mapped_column(String(200))
    thumb_path: Mapped[str] = mapped_column(String(200))
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)


class PostalAddress:
    """Where a parcel goes in Vietnam: recipient, phone, province, commune (the column keeps its
    pre-2025 name ``district``), village or hamlet (optional) and street."""

    recipient_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(20))
    province: Mapped[str] = mapped_column(String(80))
    district: Mapped[str] = mapped_column(String(80))
    ward: Mapped[str] = mapped_column(String(80), default="")
    street: Mapped[str] = mapped_column(String(200))


class Rated:
    """Visible reviews' count and star total, kept in step by reviews.services in the review's own
    transaction (atomic UPDATEs), so sorting by rating is a plain ORDER BY."""

    rating_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    rating_sum: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @property
    def rating(self):
        """The average of its visible reviews' stars (None before the first)."""
        return self.rating_sum / self.rating_count if self.rating_count else None


class PricedLine:
    """A quantity at a unit price in VND (an order's or a wholesale deal's line)."""

    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_vnd: Mapped[int] = mapped_column(Integer)

    @property
    def total_vnd(self):
        return self.quantity * self.unit_price_vnd


class PaymentAttempt:
    """One attempt to take money (an order's or a wholesale deal's): how (``method``), the Stripe
    PaymentIntent id or the bank statement line that matched a transfer (``provider_ref``, unique so
    a repeated report records it once), why it failed, the staff member who recorded a transfer by
    hand, and when it was made and received. The amount and the status are each table's own."""

    method: Mapped[str] = mapped_column(String(16))  # "card", "bank_transfer" or "cod"
    provider_ref: Mapped[str | None] = mapped_column(String(120), unique=True, nullable=True)
    failure_message: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    succeeded_at = mapped_column(UTCDateTime, nullable=True)


class EmailInvitation:
    """An invitation a user sent to an e-mail address (normalised: lower case); whoever has an
    account with that verified address may answer it. It starts ``PENDING``; each domain names the
    states it may go to from there."""

    PENDING = "pending"  # sent; the invitee has not answered

    email: Mapped[str] = mapped_column(String(255), index=True)
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    answered_at = mapped_column(UTCDateTime, nullable=True)

    @declared_attr
    def invited_by(cls):
        return relationship("User", foreign_keys=f"{cls.__name__}.invited_by_id")

    @property
    def is_pending(self):
        return self.status == self.PENDING
