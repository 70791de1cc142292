"""Saved products, followed shops and villages, and where each follower's last digest stopped."""
from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.columns import Keyed
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class Favourite(Keyed, db.Model):
    """A product a user saved."""

    __tablename__ = "favourites"
    __table_args__ = (UniqueConstraint("user_id", "listing_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    listing = relationship("Listing")


class Follow(Keyed, db.Model):
    """A user following one shop or one village (exactly one of the two ids is set)."""

    __tablename__ = "follows"
    __table_args__ = (
        UniqueConstraint("producer_id", "user_id"),
        UniqueConstraint("village_id", "user_id"),
        CheckConstraint("(producer_id IS NULL) <> (village_id IS NULL)", name="follow_one_subject"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    producer_id: Mapped[int | None] = mapped_column(ForeignKey("producers.id", ondelete="CASCADE"), nullable=True, index=True)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id", ondelete="CASCADE"), nullable=True, index=True)
    # Products listed before this moment are not news to this follower.
    created_at = mapped_column(UTCDateTime, default=utcnow)

    producer = relationship("Producer")
    village = relationship("Village")


class DigestMark(db.Model):
    """Up to when a follower has been told of new products: the next digest starts there."""

    __tablename__ = "follow_digests"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    sent_up_to = mapped_column(UTCDateTime)
