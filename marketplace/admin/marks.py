"""Staff pages for associations and their collective marks (thin views over ``trademarks.reference``).

An association's page also lists its admins and the invitations waiting; the invitation itself
is sent from ``trademarks.views`` (association admins invite there too).
"""
from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.auth import staff_required
from marketplace.admin.records import record_page
from marketplace.core.forms import mark_required, upload
from marketplace.core.paging import page_number
from marketplace.trademarks import invitations, reference
from marketplace.trademarks.forms import AssociationForm, InvitationForm, TrademarkForm
from marketplace.trademarks.schemas import AssociationSchema, TrademarkSchema
from marketplace.villages import services as villages

bp = Blueprint("marks", __name__, url_prefix="/staff")


@bp.route("/associations")
@staff_required
def associations():
    return render_template("admin/associations.html", page=reference.association_page(page_number(request.args)))


def _association_page(form, association):
    context = {}
    if association is not None:
        context = {"invitation_form": InvitationForm(), "invitations": invitations.pending_invitations(association.id)}
    return record_page(
        mark_required(form, AssociationSchema()), association, "association", "marks.association",
        lambda values: (reference.update_association(current_user, association.id, values) if association
                        else reference.create_association(current_user, values)),
        lambda row: _("Association “%(name)s” is saved.", name=row.name),
        association.name if association else _("New association"), url_for("marks.associations"),
        _("Associations"), template="admin/association.html", **context)


@bp.route("/associations/new", methods=["GET", "POST"])
@staff_required
def association_new():
    return _association_page(AssociationForm(), None)


@bp.route("/associations/<int:association_id>", methods=["GET", "POST"])
@staff_required
def association(association_id):
    association = reference.get_association(association_id)
    return _association_page(AssociationForm(obj=association) if request.method == "GET" else AssociationForm(),
                             association)


def _trademark_form(trademark=None):
    form = TrademarkForm(obj=trademark) if request.method == "GET" else TrademarkForm()
    form.villages.choices = [(str(v.id), v.name) for v, _count in villages.all_villages()]
    if request.method == "GET" and trademark is not None:
        form.villages.data = [str(v.id) for v in trademark.villages]
        form.registration_date.data = trademark.registration_date.isoformat() if trademark.registration_date else ""
    return mark_required(form, TrademarkSchema())


def _rules():
    file = request.files.get("rules")
    return (file.read(), file.filename) if file is not None and file.filename else None


def _trademark_page(form, trademark, association, save):
    return record_page(
        form, trademark, "trademark", "marks.trademark", save,
        lambda row: _("Collective trademark “%(name)s” is saved.", name=row.name_vi),
        trademark.name_vi if trademark else _("New collective trademark of %(name)s", name=association.name),
        url_for("marks.association", association_id=association.id), association.name)


@bp.route("/associations/<int:association_id>/trademarks/new", methods=["GET", "POST"])
@staff_required
def trademark_new(association_id):
    association = reference.get_association(association_id)
    return _trademark_page(_trademark_form(), None, association, lambda values: reference.create_trademark(
        current_user, association.id, values, upload("image"), _rules()))


@bp.route("/trademarks/<int:trademark_id>", methods=["GET", "POST"])
@staff_required
def trademark(trademark_id):
    trademark = reference.get_trademark(trademark_id)
    return _trademark_page(_trademark_form(trademark), trademark, trademark.association, lambda values: (
        reference.update_trademark(current_user, trademark.id, values, upload("image"), _rules())))
