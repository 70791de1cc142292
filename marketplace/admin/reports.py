"""The staff overview: the marketplace's figures over a period, as charts with their tables.

Thin: ``reports.overview`` computes the figures; this module turns them into charts
(``core.charts``) in the reader's language.
"""
from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext

from marketplace.accounts.auth import staff_required
from marketplace.core.charts import Chart, bucket_labels
from marketplace.core.paging import one_of
from marketplace.core.templating import format_number, format_vnd, tr
from marketplace.leads.models import InquiryStatus
from marketplace.reports.overview import staff_overview
from marketplace.reports.periods import DEFAULT_PERIOD, PERIODS, period

bp = Blueprint("reports", __name__, url_prefix="/staff")

def _outcome(status):
    """A lead's status as its outcome."""
    return {InquiryStatus.OPEN: _("Still open"), InquiryStatus.ACCEPTED: _("Quote accepted"),
            InquiryStatus.CLOSED: _("Closed without a quote")}[status]


def _named(thing):
    """A village's name, a craft's in the reader's language, or "Others" for the row summing the rest."""
    if thing is None:
        return _("Others")
    return tr(thing, "name") if hasattr(thing, "name_vi") else thing.name


def overview_charts(figures):
    labels = bucket_labels(figures.period)
    totals = figures.totals
    return [
        Chart("sales", _("Sales"), labels, [(_("Sales"), figures.sales)], unit="vnd",
              summary=_("%(amount)s of goods sold", amount=format_vnd(totals["sales"]))),
        Chart("orders", _("Orders"), labels, [(_("Orders"), figures.orders)],
              summary=ngettext("%(n)s order", "%(n)s orders", totals["orders"], n=format_number(totals["orders"]))),
        Chart("commission", _("Commission"), labels, [(_("Commission"), figures.commission)], unit="vnd",
              summary=_("%(amount)s earned on delivered orders", amount=format_vnd(totals["commission"]))),
        Chart("growth", _("New producers and products"), labels,
              [(_("New producers"), figures.new_producers), (_("New products"), figures.new_listings)], kind="line",
              summary=_("%(producers)s producers, %(listings)s products", producers=format_number(totals["new_producers"]),
                        listings=format_number(totals["new_listings"]))),
        Chart("leads", _("Leads and their outcomes"), labels,
              [(_outcome(status), figures.leads[status]) for status in InquiryStatus.ALL], stacked=True,
              summary=ngettext("%(n)s inquiry from importers", "%(n)s inquiries from importers", totals["leads"],
                               n=format_number(totals["leads"]))),
        Chart("outcomes", _("Outcomes of the period's leads"), [_outcome(s) for s in InquiryStatus.ALL],
              [(_("Inquiries"), [figures.lead_outcomes[s] for s in InquiryStatus.ALL])], kind="doughnut",
              heading=_("Outcome")),
        Chart("villages", _("Sales by village"), [_named(v) for v, *_rest in figures.by_village],
              [(_("Sales"), [row[1] for row in figures.by_village])], unit="vnd", horizontal=True, heading=_("Village")),
        Chart("village-orders", _("Orders by village"), [_named(v) for v, *_rest in figures.by_village],
              [(_("Orders"), [row[2] for row in figures.by_village])], horizontal=True, heading=_("Village")),
        Chart("crafts", _("Sales by craft"), [_named(c) for c, *_rest in figures.by_craft],
              [(_("Sales"), [row[1] for row in figures.by_craft])], unit="vnd", horizontal=True, heading=_("Craft")),
        Chart("craft-leads", _("Leads by craft"), [_named(c) for c, *_rest in figures.by_craft],
              [(_("Inquiries"), [row[2] for row in figures.by_craft])], horizontal=True, heading=_("Craft")),
    ]


@bp.route("/overview")
@staff_required
def overview():
    chosen = period(one_of(request.args, "period", PERIODS, DEFAULT_PERIOD))
    figures = staff_overview(chosen)
    return render_template("admin/overview.html", figures=figures, chart_list=overview_charts(figures), periods=PERIODS)
