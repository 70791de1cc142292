"""Rules about accounts that other domains check before acting (no imports from other domains)."""
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.core.errors import NotAllowed
from marketplace.extensions import db


class EmailNotVerified(NotAllowed):
    """Raised when an account whose e-mail address is not confirmed tries to order, quote or inquire."""


def require_verified(user):
    """Refuse (403) what only a confirmed address may do: place an order, quote, send an inquiry."""
    if not user.email_verified:
        raise EmailNotVerified(_("Confirm your e-mail address first: open the link we sent to %(email)s.",
                                 email=user.email))


def staff_or_linked(user, link, **match):
    """May ``user`` act here? Never when signed out, always as staff, otherwise when a row of the
    ``link`` model (one with a ``user_id``: ``ProducerMember``, ``AssociationAdmin``) ties the user
    to what ``match`` names (``producer_id=3``)."""
    if not user.is_authenticated:
        return False
    if user.role == Role.STAFF:
        return True
    return db.session.scalar(select(link.id).filter_by(user_id=user.id, **match).limit(1)) is not None
