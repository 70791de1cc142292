from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core import labels
from marketplace.core.columns import EmailInvitation, Keyed
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime, link_table
from marketplace.extensions import db

trademark_villages = link_table("trademark_villages", ("trademark_id", "trademarks.id"), ("village_id", "villages.id"))


class Association(Keyed, db.Model):
    """A village association or cooperative union that owns collective trademarks."""

    __tablename__ = "associations"

    slug: Mapped[str] = mapped_column(String(140), unique=True)
    name: Mapped[str] = mapped_column(String(200))  # in Vietnamese, as registered
    name_en: Mapped[str] = mapped_column(String(200), default="")

    trademarks = relationship("Trademark", back_populates="association")
    admins = relationship("AssociationAdmin", back_populates="association", cascade="all, delete-orphan")


class Trademark(Keyed, db.Model):
    """A collective trademark (nhãn hiệu tập thể)."""

    __tablename__ = "trademarks"

    slug: Mapped[str] = mapped_column(String(140), unique=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    description_vi: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    # The certificate of the IP office (Cục Sở hữu trí tuệ): its number and date of registration.
    registration_no: Mapped[str] = mapped_column(String(64), default="")
    registration_date = mapped_column(Date, nullable=True)
    # The mark's image and its thumbnail, relative to UPLOAD_FOLDER ("" when none).
    image_path: Mapped[str] = mapped_column(String(200), default="")
    image_thumb_path: Mapped[str] = mapped_column(String(200), default="")
    # The rules of use (quy chế sử dụng) as a PDF, relative to UPLOAD_FOLDER, and its file name as uploaded.
    rules_path: Mapped[str] = mapped_column(String(200), default="")
    rules_filename: Mapped[str] = mapped_column(String(200), default="")
    association_id: Mapped[int] = mapped_column(ForeignKey("associations.id"), index=True)

    association = relationship("Association", back_populates="trademarks")
    villages = relationship("Village", secondary=trademark_villages, order_by="Village.name")
    memberships = relationship("Membership", back_populates="trademark")


class MembershipStatus:
    PENDING = "pending"  # the producer applied; the association has not decided
    ACTIVE = "active"  # admitted: its granted products carry the mark
    SUSPENDED = "suspended"  # temporarily barred: none of its products carry the mark
    REVOKED = "revoked"  # expelled or refused: every right it held is revoked for good
    ALL = (PENDING, ACTIVE, SUSPENDED, REVOKED)

    # The one place that says which decisions an association may take from each state.
    TRANSITIONS = {
        PENDING: {ACTIVE, REVOKED},
        ACTIVE: {SUSPENDED, REVOKED},
        SUSPENDED: {ACTIVE, REVOKED},
        REVOKED: {PENDING},  # a revoked producer may apply again
    }


labels.register("membership", {"pending": _l("Applied"), "active": _l("Active member"), "suspended": _l("Suspended"),
                               "revoked": _l("Revoked")})
labels.register("action", {
    "apply": _l("Applied"), "approve": _l("Approved"), "suspend": _l("Suspended"), "reinstate": _l("Reinstated"),
    "revoke": _l("Revoked"), "grant": _l("Right granted"), "withdraw": _l("Right withdrawn"),
})


class Membership(Keyed, db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("trademark_id", "producer_id"),)

    trademark_id: Mapped[int] = mapped_column(ForeignKey("trademarks.id"), index=True)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=MembershipStatus.PENDING)
    applied_at = mapped_column(UTCDateTime, default=utcnow)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    trademark = relationship("Trademark", back_populates="memberships")
    producer = relationship("Producer", back_populates="memberships")
    events = relationship("MembershipEvent", back_populates="membership", order_by="MembershipEvent.id")


class MembershipEvent(Keyed, db.Model):
    """History: who moved a membership or a product right from one state to another, and when."""

    __tablename__ = "membership_events"

    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    # "apply", "approve", "suspend", "reinstate", "revoke", "grant", "withdraw"
    action: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str] = mapped_column(String(16), default="")
    to_status: Mapped[str] = mapped_column(String(16), default="")
    listing_id: Mapped[int | None] = mapped_column(ForeignKey("listings.id"), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    at = mapped_column(UTCDateTime, default=utcnow)

    membership = relationship("Membership", back_populates="events")
    actor = relationship("User")
    listing = relationship("Listing")


class RightStatus:
    ACTIVE = "active"  # the product may carry the mark (while the membership is active)
    WITHDRAWN = "withdrawn"  # the association withdrew this product's right
    REVOKED = "revoked"  # revoked with the producer's membership
    ALL = (ACTIVE, WITHDRAWN, REVOKED)


labels.register("right", {"active": _l("Carries the mark"), "withdrawn": _l("Withdrawn"), "revoked": _l("Revoked")})


class ProductRight(Keyed, db.Model):
    """The right of one listing to carry a mark, with its public verification code."""

    __tablename__ = "product_rights"
    __table_args__ = (UniqueConstraint("trademark_id", "listing_id"),)

    trademark_id: Mapped[int] = mapped_column(ForeignKey("trademarks.id"), index=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), index=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=RightStatus.ACTIVE, index=True)
    granted_at = mapped_column(UTCDateTime, default=utcnow)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    ended_at = mapped_column(UTCDateTime, nullable=True)

    trademark = relationship("Trademark")
    listing = relationship("Listing", back_populates="rights")
    membership = relationship("Membership")

    @property
    def effective_status(self):
        """What a buyer is told: a right is only as good as the membership behind it."""
        if self.status != RightStatus.ACTIVE:
            return self.status
        if self.membership.status == MembershipStatus.ACTIVE:
            return RightStatus.ACTIVE
        return self.membership.status  # "suspended" or "revoked" or "pending"

    @property
    def is_valid(self):
        return self.effective_status == RightStatus.ACTIVE


class AdminInvitationStatus:
    PENDING = EmailInvitation.PENDING  # sent; the link works until it expires
    ACCEPTED = "accepted"  # the invitee administers the association
    CANCELLED = "cancelled"  # withdrawn by staff or an admin before it was accepted
    ALL = (PENDING, ACCEPTED, CANCELLED)


labels.register("admin_invitation", {"pending": _l("Invited"), "accepted": _l("Accepted"), "cancelled": _l("Cancelled")})


class AdminInvitation(Keyed, EmailInvitation, db.Model):
    """An invitation, e-mailed as a signed expiring link, to administer an association."""

    __tablename__ = "admin_invitations"

    association_id: Mapped[int] = mapped_column(ForeignKey("associations.id", ondelete="CASCADE"), index=True)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    association = relationship("Association")


class MarkScanDay(db.Model):
    """How many times the verify page found one of a mark's codes on one day (Hanoi's date),
    written in batches like the product views (reports.tallies)."""

    __tablename__ = "mark_scans"
    __table_args__ = (CheckConstraint("scans >= 0", name="scans_not_negative"),)

    trademark_id: Mapped[int] = mapped_column(ForeignKey("trademarks.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    scans: Mapped[int] = mapped_column(Integer, default=0)
