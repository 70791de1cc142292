"""Wholesale deal pages: accepting a quote, the deal's page (payments, milestones, shipment),
the PDFs, and the list of one's deals."""
from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts.auth import roles_required
from marketplace.accounts.models import Role
from marketplace.core.errors import InvalidInput
from marketplace.core.forms import flash_outcome, form_status, mark_required, save_form
from marketplace.deals import documents, money, services
from marketplace.deals.forms import ShipmentForm
from marketplace.deals.models import MILESTONES
from marketplace.deals.schemas import ShipmentSchema
from marketplace.payments.services import card_enabled
from marketplace.producers import services as producers

bp = Blueprint("deals", __name__)
staff_only = roles_required(Role.STAFF)


@bp.context_processor
def _deal_helpers():
    def can_act(producer_id):
        return producers.can_act_for(current_user, producer_id)

    def own_ids(deal):
        """Members whose ledger lines this reader sees: all for staff and the deal's lead, else their own."""
        if services.leads_deal(current_user, deal) and current_user.id != deal.importer_id:
            return [line.producer_id for line in deal.lines]
        return [line.producer_id for line in deal.lines if can_act(line.producer_id)]

    return {"can_act": can_act, "own_ids": own_ids}


@bp.app_context_processor
def _deal_links():
    """Lead pages (leads' templates) link to the deal their accepted quote opened, for those who may see it."""
    def deal_for_inquiry(inquiry_id):
        found = services.deal_of_inquiry(inquiry_id)
        return found if found is not None and services.can_see(current_user, found) else None

    # A quote's deposit in money, by the rule its deal will use (the importer sees it before accepting).
    return {"deal_for_inquiry": deal_for_inquiry, "deposit_of": money.deposit_of}


@bp.route("/dashboard/importer/quotes/<int:quote_id>/accept", methods=["POST"])
@login_required
def accept(quote_id):
    """The importer accepts a quote (after the page's confirmation): the wholesale order opens."""
    try:
        deal = services.accept_quote(current_user, quote_id)
    except InvalidInput as exc:
        flash(exc.message, "error")
        back = request.referrer if (request.referrer or "").startswith(request.host_url) else None
        return redirect(back or url_for("leads.importer_dashboard"))
    flash(_("You accepted the quote of %(supplier)s. Your wholesale order %(ref)s is open: pay the deposit to "
            "start production.", supplier=deal.quote.supplier_name, ref=deal.reference), "success")
    return redirect(url_for("deals.deal", deal_id=deal.id))


@bp.route("/dashboard/deals")
@login_required
def mine():
    return render_template("deals/list.html", deals=services.deals_for(current_user))


def _deal_page(deal, shipment_form=None, status=200):
    form = shipment_form or mark_required(ShipmentForm(formdata=None), ShipmentSchema())
    return render_template(
        "deals/deal.html", deal=deal, done=services.progress(deal), milestones=MILESTONES,
        transfer=services.transfer_instructions(deal), leads_deal=services.leads_deal(current_user, deal),
        shipment_form=form, publishable_key=current_app.config["STRIPE_PUBLISHABLE_KEY"] if card_enabled() else ""), status


@bp.route("/dashboard/deals/<int:deal_id>")
@login_required
def deal(deal_id):
    if request.args.get("payment_intent"):  # back from Stripe's 3-D Secure page
        return _deal_page(services.refresh_card_payment(current_user, deal_id))
    return _deal_page(services.get_deal_for(current_user, deal_id))


@bp.route("/dashboard/deals/<int:deal_id>/milestones", methods=["POST"])
@login_required
def milestone(deal_id):
    flash_outcome(lambda: services.mark_milestone(current_user, deal_id, request.form.get("producer_id", type=int),
                                                  request.form.get("step", "")), _("Milestone marked."))
    return redirect(url_for("deals.deal", deal_id=deal_id) + "#progress")


@bp.route("/dashboard/deals/<int:deal_id>/shipment", methods=["POST"])
@login_required
def shipment(deal_id):
    found = services.get_deal_for(current_user, deal_id)
    form = mark_required(ShipmentForm(), ShipmentSchema())
    saved = save_form(form, lambda values: services.record_shipment(current_user, deal_id, values),
                      _("Shipment recorded. The importer has been asked for the balance."),
                      lambda _deal: url_for("deals.deal", deal_id=deal_id))
    return saved or _deal_page(found, form, status=form_status())


@bp.route("/dashboard/deals/<int:deal_id>/transfer", methods=["POST"])
@staff_only
def record_transfer(deal_id):
    flash_outcome(lambda: services.record_transfer(current_user, deal_id, request.form.get("stage", "")),
                  _("Transfer recorded."))
    return redirect(url_for("deals.deal", deal_id=deal_id))


@bp.route("/dashboard/deals/<int:deal_id>/pay", methods=["POST"])
@login_required
def pay(deal_id):
    """Card payment of the stage due; answers JSON to static/js/pay.js, a redirect otherwise."""
    target = url_for("deals.deal", deal_id=deal_id)
    wants_json = request.accept_mimetypes.best == "application/json"
    try:
        _deal, status, secret = services.pay_by_card(current_user, deal_id, request.form.get("stage", ""),
                                            request.form.get("payment_method_id", ""))
    except InvalidInput as exc:
        if wants_json:
            return {"status": "error", "message": exc.message, "redirect": target}, exc.status_code
        flash(exc.message, "error")
        return redirect(target, 303)
    if wants_json:
        return {"status": status, "client_secret": secret, "redirect": target}
    flash(_("Payment received.") if status == "succeeded" else _("Your bank is confirming the payment."), "success")
    return redirect(target, 303)


def _pdf(body, name):
    return Response(body, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'})


@bp.route("/dashboard/deals/<int:deal_id>/proforma.pdf")
@login_required
def proforma(deal_id):
    found = services.get_deal_for(current_user, deal_id)
    return _pdf(documents.proforma_pdf(found), f"proforma-{found.reference}")


@bp.route("/dashboard/deals/<int:deal_id>/packing-list.pdf")
@login_required
def packing_list(deal_id):
    found = services.get_deal_for(current_user, deal_id)
    return _pdf(documents.packing_list_pdf(found), f"packing-list-{found.reference}")

