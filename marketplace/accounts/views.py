from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from marketplace.accounts import recovery, services, verification
from marketplace.accounts.auth import roles_required
from marketplace.accounts.forms import (
    AcceptInvitationForm,
    ChangePasswordForm,
    ForgotPasswordForm,
    ImporterProfileForm,
    LanguageForm,
    LoginForm,
    NewPasswordForm,
    RegisterForm,
    ResendVerificationForm,
    TokenForm,
)
from marketplace.accounts.models import Role
from marketplace.accounts.rules import EmailNotVerified
from marketplace.accounts.schemas import (
    ChangePasswordSchema,
    EmailSchema,
    ImporterProfileSchema,
    NewPasswordSchema,
    SignUpSchema,
)
from marketplace.core.errors import InvalidInput, api_error
from marketplace.core.forms import form_status, mark_required, raw_values, save_form, show_error
from marketplace.core.redirects import safe_next
from marketplace.core.security import no_referrer
from marketplace.extensions import limiter
from marketplace.leads.forms import country_choices
from marketplace.notifications import services as notifications
from marketplace.orders import services as orders

bp = Blueprint("accounts", __name__)


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit():
    return current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]


def _register_limit():
    return current_app.config["REGISTER_RATE_LIMIT"]


def _reset_limit():
    return current_app.config["RESET_RATE_LIMIT"]


def _reset_email_limit():
    return current_app.config["RESET_EMAIL_RATE_LIMIT"]


def _email_sent():
    """The e-mail address a form names, however it is spelled (a login's account, a reset's address)."""
    return (request.form.get("email") or "").strip().lower()[:320]


def _account_tried():
    """The rate-limit key of the account a login names."""
    return "account:" + _email_sent()


def _reset_address():
    """The rate-limit key of the address a reset is asked for, from whatever client address."""
    return "reset:" + _email_sent()


def _login_failed(response):
    return response.status_code == 401


def _start_session(user):
    """A fresh session on every login (no fixation), in the account's language (or the one chosen
    before, which the account keeps when it has none yet)."""
    lang = services.language_at_login(user, session.get("lang"))
    cart_token = session.get("cart_token")
    session.clear()
    if lang:
        session["lang"] = lang
    login_user(user)
    if cart_token:  # what the visitor put in the cart before signing in comes along
        orders.merge_carts(cart_token, user)


def invitation_page(open_link, accept, done, render, locale="vi"):
    """The page an invitation's e-mailed link opens (association admins, trade offices, referred importers).

    ``open_link()`` gives the invitation (its InvalidInput: the error page, 400); GET shows
    ``render(invitation, form)``; POST calls ``accept(values, locale)`` for (invitation, account), signs a
    new account in and answers ``done(invitation)``, or shows the page again (400) with every message.
    """
    try:
        invitation = open_link()
    except InvalidInput as exc:
        return render_template("errors/error.html", status=400, message=exc.message), 400
    form = AcceptInvitationForm()
    if request.method != "POST":
        return render(invitation, form), 200
    try:
        invitation, account = accept(raw_values(form), session.get("lang", locale))
    except InvalidInput as exc:
        show_error(form, exc)
        return render(invitation, form), 400
    if not current_user.is_authenticated:
        _start_session(account)
    return done(invitation)


def home_for(user):
    if user.role == Role.PRODUCER:
        return url_for("producers.dashboard")
    if user.role == Role.ASSOCIATION_ADMIN:
        return url_for("trademarks.dashboard")
    if user.role == Role.STAFF:
        return url_for("admin.index")
    if user.role == Role.IMPORTER:
        return url_for("leads.importer_dashboard")
    if user.role == Role.TRADE_OFFICE:
        return url_for("tradeoffices.dashboard")
    return url_for("storefront.index")


@bp.route("/login", methods=["GET", "POST"])
# Two buckets: per client address (every attempt), and per account (failed attempts only, so
# that one address's guesses neither lock out everybody else nor escape by changing address).
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_account_limit, key_func=_account_tried, methods=["POST"], deduct_when=_login_failed)
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
@limiter.limit(_register_limit, methods=["POST"])
def register():
    form = RegisterForm()
    mark_required(form, SignUpSchema())
    if request.method == "POST":
        try:
            email = verification.sign_up(raw_values(form), locale=session.get("lang"))
        except InvalidInput as exc:
            show_error(form, exc)
        else:  # the same answer whether or not the address already had an account
            session["signed_up_as"] = email
            return redirect(url_for("accounts.check_email"), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/register.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    services.end_all_sessions(current_user)
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("storefront.index"))


@bp.route("/notifications")
@login_required
def notifications_page():
    """Reading the page changes nothing (a cross-site link must not mark anything read)."""
    return render_template("accounts/notifications.html", items=[notifications.shown(n) for n in notifications.recent_for(current_user)])


@bp.route("/notifications/read", methods=["POST"])
@login_required
def mark_notifications_read():
    notifications.mark_all_read(current_user)
    flash(_("All notifications marked as read."), "success")
    return redirect(url_for("accounts.notifications_page"), 303)


@bp.route("/dashboard/importer/profile", methods=["GET", "POST"])
@roles_required(Role.IMPORTER)
def importer_profile():
    profile = services.importer_profile(current_user)
    form = ImporterProfileForm(obj=profile) if request.method == "GET" and profile else ImporterProfileForm()
    form.country.choices = [("", "—")] + country_choices()
    if request.method == "GET":
        form.languages.data = profile.language_codes if profile else ["en"]
    mark_required(form, ImporterProfileSchema())
    saved = save_form(form, lambda values: services.save_importer_profile(current_user, values),
                      _("Company profile saved."), lambda _profile: url_for("leads.importer_dashboard"))
    return saved or (render_template("accounts/importer_profile.html", form=form), form_status())


@bp.route("/account/api-tokens", methods=["GET", "POST"])
@roles_required(Role.IMPORTER, Role.PRODUCER)
def api_tokens():
    form = TokenForm()
    new_token = None
    if form.validate_on_submit():
        try:
            _row, new_token = services.create_api_token(current_user, form.name.data)
        except InvalidInput as exc:
            show_error(form, exc)
        else:
            form = TokenForm(formdata=None)
    status = 400 if request.method == "POST" and new_token is None else 200
    response = render_template("accounts/api_tokens.html", form=form, tokens=services.api_tokens_of(current_user),
                               new_token=new_token)
    return response, status, {"Cache-Control": "no-store"}


@bp.route("/account/api-tokens/<int:token_id>/revoke", methods=["POST"])
@roles_required(Role.IMPORTER, Role.PRODUCER)
def revoke_api_token(token_id):
    row = services.revoke_api_token(current_user, token_id)
    flash(_("Token “%(name)s” revoked: it no longer works.", name=row.name), "info")
    return redirect(url_for("accounts.api_tokens"))


# --- password reset and change -------------------------------------------------------------------


@bp.route("/forgot-password", methods=["GET", "POST"])
# Per client address (one visitor asking for many addresses) and per address asked for (many
# visitors filling one person's mailbox).
@limiter.limit(_reset_limit, methods=["POST"])
@limiter.limit(_reset_email_limit, key_func=_reset_address, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    mark_required(form, EmailSchema())
    if request.method == "POST":
        try:
            recovery.request_reset(raw_values(form), locale=session.get("lang"))
        except InvalidInput as exc:
            show_error(form, exc)
        else:  # the same answer whether or not the address has an account
            flash(_("If an account exists for that address, we sent a link to choose a new password. "
                    "It is valid for %(valid)s.", valid=recovery.valid_for()), "info")
            return redirect(url_for("accounts.login"), 303)
    return render_template("accounts/forgot_password.html", form=form), 400 if request.method == "POST" else 200


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@no_referrer
def reset_password(token):
    """The link from the reset e-mail: a new password, then the login page (the link then stops working)."""
    headers = {"Cache-Control": "no-store"}  # the token stays in this page
    form = NewPasswordForm()
    mark_required(form, NewPasswordSchema())
    try:
        if request.method == "POST":
            recovery.reset_password(token, raw_values(form))
            logout_user()
            session.pop("cart_token", None)
            flash(_("Your password is changed, and every other session of your account has ended. "
                    "Log in with the new password."), "success")
            return redirect(url_for("accounts.login"), 303)
        recovery.user_for_reset(token)
    except recovery.ResetLinkError as exc:
        return render_template("accounts/reset_failed.html", message=exc.message, form=ForgotPasswordForm()), 400, headers
    except InvalidInput as exc:
        show_error(form, exc)
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/reset_password.html", form=form), status, headers


@bp.route("/account")
@login_required
def account():
    return _account_page()


def _account_page(password_form=None, language_form=None, status=200):
    language_form = language_form or LanguageForm(language=current_user.locale or current_app.config["BABEL_DEFAULT_LOCALE"])
    password_form = password_form or ChangePasswordForm(formdata=None)
    mark_required(password_form, ChangePasswordSchema())
    tokens = [row for row in services.api_tokens_of(current_user) if row.is_active]
    return render_template("accounts/account.html", password_form=password_form, language_form=language_form,
                           active_tokens=len(tokens)), status


@bp.route("/account/password", methods=["POST"])
@login_required
@limiter.limit(_login_limit)  # the current password is checked: as many tries as a login
def change_password():
    form = ChangePasswordForm()
    try:
        user = recovery.change_password(current_user._get_current_object(), raw_values(form))
    except InvalidInput as exc:
        show_error(form, exc)
        return _account_page(password_form=form, status=400)
    login_user(user)  # this session carries the new version; every other one has ended
    flash(_("Your password is changed. You are logged out everywhere else."), "success")
    return redirect(url_for("accounts.account"), 303)


@bp.route("/account/language", methods=["POST"])
@login_required
def change_language():
    form = LanguageForm()
    try:
        session["lang"] = services.set_language(current_user, raw_values(form))
    except InvalidInput as exc:
        show_error(form, exc)
        return _account_page(language_form=form, status=400)
    flash(_("Language saved: pages, notifications and e-mails to you use it."), "success")
    return redirect(url_for("accounts.account"), 303)


# --- e-mail verification ------------------------------------------------------------------------


@bp.route("/register/check-email")
def check_email():
    return render_template("accounts/check_email.html", email=session.get("signed_up_as"))


@bp.route("/verify-email/<token>")
def verify_email(token):
    """The link from the verification e-mail: confirms the address and, the first time, logs in."""
    try:
        user, newly_verified = verification.verify_email(token)
    except verification.VerificationLinkError as exc:
        return render_template("accounts/verify_failed.html", message=exc.message), 400
    if newly_verified:
        _start_session(user)
        flash(_("Your e-mail address is confirmed. Welcome, %(name)s.", name=user.name), "success")
        return redirect(home_for(user))
    if current_user.is_authenticated and current_user.id == user.id:
        flash(_("Your e-mail address is already confirmed."), "info")
        return redirect(home_for(user))
    flash(_("Your e-mail address is already confirmed. Log in to continue."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/verify-email/resend", methods=["POST"])
@limiter.limit(_login_limit)
def resend_verification():
    form = ResendVerificationForm()
    if current_user.is_authenticated:
        verification.resend_verification(user=current_user)
        flash(_("We sent a new link to %(email)s.", email=current_user.email), "success")
        return redirect(safe_next(request.form.get("next")) or home_for(current_user), 303)
    if not form.validate_on_submit():
        return render_template("accounts/verify_failed.html", message=_("Give a valid e-mail address.")), 400
    verification.resend_verification(email=form.email.data)
    flash(_("If that address belongs to an account waiting for confirmation, we sent it a new link."), "info")
    return redirect(url_for("accounts.login"), 303)


@bp.app_errorhandler(EmailNotVerified)
def email_not_verified(exc):
    """Ordering, quoting or inquiring before the address is confirmed: say so, with a resend button."""
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return api_error(exc.status_code, exc.message)
    return render_template("accounts/verify_needed.html", message=exc.message), exc.status_code


@bp.app_template_global()
def unread_notifications():
    """Unread notifications of the signed-in user (0 for visitors); one query, only when signed in."""
    if not getattr(current_user, "is_authenticated", False):
        return 0
    return notifications.unread_count(current_user) or 0


@bp.app_template_global()
def dashboard_url():
    """Where the signed-in user's own pages start (the same rule as after login)."""
    if not getattr(current_user, "is_authenticated", False):
        return None
    target = home_for(current_user)
    return None if target == url_for("storefront.index") else target
