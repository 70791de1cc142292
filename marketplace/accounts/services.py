"""Accounts: registration, authentication, staff creation."""
from flask_babel import gettext as _
from sqlalchemy import func, select

from marketplace.accounts.models import Role, User
from marketplace.core.errors import InvalidInput
from marketplace.extensions import db

MIN_PASSWORD_LENGTH = 12


class RegistrationError(InvalidInput):
    """Raised when an account cannot be created (taken e-mail, short password, unknown role)."""


def _normalise_email(email):
    return (email or "").strip().lower()


def find_by_email(email):
    return db.session.scalar(select(User).where(func.lower(User.email) == _normalise_email(email)))


def register_user(email, password, name, role=Role.BUYER, locale="vi"):
    """Create an account; the caller's form has validated the shape, this checks the rules."""
    email = _normalise_email(email)
    if role not in Role.ALL:
        raise RegistrationError(_("Unknown role."), field="role")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise RegistrationError(_("Use at least 12 characters."), field="password")
    if find_by_email(email) is not None:
        raise RegistrationError(_("An account with this e-mail already exists."), field="email")
    user = User(email=email, name=name.strip() or email, role=role, locale=locale)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email, password):
    """The user for these credentials, or None; the same answer for a wrong e-mail or password."""
    user = find_by_email(email)
    if user is None or not user.active or not user.check_password(password):
        return None
    return user


def end_all_sessions(user):
    """Invalidate every session cookie of this user (logout)."""
    user.session_version += 1
    db.session.commit()


def create_staff(email, password, name="Staff"):
    user = find_by_email(email)
    if user is None:
        return register_user(email, password, name, role=Role.STAFF, locale="vi")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise RegistrationError(_("Use at least 12 characters."), field="password")
    user.role = Role.STAFF
    user.set_password(password)
    db.session.commit()
    return user
