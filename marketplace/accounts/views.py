from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from marketplace.accounts import services
from marketplace.accounts.forms import LoginForm, RegisterForm
from marketplace.accounts.models import Role
from marketplace.core.errors import InvalidInput
from marketplace.core.forms import show_error
from marketplace.core.templating import safe_next
from marketplace.extensions import limiter
from marketplace.notifications import services as notifications

bp = Blueprint("accounts", __name__)


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


def _start_session(user):
    """A fresh session on every login (no fixation), keeping only the chosen language."""
    lang = session.get("lang")
    cart_token = session.get("cart_token")
    session.clear()
    if lang:
        session["lang"] = lang
    login_user(user)
    if cart_token:  # what the visitor put in the cart before signing in comes along
        from marketplace.orders import services as orders

        orders.merge_carts(cart_token, user)


def home_for(user):
    if user.role == Role.PRODUCER:
        return url_for("producers.dashboard")
    if user.role == Role.ASSOCIATION_ADMIN:
        return url_for("trademarks.dashboard")
    if user.role == Role.STAFF:
        return url_for("admin.index")
    return url_for("core.index")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("Wrong e-mail or password."))
            return render_template("accounts/login.html", form=form), 401
        _start_session(user)
        flash(_("Welcome back, %(name)s.", name=user.name), "success")
        return redirect(safe_next(request.args.get("next")) or home_for(user))
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/login.html", form=form), status


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register_user(
                form.email.data, form.password.data, form.name.data, role=form.role.data, locale=session.get("lang", "vi")
            )
        except InvalidInput as exc:
            show_error(form, exc)
        else:
            _start_session(user)
            flash(_("Your account is ready."), "success")
            if user.role == Role.PRODUCER:
                return redirect(url_for("producers.create"))
            return redirect(home_for(user))
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/register.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    services.end_all_sessions(current_user)
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("core.index"))


@bp.route("/notifications")
@login_required
def notifications_page():
    items = notifications.recent_for(current_user)
    response = render_template("accounts/notifications.html", items=items)
    notifications.mark_all_read(current_user)
    return response
