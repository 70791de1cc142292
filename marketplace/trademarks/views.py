from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from marketplace.accounts.auth import roles_required
from marketplace.accounts.models import Role
from marketplace.accounts.views import invitation_page
from marketplace.catalog import services as catalog
from marketplace.core import counters
from marketplace.core.charts import Chart, bucket_labels
from marketplace.core.errors import InvalidInput
from marketplace.core.forms import flash_outcome
from marketplace.core.labels import status_label
from marketplace.core.paging import one_of
from marketplace.core.redirects import safe_next
from marketplace.core.templating import format_number, format_vnd
from marketplace.reports import tallies
from marketplace.reports.association import mark_figures
from marketplace.reports.periods import DEFAULT_PERIOD, PERIODS, period
from marketplace.trademarks import invitations, services
from marketplace.trademarks.forms import InvitationForm
from marketplace.trademarks.models import MembershipStatus

bp = Blueprint("trademarks", __name__)
association_only = roles_required(Role.ASSOCIATION_ADMIN)


@bp.route("/trademarks")
def index():
    return render_template("trademarks/index.html", trademarks=services.all_trademarks())


@bp.route("/trademarks/<slug>")
def detail(slug):
    trademark = services.public_trademark(slug)
    return render_template("trademarks/detail.html", trademark=trademark, members=services.active_members(trademark),
                           products=catalog.newest(trademark=slug))


@bp.route("/trademarks/<slug>/rules.pdf")
def rules(slug):
    """The mark's rules of use, downloaded as the PDF staff uploaded."""
    trademark = services.public_trademark(slug)
    if not trademark.rules_path:
        abort(404)
    return send_from_directory(Path(current_app.config["UPLOAD_FOLDER"]).resolve(), trademark.rules_path,
                               mimetype="application/pdf", as_attachment=True, download_name=trademark.rules_filename)


@bp.route("/verify", methods=["GET"])
def verify_form():
    code = (request.args.get("code") or "").strip()
    if code:
        return redirect(url_for("trademarks.verify", code=code))
    return render_template("trademarks/verify_form.html")


@bp.route("/verify/<code>")
def verify(code):
    result = services.verify(code)
    if result.found:
        counters.hit("scans", result.right.trademark_id)
        tallies.flush_if_due()
    return render_template("trademarks/verify.html", result=result), 200 if result.found else 404


@bp.route("/dashboard/association")
@association_only
def dashboard():
    marks = services.trademarks_administered_by(current_user)
    if not marks:
        return render_template("trademarks/dashboard.html", trademark=None, marks=[], members=[], status=None)
    chosen = request.args.get("t", type=int)
    trademark = next((t for t in marks if t.id == chosen), marks[0])
    status = request.args.get("status") or None
    if status and status not in MembershipStatus.ALL:
        abort(400)
    return render_template(
        "trademarks/dashboard.html", trademark=trademark, marks=marks, status=status,
        members=services.members(trademark, status), invitation_form=InvitationForm(),
        invitations=invitations.pending_invitations(trademark.association_id),
    )


@bp.route("/dashboard/association/members/<int:membership_id>")
@association_only
def member(membership_id):
    membership, listings, rights = services.membership_detail(current_user, membership_id)
    return render_template("trademarks/member.html", membership=membership, listings=listings, rights=rights)


def _back(membership_id):
    return redirect(url_for("trademarks.member", membership_id=membership_id))


@bp.route("/dashboard/association/members/<int:membership_id>/decide", methods=["POST"])
@association_only
def decide(membership_id):
    flash_outcome(lambda: services.decide(current_user, membership_id, request.form.get("action", ""),
                                          request.form.get("note", "")), _("Decision recorded."))
    return _back(membership_id)


@bp.route("/dashboard/association/members/<int:membership_id>/grant", methods=["POST"])
@association_only
def grant(membership_id):
    flash_outcome(lambda: services.grant_right(current_user, membership_id, request.form.get("listing_id", type=int) or 0,
                                               request.form.get("note", "")), _("The product may now carry the mark."))
    return _back(membership_id)


@bp.route("/dashboard/association/rights/<int:right_id>/withdraw", methods=["POST"])
@association_only
def withdraw(right_id):
    try:
        right = services.withdraw_right(current_user, right_id, request.form.get("note", ""))
    except InvalidInput as exc:
        flash(exc.message, "error")
        return redirect(url_for("trademarks.dashboard"))
    flash(_("The product no longer carries the mark."), "success")
    return _back(right.membership_id)


# ---------------------------------------------------------------- association admins' invitations

@bp.route("/associations/<int:association_id>/invitations", methods=["POST"])
@login_required
def invite_admin(association_id):
    """Staff (from the association's staff page) or one of its admins (from the dashboard) invite an admin."""
    flash_outcome(lambda: invitations.invite_admin(current_user, association_id, request.form),
                  lambda invitation: _("We sent an invitation to %(email)s. It is valid for %(days)s days.",
                                       email=invitation.email, days=invitations.valid_days()))
    return redirect(safe_next(request.form.get("next")) or url_for("trademarks.dashboard"), 303)


@bp.route("/association-invitations/<int:invitation_id>/cancel", methods=["POST"])
@login_required
def cancel_invitation(invitation_id):
    flash_outcome(lambda: invitations.cancel_invitation(current_user, invitation_id),
                  _("The invitation is cancelled: its link no longer works."))
    return redirect(safe_next(request.form.get("next")) or url_for("trademarks.dashboard"), 303)


@bp.route("/association-invitations/<token>", methods=["GET", "POST"])
def admin_invitation(token):
    """The link in the e-mail: create an account (or use the signed-in one) and accept."""
    def done(invitation):
        flash(_("You now administer %(association)s.", association=invitation.association.name), "success")
        return redirect(url_for("trademarks.dashboard"), 303)

    return invitation_page(
        lambda: invitations.invitation_from_link(token),
        lambda values, locale: invitations.accept_invitation(token, current_user, values, locale=locale), done,
        lambda invitation, form: render_template("trademarks/admin_invitation.html", invitation=invitation, form=form,
                                                 token=token, has_account=invitations.has_account(invitation)))


@bp.route("/dashboard/association/figures")
@association_only
def figures():
    """One of the admin's marks: members by status, the mark's and its villages' sales, consortium offers."""
    marks = services.trademarks_administered_by(current_user)
    if not marks:
        abort(404)
    trademark = next((t for t in marks if t.id == request.args.get("t", type=int)), marks[0])
    chosen = period(one_of(request.args, "period", PERIODS, DEFAULT_PERIOD))
    mine = mark_figures(trademark, chosen)
    labels = bucket_labels(chosen)
    offers = mine.consortia
    chart_list = [
        Chart("members", _("Members by status"), [status_label(s, "membership") for s in MembershipStatus.ALL],
              [(_("Members"), [mine.members[s] for s in MembershipStatus.ALL])], horizontal=True, heading=_("Status")),
        Chart("mark-sales", _("Sales of products carrying the mark"), labels, [(_("Sales"), mine.mark_sales)], unit="vnd",
              summary=_("%(amount)s of goods sold", amount=format_vnd(sum(mine.mark_sales)))),
        Chart("village-sales", _("Sales of the mark's villages"), labels, [(_("Sales"), mine.village_sales)], unit="vnd",
              summary=_("%(amount)s of goods sold", amount=format_vnd(sum(mine.village_sales)))),
        Chart("scans", _("Verification scans of the mark's codes"), labels, [(_("Scans"), mine.scans)],
              summary=ngettext("%(n)s scan", "%(n)s scans", sum(mine.scans), n=format_number(sum(mine.scans)))),
        Chart("consortia", _("Consortium offers and their outcomes"),
              [_("Offered"), _("Quoted"), _("Declined"), _("Won")],
              [(_("Offers"), [offers["offered"], offers["quoted"], offers["declined"], offers["won"]])], horizontal=True,
              heading=_("Outcome")),
    ]
    return render_template("trademarks/figures.html", trademark=trademark, marks=marks, figures=mine,
                           chart_list=chart_list, periods=PERIODS)
