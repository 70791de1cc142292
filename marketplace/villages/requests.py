"""A producer asks for a village the list lacks; staff create it (approve) or decline with a reason.

The producer is told either way (in the app and by e-mail). On approval the village is created
through ``villages.reference`` in the same transaction, and the shop the request was made for
moves to it; a request made before registering a shop links to the registration form with the
new village chosen.
"""
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.core import audit
from marketplace.core.errors import NotFound, found
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.notifications.services import notify, site_path
from marketplace.producers import services as producers
from marketplace.producers import signals
from marketplace.villages import reference
from marketplace.villages.models import RequestStatus, VillageRequest
from marketplace.villages.schemas import DeclineSchema, VillageRequestSchema

REQUEST_FIELDS = ("name", "commune", "district", "craft", "status", "reason")
PER_PAGE = 30


class RequestError(NotFound):
    """Raised when a request is not there to decide (unknown, or decided already)."""


@transactional
def request_village(user, data):
    """Record a producer's request; ``producer_id`` (optional) must be a shop the user acts for."""
    clean = load(VillageRequestSchema(), data)
    if clean["producer_id"] is not None:
        producers.get_for(user, clean["producer_id"])
    request = VillageRequest(requested_by_id=user.id, **clean)
    db.session.add(request)
    db.session.flush()
    audit.record(user, "village_request", request.id, request.name, "request", {},
                 audit.snapshot(request, REQUEST_FIELDS))
    return request


def requests_of(user):
    return db.session.scalars(select(VillageRequest).where(VillageRequest.requested_by_id == user.id)
                              .order_by(VillageRequest.id.desc())).all()


def request_page(status=RequestStatus.PENDING, page=1):
    query = select(VillageRequest).where(VillageRequest.status == status).order_by(VillageRequest.id)
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def pending_count():
    return db.session.scalar(select(db.func.count(VillageRequest.id)).where(
        VillageRequest.status == RequestStatus.PENDING))


def get_request(request_id):
    return found(VillageRequest, request_id, _("Request not found."))


def _pending(request_id):
    request = get_request(request_id)
    db.session.refresh(request, with_for_update=True)  # two staff deciding at once: one wins
    if not request.is_pending:
        raise RequestError(_("This request has already been decided."))
    return request


def _decide(actor, request, status, reason=""):
    before = audit.snapshot(request, REQUEST_FIELDS)
    request.status, request.reason, request.decided_by_id, request.decided_at = status, reason, actor.id, utcnow()
    audit.record(actor, "village_request", request.id, request.name, status, before,
                 audit.snapshot(request, REQUEST_FIELDS))


@transactional
def approve_request(actor, request_id, data, photo=None):
    """Create the village from staff's form (``VillageSchema``) and move the producer's shop to it."""
    request = _pending(request_id)
    village = reference.create_village(actor, data, photo)
    request.village_id = village.id
    _decide(actor, request, RequestStatus.APPROVED)
    if request.producer is not None:
        request.producer.village_id = village.id
        db.session.flush()
        signals.profile_changed.send(request.producer)  # the listings' search text names the village
        notify(request.requested_by, "villages.added_with_shop", {"village": village.name, "shop": request.producer.name},
               link=site_path("producers.edit", producer_id=request.producer_id))
    else:
        notify(request.requested_by, "villages.added", {"village": village.name},
               link=site_path("producers.create", village_id=village.id))
    return request


@transactional
def decline_request(actor, request_id, data):
    """Say no, with the reason the producer reads."""
    reason = load(DeclineSchema(), data)["reason"]
    request = _pending(request_id)
    _decide(actor, request, RequestStatus.DECLINED, reason)
    notify(request.requested_by, "villages.request_declined", {"village": request.name, "reason": reason})
    return request
