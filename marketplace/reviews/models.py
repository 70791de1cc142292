"""A buyer's review of one delivered product, its photos, and the producer's one answer."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core import labels
from marketplace.core.columns import Keyed, StoredImage
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class ReviewStatus:
    VISIBLE = "visible"  # shown on the product, counted in its rating
    HIDDEN = "hidden"  # hidden by staff with a reason; not shown, not counted
    ALL = (VISIBLE, HIDDEN)


labels.register("review", {ReviewStatus.VISIBLE: _l("Shown"), ReviewStatus.HIDDEN: _l("Hidden by staff")})


class Review(Keyed, db.Model):
    """One product of one delivered order part, rated once by the buyer who received it."""

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("part_id", "listing_id"),
        CheckConstraint("rating >= 1 AND rating <= 5", name="review_rating_range"),
    )

    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    # The shop whose rating it counts in (the listing's producer when written).
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id", ondelete="CASCADE"), index=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("order_parts.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    rating: Mapped[int] = mapped_column(Integer)  # 1 to 5 stars
    text: Mapped[str] = mapped_column(Text)
    # The language it was written in ("vi" or "en"); it is shown as written, marked with it.
    language: Mapped[str] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(16), default=ReviewStatus.VISIBLE, index=True)
    hidden_reason: Mapped[str] = mapped_column(Text, default="")  # staff's reason, read by the author
    answer: Mapped[str] = mapped_column(Text, default="")  # the producer's one answer ("" until given)
    answer_language: Mapped[str] = mapped_column(String(5), default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    answered_at = mapped_column(UTCDateTime, nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow, index=True)

    listing = relationship("Listing")
    producer = relationship("Producer")
    author = relationship("User", foreign_keys=[author_id])
    photos = relationship("ReviewPhoto", back_populates="review", cascade="all, delete-orphan",
                          order_by="ReviewPhoto.position")

    @property
    def visible(self):
        return self.status == ReviewStatus.VISIBLE


class ReviewPhoto(Keyed, StoredImage, db.Model):
    """A photo the buyer added to a review, stored by the listing images' pipeline (catalog.images)."""

    __tablename__ = "review_photos"

    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    review = relationship("Review", back_populates="photos")
