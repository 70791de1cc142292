"""The buyer's return request, the return's page (buyer, producer, staff) and the staff's queue."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts.auth import staff_required
from marketplace.core.errors import InvalidInput
from marketplace.core.forms import raw_values, show_error
from marketplace.core.paging import one_of, page_number
from marketplace.core.views import send_private
from marketplace.orders import services as orders
from marketplace.returns import services
from marketplace.returns.forms import AcceptForm, DeclineForm, ReturnForm
from marketplace.returns.models import ReturnStatus

bp = Blueprint("returns", __name__)


def _detail(return_request, accept=None, decline=None):
    return render_template("returns/detail.html", r=return_request, part=return_request.part,
                           accept=accept or AcceptForm(), decline=decline or DeclineForm(),
                           is_staff=services.is_staff(current_user),
                           for_producer=services.acts_for_producer(current_user, return_request))


@bp.route("/orders/<int:order_id>/parts/<int:part_id>/return", methods=["GET", "POST"])
@login_required
def new(order_id, part_id):
    part = orders.part_for_buyer(current_user, part_id)
    if part.order_id != order_id:
        abort(404)
    form = ReturnForm()
    if request.method == "POST":
        wanted = {line.id: request.form.get(f"qty_{line.id}", "") for line in part.lines}
        photos = [file.read() for file in request.files.getlist("photos") if file and file.filename]
        try:
            created = services.request_return(current_user, part.id, {**raw_values(form), "quantities": wanted}, photos)
        except InvalidInput as exc:
            show_error(form, exc)
            return render_template("returns/new.html", part=part, form=form, errors=exc.errors,
                                   available=services.returnable(part), wanted=wanted), exc.status_code
        flash(_("Your return request is sent; the producer has been told."), "success")
        return redirect(url_for("returns.detail", return_id=created.id), 303)
    return render_template("returns/new.html", part=part, form=form, errors={}, available=services.returnable(part),
                           wanted={})


@bp.route("/returns/<int:return_id>")
@login_required
def detail(return_id):
    return _detail(services.return_for(current_user, return_id))


@bp.route("/returns/<int:return_id>/<any(accept, decline, escalate):action>", methods=["POST"])
@login_required
def act(return_id, action):
    accept, decline = AcceptForm(), DeclineForm()
    try:
        if action == "accept":
            services.accept_return(current_user, return_id, raw_values(accept))
            message = _("The return is accepted and the refund is on its way.")
        elif action == "decline":
            services.decline_return(current_user, return_id, raw_values(decline))
            message = _("The return is declined; the buyer has been told.")
        else:
            services.escalate_return(current_user, return_id)
            message = _("Our staff will decide; both sides have been told.")
    except InvalidInput as exc:
        show_error(accept if action == "accept" else decline, exc)
        return _detail(services.return_for(current_user, return_id), accept, decline), exc.status_code
    flash(message, "success")
    return redirect(url_for("returns.detail", return_id=return_id), 303)


@bp.route("/returns/<int:return_id>/photos/<int:photo_id>")
@login_required
def photo(return_id, photo_id):
    return send_private(services.photo_for(current_user, return_id, photo_id), thumb=request.args.get("size") == "thumb")


@bp.route("/staff/returns")
@staff_required
def queue():
    status = one_of(request.args, "status", ReturnStatus.ALL, ReturnStatus.ESCALATED)
    page = services.escalated(page=page_number(request.args), status=status)
    return render_template("returns/queue.html", page=page, status=status)


@bp.app_template_global()
def part_returns(part):
    """The returns asked on an order part, for the order and part pages (which belong to orders)."""
    return services.returns_of_part(part.id)


@bp.app_template_global()
def can_ask_return(part):
    """May the buyer still ask to return products of this part (delivered, within the window, some left)?"""
    return services.can_request(part) and any(services.returnable(part).values())
