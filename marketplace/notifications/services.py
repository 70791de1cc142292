"""In-app notifications and e-mail through an outbox.

``notify`` writes both rows in the caller's transaction and schedules their delivery through
the outbox (``marketplace.core.outbox``): the e-mail is sent by a Celery task once that
transaction commits. If the broker is down the rows simply wait for the beat sweeps: nothing
is lost.
"""
import logging
import smtplib
from email.message import EmailMessage
from pathlib import Path

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from sqlalchemy import select

from marketplace.core import outbox
from marketplace.core.time import utcnow
from marketplace.extensions import db
from marketplace.notifications.models import Notification, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
DELIVER_TASK = "workers.tasks.deliver_outbox"


def notify(user, subject, body, link=""):
    """Tell a user something in the app and by e-mail, in their language; the caller commits.

    ``subject`` and ``body`` are lazy strings (``lazy_gettext``), rendered in ``user.locale``.
    """
    with force_locale(user.locale or "vi"):
        subject, body = str(subject), str(body)
    db.session.add(Notification(user_id=user.id, subject=subject, body=body, link=link))
    return send_email(user.email, subject, body + (f"\n\n{link}" if link else ""))


def public_url(endpoint, **values):
    """An absolute link for an e-mail, on the configured ``PUBLIC_BASE_URL`` (not the request's Host header).

    Works outside a request too (a worker's task, the CLI): the path is built from the URL map.
    """
    if has_request_context():
        path = url_for(endpoint, **values)
    else:
        path = current_app.url_map.bind("", script_name="/").build(endpoint, values)
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def send_email(to_email, subject, body, locale="vi"):
    """An e-mail only (no in-app notification), through the outbox, in ``locale``; the caller commits.

    For people who may have no account (an invitation) or must not be told in the app.
    """
    with force_locale(locale or "vi"):
        subject, body = str(subject), str(body)
    message = OutboxMessage(to_email=to_email, subject=subject, body=body)
    db.session.add(message)
    db.session.flush()
    send_after_commit([message.id])
    return message


def send_after_commit(message_ids):
    """Have the worker send these outbox messages once the caller's transaction commits.

    For callers that write OutboxMessage rows in bulk rather than through ``notify``; one
    delivery task per transaction carries every id.
    """
    outbox.schedule_batch(DELIVER_TASK, message_ids)


def unread_count(user):
    return db.session.scalar(
        select(db.func.count()).select_from(Notification).where(Notification.user_id == user.id, Notification.read.is_(False))
    )


def recent_for(user, limit=50):
    return db.session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id.desc()).limit(limit)
    ).all()


def mark_all_read(user):
    db.session.execute(
        db.update(Notification).where(Notification.user_id == user.id, Notification.read.is_(False)).values(read=True)
    )
    db.session.commit()


def deliver_pending(message_ids=None):
    """Send pending messages once each; a row lock keeps two workers from sending one twice."""
    query = select(OutboxMessage.id).where(OutboxMessage.status == OutboxStatus.PENDING).order_by(OutboxMessage.id)
    if message_ids:
        query = query.where(OutboxMessage.id.in_(message_ids))
    sent = 0
    for message_id in db.session.scalars(query.limit(500)).all():
        message = db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.PENDING)
            .with_for_update(skip_locked=True)
        ).first()
        if message is None:  # sent meanwhile by another worker
            db.session.rollback()
            continue
        try:
            _send(message)
        except (OSError, smtplib.SMTPException) as exc:
            message.attempts += 1
            message.last_error = str(exc)[:500]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
            log.warning("outbox message %s failed (attempt %s): %s", message.id, message.attempts, exc)
        else:
            message.status = OutboxStatus.SENT
            message.sent_at = utcnow()
            sent += 1
        db.session.commit()
    return sent


def _send(message):
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.to_email
    email["Subject"] = message.subject
    email["Message-ID"] = f"<outbox-{message.id}@langnghe.local>"
    email.set_content(message.body)
    config = current_app.config
    if not config["MAIL_SERVER"]:
        folder = Path(config["MAIL_OUTBOX_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        # Named by id, so a message delivered twice overwrites itself instead of duplicating.
        (folder / f"{message.id:08d}.eml").write_bytes(bytes(email))
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)
