from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core import labels
from marketplace.core.columns import Keyed
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime, link_table
from marketplace.extensions import db

village_crafts = link_table("village_crafts", ("village_id", "villages.id"), ("craft_id", "crafts.id"))


class Craft(Keyed, db.Model):
    __tablename__ = "crafts"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name_vi: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))

    villages = relationship("Village", secondary=village_crafts, back_populates="crafts", order_by="Village.name")


class Village(Keyed, db.Model):
    __tablename__ = "villages"

    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    # A label only: the district (huyện/quận) the village was known by before Hanoi's 2025 reform.
    district: Mapped[str] = mapped_column(String(120), default="")
    # The commune or ward (xã/phường) it belongs to since 1 July 2025, when districts were abolished.
    commune: Mapped[str] = mapped_column(String(120), default="")
    story_vi: Mapped[str] = mapped_column(Text, default="")
    story_en: Mapped[str] = mapped_column(Text, default="")
    # The photo and its thumbnail, relative to UPLOAD_FOLDER ("" when none).
    photo_path: Mapped[str] = mapped_column(String(200), default="")
    photo_thumb_path: Mapped[str] = mapped_column(String(200), default="")
    # Recognised by the city as a craft village (làng nghề được công nhận), and in which year.
    recognised: Mapped[bool] = mapped_column(Boolean, default=False)
    recognised_year: Mapped[int | None] = mapped_column(Integer, nullable=True)

    crafts = relationship("Craft", secondary=village_crafts, back_populates="villages", order_by="Craft.name_vi")
    producers = relationship("Producer", back_populates="village")


class RequestStatus:
    PENDING = "pending"  # asked by a producer; staff have not decided
    APPROVED = "approved"  # staff created the village (``village_id``)
    DECLINED = "declined"  # staff said no, with a reason the producer reads
    ALL = (PENDING, APPROVED, DECLINED)


labels.register("village_request", {"pending": _l("Waiting for staff"), "approved": _l("Village created"),
                                    "declined": _l("Declined")})


class VillageRequest(Keyed, db.Model):
    """A producer asks for a village the list lacks; staff create it or decline with a reason."""

    __tablename__ = "village_requests"

    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The shop that moves to the new village on approval (none when asked before registering one).
    producer_id: Mapped[int | None] = mapped_column(ForeignKey("producers.id", ondelete="CASCADE"), nullable=True)
    name: Mapped[str] = mapped_column(String(120))
    district: Mapped[str] = mapped_column(String(120), default="")
    commune: Mapped[str] = mapped_column(String(120), default="")
    # The craft as the producer names it (staff choose the crafts when creating the village).
    craft: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(16), default=RequestStatus.PENDING, index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id", ondelete="SET NULL"), nullable=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    decided_at = mapped_column(UTCDateTime, nullable=True)

    requested_by = relationship("User", foreign_keys=[requested_by_id])
    producer = relationship("Producer")
    village = relationship("Village")

    @property
    def is_pending(self):
        return self.status == RequestStatus.PENDING
