"""Staff page of the shipping fee table: zones × weight bands in VND, with its change history."""
from flask import Blueprint, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.auth import staff_required
from marketplace.core import audit
from marketplace.core.forms import form_page
from marketplace.core.paging import page_number
from marketplace.shipping import services as shipping
from marketplace.shipping.forms import RatesForm
from marketplace.shipping.models import FEE_FIELDS, Zone

bp = Blueprint("shipping_admin", __name__, url_prefix="/staff")


@bp.route("/shipping", methods=["GET", "POST"])
@staff_required
def rates():
    form = RatesForm(data=shipping.table_as_form()) if request.method == "GET" else RatesForm()
    return form_page(
        form, lambda values: shipping.update_rates(current_user, values), _("The shipping fees are saved."),
        lambda table: url_for("shipping_admin.rates"), "admin/shipping.html",
        zones=Zone.ALL, bands=FEE_FIELDS, history=audit.all_changes(page_number(request.args), "shipping_rate"))
