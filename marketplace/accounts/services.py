"""Accounts: registration, authentication, staff creation, importer profiles and API tokens."""
import hashlib
import secrets
from functools import cache

from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from marketplace.accounts.models import ApiToken, ImporterProfile, Role, User
from marketplace.accounts.passwords import password_problem
from marketplace.accounts.schemas import ImporterProfileSchema, LanguageSchema, SignUpSchema
from marketplace.core.errors import InvalidInput, NotAllowed, found
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db


class RegistrationError(InvalidInput):
    """Raised when an account cannot be created (taken e-mail, short password, unknown role)."""


def normalise_email(email):
    return (email or "").strip().lower()


def find_by_email(email):
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def _check_password(password, email, name):
    problem = password_problem(password, user_inputs=(email, name))
    if problem:
        raise RegistrationError(problem, field="password")


def check_new_account(password, role, roles=Role.ALL, email="", name=""):
    """The rules a new account's role and password must meet; raises RegistrationError."""
    if role not in roles:
        raise RegistrationError(_("Unknown role."), field="role")
    _check_password(password, email, name)


def new_user(email, password, name, role, locale, verified, password_hash=None):
    """A new account added to the session (the caller commits); ``email`` is already normalised."""
    user = User(email=email, name=name.strip() or email, role=role, locale=locale)
    if password_hash:
        user.password_hash = password_hash
    else:
        user.set_password(password)
    if verified:
        user.mark_verified()
    db.session.add(user)
    return user


def register_user(email, password, name, role=Role.BUYER, locale="vi", password_hash=None):
    """Create a verified account directly (staff from the CLI, the demo); people sign up through
    ``verification.sign_up``.

    ``password_hash``, when given, is ``password`` already hashed: only for a script that
    registers many accounts sharing one published password (the demo), as scrypt is slow on purpose.
    """
    email = normalise_email(email)
    check_new_account(password, role, email=email, name=name)
    if find_by_email(email) is not None:
        raise RegistrationError(_("An account with this e-mail already exists."), field="email")
    user = new_user(email, password, name, role, locale, verified=True, password_hash=password_hash)
    db.session.commit()
    return user


def invited_account(user, email, data, role, locale, refused=None):
    """Who answers an invitation e-mailed to ``email`` (its link reached that mailbox: the address is confirmed).

    The signed-in account, which must have that address; else a new ``role`` account made from ``data``
    (name, password, confirm: RegistrationError naming every field at fault). NotAllowed when someone else
    is signed in, or when the address has an account that is not. With ``refused`` (a message), a signed-in
    account must be a buyer's or have ``role`` already (NotAllowed(refused) otherwise), and takes ``role``.
    """
    if user.is_authenticated:
        if normalise_email(user.email) != email:
            raise NotAllowed(_("This invitation was sent to %(email)s. Log out, then log in with that address "
                               "to accept it.", email=email))
        if refused is not None and user.role not in (Role.BUYER, role):
            raise NotAllowed(refused)
        account = user
        if refused is not None:
            account.role = role
    elif find_by_email(email) is not None:
        raise NotAllowed(_("%(email)s already has an account: log in to accept.", email=email))
    else:
        clean = load(SignUpSchema(), {**(data or {}), "email": email}, error=RegistrationError)
        account = new_user(email, clean["password"], clean["name"], role, locale, verified=True)
        db.session.flush()
    account.mark_verified()
    return account


@cache
def _dummy_password_hash():
    """A hash of a random password with the same scrypt parameters as real accounts' (made once)."""
    return generate_password_hash(secrets.token_urlsafe(16))


def authenticate(email, password):
    """The user for these credentials, or None; the same answer for a wrong e-mail or password.

    An unknown e-mail still checks the password against a dummy hash, so that both answers
    cost one scrypt and the response time does not tell whether the account exists.
    """
    user = find_by_email(email)
    if user is None:
        check_password_hash(_dummy_password_hash(), password or "")
        return None
    if not user.check_password(password or "") or not user.active:
        return None
    return user


def end_all_sessions(user):
    """Invalidate every session cookie of this user (logout)."""
    user.session_version += 1
    db.session.commit()


def set_active(user, active):
    """Deactivate (no login, every session ended, API tokens refused) or reactivate an account; the caller commits."""
    if user.active and not active:
        user.session_version += 1
    user.active = active
    return user


@transactional
def set_language(user, data):
    """The person chooses a language (account page, language switch): pages, notifications and
    e-mails to them use it from now on. Returns the code."""
    user.locale = load(LanguageSchema(), data)["language"]
    return user.locale


@transactional
def language_at_login(user, chosen):
    """The language a session starts with: the account's, or else the one chosen before logging in,
    which the account then keeps (None when neither: the default applies)."""
    if user.locale is None and chosen:
        user.locale = load(LanguageSchema(), {"language": chosen})["language"]
    return user.locale


def create_staff(email, password, name="Staff"):
    user = find_by_email(email)
    if user is None:
        return register_user(email, password, name, role=Role.STAFF, locale=None)  # not chosen yet: the first login keeps the session's
    _check_password(password, email, user.name)
    user.role = Role.STAFF
    user.set_password(password)
    user.mark_verified()  # the operator vouches for the address
    db.session.commit()
    return user


# --- importers: company profile and API tokens ------------------------------------------------

TOKEN_PREFIX = "lnm_"
MAX_ACTIVE_TOKENS = 10


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def save_importer_profile(user, data):
    """Create or update the importer's company profile (company, country, languages, website)."""

    if user.role not in (Role.IMPORTER, Role.STAFF):
        raise NotAllowed(_("Only importer accounts have a company profile."))
    clean = load(ImporterProfileSchema(), data)
    company, country, website = clean["company"], clean["country"], clean["website"]
    languages = [code.strip().lower() for code in clean["languages"] if code.strip()]
    profile = db.session.scalar(select(ImporterProfile).where(ImporterProfile.user_id == user.id))
    if profile is None:
        profile = ImporterProfile(user_id=user.id)
        db.session.add(profile)
    profile.company, profile.country, profile.website = company, country, website
    profile.languages = ",".join(dict.fromkeys(languages))
    if user.locale is None:  # never chosen: Vietnamese if the company corresponds in it, else English
        user.locale = "vi" if "vi" in languages else "en"
    db.session.commit()
    return profile


def importer_profile(user):

    return db.session.scalar(select(ImporterProfile).where(ImporterProfile.user_id == user.id))


def api_tokens_of(user):
    return db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())).all()


def create_api_token(user, name):
    """A new API token: returns (row, token). Only its hash is kept, so the token is shown once."""
    if user.role not in (Role.IMPORTER, Role.PRODUCER, Role.STAFF):
        raise NotAllowed(_("Only importer and producer accounts can use the API."))
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InvalidInput(_("Name the token (at most 100 characters), e.g. the system that will use it."), field="name")
    active = db.session.scalar(select(func.count()).select_from(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    if active >= MAX_ACTIVE_TOKENS:
        raise InvalidInput(_("You have %(n)s active tokens; revoke one first.", n=active), field="name")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=name, token_hash=_token_hash(token), prefix=token[:12])
    db.session.add(row)
    db.session.commit()
    return row, token


def revoke_api_token(user, token_id):
    """Revoke one of the user's tokens (revoking twice changes nothing); others' tokens are 404."""
    row = found(ApiToken, token_id, _("Token not found."), allowed=lambda row: row.user_id == user.id)
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        db.session.commit()
    return row


def user_for_token(token):
    """The active user behind an active bearer token, or None."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    now = utcnow()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:  # not a write on every call
        row.last_used_at = now
        db.session.commit()
    return row.user
