"""OCOP ratings: a producer's claim (stars, certificate number, issuer, expiry, scan) waits for staff;
approved, it becomes the public rating; a reminder goes out before the certificate expires."""
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import ProducerMember
from marketplace.accounts.rules import staff_or_linked
from marketplace.catalog import images as image_store
from marketplace.core.errors import DomainError, found
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.moderation.constants import OCOP_REMINDER_DAYS
from marketplace.moderation.models import OcopReminder, OcopStatus, OcopSubmission
from marketplace.moderation.records import record, require_staff
from marketplace.moderation.sanctions import ModerationError
from marketplace.moderation.schemas import OcopSchema, ReasonSchema
from marketplace.notifications.messages import day
from marketplace.notifications.services import notify, site_path
from marketplace.producers import services as producers
from marketplace.producers import signals as producer_signals
from marketplace.producers.models import Producer

SCAN_FOLDER = "ocop"  # under UPLOAD_FOLDER; listed in PRIVATE_UPLOAD_FOLDERS, so /media never serves it


def pending_for(producer_id):
    """The producer's claim waiting for staff, or None."""
    return db.session.scalar(select(OcopSubmission).where(
        OcopSubmission.producer_id == producer_id, OcopSubmission.status == OcopStatus.PENDING))


def history_of(producer_id):
    return db.session.scalars(select(OcopSubmission).where(OcopSubmission.producer_id == producer_id)
                              .order_by(OcopSubmission.id.desc())).all()


@transactional
def submit_ocop(user, producer_id, data, scan=None):
    """A producer's new OCOP rating and certificate, kept for staff review; the public keeps the approved one.

    A claim already waiting is updated in place (one per producer). ``scan`` is the image's bytes, or None.
    """
    producer = producers.get_for(user, producer_id)
    clean = load(OcopSchema(), data, ModerationError)
    submission = pending_for(producer.id)
    if submission is None:
        submission = OcopSubmission(producer_id=producer.id)
        db.session.add(submission)
    submission.stars, submission.certificate_number = clean["stars"], clean["certificate_number"]
    submission.issuer, submission.expires_on = clean["issuer"], clean["expires_on"]
    submission.submitted_by_id, submission.submitted_at = user.id, utcnow()
    if scan:
        try:
            path, thumb, _w, _h = image_store.store_image(scan, kind=SCAN_FOLDER)
        except DomainError as exc:
            raise ModerationError(exc.message, field="scan") from None
        image_store.delete_files(thumb)  # staff read the full scan; no card shows a thumbnail
        submission.scan_path = path
    db.session.flush()
    return submission


def scan_of(user, submission_id):
    """The stored path of a submission's certificate scan, for staff and the producer's own members only;
    anyone else (signed out included) gets the same 404 as for a submission that does not exist."""
    submission = found(OcopSubmission, submission_id, _("Scan not found."), allowed=lambda row: bool(row.scan_path) and
                       staff_or_linked(user, ProducerMember, producer_id=row.producer_id))
    return submission.scan_path


def review_queue():
    return db.session.scalars(select(OcopSubmission).where(OcopSubmission.status == OcopStatus.PENDING)
                              .order_by(OcopSubmission.submitted_at)).all()


def _pending(actor, submission_id):
    require_staff(actor)
    submission = found(OcopSubmission, submission_id, _("OCOP submission not found."))
    if submission.status != OcopStatus.PENDING:
        raise ModerationError(_("This OCOP submission has already been reviewed."))
    return submission


def _tell(producer, key, params=None):
    for member in producer.members:
        notify(member.user, key, params, link=site_path("moderation.ocop_form", producer_id=producer.id))


@transactional
def approve_ocop(actor, submission_id):
    """Staff checked the certificate: it becomes the producer's public rating."""
    submission = _pending(actor, submission_id)
    producer = submission.producer
    producer.ocop_stars, producer.ocop_expires_on = submission.stars, submission.expires_on
    producer.ocop_certificate_number, producer.ocop_issuer = submission.certificate_number, submission.issuer
    submission.status, submission.reviewed_by_id, submission.reviewed_at = OcopStatus.APPROVED, actor.id, utcnow()
    producer_signals.profile_changed.send(producer)  # the listings' search terms hold the stars (search.facet_tags)
    record(actor, "approve_ocop", "producer", producer.id, f"{submission.stars}★ {submission.certificate_number}")
    _tell(producer, "moderation.ocop_approved", {"stars": submission.stars, "name": producer.name})
    return submission


@transactional
def reject_ocop(actor, submission_id, data):
    """Staff refuse the claim; the public keeps the last approved rating and the producer reads why."""
    submission = _pending(actor, submission_id)
    reason = load(ReasonSchema(), data, ModerationError)["reason"]
    submission.status, submission.reviewed_by_id, submission.reviewed_at = OcopStatus.REJECTED, actor.id, utcnow()
    submission.reason = reason
    record(actor, "reject_ocop", "producer", submission.producer_id, reason)
    _tell(submission.producer, "moderation.ocop_rejected", {"reason": reason})
    return submission


@transactional
def remind_expiring_ocop(today=None):
    """The beat job: tell each rated producer once when its certificate expires within OCOP_REMINDER_DAYS."""
    today = today or date.today()
    horizon = today + timedelta(days=OCOP_REMINDER_DAYS)
    reminded = select(OcopReminder.id).where(OcopReminder.producer_id == Producer.id,
                                             OcopReminder.expires_on == Producer.ocop_expires_on)
    due = db.session.scalars(select(Producer).where(
        Producer.ocop_stars.is_not(None), Producer.ocop_expires_on >= today, Producer.ocop_expires_on <= horizon,
        ~reminded.exists()).order_by(Producer.id)).all()
    for producer in due:
        db.session.add(OcopReminder(producer_id=producer.id, expires_on=producer.ocop_expires_on))
        _tell(producer, "moderation.ocop_expiring", {"date": day(producer.ocop_expires_on)})
    return len(due)
