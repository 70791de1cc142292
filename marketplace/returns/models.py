from typing import ClassVar

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core import labels
from marketplace.core.columns import Keyed, StoredImage
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class ReturnStatus:
    REQUESTED = "requested"  # the buyer asked; the producer answers (or either side escalates)
    DECLINED = "declined"  # the producer said no, with a reason; either side may still escalate
    ESCALATED = "escalated"  # staff decide; the order's messages are open to them
    ACCEPTED = "accepted"  # refund recorded (by the producer or staff): final
    REJECTED = "rejected"  # staff declined it: final

    ALL = (REQUESTED, DECLINED, ESCALATED, ACCEPTED, REJECTED)
    # The only moves a request can make; each one is a conditional UPDATE on the status read.
    TRANSITIONS: ClassVar[dict] = {
        REQUESTED: (ACCEPTED, DECLINED, ESCALATED),
        DECLINED: (ESCALATED,),
        ESCALATED: (ACCEPTED, REJECTED),
        ACCEPTED: (),
        REJECTED: (),
    }
    # Requests that hold their quantities: a product cannot be asked back twice at once.
    HOLDING = (REQUESTED, DECLINED, ESCALATED, ACCEPTED)


labels.register("return", {"requested": _l("Waiting for the producer"), "declined": _l("Declined by the producer"),
                           "escalated": _l("With staff"), "accepted": _l("Refund accepted"),
                           "rejected": _l("Declined by staff")})


class ReturnRequest(Keyed, db.Model):
    """A buyer's request to return some of a delivered part's products, or for a refund."""

    __tablename__ = "return_requests"
    __table_args__ = (CheckConstraint("refund_vnd >= 0", name="return_refund_not_negative"),)

    part_id: Mapped[int] = mapped_column(ForeignKey("order_parts.id", ondelete="CASCADE"), index=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=ReturnStatus.REQUESTED, index=True)
    reason: Mapped[str] = mapped_column(Text)
    # What the buyer gets back once accepted, in VND (0 until then).
    refund_vnd: Mapped[int] = mapped_column(Integer, default=0)
    # The producer's reason for declining, and staff's for their decision.
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    decision_note: Mapped[str] = mapped_column(Text, default="")
    escalated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow, index=True)
    escalated_at = mapped_column(UTCDateTime, nullable=True)
    decided_at = mapped_column(UTCDateTime, nullable=True)

    part = relationship("OrderPart")
    buyer = relationship("User", foreign_keys=[buyer_id])
    lines = relationship("ReturnLine", back_populates="request", order_by="ReturnLine.id", cascade="all, delete-orphan")
    photos = relationship("ReturnPhoto", order_by="ReturnPhoto.id", cascade="all, delete-orphan")

    @property
    def goods_vnd(self):
        """What the products asked back were paid: the most a refund may be."""
        return sum(line.quantity * line.order_line.unit_price_vnd for line in self.lines)


class ReturnLine(Keyed, db.Model):
    """How many of one order line the buyer asks back."""

    __tablename__ = "return_lines"
    __table_args__ = (UniqueConstraint("return_id", "order_line_id"),
                      CheckConstraint("quantity >= 1", name="return_quantity_positive"))

    return_id: Mapped[int] = mapped_column(ForeignKey("return_requests.id", ondelete="CASCADE"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)

    request = relationship("ReturnRequest", back_populates="lines")
    order_line = relationship("OrderLine")


class ReturnPhoto(Keyed, StoredImage, db.Model):
    """A photo the buyer attached (stored by the image pipeline, served only to the people involved)."""

    __tablename__ = "return_photos"

    return_id: Mapped[int] = mapped_column(ForeignKey("return_requests.id", ondelete="CASCADE"), index=True)
