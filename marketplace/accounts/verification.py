"""Sign-up with e-mail verification, answering alike whether or not the address has an account.

A new sign-up makes an unverified account and e-mails a signed, expiring link
(``URLSafeTimedSerializer`` with the app's ``SECRET_KEY`` and its own salt, valid for
``EMAIL_VERIFICATION_MAX_AGE`` seconds). A sign-up with an address that already has an account
creates and changes nothing: the owner is e-mailed instead. Both cost one password hash and
one outbox e-mail, so neither the page, the status nor the time tells them apart.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.security import generate_password_hash

from marketplace.accounts.models import User
from marketplace.accounts.schemas import SignUpSchema
from marketplace.accounts.services import RegistrationError, find_by_email, new_user, normalise_email
from marketplace.core.errors import InvalidInput
from marketplace.core.tokens import SignedLink
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.notifications.services import public_url, send_email

_LINK = SignedLink("email-verification", "EMAIL_VERIFICATION_MAX_AGE")


class VerificationLinkError(InvalidInput):
    """Raised when a verification link is tampered with, expired, or no longer names its account."""

    def __init__(self, message, expired=False):
        super().__init__(message)
        self.expired = expired


def verification_token(user):
    """A signed token naming the account and the address it proves (a changed address voids it)."""
    return _LINK.make(user, email=user.email)


def _send_verification(user):
    link = public_url("accounts.verify_email", token=verification_token(user))
    days = _LINK.valid_days()
    send_email(user.email, _l("Confirm your e-mail address"), _l(
        "Hello %(name)s,\n\nPlease confirm that this is your e-mail address by opening this link "
        "(valid for %(days)s days):\n\n%(link)s\n\nIf you did not create an account on Làng Nghề Market, "
        "ignore this message.", name=user.name, days=days, link=link), locale=user.locale)


def _tell_owner_of_attempt(user):
    """Someone signed up with an address that already has an account: tell its owner, not the visitor."""
    body = _l("Hello %(name)s,\n\nSomeone (perhaps you) tried to create an account on Làng Nghề Market with "
              "this e-mail address, which already has an account. Nothing was changed.\n\nIf it was you, "
              "log in here:\n\n%(link)s", name=user.name, link=public_url("accounts.login"))
    if not user.email_verified:
        body = _l("%(body)s\n\nYour address is not confirmed yet; this link confirms it:\n\n%(verify)s",
                  body=body, verify=public_url("accounts.verify_email", token=verification_token(user)))
    send_email(user.email, _l("Someone tried to register with your e-mail address"), body, locale=user.locale)


def sign_up(data, locale=None):
    """A person signs up: same outcome for the caller whether or not the address has an account.

    ``data`` is the sign-up as sent (``SignUpSchema`` checks every field at once). Returns the
    normalised address only: the page shown must not depend on which case it was.
    """
    clean = load(SignUpSchema(), data, error=RegistrationError)
    email, password, name, role = normalise_email(clean["email"]), clean["password"], clean["name"], clean["role"]
    existing = find_by_email(email)
    if existing is None:
        user = new_user(email, password, name, role, locale, verified=False)
        db.session.flush()
        _send_verification(user)
    else:
        generate_password_hash(password)  # the same work as a new account, so the time tells nothing
        _tell_owner_of_attempt(existing)
    db.session.commit()
    return email


def resend_verification(user=None, email=None):
    """Send a new link to an unverified account (the signed-in one, or the one with ``email``).

    Says nothing about whether ``email`` has an account: a verified or unknown address gets nothing.
    """
    if user is None and email:
        user = find_by_email(email)
    if user is None or user.email_verified or not user.active:
        return
    _send_verification(user)
    db.session.commit()


def _invalid_link():
    return VerificationLinkError(_("This link is not valid. Check that you opened the whole link, "
                                   "or ask for a new one below."))


def verify_email(token):
    """Check a verification link; returns (user, newly_verified).

    Opening a link again after it worked returns ``newly_verified=False`` (the view does not log in
    then: a link found later in a mailbox must not open the account).
    """
    user, data = _LINK.open(token, User, lambda: VerificationLinkError(
        _("This link has expired. Ask for a new one below."), expired=True))
    if user is None or user.email != data.get("email") or not user.active:
        raise _invalid_link()
    if user.email_verified:
        return user, False
    user.mark_verified()
    user.session_version += 1  # sessions opened before the address was proved (by anyone) end here
    db.session.commit()
    return user, True
