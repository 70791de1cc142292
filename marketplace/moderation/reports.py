"""Reports: anyone signed in reports a listing, a producer or a suspected fake mark; staff work them
in a queue (open, in review, resolved with an outcome) and the reporter is told the outcome."""
from flask_babel import gettext as _
from sqlalchemy import case, select, update
from sqlalchemy.orm import joinedload

from marketplace.catalog import services as catalog
from marketplace.core.errors import NotFound, found
from marketplace.core.labels import status_label
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.moderation import sanctions
from marketplace.moderation.constants import REPORTS_PER_PAGE, SUBJECT_LISTING, SUBJECT_PRODUCER, SUBJECT_REVIEW
from marketplace.moderation.models import Report, ReportOutcome, ReportStatus
from marketplace.moderation.records import record, require_staff
from marketplace.moderation.sanctions import ModerationError
from marketplace.moderation.schemas import ReportSchema, ResolveSchema
from marketplace.notifications.messages import label
from marketplace.notifications.services import notify
from marketplace.producers.models import Producer
from marketplace.reviews import services as reviews
from marketplace.trademarks import services as trademarks


def report_target(subject, listing_id=None, producer_id=None, code="", review_id=None):
    """What a report form is about, for the page to name it: (listing, producer, verification).

    Only what the public may see can be reported by id (a draft's title is nobody else's business);
    a verification code names whatever it belongs to, as /verify/<code> does. A review is named by
    its product and shop.
    """
    if subject == SUBJECT_REVIEW:
        review = reviews.public_review(review_id)
        return review.listing, review.producer, None
    if subject == SUBJECT_LISTING:
        listing = catalog.public_listing(listing_id) if listing_id else None
        if listing is None:
            raise NotFound(_("This product is not available."))
        return listing, listing.producer, None
    if subject == SUBJECT_PRODUCER:
        producer = db.session.get(Producer, producer_id) if producer_id else None
        if producer is None or not producer.is_public:
            raise NotFound(_("Producer not found."))
        return None, producer, None
    verification = trademarks.verify(code)
    if verification.found:
        return verification.right.listing, verification.right.listing.producer, verification
    return None, None, verification


@transactional
def submit_report(reporter, data):
    """Store a report for staff's queue; every field at fault is named at once."""
    clean = load(ReportSchema(), data, ModerationError)
    subject = clean["subject"]
    listing, producer, verification = report_target(subject, clean["listing_id"], clean["producer_id"], clean["code"],
                                                    clean["review_id"])
    report = Report(subject=subject, category=clean["category"], text=clean["text"], reporter_id=reporter.id,
                    review_id=clean["review_id"] if subject == SUBJECT_REVIEW else None,
                    listing_id=listing.id if listing is not None else None,
                    producer_id=producer.id if producer is not None else None,
                    code=verification.code if verification is not None else "")
    db.session.add(report)
    db.session.flush()
    record(reporter, "report", "report", report.id, clean["category"])
    return report


def queue(status="", subject="", category="", page=1):
    """Reports for staff, oldest open first (resolved: newest first), filtered and paged."""
    query = select(Report).options(joinedload(Report.listing), joinedload(Report.producer), joinedload(Report.reporter))
    if status:
        query = query.where(Report.status == status)
    if subject:
        query = query.where(Report.subject == subject)
    if category:
        query = query.where(Report.category == category)
    waiting = case((Report.status == ReportStatus.OPEN, 0), (Report.status == ReportStatus.IN_REVIEW, 1), else_=2)
    order = (Report.id.desc(),) if status == ReportStatus.RESOLVED else (waiting, Report.id)
    return db.paginate(query.order_by(*order), page=page, per_page=REPORTS_PER_PAGE, error_out=False)


def counts():
    return dict(db.session.execute(select(Report.status, db.func.count()).group_by(Report.status)).all())


def get_report(actor, report_id):
    require_staff(actor)
    return found(Report, report_id, _("Report not found."))


def _move(report, to_status, **values):
    """Move the report if it is still in the status read: of two staff clicking at once, one wins."""
    if to_status not in ReportStatus.TRANSITIONS[report.status]:
        raise ModerationError(_("This report is %(status)s and cannot be changed that way.",
                                status=str(status_label(report.status, "report")).lower()))
    moved = db.session.execute(update(Report).where(Report.id == report.id, Report.status == report.status)
                               .values(status=to_status, **values).execution_options(synchronize_session=False)).rowcount
    if moved != 1:
        raise ModerationError(_("Someone else changed this report meanwhile; reload the page."))
    db.session.refresh(report)


@transactional
def take_into_review(actor, report_id):
    report = get_report(actor, report_id)
    _move(report, ReportStatus.IN_REVIEW, handled_by_id=actor.id)
    record(actor, "review_report", "report", report.id)
    return report


def _act_on(actor, report, outcome, note):
    """Carry out the outcome staff chose, with the note as the reason the producer reads."""
    if outcome == ReportOutcome.LISTING_HIDDEN:
        if report.listing_id is None:
            raise ModerationError(_("This report names no product to hide."), field="outcome")
        sanctions.hide_listing(actor, report.listing_id, {"reason": note})
    elif outcome == ReportOutcome.PRODUCER_SUSPENDED:
        if report.producer_id is None:
            raise ModerationError(_("This report names no producer to suspend."), field="outcome")
        sanctions.suspend_producer(actor, report.producer_id, {"reason": note})
    elif outcome == ReportOutcome.REVIEW_HIDDEN:
        if report.review_id is None:
            raise ModerationError(_("This report names no review to hide."), field="outcome")
        sanctions.hide_review(actor, report.review_id, {"reason": note})
    elif outcome == ReportOutcome.MARK_WITHDRAWN:
        verification = trademarks.verify(report.code) if report.code else None
        if verification is None or not verification.found:
            raise ModerationError(_("This report names no product carrying a mark."), field="outcome")
        trademarks.withdraw_right(actor, verification.right.id, note=note)


@transactional
def resolve(actor, report_id, data):
    """Decide a report: carry out the outcome, close it, and tell the reporter."""
    report = get_report(actor, report_id)
    clean = load(ResolveSchema(), data, ModerationError)
    outcome, note = clean["outcome"], clean["note"]
    _move(report, ReportStatus.RESOLVED, outcome=outcome, resolution_note=note, handled_by_id=actor.id,
          resolved_at=utcnow())
    _act_on(actor, report, outcome, note)
    record(actor, "resolve_report", "report", report.id, f"{outcome}: {note}")
    if report.reporter is not None:
        notify(report.reporter, "moderation.report_resolved",
               {"id": report.id, "outcome": label(outcome, "outcome"), "note": note})
    return report


def reports_of(reporter):
    return db.session.scalars(select(Report).where(Report.reporter_id == reporter.id).order_by(Report.id.desc())).all()

