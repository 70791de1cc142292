"""A trade office, the directory links it shares, and the importers it refers."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core import labels
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class TradeOfficeStatus:
    INVITED = "invited"  # staff sent the signed link; nobody can act for the office yet
    ACTIVE = "active"  # the invited person made (or used) an account: the office's dashboard is theirs
    ALL = (INVITED, ACTIVE)


labels.register("trade_office", {"invited": _l("Invited"), "active": _l("Active")})
labels.register("entity", {"trade_office": _l("Trade office")})  # in the staff's list of changes (core.audit)
labels.register("change", {"invite_office": _l("Trade office invited")})


class TradeOffice(db.Model):
    """A trade office (e.g. the Hanoi trade department's desk, a trade counsellor abroad), created by staff
    as an invitation e-mailed to ``email``; the account that accepts it is ``user``."""

    __tablename__ = "trade_offices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2, where the office works
    city: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(255), index=True)  # normalised (lower case)
    status: Mapped[str] = mapped_column(String(16), default=TradeOfficeStatus.INVITED)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True,
                                                unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    accepted_at = mapped_column(UTCDateTime, nullable=True)

    user = relationship("User", foreign_keys=[user_id])
    invited_by = relationship("User", foreign_keys=[invited_by_id])


class DirectoryShare(db.Model):
    """A signed link to the export directory under some filters, made by an office (the link names this row)."""

    __tablename__ = "directory_shares"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filters: Mapped[dict] = mapped_column(JSON, default=dict)  # deals.directory.Filters.as_args()
    office_id: Mapped[int] = mapped_column(ForeignKey("trade_offices.id", ondelete="CASCADE"), index=True)
    opened: Mapped[int] = mapped_column(Integer, default=0)  # times the page, CSV or PDF was opened through it
    created_at = mapped_column(UTCDateTime, default=utcnow)
    last_opened_at = mapped_column(UTCDateTime, nullable=True)

    office = relationship("TradeOffice")


class ReferralStatus:
    SENT = "sent"  # the importer was e-mailed a signed sign-up link
    JOINED = "joined"  # the importer signed up (or accepted with an existing account): linked to the office
    ALL = (SENT, JOINED)


labels.register("referral", {"sent": _l("Invited"), "joined": _l("Joined")})


class Referral(db.Model):
    """An importer an office referred: who, and (once they joined) their account. An importer is linked
    to one office at most, the first whose referral they took up (``importer_id`` is unique)."""

    __tablename__ = "trade_referrals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("trade_offices.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(255), index=True)  # normalised (lower case)
    company: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=ReferralStatus.SENT)
    importer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True,
                                                    unique=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    joined_at = mapped_column(UTCDateTime, nullable=True)

    office = relationship("TradeOffice")
    importer = relationship("User")
