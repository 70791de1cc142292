"""Password reset by e-mail and password change; both end every other session.

A reset link is signed (``URLSafeTimedSerializer``, the app's ``SECRET_KEY`` and its own salt),
expires after ``PASSWORD_RESET_MAX_AGE`` seconds, and carries a fingerprint of the account's
current password hash: once the password changes (by this link, another, or the account page)
every link made before stops working, so each link works once. Asking for a link answers alike
whether or not the address has an account, and costs the same: one e-mail through the outbox
either way (an address without an account is told so, in the asker's language).
"""
import hashlib

from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import User
from marketplace.accounts.schemas import ChangePasswordSchema, EmailSchema, NewPasswordSchema
from marketplace.accounts.services import find_by_email, normalise_email
from marketplace.core.errors import InvalidInput
from marketplace.core.tokens import SignedLink
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.notifications.services import public_url, send_email

_LINK = SignedLink("password-reset", "PASSWORD_RESET_MAX_AGE")


class ResetLinkError(InvalidInput):
    """Raised when a reset link is tampered with, expired, already used or no longer names its account."""


def _fingerprint(user):
    """A short digest of the password hash: it changes with the password, and reveals nothing of it."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def reset_token(user):
    return _LINK.make(user, pw=_fingerprint(user))


def valid_for():
    return format_timedelta(_LINK.max_age())


@transactional
def request_reset(data, locale=None):
    """Send a reset link to the account with this address, or word that it has none; returns the address.

    ``locale`` is the asker's language, for an address without an account; an account's e-mail
    is in its owner's language.
    """
    email = normalise_email(load(EmailSchema(), data)["email"])
    user = find_by_email(email)
    if user is None or not user.active:
        send_email(email, _l("Resetting your password on Làng Nghề Market"), _l(
            "Hello,\n\nSomeone (perhaps you) asked to reset the password of the account with this e-mail address "
            "on Làng Nghề Market, but no account uses this address.\n\nIf you meant to create one, sign up here:"
            "\n\n%(link)s\n\nOtherwise ignore this message.", link=public_url("accounts.register")), locale=locale)
        return email
    lang = user.locale or locale
    send_email(user.email, _l("Reset your password"), _ResetBody(user), locale=lang)
    return email


class _ResetBody:
    """The reset e-mail's text, rendered by ``send_email`` in the owner's language (the validity too)."""

    def __init__(self, user):
        self.name, self.link = user.name, public_url("accounts.reset_password", token=reset_token(user))

    def __str__(self):
        return _("Hello %(name)s,\n\nTo choose a new password, open this link (valid for %(valid)s, and only once):"
                 "\n\n%(link)s\n\nIf you did not ask for it, ignore this message: your password stays as it is.",
                 name=self.name, valid=valid_for(), link=self.link)


def user_for_reset(token):
    """The account a reset link is for; ResetLinkError when it is not (or no longer) valid."""
    user, data = _LINK.open(token, User, lambda: ResetLinkError(_("This link has expired. Ask for a new one below.")))
    if user is None or not user.active or data.get("pw") != _fingerprint(user):
        raise ResetLinkError(_("This link is not valid, or it was already used. Ask for a new one below."))
    return user


def _set_password(user, password):
    """The new password, and every session opened with the old one ends (the caller's gets the new id)."""
    user.set_password(password)
    user.session_version += 1


@transactional
def reset_password(token, data):
    """Set the new password a reset link's page sends; returns the user. The link then stops working.

    Opening the link proves the address is theirs, so an unconfirmed address counts as confirmed.
    """
    user = user_for_reset(token)
    clean = load(NewPasswordSchema(user_inputs=(user.email, user.name)), data)
    _set_password(user, clean["password"])
    user.mark_verified()
    return user


@transactional
def change_password(user, data):
    """A signed-in person changes the password (the current one is required); every other session ends.

    Every field at fault is named at once: a wrong current password with the new password's problems.
    """
    errors = {}
    try:
        clean = load(ChangePasswordSchema(user_inputs=(user.email, user.name)), data)
    except InvalidInput as exc:
        errors, clean = exc.errors, None
    current = data.get("current")
    if current and not user.check_password(current):
        errors = {"current": [_("That is not your current password.")], **errors}
    if errors:
        order = ("current", "password", "confirm")
        raise InvalidInput.for_fields(dict(sorted(errors.items(), key=lambda item: order.index(item[0])
                                                  if item[0] in order else len(order))))
    _set_password(user, clean["password"])
    return user
