"""Reading what the marketplace told people: the outbox table, as the worker would send it, and
in-app notifications, as the notifications page shows them in a reader's language."""
import re

from flask_babel import force_locale
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.notifications import services as notifications
from marketplace.notifications.models import Notification, OutboxMessage


def read_as(note, locale="en"):
    """(subject, body) of a notification as a reader in ``locale`` sees it."""
    with force_locale(locale):
        shown = notifications.shown(note)
    return shown["subject"], shown["body"]


def notes_of(user, key=None):
    """A user's notifications, oldest first (only those with message ``key`` if given)."""
    db.session.expire_all()
    query = select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    if key is not None:
        query = query.where(Notification.message_key == key)
    return db.session.scalars(query).all()


def subjects_of(user, locale="en"):
    """The subjects of a user's notifications, oldest first, read in ``locale``."""
    return [read_as(note, locale)[0] for note in notes_of(user)]


def mails_to(address):
    """Outbox messages to ``address``, oldest first."""
    db.session.expire_all()
    return db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_email == address)
                              .order_by(OutboxMessage.id)).all()


def link_in(message, path_prefix):
    """The path (with query) of the first link in ``message`` whose path starts with ``path_prefix``."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"[^\s]*)", message.body)
    assert match, f"no {path_prefix} link in: {message.body!r}"
    return match.group(1)


def verification_link(address):
    """The path of the newest e-mail verification link sent to ``address``."""
    links = [m for m in mails_to(address) if "/verify-email/" in m.body]
    assert links, f"no verification e-mail to {address}"
    return link_in(links[-1], "/verify-email/")


def reset_link(address):
    """The path of the newest password reset link sent to ``address``."""
    links = [m for m in mails_to(address) if "/reset-password/" in m.body]
    assert links, f"no password reset e-mail to {address}"
    return link_in(links[-1], "/reset-password/")
