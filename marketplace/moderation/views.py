"""Moderation pages: the report form (anyone signed in), a producer's OCOP page, and staff's queue,
measures, accounts, OCOP reviews and log under /staff."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts.auth import staff_required
from marketplace.core import caching
from marketplace.core.errors import InvalidInput
from marketplace.core.forms import flash_outcome, mark_required, raw_values, show_error
from marketplace.core.paging import one_of, page_number
from marketplace.core.redirects import safe_next
from marketplace.core.views import uploaded
from marketplace.extensions import limiter
from marketplace.moderation import services
from marketplace.moderation.constants import (
    CATEGORIES,
    SUBJECT_LISTING,
    SUBJECT_MARK,
    SUBJECT_PRODUCER,
    SUBJECT_REVIEW,
    SUBJECTS,
)
from marketplace.moderation.forms import OcopForm, ReasonForm, ReportForm, ResolveForm
from marketplace.moderation.models import ReportStatus, SanctionKind
from marketplace.moderation.schemas import OcopSchema, ReportSchema
from marketplace.producers import services as producers

bp = Blueprint("moderation", __name__)
bp.add_app_template_global(services.sanction_reason)


def _report_limit():
    return current_app.config["REPORT_RATE_LIMIT"]


def _reporter_key():
    return f"report:{current_user.get_id().split(':')[0]}" if current_user.is_authenticated else "report:anonymous"


def _reason_input():
    return {"reason": request.form.get("reason")}


def _back(default):
    return redirect(safe_next(request.form.get("next")) or default, 303)


# ---------------------------------------------------------------- reporting (anyone signed in)

def _subject_of(values):
    """What the report is about, from the link's query (?review=, ?listing=, ?producer=, ?code=) or the posted form."""
    if values.get("review_id") or values.get("review"):
        return {"subject": SUBJECT_REVIEW, "review_id": values.get("review_id") or values.get("review")}
    if values.get("listing_id") or values.get("listing"):
        return {"subject": SUBJECT_LISTING, "listing_id": values.get("listing_id") or values.get("listing")}
    if values.get("producer_id") or values.get("producer"):
        return {"subject": SUBJECT_PRODUCER, "producer_id": values.get("producer_id") or values.get("producer")}
    return {"subject": SUBJECT_MARK, "code": (values.get("code") or "").strip().upper()[:32]}


def _whole(value):
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 10 else None


@bp.route("/report", methods=["GET", "POST"])
@login_required
@limiter.limit(_report_limit, key_func=_reporter_key, methods=["POST"])
def report():
    """Report a product (?listing=<id>), a producer (?producer=<id>), a review (?review=<id>) or a label's code (?code=<code>)."""
    form = mark_required(ReportForm(), ReportSchema())
    about = _subject_of(raw_values(form) if request.method == "POST" else request.args)
    listing, producer, verification = services.report_target(
        about["subject"], _whole(about.get("listing_id")), _whole(about.get("producer_id")), about.get("code", ""),
        _whole(about.get("review_id")))
    if request.method == "POST":
        try:
            services.submit_report(current_user, {**raw_values(form), **about})
        except InvalidInput as exc:
            show_error(form, exc)
            for hidden in (form.subject, form.listing_id, form.producer_id, form.code, form.review_id):  # no field shows them
                form.form_errors.extend(hidden.errors)
        else:
            flash(_("Thank you: staff will look into your report and tell you what they decided."), "success")
            return redirect(safe_next(request.form.get("next")) or url_for("storefront.index"), 303)
    for name, value in about.items():
        getattr(form, name).data = value
    return render_template("moderation/report_form.html", form=form, listing=listing, producer=producer,
                           verification=verification, about=about, subjects=SUBJECTS,
                           next=safe_next(request.values.get("next")) or ""), 400 if request.method == "POST" else 200


# ---------------------------------------------------------------- a producer's OCOP rating

@bp.route("/dashboard/producer/<int:producer_id>/ocop", methods=["GET", "POST"])
@login_required
def ocop_form(producer_id):
    producer = producers.get_for(current_user, producer_id)
    pending = services.pending_for(producer.id)
    form = mark_required(OcopForm(), OcopSchema())
    if request.method == "GET" and (pending or producer.ocop_stars):
        source = pending or producer
        form.stars.data = str(pending.stars if pending else producer.ocop_stars)
        form.certificate_number.data = pending.certificate_number if pending else producer.ocop_certificate_number
        form.issuer.data = pending.issuer if pending else producer.ocop_issuer
        form.expires_on.data = source.expires_on if pending else producer.ocop_expires_on
    if request.method == "POST":
        upload = request.files.get("scan")
        scan = upload.read() if upload is not None and upload.filename else None
        try:
            services.submit_ocop(current_user, producer.id, raw_values(form), scan)
        except InvalidInput as exc:
            show_error(form, exc)
        else:
            flash(_("Sent: staff will check your OCOP certificate. Buyers keep seeing your approved rating until then."),
                  "success")
            return redirect(url_for("moderation.ocop_form", producer_id=producer.id), 303)
    return render_template("moderation/ocop_form.html", form=form, producer=producer, pending=pending,
                           history=services.history_of(producer.id)), 400 if request.method == "POST" else 200


@bp.route("/ocop/<int:submission_id>/scan")
def ocop_scan(submission_id):
    """A certificate scan, for staff and the producer's members; a 404 for everyone else, signed out or not."""
    return caching.no_store(uploaded(services.scan_of(current_user, submission_id)))


# ---------------------------------------------------------------- staff: the report queue

@bp.route("/staff/reports")
@staff_required
def reports():
    status = one_of(request.args, "status", ReportStatus.ALL)
    subject = one_of(request.args, "subject", SUBJECTS)
    category = one_of(request.args, "category", CATEGORIES)
    page = services.queue(status=status, subject=subject, category=category, page=page_number(request.args))
    return render_template("moderation/reports.html", page=page, status=status, subject=subject, category=category,
                           counts=services.counts(), subjects=SUBJECTS, categories=CATEGORIES)


def _report_page(report_id, form, status=200):
    item = services.get_report(current_user, report_id)
    return render_template("moderation/report.html", report=item, form=form, subjects=SUBJECTS, categories=CATEGORIES,
                           history=services.log(subject_kind="report", subject_id=item.id).items), status


@bp.route("/staff/reports/<int:report_id>")
@staff_required
def report_detail(report_id):
    return _report_page(report_id, ResolveForm())


@bp.route("/staff/reports/<int:report_id>/review", methods=["POST"])
@staff_required
def review_report(report_id):
    flash_outcome(lambda: services.take_into_review(current_user, report_id), _("You are reviewing this report."))
    return redirect(url_for("moderation.report_detail", report_id=report_id), 303)


@bp.route("/staff/reports/<int:report_id>/resolve", methods=["POST"])
@staff_required
def resolve_report(report_id):
    form = ResolveForm()
    try:
        services.resolve(current_user, report_id, raw_values(form))
    except InvalidInput as exc:
        show_error(form, exc)
        return _report_page(report_id, form, 400)
    flash(_("The report is resolved and the reporter has been told."), "success")
    return redirect(url_for("moderation.reports"), 303)


# ---------------------------------------------------------------- staff: measures

def _measure(name, rule, success, back, **back_values):
    """A staff measure's POST: ``services.<name>`` with the posted reason, its outcome flashed, then
    back to the page it came from (``next``) or to ``back``. The endpoint is ``moderation.<name>``."""
    def view(**ids):
        (subject_id,) = ids.values()
        flash_outcome(lambda: getattr(services, name)(current_user, subject_id, _reason_input()), success)
        return _back(url_for(back, **back_values))
    view.__name__ = name
    bp.add_url_rule(rule, name, staff_required(view), methods=["POST"])


_measure("hide_listing", "/staff/listings/<int:listing_id>/hide",
         lambda listing: _("The listing is hidden and its producer has been told."), "moderation.overview")
_measure("lift_hide", "/staff/listings/<int:listing_id>/lift",
         lambda listing: _("The hide is lifted and the producer has been told."), "moderation.overview")
_measure("suspend_producer", "/staff/producers/<int:producer_id>/suspend",
         lambda producer: _("%(name)s is suspended.", name=producer.name), "admin.index", status="suspended")
_measure("reinstate_producer", "/staff/producers/<int:producer_id>/reinstate",
         lambda producer: _("%(name)s is reinstated.", name=producer.name), "admin.index", status="approved")
_measure("deactivate_user", "/staff/users/<int:user_id>/deactivate",
         lambda user: _("%(email)s is deactivated: every session has ended.", email=user.email), "moderation.users")
_measure("reactivate_user", "/staff/users/<int:user_id>/reactivate",
         lambda user: _("%(email)s can log in again.", email=user.email), "moderation.users")

_measure("hide_review", "/staff/reviews/<int:review_id>/hide",
         lambda review: _("The review is hidden and its author has been told."), "moderation.overview")
_measure("show_review", "/staff/reviews/<int:review_id>/show",
         lambda review: _("The review is shown again."), "moderation.overview")


@bp.route("/staff/users")
@staff_required
def users():
    q = (request.args.get("q") or "")[:200]
    return render_template("moderation/users.html", page=services.find_users(q, page=page_number(request.args)), q=q,
                           form=ReasonForm())


@bp.route("/staff/moderation")
@staff_required
def overview():
    return render_template("moderation/overview.html",
                           hidden=services.measures_in_force(SanctionKind.LISTING_HIDDEN),
                           suspended=services.measures_in_force(SanctionKind.PRODUCER_SUSPENDED),
                           deactivated=services.measures_in_force(SanctionKind.USER_DEACTIVATED),
                           log=services.log(page=page_number(request.args)))


# ---------------------------------------------------------------- staff: OCOP reviews

@bp.route("/staff/ocop")
@staff_required
def ocop_queue():
    return render_template("moderation/ocop_queue.html", queue=services.review_queue(), form=ReasonForm())


@bp.route("/staff/ocop/<int:submission_id>/approve", methods=["POST"])
@staff_required
def approve_ocop(submission_id):
    flash_outcome(lambda: services.approve_ocop(current_user, submission_id),
                  lambda s: _("The OCOP rating of %(name)s is approved and public.", name=s.producer.name))
    return redirect(url_for("moderation.ocop_queue"), 303)


@bp.route("/staff/ocop/<int:submission_id>/reject", methods=["POST"])
@staff_required
def reject_ocop(submission_id):
    flash_outcome(lambda: services.reject_ocop(current_user, submission_id, _reason_input()),
                  lambda s: _("The OCOP rating of %(name)s is rejected; the producer has been told.", name=s.producer.name))
    return redirect(url_for("moderation.ocop_queue"), 303)
