"""A trade office's pages: accepting its invitation, its dashboard (share the directory, refer an importer,
the importers it referred), and the importer's side of a referral. Only the office's own account reaches
its dashboard; anyone else gets 404 (``services.office_of``)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts.views import invitation_page
from marketplace.core.errors import InvalidInput
from marketplace.core.forms import mark_required, raw_values, show_error
from marketplace.deals import directory as directory_data
from marketplace.producers import credentials
from marketplace.tradeoffices import invitations, referrals, services, shares
from marketplace.tradeoffices.forms import ReferralForm
from marketplace.tradeoffices.schemas import ReferralSchema

bp = Blueprint("tradeoffices", __name__)


@bp.app_context_processor
def _referral_helpers():
    """Lead pages (leads' templates) say which office referred the importer."""
    return {"referred_by": services.referring_office}


def _dashboard_page(referral_form=None, status=200):
    office = services.office_of(current_user)
    crafts, villages, marks = directory_data.choices()
    return render_template(
        "tradeoffices/dashboard.html", office=office, shares=shares.shares_of(current_user),
        share_token=shares.share_token, share_days=shares.valid_days(), referrals=referrals.referrals_of(current_user),
        referral_form=referral_form or mark_required(ReferralForm(formdata=None), ReferralSchema()),
        crafts=crafts, villages=villages, marks=marks, languages=credentials.language_choices(str(get_locale())),
        certifications=credentials.certification_choices(str(get_locale()))), status


@bp.route("/dashboard/trade-office")
@login_required
def dashboard():
    return _dashboard_page()


@bp.route("/dashboard/trade-office/shares", methods=["POST"])
@login_required
def share():
    made = shares.share_directory(current_user, request.form)
    flash(_("Your link is ready: copy it from the list below. It works for %(days)s days.",
            days=shares.valid_days()), "success")
    return redirect(url_for("tradeoffices.dashboard", _anchor=f"share-{made.id}"), 303)


@bp.route("/dashboard/trade-office/referrals", methods=["POST"])
@login_required
def refer():
    form = mark_required(ReferralForm(), ReferralSchema())
    try:
        referral = referrals.refer_importer(current_user, raw_values(form))
    except InvalidInput as exc:
        show_error(form, exc)
        return _dashboard_page(form, 400)
    flash(_("We e-mailed %(email)s a link to join. They show in your list once they accept.",
            email=referral.email), "success")
    return redirect(url_for("tradeoffices.dashboard", _anchor="referrals"), 303)


@bp.route("/trade-office-invitations/<token>", methods=["GET", "POST"])
def invitation(token):
    """The link staff e-mailed: create an account (or use the signed-in one) and act for the office."""
    def done(office):
        flash(_("You now act for %(office)s.", office=office.name), "success")
        return redirect(url_for("tradeoffices.dashboard"), 303)

    def render(office, form):
        return render_template(
            "tradeoffices/accept.html", heading=_("Act for %(office)s", office=office.name), email=office.email,
            form=form, has_account=services.has_account(office),
            intro=_("The platform's staff invited %(email)s to act for %(office)s (%(city)s): share the export "
                    "directory and refer importers.", email=office.email, office=office.name, city=office.city))

    return invitation_page(lambda: invitations.office_from_link(token), lambda values, locale: (
        invitations.accept_invitation(token, current_user, values, locale=locale)), done, render)


@bp.route("/referrals/<token>", methods=["GET", "POST"])
def referral(token):
    """The link an office e-mailed an importer: sign up as an importer, or accept with the account."""
    def done(found):
        flash(_("Welcome: %(office)s referred you. Send your first inquiry to get quotes.",
                office=found.office.name), "success")
        return redirect(url_for("leads.importer_dashboard"), 303)

    def render(found, form):
        return render_template(
            "tradeoffices/accept.html", heading=_("Join Làng Nghề Market as an importer"), email=found.email,
            form=form, has_account=services.has_account(found),
            intro=_("%(office)s (%(city)s) invited %(company)s to source from Hanoi's craft villages.",
                    office=found.office.name, city=found.office.city, company=found.company))

    return invitation_page(lambda: referrals.referral_from_link(token), lambda values, locale: (
        referrals.accept_referral(token, current_user, values, locale=locale)), done, render, locale="en")
