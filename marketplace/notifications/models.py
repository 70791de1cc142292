from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.columns import Keyed
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class Notification(Keyed, db.Model):
    """An in-app notification; its e-mail twin goes through the outbox.

    It keeps a message key and its parameters (``notifications.messages``), rendered in the
    reader's language when shown. ``subject`` and ``body`` hold the text of rows written before
    keys existed (migration 0011), shown as they are; new rows leave them empty.
    """

    __tablename__ = "notifications"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    message_key: Mapped[str | None] = mapped_column(String(80), nullable=True)
    params: Mapped[dict | None] = mapped_column(JSON, default=dict)
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    # A path on this site ("/orders/3"), never a full URL: e-mails add PUBLIC_BASE_URL.
    link: Mapped[str] = mapped_column(String(300), default="")
    read: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User")


class OutboxStatus:
    PENDING = "pending"  # written with the change that caused it; not sent yet
    SENT = "sent"  # delivered to SMTP or the local outbox folder
    FAILED = "failed"  # gave up after the retry cap; kept for staff to look at
    ALL = (PENDING, SENT, FAILED)


class OutboxMessage(Keyed, db.Model):
    """An e-mail to send, written in the same transaction as the change that causes it."""

    __tablename__ = "outbox_messages"

    to_email: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at = mapped_column(UTCDateTime, default=utcnow)
    sent_at = mapped_column(UTCDateTime, nullable=True)
