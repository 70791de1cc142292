"""The account's own data: download it, or delete the account."""
import json

from flask import Blueprint, Response, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from marketplace.accounts.forms import ConfirmPasswordForm
from marketplace.accounts.schemas import PasswordSchema
from marketplace.core.errors import InvalidInput
from marketplace.core.forms import mark_required, raw_values, show_error
from marketplace.extensions import limiter
from marketplace.privacy import services

bp = Blueprint("privacy", __name__)


@bp.route("/account/export.json")
@login_required
def export():
    """The person's own data as a JSON download (a read: it changes nothing)."""
    body = json.dumps(services.personal_data(current_user), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": 'attachment; filename="lang-nghe-market-my-data.json"', "Cache-Control": "no-store"})


def _password_tries():
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
@limiter.limit(_password_tries, methods=["POST"])  # the password is checked: as many tries as a login
def delete():
    """What deleting does, what stands in the way, and the password to confirm it."""
    form = ConfirmPasswordForm()
    mark_required(form, PasswordSchema())
    status = 200
    if form.is_submitted():
        try:
            services.delete_account(current_user, raw_values(form))
        except InvalidInput as exc:
            show_error(form, exc)
            status = 400
        else:
            logout_user()
            session.clear()
            flash(_("Your account is deleted. Thank you for using Làng Nghề Market."), "info")
            return redirect(url_for("storefront.index"), 303)
    return render_template("accounts/delete.html", form=form, blockers=services.blockers(current_user)), status
