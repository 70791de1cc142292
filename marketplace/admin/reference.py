"""Staff pages for the reference data: crafts, villages, producers' village requests and the change history.

Thin views over ``villages.reference`` and ``villages.requests``; each form page shows the
record's own history (``core.audit``) below it.
"""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.auth import staff_required
from marketplace.admin.records import record_page
from marketplace.core import audit
from marketplace.core.forms import flash_outcome, form_page, mark_required, upload
from marketplace.core.paging import one_of, page_number
from marketplace.villages import reference, requests
from marketplace.villages import services as villages_query
from marketplace.villages.forms import CraftForm, DeclineForm, VillageForm
from marketplace.villages.models import RequestStatus
from marketplace.villages.schemas import CraftSchema, VillageSchema

bp = Blueprint("reference", __name__, url_prefix="/staff")


# ---------------------------------------------------------------- crafts

@bp.route("/crafts")
@staff_required
def crafts():
    return render_template("admin/crafts.html", page=reference.craft_page(page_number(request.args)))


def _craft_page(form, craft):
    return record_page(
        mark_required(form, CraftSchema()), craft, "craft", "reference.craft",
        lambda values: (reference.update_craft(current_user, craft.id, values) if craft
                        else reference.create_craft(current_user, values)),
        lambda row: _("Craft “%(name)s” is saved.", name=row.name_vi),
        craft.name_vi if craft else _("New craft"), url_for("reference.crafts"), _("Crafts"))


@bp.route("/crafts/new", methods=["GET", "POST"])
@staff_required
def craft_new():
    return _craft_page(CraftForm(), None)


@bp.route("/crafts/<int:craft_id>", methods=["GET", "POST"])
@staff_required
def craft(craft_id):
    craft = reference.get_craft(craft_id)
    return _craft_page(CraftForm(obj=craft) if request.method == "GET" else CraftForm(), craft)


# ---------------------------------------------------------------- villages

@bp.route("/villages")
@staff_required
def villages():
    return render_template("admin/villages.html", page=reference.village_page(page_number(request.args)))


def _village_form(village=None, prefill=None):
    form = VillageForm(obj=village, data=prefill) if request.method == "GET" else VillageForm()
    form.crafts.choices = [(str(c.id), c.name_vi) for c in villages_query.all_crafts()]
    if request.method == "GET" and village is not None:
        form.crafts.data = [str(c.id) for c in village.crafts]
        form.recognised_year.data = str(village.recognised_year or "")
    return mark_required(form, VillageSchema())


def _village_page(form, village, save, **context):
    return record_page(
        form, village, "village", "reference.village", save,
        lambda row: _("Village “%(name)s” is saved.", name=row.name),
        village.name if village else _("New village"), url_for("reference.villages"), _("Villages"), **context)


@bp.route("/villages/new", methods=["GET", "POST"])
@staff_required
def village_new():
    return _village_page(_village_form(), None,
                         lambda values: reference.create_village(current_user, values, upload("photo")))


@bp.route("/villages/<int:village_id>", methods=["GET", "POST"])
@staff_required
def village(village_id):
    village = reference.get_village(village_id)
    return _village_page(_village_form(village), village,
                         lambda values: reference.update_village(current_user, village.id, values, upload("photo")))


# ---------------------------------------------------------------- producers' village requests

@bp.route("/village-requests")
@staff_required
def village_requests():
    status = one_of(request.args, "status", RequestStatus.ALL, RequestStatus.PENDING)
    return render_template("admin/village_requests.html", status=status, decline_form=DeclineForm(),
                           page=requests.request_page(status, page_number(request.args)))


@bp.route("/village-requests/<int:request_id>/approve", methods=["GET", "POST"])
@staff_required
def approve_request(request_id):
    asked = requests.get_request(request_id)
    form = _village_form(prefill={"name": asked.name, "commune": asked.commune, "district": asked.district})
    return form_page(
        form, lambda values: requests.approve_request(current_user, asked.id, values, upload("photo")),
        lambda row: _("Village “%(name)s” is created; the producer has been told.", name=row.village.name),
        lambda row: url_for("reference.village", village_id=row.village_id),
        "admin/record_form.html", record=None, kind="village", history=None, asked=asked,
        heading=_("Create the village %(name)s", name=asked.name), back=url_for("reference.village_requests"),
        back_label=_("Village requests"))


@bp.route("/village-requests/<int:request_id>/decline", methods=["POST"])
@staff_required
def decline_request(request_id):
    flash_outcome(lambda: requests.decline_request(current_user, request_id, request.form),
                  _("The request is declined; the producer has been told why."))
    return redirect(url_for("reference.village_requests"), 303)


# ---------------------------------------------------------------- the change history

@bp.route("/changes")
@staff_required
def changes():
    entity = request.args.get("entity") or None
    if entity not in (None, "village", "craft", "association", "trademark", "village_request", "shipping_rate"):
        flash(_("Unknown kind of record."), "error")
        entity = None
    return render_template("admin/changes.html", page=audit.all_changes(page_number(request.args), entity),
                           entity=entity)
