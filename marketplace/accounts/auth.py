"""Flask-Login wiring and the access-rule decorators that views stack."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from marketplace.accounts.models import Role, User
from marketplace.extensions import db, login_manager

login_manager.login_view = "accounts.login"
login_manager.login_message = None


@login_manager.user_loader
def load_user(token):
    """The session holds "id:version"; a bumped version (logout elsewhere) ends old sessions."""
    try:
        user_id, version = (int(part) for part in token.split(":"))
    except ValueError:
        return None
    user = db.session.get(User, user_id)
    if user is None or user.session_version != version or not user.active:  # deactivated: no session works
        return None
    return user


def roles_required(*roles):
    """Only users with one of ``roles`` (staff always pass); others get 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles and current_user.role != Role.STAFF:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


staff_required = roles_required(Role.STAFF)
