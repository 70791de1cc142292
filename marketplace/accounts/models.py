from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from marketplace.core import labels
from marketplace.core.columns import Keyed
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class Role:
    BUYER = "buyer"  # browses and orders
    PRODUCER = "producer"  # owns or acts for one or more producers
    IMPORTER = "importer"  # sends bulk inquiries
    ASSOCIATION_ADMIN = "association_admin"  # governs an association's collective trademark
    STAFF = "staff"  # platform staff: approves producers, sees everything
    TRADE_OFFICE = "trade_office"  # a trade office or counsellor: shares the export directory, refers importers

    ALL = (BUYER, PRODUCER, IMPORTER, ASSOCIATION_ADMIN, STAFF, TRADE_OFFICE)
    SELF_SERVICE = (BUYER, PRODUCER, IMPORTER)  # roles a person may pick when registering


labels.register("role", {Role.BUYER: _l("Buyer"), Role.PRODUCER: _l("Producer"), Role.IMPORTER: _l("Importer"),
                         Role.ASSOCIATION_ADMIN: _l("Association admin"), Role.STAFF: _l("Staff"),
                         Role.TRADE_OFFICE: _l("Trade office")})


class User(Keyed, UserMixin, db.Model):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32), default=Role.BUYER)
    # The person's language ("vi" or "en") for pages, notifications and e-mails; None until they
    # choose one (the language switch, sign-up or the account page), when Vietnamese applies.
    locale: Mapped[str | None] = mapped_column(String(5), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped on logout, password change and reset, so every other session cookie stops working.
    session_version: Mapped[int] = mapped_column(Integer, default=0)
    # The owner proved the e-mail address is theirs (opened the signed link); until then the
    # account may browse and fill a cart, but not order, quote or send an inquiry.
    email_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    email_verified_at = mapped_column(UTCDateTime, nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    # Set when the person deleted the account: the row stays only as an anonymous stand-in for the
    # orders and records that point at it (no name, no address, an e-mail nobody has).
    deleted_at = mapped_column(UTCDateTime, nullable=True)

    producer_links = relationship("ProducerMember", back_populates="user", cascade="all, delete-orphan")
    association_links = relationship("AssociationAdmin", back_populates="user", cascade="all, delete-orphan")

    @property
    def reader_locale(self):
        """The language their notifications and e-mails are written in: the one they chose, else
        English for an importer (a foreign company until its profile says otherwise) and Vietnamese
        for everyone else."""
        return self.locale or ("en" if self.role == Role.IMPORTER else "vi")

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def mark_verified(self, when=None):
        """Record that the owner proved the address is theirs (the first time only)."""
        if not self.email_verified:
            self.email_verified, self.email_verified_at = True, when or utcnow()

    @property
    def is_active(self):
        return self.active

    def get_id(self):
        return f"{self.id}:{self.session_version}"

    @property
    def is_staff(self):
        return self.role == Role.STAFF


class ProducerMember(Keyed, db.Model):
    """A user who may act for a producer: its owner, or a cooperative officer."""

    __tablename__ = "producer_members"
    __table_args__ = (UniqueConstraint("user_id", "producer_id"),)

    OWNER = "owner"  # the household head or business owner
    OFFICER = "officer"  # a cooperative officer acting for the producer

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default=OWNER)

    user = relationship("User", back_populates="producer_links")
    producer = relationship("Producer", back_populates="members")


labels.register("member_role", {ProducerMember.OWNER: _l("Owner"), ProducerMember.OFFICER: _l("Officer")})


class AssociationAdmin(Keyed, db.Model):
    """A user who administers an association (and so its collective trademarks)."""

    __tablename__ = "association_admins"
    __table_args__ = (UniqueConstraint("user_id", "association_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("associations.id", ondelete="CASCADE"), index=True)

    user = relationship("User", back_populates="association_links")
    association = relationship("Association", back_populates="admins")


class ImporterProfile(Keyed, db.Model):
    """An importer's company: who they are and where they buy for (one per importer account)."""

    __tablename__ = "importer_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    company: Mapped[str] = mapped_column(String(200))
    # ISO 3166-1 alpha-2 code of the company's country ("DE", "JP").
    country: Mapped[str] = mapped_column(String(2))
    # Languages the company corresponds in, as ISO 639-1 codes separated by commas ("en,de").
    languages: Mapped[str] = mapped_column(String(100), default="en")
    website: Mapped[str] = mapped_column(String(300), default="")
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user = relationship("User", backref=db.backref("importer_profile", uselist=False))

    @property
    def language_codes(self):
        return [code for code in (self.languages or "").split(",") if code]


class ApiToken(Keyed, db.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored; the token is shown once."""

    __tablename__ = "api_tokens"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The token's first characters, so that its owner can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(12))
    created_at = mapped_column(UTCDateTime, default=utcnow)
    last_used_at = mapped_column(UTCDateTime, nullable=True)
    revoked_at = mapped_column(UTCDateTime, nullable=True)

    user = relationship("User")

    @property
    def is_active(self):
        return self.revoked_at is None
