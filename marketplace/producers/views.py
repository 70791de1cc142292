from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts.auth import roles_required
from marketplace.accounts.models import Role
from marketplace.catalog import services as catalog
from marketplace.catalog.models import UNITS
from marketplace.core.charts import Chart, bucket_labels
from marketplace.core.errors import InvalidInput
from marketplace.core.forms import flash_outcome, form_status, mark_required, save_form
from marketplace.core.paging import one_of, page_number
from marketplace.core.templating import format_number, format_vnd, tr
from marketplace.extensions import db
from marketplace.follows import services as follows
from marketplace.leads.bookings import bookings_of
from marketplace.leads.capacity import in_unit
from marketplace.leads.reasons import units as plural_unit
from marketplace.orders import services as orders
from marketplace.producers import capacity, credentials, invitations, services
from marketplace.producers.forms import ApplyForm, CalendarForm, OfficerForm, ProducerForm
from marketplace.producers.schemas import ProducerSchema
from marketplace.reports.periods import DEFAULT_PERIOD, PERIODS, period
from marketplace.reports.producer import producer_figures
from marketplace.trademarks import services as trademarks
from marketplace.villages import services as villages

bp = Blueprint("producers", __name__)
producer_only = roles_required(Role.PRODUCER, Role.BUYER)


def _village_choices(form):
    """The village list, and the certifications and languages to tick (named in the reader's language)."""
    form.village_id.choices = [(v.id, f"{v.name} ({v.district})") for v, _count in villages.all_villages()]
    form.certifications.choices = credentials.certification_choices(str(get_locale()))
    form.languages.choices = credentials.language_choices(str(get_locale()))


@bp.app_context_processor
def _credential_names():
    """Certification and language names in the reader's language (profile, public page, export directory)."""
    def certification_names(producer):
        names = [credentials.certification_name(code, str(get_locale())) for code in producer.certification_codes]
        return names + ([producer.certification_other] if producer.certification_other else [])

    def language_names(producer):
        return [credentials.language_name(code, str(get_locale())) for code in producer.language_codes]

    return {"certification_names": certification_names, "language_names": language_names}


@bp.route("/producers/<slug>")
def public(slug):
    producer = services.public_producer(slug, preview_by=current_user)
    products = catalog.newest(per_page=24, page=page_number(request.args), producer_id=producer.id)
    memberships = [m for m in trademarks.producer_memberships(producer.id) if m.status == "active"]
    return render_template("producers/public.html", producer=producer, products=products, memberships=memberships,
                           following=follows.following(current_user, "producer", producer.id),
                           followers=follows.follower_count("producer", producer.id))


@bp.route("/dashboard/producer")
@login_required
def dashboard():
    own = services.producers_of(current_user)
    if not own:
        if current_user.role in (Role.PRODUCER, Role.BUYER):
            return redirect(url_for("producers.create"))
        abort(403)
    chosen = request.args.get("p", type=int) or session.get("producer_id")
    producer = next((p for p in own if p.id == chosen), own[0])
    session["producer_id"] = producer.id
    status = request.args.get("status") or None
    listings = catalog.listings_of(producer.id, status=status, page=page_number(request.args))
    apply_form = ApplyForm()
    memberships = trademarks.producer_memberships(producer.id)
    taken = {m.trademark_id for m in memberships if m.status != "revoked"}
    apply_form.trademark_id.choices = [
        (t.id, t.name_vi) for t in trademarks.all_trademarks()
        if t.id not in taken and (not t.villages or producer.village_id in {v.id for v in t.villages})
    ]
    return render_template(
        "producers/dashboard.html", producer=producer, own=own, listings=listings, status=status,
        memberships=memberships, apply_form=apply_form, officer_form=OfficerForm(),
        invited=invitations.pending_invitations_of(producer.id),
        open_orders=orders.open_count(producer.id),
    )


@bp.route("/dashboard/producer/new", methods=["GET", "POST"])
@producer_only
def create():
    form = mark_required(ProducerForm(), ProducerSchema())
    _village_choices(form)
    if request.method == "GET" and request.args.get("village_id"):  # the link in "your village was added"
        form.village_id.data = request.args["village_id"]
    if request.method == "GET":
        form.languages.data = ["vi"]
    saved = save_form(form, lambda values: services.create_producer(current_user, values),
                      _("Your shop is registered. Staff will review it shortly; meanwhile you can add listings."),
                      lambda producer: url_for("producers.dashboard", p=producer.id))
    return saved or (render_template("producers/form.html", form=form, producer=None), form_status())


@bp.route("/dashboard/producer/<int:producer_id>/edit", methods=["GET", "POST"])
@login_required
def edit(producer_id):
    producer = services.get_for(current_user, producer_id)
    form = mark_required(ProducerForm(obj=producer) if request.method == "GET" else ProducerForm(), ProducerSchema())
    if request.method == "GET":
        form.village_id.data = str(producer.village_id or "")
        form.certifications.data, form.languages.data = producer.certification_codes, producer.language_codes
    _village_choices(form)
    saved = save_form(form, lambda values: services.update_profile(current_user, producer_id, values),
                      _("Profile saved."), lambda _producer: url_for("producers.dashboard", p=producer_id))
    return saved or (render_template("producers/form.html", form=form, producer=producer), form_status())


@bp.route("/dashboard/producer/<int:producer_id>/officers", methods=["POST"])
@login_required
def add_officer(producer_id):
    form = OfficerForm()
    if not form.validate_on_submit():
        flash(_("Give a valid e-mail address."), "error")
    else:
        invitations.invite_officer(current_user, producer_id, form.email.data)
        # The same answer whoever owns the address: the dashboard does not tell who has an account.
        flash(_("We sent an invitation to %(email)s. They can act for this producer once they accept it.",
                email=form.email.data.strip().lower()), "success")
    return redirect(url_for("producers.dashboard", p=producer_id))


@bp.route("/dashboard/producer/<int:producer_id>/apply", methods=["POST"])
@login_required
def apply(producer_id):
    form = ApplyForm()
    form.trademark_id.choices = [(t.id, t.name_vi) for t in trademarks.all_trademarks()]
    if not form.validate_on_submit():
        flash(_("Choose a trademark."), "error")
        return redirect(url_for("producers.dashboard", p=producer_id))
    flash_outcome(lambda: trademarks.apply_for_membership(current_user, producer_id, form.trademark_id.data, form.note.data),
                  _("Application sent to the association."))
    return redirect(url_for("producers.dashboard", p=producer_id))


# ---------------------------------------------------------------- officer invitations (the invitee's side)

@bp.route("/invitations")
@login_required
def invitation_list():
    return render_template("producers/invitations.html", items=invitations.invitations_for(current_user))


@bp.route("/invitations/<int:invitation_id>")
@login_required
def invitation(invitation_id):
    item = invitations.get_invitation_for(current_user, invitation_id)
    return render_template("producers/invitation.html", invitation=item)


@bp.route("/invitations/<int:invitation_id>/<any(accept, decline):answer>", methods=["POST"])
@login_required
def answer_invitation(invitation_id, answer):
    service = invitations.accept_invitation if answer == "accept" else invitations.decline_invitation
    try:
        item = service(current_user, invitation_id)
    except InvalidInput as exc:
        flash(exc.message, "error")
        return redirect(url_for("producers.invitation", invitation_id=invitation_id), 303)
    if answer == "accept":
        flash(_("You can now act for %(producer)s.", producer=item.producer.name), "success")
        return redirect(url_for("producers.dashboard", p=item.producer_id), 303)
    flash(_("Invitation declined. Nothing has changed."), "info")
    return redirect(url_for("producers.invitation_list"), 303)


@bp.route("/dashboard/producer/<int:producer_id>/figures")
@login_required
def figures(producer_id):
    """The producer's sales, orders, top products and leads won over a period, as charts with tables."""
    producer = services.get_for(current_user, producer_id)
    chosen = period(one_of(request.args, "period", PERIODS, DEFAULT_PERIOD))
    mine = producer_figures(producer.id, chosen)
    labels = bucket_labels(chosen)
    leads = mine.leads
    chart_list = [
        Chart("sales", _("Sales"), labels, [(_("Sales"), mine.sales)], unit="vnd",
              summary=_("%(amount)s of goods sold", amount=format_vnd(sum(mine.sales)))),
        Chart("orders", _("Orders"), labels, [(_("Orders"), mine.orders)],
              summary=ngettext("%(n)s order", "%(n)s orders", sum(mine.orders), n=format_number(sum(mine.orders)))),
        Chart("top-products", _("Top products"), [tr(listing, "title") for listing, *_rest in mine.top_products],
              [(_("Sales"), [amount for _listing, amount, _units in mine.top_products])], unit="vnd", horizontal=True,
              heading=_("Product")),
        Chart("leads", _("Export leads won"), [_("Leads received"), _("Quoted"), _("Won")],
              [(_("Leads"), [leads["received"], leads["quoted"], leads["won"]])], horizontal=True, heading=_("Leads")),
    ]
    return render_template("producers/figures.html", producer=producer, figures=mine, chart_list=chart_list,
                           periods=PERIODS)


@bp.route("/dashboard/producer/<int:producer_id>/capacity", methods=["GET", "POST"])
@login_required
def capacity_calendar(producer_id):
    """The next 12 months in one unit: capacity (editable), what quotes and deals book, what is free; months blocked."""
    today = date.today()
    producer, rows = capacity.calendar_of(current_user, producer_id, today)
    unit = one_of(request.form if request.method == "POST" else request.args, "unit", tuple(UNITS), "piece")
    form = CalendarForm()
    if request.method == "GET":
        _fill_calendar(form, rows, unit, today)
    saved = save_form(form, lambda values: capacity.save_calendar(current_user, producer_id, values, today),
                      _("Capacity calendar saved."),
                      lambda _producer: url_for("producers.capacity_calendar", producer_id=producer_id, unit=unit),
                      code=303)
    if saved:
        return saved
    booked = in_unit(bookings_of(db.session, [producer.id], today).get(producer.id, []), unit)
    table = capacity.calendar_table(rows, booked, unit, producer.monthly_capacity or 0, today)
    stated = sorted({r.unit for r in rows} | {unit}, key=list(UNITS).index)
    return render_template("producers/capacity.html", producer=producer, form=form, unit=unit, units=UNITS,
                           unit_name=plural_unit(unit),
                           stated=stated, table=[(f, b, e) for (f, b), e in zip(table, form.months)]), form_status()


def _fill_calendar(form, rows, unit, today):
    form.unit.data = unit
    for entry, month in zip(form.months, capacity.months_from(today), strict=True):
        row = next((r for r in rows if r.month == month and r.unit == unit), None)
        blocked = next((r for r in rows if r.month == month and r.blocked), None)
        entry.month.data = month.isoformat()
        entry.quantity.data = "" if row is None or row.quantity is None else str(row.quantity)
        entry.blocked.data = blocked is not None
        entry.note.data = (row or blocked).note if (row or blocked) else ""
