from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core import labels
from marketplace.core.columns import EmailInvitation, Keyed, Rated
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class ProducerKind:
    HOUSEHOLD = "household"  # hộ gia đình
    COOPERATIVE = "cooperative"  # hợp tác xã
    ENTERPRISE = "enterprise"  # small enterprise
    ALL = (HOUSEHOLD, COOPERATIVE, ENTERPRISE)


class ProducerStatus:
    PENDING = "pending"  # registered, waiting for staff; its listings are not public
    APPROVED = "approved"  # approved by staff; active listings are public
    SUSPENDED = "suspended"  # taken down by staff; listings hidden again
    ALL = (PENDING, APPROVED, SUSPENDED)


labels.register("producer", {"pending": _l("Waiting for approval"), "approved": _l("Approved"),
                             "suspended": _l("Suspended")})
labels.register("kind", {"household": _l("Household"), "cooperative": _l("Cooperative"), "enterprise": _l("Enterprise")})


class Producer(Keyed, Rated, db.Model):
    __tablename__ = "producers"

    slug: Mapped[str] = mapped_column(String(140), unique=True)
    name: Mapped[str] = mapped_column(String(140))
    kind: Mapped[str] = mapped_column(String(16), default=ProducerKind.HOUSEHOLD)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    story_vi: Mapped[str] = mapped_column(Text, default="")
    story_en: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    # OCOP rating (3 to 5 stars) and when its certificate expires; None when unrated.
    ocop_stars: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ocop_expires_on = mapped_column(Date, nullable=True)
    # The approved certificate's number and issuing body ("" when unknown). A producer's new claim
    # waits in moderation.OcopSubmission until staff approve it; these columns are what the public sees.
    ocop_certificate_number: Mapped[str] = mapped_column(String(60), default="")
    ocop_issuer: Mapped[str] = mapped_column(String(200), default="")
    export_ready: Mapped[bool] = mapped_column(Boolean, default=False)
    # Pieces (or the listing's unit) the producer can make in a month.
    monthly_capacity: Mapped[int] = mapped_column(Integer, default=0)
    # For the export directory: certification codes held (``producers.credentials``, comma-separated),
    # any other certificate in the producer's words, and the languages it corresponds in ("vi,en").
    certifications: Mapped[str] = mapped_column(String(300), default="")
    certification_other: Mapped[str] = mapped_column(String(200), default="")
    languages: Mapped[str] = mapped_column(String(100), default="vi")
    # Where the platform transfers the producer's earnings (domestic bank transfer).
    bank_name: Mapped[str] = mapped_column(String(80), default="")
    bank_account_number: Mapped[str] = mapped_column(String(30), default="")
    bank_account_name: Mapped[str] = mapped_column(String(120), default="")
    # Parcels whose goods come to at least this many VND ship free; None: the buyer always pays shipping.
    free_shipping_over_vnd: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default=ProducerStatus.PENDING, index=True)
    approved_at = mapped_column(UTCDateTime, nullable=True)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    village = relationship("Village", back_populates="producers")
    members = relationship("ProducerMember", back_populates="producer", cascade="all, delete-orphan")
    listings = relationship("Listing", back_populates="producer")
    memberships = relationship("Membership", back_populates="producer")

    @property
    def is_public(self):
        return self.status == ProducerStatus.APPROVED

    @property
    def certification_codes(self):
        return [code for code in (self.certifications or "").split(",") if code]

    @property
    def language_codes(self):
        return [code for code in (self.languages or "").split(",") if code]

    def ocop_valid_on(self, day):
        return bool(self.ocop_stars) and (self.ocop_expires_on is None or self.ocop_expires_on >= day)


class CapacityMonth(db.Model):
    """One month of a producer's capacity calendar in one unit (``producers.capacity``): what it can make
    that month (None: its standard ``monthly_capacity``), or the month blocked (Tết, harvest), with a note.
    A month without a row reads the standard capacity."""

    __tablename__ = "capacity_months"
    __table_args__ = (
        UniqueConstraint("producer_id", "month", "unit"),
        CheckConstraint("quantity IS NULL OR quantity >= 0", name="capacity_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id", ondelete="CASCADE"), index=True)
    month = mapped_column(Date, nullable=False)  # the first day of the month
    unit: Mapped[str] = mapped_column(String(32))  # a catalog unit code (catalog.units)
    quantity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(200), default="")
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class InvitationStatus:
    PENDING = EmailInvitation.PENDING  # sent; the invitee has not answered, nothing has changed yet
    ACCEPTED = "accepted"  # the invitee agreed: they now act for the producer
    DECLINED = "declined"  # the invitee said no; nothing changed
    ALL = (PENDING, ACCEPTED, DECLINED)


class OfficerInvitation(Keyed, EmailInvitation, db.Model):
    """A producer's invitation to act for it as a cooperative officer, sent to an e-mail address.

    Only the owner of that (verified) address can answer it; the officer link is made on acceptance.
    """

    __tablename__ = "officer_invitations"

    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id", ondelete="CASCADE"), index=True)
    # The account that answered (set on acceptance or decline).
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    producer = relationship("Producer")
