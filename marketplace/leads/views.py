"""Export-lead pages: the importer's inquiries, the producer's leads, the association's consortium leads."""
from babel import Locale
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts import services as accounts
from marketplace.accounts.auth import roles_required
from marketplace.accounts.models import Role
from marketplace.core.errors import InvalidInput
from marketplace.core.forms import flash_outcome, form_status, mark_required, save_form, show_error
from marketplace.core.paging import page_number
from marketplace.core.templating import tr_both
from marketplace.leads import services
from marketplace.leads.forms import ConsortiumQuoteForm, InquiryForm, MessageForm, QuoteForm, country_choices
from marketplace.leads.reasons import describe, is_negative, units
from marketplace.leads.schemas import InquirySchema, QuoteSchema
from marketplace.producers import services as producers
from marketplace.trademarks import services as trademarks
from marketplace.villages import services as villages

bp = Blueprint("leads", __name__)
importer_only = roles_required(Role.IMPORTER)
association_only = roles_required(Role.ASSOCIATION_ADMIN)


def country_name(code):
    """A country's name in the reader's language ("DE" -> "Đức" / "Germany")."""
    return Locale.parse(str(get_locale())).territories.get(code, code)


@bp.app_context_processor
def _lead_helpers():
    return {"reason_text": describe, "reason_negative": is_negative, "country_name": country_name, "units": units}


# --- importer --------------------------------------------------------------------------------


@bp.route("/dashboard/importer")
@importer_only
def importer_dashboard():
    return render_template("leads/importer_dashboard.html", profile=accounts.importer_profile(current_user),
                           inquiries=services.inquiries_of(current_user, page=page_number(request.args)))


def _inquiry_choices(form):
    form.craft.choices = [("", "—")] + [(c.slug, tr_both(c, "name")) for c in villages.all_crafts()]
    form.destination_country.choices = [("", "—")] + country_choices()
    form.trademark.choices = [("", "—")] + [(t.slug, t.name_vi) for t in trademarks.all_trademarks()]


@bp.route("/dashboard/importer/inquiries/new", methods=["GET", "POST"])
@importer_only
def new_inquiry():
    form = mark_required(InquiryForm(), InquirySchema())
    _inquiry_choices(form)
    if request.method == "GET":
        profile = accounts.importer_profile(current_user)
        form.destination_country.data = profile.country if profile else ""
        listing = request.args.get("listing", type=int)
        if listing:
            form.reference_listing_ids.data = str(listing)
    saved = save_form(form, lambda values: services.create_inquiry(current_user, values),
                      _("Inquiry sent. Matching producers are being found."),
                      lambda inquiry: url_for("leads.inquiry", inquiry_id=inquiry.id))
    return saved or (render_template("leads/inquiry_form.html", form=form,
                                     chosen=services.chosen_references(form.reference_listing_ids.data)),
                     form_status())


def _inquiry_page(found, message_form=None, status=200):
    consortium = found.consortium
    in_thread = consortium is not None and services.in_consortium_thread(current_user, consortium)
    return render_template("leads/inquiry.html", inquiry=found,
                           message_form=(message_form or MessageForm()) if in_thread else None), status


@bp.route("/dashboard/importer/inquiries/<int:inquiry_id>")
@login_required
def inquiry(inquiry_id):
    return _inquiry_page(services.get_inquiry_for(current_user, inquiry_id))


@bp.route("/dashboard/importer/inquiries/<int:inquiry_id>/close", methods=["POST"])
@login_required
def close(inquiry_id):
    services.close_inquiry(current_user, inquiry_id)
    flash(_("Inquiry closed."), "info")
    return redirect(url_for("leads.inquiry", inquiry_id=inquiry_id))


@bp.route("/dashboard/importer/inquiries/<int:inquiry_id>/rematch", methods=["POST"])
@login_required
def rematch(inquiry_id):
    flash_outcome(lambda: services.rerun_matching(current_user, inquiry_id),
                  _("Matching again with the latest producers and capacities."), "info")
    return redirect(url_for("leads.inquiry", inquiry_id=inquiry_id))


@bp.route("/dashboard/importer/inquiries/<int:inquiry_id>/leads/<int:match_id>")
@login_required
def importer_thread(inquiry_id, match_id):
    row = services.thread_for(current_user, match_id)
    if row.inquiry_id != inquiry_id or row.inquiry.importer_id != current_user.id:
        return redirect(url_for("leads.lead", match_id=match_id))
    return render_template("leads/thread.html", lead=row, message_form=MessageForm())


@bp.route("/dashboard/leads/<int:match_id>/messages", methods=["POST"])
@login_required
def post_message(match_id):
    form = MessageForm()
    row = services.thread_for(current_user, match_id)
    flash_outcome(lambda: services.post_message(current_user, match_id, form.body.data), _("Message sent."))
    if row.inquiry.importer_id == current_user.id:
        return redirect(url_for("leads.importer_thread", inquiry_id=row.inquiry_id, match_id=match_id) + "#thread")
    return redirect(url_for("leads.lead", match_id=match_id) + "#thread")


# --- producer --------------------------------------------------------------------------------


@bp.route("/dashboard/producer/leads")
@login_required
def producer_leads():
    return render_template("leads/producer_leads.html", own=producers.producers_of(current_user),
                           leads=services.leads_of(current_user, page=page_number(request.args)),
                           led_consortia=services.led_consortia_of(current_user))


def _quote_form(form_class=QuoteForm, fresh=False, **proposed):
    """The quote form, filled with what the lead or consortium proposes when shown fresh: on GET, or with
    ``fresh`` whatever was posted (the page again after a mistake in another form)."""
    fresh = fresh or request.method == "GET"
    form = mark_required(form_class(formdata=None) if fresh else form_class(), QuoteSchema())
    if fresh:
        for name, value in proposed.items():
            form[name].data = value
    return form


@bp.route("/dashboard/producer/leads/<int:match_id>", methods=["GET", "POST"])
@login_required
def lead(match_id):
    row = services.get_lead_for(current_user, match_id)
    form = _quote_form(quantity=row.allocation or row.inquiry.quantity, unit_price_vnd=row.unit_price_vnd,
                       lead_time_days=row.listing.lead_time_days if row.listing else None) if row.quote is None \
        else _quote_form()
    saved = save_form(form, lambda values: services.submit_quote(current_user, match_id, values),
                      _("Quote sent to the importer."), lambda _quote: url_for("leads.lead", match_id=match_id))
    return saved or (render_template("leads/lead.html", lead=row, form=form, message_form=MessageForm()), form_status())


@bp.route("/dashboard/producer/leads/<int:match_id>/decline", methods=["POST"])
@login_required
def decline(match_id):
    flash_outcome(lambda: services.decline_lead(current_user, match_id),
                  _("Lead declined. The importer has been told."), "info")
    return redirect(url_for("leads.lead", match_id=match_id))


# --- association -----------------------------------------------------------------------------


@bp.route("/dashboard/association/leads")
@association_only
def association_leads():
    return render_template("leads/association_leads.html",
                           consortia=services.consortia_of(current_user, page=page_number(request.args)))


@bp.route("/dashboard/association/leads/<int:consortium_id>", methods=["GET", "POST"])
@login_required
def consortium(consortium_id):
    """A consortium lead, for its association's admins or, without a mark, its lead member's people."""
    found = services.get_consortium_for(current_user, consortium_id)
    form = _consortium_form(found)
    saved = save_form(form, lambda values: services.submit_consortium_quote(current_user, consortium_id, values),
                      _("Quote sent to the importer."),
                      lambda _quote: url_for("leads.consortium", consortium_id=consortium_id))
    return saved or _consortium_page(found, form, status=form_status())


def _consortium_form(consortium, fresh=False):
    """The consortium's quote form: a unit-price row for each member with a share (blank: the quote's price)."""
    form = _quote_form(ConsortiumQuoteForm, fresh, quantity=consortium.inquiry.quantity)
    if fresh or request.method == "GET":  # a post keeps the rows it sent
        for member in consortium.sharing_members:
            form.member_prices.append_entry({"producer_id": member.producer_id})
    return form


def _consortium_page(found, form, message_form=None, status=200):
    quote = next((q for q in found.inquiry.quotes if q.consortium_id == found.id), None)
    in_thread = services.in_consortium_thread(current_user, found)
    return render_template("leads/consortium.html", consortium=found, form=form, quote=quote,
                           members={m.producer_id: m for m in found.sharing_members},
                           message_form=(message_form or MessageForm()) if in_thread else None), status


@bp.route("/dashboard/consortia/<int:consortium_id>/messages", methods=["POST"])
@login_required
def post_consortium_message(consortium_id):
    """The consortium's thread, from the importer's inquiry page or the association's consortium page."""
    form = MessageForm()
    found = services.consortium_thread_for(current_user, consortium_id)
    as_importer = found.inquiry.importer_id == current_user.id
    try:
        services.post_consortium_message(current_user, consortium_id, form.body.data)
    except InvalidInput as exc:  # the page again, with the message kept and the error beside it
        show_error(form, exc)
        if as_importer:
            return _inquiry_page(services.get_inquiry_for(current_user, found.inquiry_id), form, status=400)
        return _consortium_page(found, _consortium_form(found, fresh=True), form, status=400)
    flash(_("Message sent."), "success")
    if as_importer:
        return redirect(url_for("leads.inquiry", inquiry_id=found.inquiry_id) + "#thread")
    return redirect(url_for("leads.consortium", consortium_id=consortium_id) + "#thread")
