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
from marketplace.core.redirects import safe_next
from marketplace.core.time import utcnow
from marketplace.extensions import db
from marketplace.notifications import messages
from marketplace.notifications.models import Notification, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
DELIVER_TASK = "workers.tasks.deliver_outbox"


def notify(user, key, params=None, link=""):
    """Tell a user something in the app and by e-mail; the caller commits.

    ``key`` names a message of ``notifications.messages`` and ``params`` its parameters (built
    with ``messages.money``, ``number``, ``day``…). The notification stores both and is read in
    the reader's language; the e-mail is rendered now, in ``user.locale``. ``link`` is a path on
    this site (``site_path``).
    """
    params = params or {}
    db.session.add(Notification(user_id=user.id, message_key=messages.check(key), params=params, link=link))
    locale = getattr(user, "reader_locale", None) or user.locale
    subject, body = email_text(key, params, link, locale)
    return send_email(user.email, subject, body, locale=locale)


def email_text(key, params, link, locale):
    """A notification's e-mail (subject, body) in ``locale``, its link made absolute."""
    with force_locale(locale or "vi"):
        return render_email(key, params, link)


def render_email(key, params, link):
    """A notification's e-mail (subject, body) in the current locale, its link made absolute."""
    subject, body = messages.render(key, params)
    return subject, body + (f"\n\n{absolute(link)}" if link else "")


def shown(notification):
    """What the notifications page shows of one notification, in the current language: subject,
    body and a link only when it is a path on this site (an old row's foreign URL is no link)."""
    subject, body = notification.subject, notification.body
    if notification.message_key in messages.MESSAGES:
        try:
            subject, body = messages.render(notification.message_key, notification.params or {})
        except (KeyError, TypeError, ValueError):  # parameters of an older wording: its stored text stands
            log.warning("notification %s does not fit message %s", notification.id, notification.message_key)
    return {"subject": subject, "body": body, "href": safe_next(notification.link) if notification.link else None,
            "read": notification.read, "created_at": notification.created_at}


def site_path(endpoint, **values):
    """The path of a page on this site ("/orders/3"), inside a request or not (a worker, the CLI)."""
    if has_request_context():
        return url_for(endpoint, **values)
    return current_app.url_map.bind("", script_name="/").build(endpoint, values)


def absolute(path):
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def public_url(endpoint, **values):
    """An absolute link for an e-mail, on the configured ``PUBLIC_BASE_URL`` (not the request's Host header)."""
    return absolute(site_path(endpoint, **values))


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
        # Named by id, so a message delivered twice overwrites itself instead of duplicating;
        # written aside and renamed, so a reader of the folder never sees half an e-mail.
        final = folder / f"{message.id:08d}.eml"
        partial = final.with_suffix(".eml.partial")
        partial.write_bytes(bytes(email))
        partial.replace(final)
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)
