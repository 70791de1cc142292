"""Rules about accounts that other domains check before acting (no imports from other domains)."""
from flask_babel import gettext as _

from marketplace.core.errors import NotAllowed


class EmailNotVerified(NotAllowed):
    """Raised when an account whose e-mail address is not confirmed tries to order, quote or inquire."""


def require_verified(user):
    """Refuse (403) what only a confirmed address may do: place an order, quote, send an inquiry."""
    if not user.email_verified:
        raise EmailNotVerified(_("Confirm your e-mail address first: open the link we sent to %(email)s.",
                                 email=user.email))
