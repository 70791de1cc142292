"""Reading what the marketplace e-mailed: the outbox table, as the worker would send it."""
import re

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.notifications.models import OutboxMessage


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
