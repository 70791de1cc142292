from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.columns import Keyed, StoredImage
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class PartMessage(Keyed, db.Model):
    """One message in an order part's thread, written by the buyer or someone acting for the producer."""

    __tablename__ = "part_messages"

    part_id: Mapped[int] = mapped_column(ForeignKey("order_parts.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text, default="")
    created_at = mapped_column(UTCDateTime, default=utcnow)

    author = relationship("User")
    images = relationship("MessageImage", order_by="MessageImage.id", cascade="all, delete-orphan")


class MessageImage(Keyed, StoredImage, db.Model):
    """A photo attached to a message (image pipeline; served only to the thread's readers)."""

    __tablename__ = "part_message_images"

    message_id: Mapped[int] = mapped_column(ForeignKey("part_messages.id", ondelete="CASCADE"), index=True)
