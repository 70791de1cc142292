"""Staff pages for trade offices: the list, and inviting a new one (``tradeoffices.invitations``)."""
from flask import Blueprint, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.auth import staff_required
from marketplace.core.forms import form_page, mark_required
from marketplace.tradeoffices import invitations, services
from marketplace.tradeoffices.forms import OfficeForm
from marketplace.tradeoffices.schemas import OfficeSchema

bp = Blueprint("tradeoffice_admin", __name__, url_prefix="/staff")


@bp.route("/trade-offices", methods=["GET", "POST"])
@staff_required
def offices():
    form = mark_required(OfficeForm(), OfficeSchema())
    return form_page(form, lambda values: invitations.invite_office(current_user, values),
                     lambda office: _("We sent an invitation to %(email)s for %(office)s. It is valid for %(days)s "
                                      "days.", email=office.email, office=office.name, days=invitations.valid_days()),
                     lambda _office: url_for("tradeoffice_admin.offices"), "admin/trade_offices.html",
                     offices=services.all_offices())

