"""Moderation's records: sanctions in force (with their reason), the log of every staff action, reports,
and OCOP ratings waiting for review."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core import labels
from marketplace.core.columns import Keyed
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class SanctionKind:
    LISTING_HIDDEN = "listing_hidden"  # a listing taken off sale by staff; its producer cannot republish it
    PRODUCER_SUSPENDED = "producer_suspended"  # a producer's shop closed by staff; nothing of it is sold
    USER_DEACTIVATED = "user_deactivated"  # an account that cannot log in or use its API tokens
    ALL = (LISTING_HIDDEN, PRODUCER_SUSPENDED, USER_DEACTIVATED)


class Sanction(Keyed, db.Model):
    """A staff measure against a listing, producer or user, with the reason the person concerned reads.

    In force while ``lifted_at`` is NULL; at most one is in force per subject (the services check).
    """

    __tablename__ = "moderation_sanctions"

    kind: Mapped[str] = mapped_column(String(24), index=True)
    # The listing's, producer's or user's id, by ``kind``.
    subject_id: Mapped[int] = mapped_column(Integer, index=True)
    reason: Mapped[str] = mapped_column(Text)
    # The listing's status before it was hidden, given back when the hide is lifted.
    previous_status: Mapped[str] = mapped_column(String(16), default="")
    imposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    imposed_at = mapped_column(UTCDateTime, default=utcnow)
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    lifted_at = mapped_column(UTCDateTime, nullable=True)
    lift_reason: Mapped[str] = mapped_column(Text, default="")

    imposed_by = relationship("User", foreign_keys=[imposed_by_id])


class ModerationAction(Keyed, db.Model):
    """One staff (or reporter) action, kept for good: who did what to which subject, when, and why."""

    __tablename__ = "moderation_actions"

    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    # hide_listing, lift_hide, suspend_producer, reinstate_producer, deactivate_user, reactivate_user,
    # report, review_report, resolve_report, approve_ocop, reject_ocop, hide_review, unhide_review
    action: Mapped[str] = mapped_column(String(32))
    subject_kind: Mapped[str] = mapped_column(String(16))  # listing, producer, user, report, ocop, review
    subject_id: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at = mapped_column(UTCDateTime, default=utcnow, index=True)

    actor = relationship("User")


labels.register("moderation_action", {
    "hide_listing": _l("Listing hidden"), "lift_hide": _l("Hide lifted"),
    "suspend_producer": _l("Producer suspended"), "reinstate_producer": _l("Producer reinstated"),
    "deactivate_user": _l("Account deactivated"), "reactivate_user": _l("Account reactivated"),
    "report": _l("Report received"), "review_report": _l("Report taken into review"),
    "resolve_report": _l("Report resolved"), "approve_ocop": _l("OCOP rating approved"),
    "reject_ocop": _l("OCOP rating rejected"), "hide_review": _l("Review hidden"), "unhide_review": _l("Review shown again"),
})


labels.register("moderation_subject", {"listing": _l("Product"), "producer": _l("Producer"), "user": _l("Account"),
                                       "report": _l("Report"), "review": _l("Review")})


class ReportStatus:
    OPEN = "open"  # received; nobody has looked yet
    IN_REVIEW = "in_review"  # a staff member is looking into it
    RESOLVED = "resolved"  # decided, with an outcome; the reporter has been told
    ALL = (OPEN, IN_REVIEW, RESOLVED)
    # The only moves a report makes.
    TRANSITIONS = {OPEN: (IN_REVIEW, RESOLVED), IN_REVIEW: (RESOLVED,), RESOLVED: ()}  # noqa: RUF012


class ReportOutcome:
    NO_ACTION = "no_action"  # nothing wrong found
    LISTING_HIDDEN = "listing_hidden"  # the reported product is hidden (with the resolution note as reason)
    PRODUCER_SUSPENDED = "producer_suspended"  # the producer behind it is suspended
    MARK_WITHDRAWN = "mark_withdrawn"  # the product's right to carry the mark is withdrawn
    REVIEW_HIDDEN = "review_hidden"  # the reported review is hidden (with the resolution note as reason)
    ALL = (NO_ACTION, LISTING_HIDDEN, PRODUCER_SUSPENDED, MARK_WITHDRAWN, REVIEW_HIDDEN)


labels.register("report", {ReportStatus.OPEN: _l("Open"), ReportStatus.IN_REVIEW: _l("In review"),
                           ReportStatus.RESOLVED: _l("Resolved")})
labels.register("outcome", {ReportOutcome.NO_ACTION: _l("No action needed"),
                            ReportOutcome.LISTING_HIDDEN: _l("Product hidden"),
                            ReportOutcome.PRODUCER_SUSPENDED: _l("Producer suspended"),
                            ReportOutcome.MARK_WITHDRAWN: _l("Mark withdrawn from the product"),
                            ReportOutcome.REVIEW_HIDDEN: _l("Review hidden")})


class Report(Keyed, db.Model):
    """Someone's report of a listing, a producer or a suspected fake mark label."""

    __tablename__ = "moderation_reports"

    subject: Mapped[str] = mapped_column(String(16), index=True)  # constants.SUBJECTS
    listing_id: Mapped[int | None] = mapped_column(ForeignKey("listings.id", ondelete="SET NULL"), nullable=True)
    producer_id: Mapped[int | None] = mapped_column(ForeignKey("producers.id", ondelete="SET NULL"), nullable=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id", ondelete="SET NULL"), nullable=True)
    # The verification code as the reporter read it (a mark report; it may be unknown: a fake label).
    code: Mapped[str] = mapped_column(String(32), default="")
    category: Mapped[str] = mapped_column(String(16))  # constants.CATEGORIES
    text: Mapped[str] = mapped_column(Text)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default=ReportStatus.OPEN, index=True)
    outcome: Mapped[str] = mapped_column(String(24), default="")
    resolution_note: Mapped[str] = mapped_column(Text, default="")
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow, index=True)
    resolved_at = mapped_column(UTCDateTime, nullable=True)

    listing = relationship("Listing")
    producer = relationship("Producer")
    review = relationship("Review")
    reporter = relationship("User", foreign_keys=[reporter_id])
    handled_by = relationship("User", foreign_keys=[handled_by_id])


class OcopStatus:
    PENDING = "pending"  # sent by the producer; the public still sees the last approved rating
    APPROVED = "approved"  # checked by staff and copied onto the producer (public)
    REJECTED = "rejected"  # refused by staff, with the reason the producer reads
    ALL = (PENDING, APPROVED, REJECTED)


labels.register("ocop", {OcopStatus.PENDING: _l("Waiting for review"), OcopStatus.APPROVED: _l("Approved"),
                         OcopStatus.REJECTED: _l("Rejected")})


class OcopSubmission(Keyed, db.Model):
    """An OCOP rating and certificate a producer claims; public only once staff approve it."""

    __tablename__ = "ocop_submissions"

    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id", ondelete="CASCADE"), index=True)
    stars: Mapped[int] = mapped_column(Integer)
    certificate_number: Mapped[str] = mapped_column(String(60))
    issuer: Mapped[str] = mapped_column(String(200))
    expires_on = mapped_column(Date)
    # The certificate's scan (relative to UPLOAD_FOLDER), seen by staff only; "" when none was sent.
    scan_path: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16), default=OcopStatus.PENDING, index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    submitted_at = mapped_column(UTCDateTime, default=utcnow)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    reviewed_at = mapped_column(UTCDateTime, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")

    producer = relationship("Producer")


class OcopReminder(Keyed, db.Model):
    """A reminder sent for one producer's certificate expiring on one day: the beat job sends it once."""

    __tablename__ = "ocop_reminders"
    __table_args__ = (UniqueConstraint("producer_id", "expires_on"),)

    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id", ondelete="CASCADE"))
    expires_on = mapped_column(Date)
    sent_at = mapped_column(UTCDateTime, default=utcnow)
