from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.auth import roles_required
from marketplace.accounts.models import Role
from marketplace.catalog import services as catalog
from marketplace.core.errors import InvalidInput
from marketplace.core.forms import flash_outcome
from marketplace.trademarks import services
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


@bp.route("/verify", methods=["GET"])
def verify_form():
    code = (request.args.get("code") or "").strip()
    if code:
        return redirect(url_for("trademarks.verify", code=code))
    return render_template("trademarks/verify_form.html")


@bp.route("/verify/<code>")
def verify(code):
    result = services.verify(code)
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
        members=services.members(trademark, status),
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
