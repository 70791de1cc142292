"""Importers' inquiries: sent (matching queued through the outbox), read, matched again, closed,
or closed by accepting one quote."""
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from marketplace.accounts.models import Role
from marketplace.accounts.rules import require_verified
from marketplace.core import outbox
from marketplace.core.errors import InvalidInput, NotAllowed, NotFound, found
from marketplace.core.time import utcnow
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.leads.errors import InquiryError
from marketplace.leads.models import (
    Inquiry,
    InquiryStatus,
    Match,
    MatchingStatus,
    Quote,
    QuoteStatus,
)
from marketplace.leads.quotes import priced, tell_quoter
from marketplace.leads.schemas import InquirySchema
from marketplace.notifications.messages import number
from marketplace.producers.models import Producer

MATCH_TASK = "workers.lead_tasks.match_inquiry"


def clean_inquiry(data):
    """An inquiry from the web form or the API checked by InquirySchema; every field at fault is reported at once."""
    return load(InquirySchema(), data, InquiryError)


def _importer_only(user):
    if user.role not in (Role.IMPORTER, Role.STAFF):
        raise NotAllowed(_("Only importer accounts can send inquiries."))


def create_inquiry(user, data):
    """Store an importer's inquiry and ask the worker to match it (after the commit)."""
    _importer_only(user)
    require_verified(user)
    clean = clean_inquiry(data)
    inquiry = Inquiry(
        importer_id=user.id, craft=clean["craft"], description=clean["description"], quantity=clean["quantity"],
        unit=clean["unit"], target_price_vnd=clean["target_price_vnd"],
        target_price_currency=clean["target_price_currency"],
        destination_country=clean["destination_country"], incoterm=clean["incoterm"],
        required_by=clean["required_by"], required_ocop_stars=clean["ocop_stars"],
        required_trademark=clean["trademark"], references=clean["references"],
        matching_status=MatchingStatus.QUEUED, matching_requested_at=utcnow(),
    )
    db.session.add(inquiry)
    db.session.flush()
    outbox.schedule(MATCH_TASK, inquiry.id)
    db.session.commit()
    return inquiry


def inquiries_of(user, page=1, per_page=20):
    return db.paginate(
        select(Inquiry).where(Inquiry.importer_id == user.id).order_by(Inquiry.id.desc()),
        page=page, per_page=per_page, error_out=False,
    )


def get_inquiry_for(user, inquiry_id):
    """The importer's own inquiry with matches, consortium and quotes; 404 for anyone else's."""
    inquiry = db.session.scalar(
        select(Inquiry).where(Inquiry.id == inquiry_id).options(
            selectinload(Inquiry.matches).joinedload(Match.producer).joinedload(Producer.village),
            selectinload(Inquiry.matches).joinedload(Match.quote),
            selectinload(Inquiry.quotes), joinedload(Inquiry.consortium),
        )
    )
    if inquiry is None or (inquiry.importer_id != user.id and user.role != Role.STAFF):
        raise NotFound(_("Inquiry not found."))
    return inquiry


def rerun_matching(user, inquiry_id):
    inquiry = get_inquiry_for(user, inquiry_id)
    if not inquiry.is_open:
        raise InvalidInput(_("This inquiry is closed."))
    inquiry.matching_status = MatchingStatus.QUEUED
    inquiry.matching_requested_at = utcnow()
    outbox.schedule(MATCH_TASK, inquiry.id)
    db.session.commit()
    return inquiry


def close_inquiry(user, inquiry_id):
    """Close an open inquiry without accepting; waiting quotes are declined and their authors told."""
    inquiry = get_inquiry_for(user, inquiry_id)
    if not inquiry.is_open:
        return inquiry
    inquiry.status = InquiryStatus.CLOSED
    inquiry.closed_at = utcnow()
    for quote in inquiry.quotes:
        if quote.status == QuoteStatus.SUBMITTED:
            quote.status = QuoteStatus.REJECTED
            quote.decided_at = utcnow()
            tell_quoter(quote, "leads.closed", {"id": inquiry.id})
    db.session.commit()
    return inquiry


def accept_quote(user, quote_id):
    """Accept one quote: it closes the inquiry; the other quoters are told. Twice is once."""
    quote, _changed = decide_acceptance(user, quote_id)
    db.session.commit()
    return quote


def decide_acceptance(user, quote_id):
    """``accept_quote`` without the commit, for a caller that adds to the same transaction (the
    wholesale deal); returns (quote, changed), changed False when it was accepted already.
    The inquiry's row lock serialises two accepts of one inquiry."""
    quote = found(Quote, quote_id, _("Quote not found."))
    inquiry = db.session.scalars(select(Inquiry).where(Inquiry.id == quote.inquiry_id).with_for_update()).one()
    if inquiry.importer_id != user.id and user.role != Role.STAFF:
        raise NotFound(_("Quote not found."))
    db.session.refresh(quote)
    if quote.status == QuoteStatus.ACCEPTED:
        return quote, False  # a double-submitted form changes nothing
    if not inquiry.is_open:
        raise InvalidInput(_("This inquiry is closed."))
    if quote.valid_until < date.today():
        raise InvalidInput(_("This quote has expired; ask the producer for a new one."))
    now = utcnow()
    quote.status, quote.decided_at = QuoteStatus.ACCEPTED, now
    inquiry.status, inquiry.closed_at = InquiryStatus.ACCEPTED, now
    tell_quoter(quote, *priced(quote, "leads.accepted", {"id": inquiry.id, "quantity": number(quote.quantity)}))
    for other in inquiry.quotes:
        if other.id != quote.id and other.status == QuoteStatus.SUBMITTED:
            other.status, other.decided_at = QuoteStatus.REJECTED, now
            tell_quoter(other, "leads.not_chosen", {"id": inquiry.id})
    db.session.flush()
    return quote, True


def requeue_waiting_inquiries(now=None):
    """Beat sweep: ask again for inquiries whose matching request seems lost; returns their ids."""
    now = now or utcnow()
    cutoff = now - timedelta(seconds=current_app.config["MATCHING_RETRY_AFTER"])
    ids = db.session.scalars(
        select(Inquiry.id).where(Inquiry.matching_status == MatchingStatus.QUEUED, Inquiry.status == InquiryStatus.OPEN,
                                 Inquiry.matching_requested_at < cutoff).order_by(Inquiry.id).limit(500)).all()
    if ids:
        db.session.execute(db.update(Inquiry).where(Inquiry.id.in_(ids)).values(matching_requested_at=now))
        for inquiry_id in ids:
            outbox.schedule(MATCH_TASK, inquiry_id)
        db.session.commit()
    return ids
