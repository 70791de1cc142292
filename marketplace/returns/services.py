"""Returns and disputes: the buyer asks, the producer accepts or declines, either side escalates, staff decide.

Every move is a conditional UPDATE on the status read (``_move``), in the same transaction as its
ledger rows (``payments.refund_return``), so of two accepts, or an accept and an escalation, at the
same moment one wins and the other changes nothing (409). The refund is unique per return as well.

Refund rule: the buyer gets back at most what they paid for the products asked back (quantity ×
unit price); shipping is not refunded (the parcel did travel), and all the returns of one part
together never refund more than its goods.
"""
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from marketplace.accounts.models import Role, User
from marketplace.catalog import images as image_store
from marketplace.core.errors import InvalidInput, NotFound, found
from marketplace.core.labels import status_label
from marketplace.core.templating import format_vnd
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.notifications.messages import money
from marketplace.notifications.services import notify, site_path
from marketplace.orders import services as orders
from marketplace.orders.models import OrderPart, PartStatus
from marketplace.payments import services as payments
from marketplace.producers import services as producers
from marketplace.returns.models import ReturnLine, ReturnPhoto, ReturnRequest, ReturnStatus
from marketplace.returns.schemas import MAX_PHOTOS, AcceptSchema, DeclineSchema, ReturnReasonSchema

PHOTO_FOLDER = "private/returns"  # under UPLOAD_FOLDER; core.media refuses "private/", our route checks who asks


class ReturnConflict(orders.StateConflict):
    """The return is no longer in a state that allows this (already accepted, escalated…); 409."""


# ---------------------------------------------------------------- who may see what

def is_staff(user):
    return user.is_authenticated and user.role == Role.STAFF


def acts_for_producer(user, request):
    return not is_staff(user) and producers.can_act_for(user, request.part.producer_id)


def can_see(user, request):
    """The buyer, the producer's people and staff."""
    return request.buyer_id == user.id or producers.can_act_for(user, request.part.producer_id)


def return_for(user, return_id):
    """A return request the user may see; 404 for anyone else."""
    return found(ReturnRequest, return_id, _("Return request not found."), allowed=lambda row: can_see(user, row))


def returns_of_part(part_id):
    return db.session.scalars(select(ReturnRequest).where(ReturnRequest.part_id == part_id)
                              .order_by(ReturnRequest.id)).all()


def returns_of_producer(producer_id, limit=50):
    return db.session.scalars(select(ReturnRequest).join(OrderPart, ReturnRequest.part_id == OrderPart.id)
                              .where(OrderPart.producer_id == producer_id)
                              .order_by(ReturnRequest.id.desc()).limit(limit)).all()


def escalated(page=1, per_page=30, status=ReturnStatus.ESCALATED):
    """The staff's queue: returns waiting for their decision (or another status, for the tabs)."""
    return db.paginate(select(ReturnRequest).where(ReturnRequest.status == status)
                       .order_by(ReturnRequest.escalated_at, ReturnRequest.id), page=page, per_page=per_page,
                       error_out=False)


def dispute_open(part_id):
    """Is a return of this part with staff? Then staff may read the part's messages."""
    return db.session.scalar(select(ReturnRequest.id).where(ReturnRequest.part_id == part_id,
                                                            ReturnRequest.status == ReturnStatus.ESCALATED)
                             .limit(1)) is not None


def returnable(part):
    """{order line id: quantity still returnable}: delivered minus what other requests hold."""
    held = dict(db.session.execute(
        select(ReturnLine.order_line_id, func.sum(ReturnLine.quantity))
        .join(ReturnRequest, ReturnLine.return_id == ReturnRequest.id)
        .where(ReturnRequest.part_id == part.id, ReturnRequest.status.in_(ReturnStatus.HOLDING))
        .group_by(ReturnLine.order_line_id)).all())
    return {line.id: line.quantity - int(held.get(line.id, 0)) for line in part.lines}


def window_closes(part):
    """When the buyer can no longer ask for a return (None before delivery)."""
    if part.delivered_at is None:
        return None
    return part.delivered_at + timedelta(days=current_app.config["RETURN_WINDOW_DAYS"])


def can_request(part, now=None):
    closes = window_closes(part)
    return part.status == PartStatus.DELIVERED and closes is not None and (now or utcnow()) <= closes


# ---------------------------------------------------------------- the buyer asks

def _quantities(part, wanted):
    """Clean quantities per order line from ``wanted`` ({line id: typed text}); every fault named at once."""
    available = returnable(part)
    errors, chosen = {}, {}
    for line in part.lines:
        raw = wanted.get(line.id)
        if raw in (None, ""):
            continue
        try:
            quantity = int(str(raw).strip())
        except ValueError:
            errors[f"qty_{line.id}"] = [_("Give the quantity as a whole number.")]
            continue
        if quantity < 0 or quantity > available[line.id]:
            errors[f"qty_{line.id}"] = [_("You can return between 0 and %(n)s of this product.", n=available[line.id])]
        elif quantity:
            chosen[line.id] = quantity
    if not chosen and not errors:
        errors["lines"] = [_("Choose how many of which product you want to return.")]
    return chosen, errors


@transactional
def request_return(user, part_id, data, photos=()):
    """The buyer asks to return some of a delivered part's products, with a reason and up to four photos.

    ``data`` has ``reason`` and ``quantities`` ({order line id: typed quantity}); ``photos`` are bytes.
    The part's row is locked first, so two requests at once cannot both take the last returnable unit.
    """
    part = orders.part_for_buyer(user, part_id)
    db.session.scalars(select(OrderPart).where(OrderPart.id == part.id).with_for_update()).one()
    if part.status != PartStatus.DELIVERED:
        raise ReturnConflict(_("Products can be returned once they are delivered."))
    if not can_request(part):
        raise ReturnConflict(_("The return window for this order closed %(days)s days after delivery.",
                               days=current_app.config["RETURN_WINDOW_DAYS"]))
    errors = {}
    try:
        clean = load(ReturnReasonSchema(), {"reason": data.get("reason")})
    except InvalidInput as exc:
        clean, errors = {}, dict(exc.errors)
    chosen, line_errors = _quantities(part, data.get("quantities") or {})
    errors.update(line_errors)
    photos = [p for p in photos if p]
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = [_("Attach at most %(n)s photos.", n=MAX_PHOTOS)]
    if errors:
        raise InvalidInput.for_fields(errors)
    request = ReturnRequest(part_id=part.id, buyer_id=user.id, reason=clean["reason"],
                            lines=[ReturnLine(order_line_id=line_id, quantity=q) for line_id, q in chosen.items()])
    stored = image_store.store_images(photos, PHOTO_FOLDER)
    request.photos = [ReturnPhoto(path=p, thumb_path=t, width=w, height=h) for p, t, w, h in stored]
    db.session.add(request)
    db.session.flush()
    _tell_producer(request, "returns.requested", amount=money(request.goods_vnd))
    return request


# ---------------------------------------------------------------- answers and decisions

def _move(request, to_status, **values):
    """Move the request on if its status still allows it; exactly once under concurrency."""
    current = request.status
    if to_status not in ReturnStatus.TRANSITIONS[current]:
        raise ReturnConflict(_("This return request is already %(status)s.", status=_status_word(current)))
    changed = db.session.execute(
        update(ReturnRequest).where(ReturnRequest.id == request.id, ReturnRequest.status == current)
        .values(status=to_status, **values).execution_options(synchronize_session=False)).rowcount
    if changed != 1:
        raise ReturnConflict(_("Someone answered this return request at the same moment; reload the page."))
    db.session.refresh(request)


def _status_word(status):
    return str(status_label(status, "return")).lower()


def _deciding(user, return_id):
    """The request and who decides now: "producer" for the producer's people, "staff" for staff."""
    request = return_for(user, return_id)
    if is_staff(user):
        return request, "staff"
    if acts_for_producer(user, request):
        return request, "producer"
    raise NotFound(_("Return request not found."))


@transactional
def accept_return(user, return_id, data):
    """The producer (while requested) or staff (once escalated) accept with a refund amount.

    The refund and the producer's adjustment are recorded in this transaction (``payments.refund_return``);
    a card refund goes to Stripe from the worker after the commit.
    """
    request, who = _deciding(user, return_id)
    clean = load(AcceptSchema(), data)
    expected = ReturnStatus.REQUESTED if who == "producer" else ReturnStatus.ESCALATED
    if request.status != expected:
        raise ReturnConflict(_("This return request is already %(status)s.", status=_status_word(request.status)))
    cap = min(request.goods_vnd, request.part.goods_vnd - _refunded(request.part_id))
    if clean["refund_vnd"] > cap:
        raise InvalidInput(_("The refund can be at most %(amount)s, what the products asked back cost.",
                             amount=format_vnd(cap)), field="refund_vnd")
    _move(request, ReturnStatus.ACCEPTED, refund_vnd=clean["refund_vnd"], decided_by_id=user.id, decided_at=utcnow(),
          decision_note=clean["note"])
    refund = payments.refund_return(request.part, request.id, clean["refund_vnd"])
    amount = money(clean["refund_vnd"])
    _tell_buyer(request, "returns.accepted", amount=amount)
    if who == "staff":
        _tell_producer(request, "returns.decided_producer", amount=amount)
    return request, refund


def _refunded(part_id):
    return db.session.scalar(select(func.coalesce(func.sum(ReturnRequest.refund_vnd), 0))
                             .where(ReturnRequest.part_id == part_id, ReturnRequest.status == ReturnStatus.ACCEPTED)) or 0


@transactional
def decline_return(user, return_id, data):
    """The producer declines a request (the buyer may escalate), or staff reject an escalated one (final)."""
    request, who = _deciding(user, return_id)
    clean = load(DeclineSchema(), data)
    if who == "producer":
        _move(request, ReturnStatus.DECLINED, decline_reason=clean["reason"])
        _tell_buyer(request, "returns.declined", reason=clean["reason"])
    else:
        _move(request, ReturnStatus.REJECTED, decision_note=clean["reason"], decided_by_id=user.id,
              decided_at=utcnow())
        _tell_buyer(request, "returns.rejected", reason=clean["reason"])
        _tell_producer(request, "returns.rejected_producer")
    return request


@transactional
def escalate_return(user, return_id):
    """The buyer or the producer's people ask staff to decide."""
    request = return_for(user, return_id)
    if is_staff(user):
        raise NotFound(_("Return request not found."))
    _move(request, ReturnStatus.ESCALATED, escalated_by_id=user.id, escalated_at=utcnow())
    if request.buyer_id == user.id:
        _tell_producer(request, "returns.escalated")
    else:
        _tell_buyer(request, "returns.escalated")
    for person in db.session.scalars(select(User).where(User.role == Role.STAFF)).all():
        notify(person, "returns.escalated_staff", {"ref": request.part.reference}, link=_link(request))
    return request


# ---------------------------------------------------------------- telling people

def _link(request):
    return site_path("returns.detail", return_id=request.id)


def _tell_buyer(request, key, **params):
    notify(request.buyer, key, {"ref": request.part.reference, **params}, link=_link(request))


def _tell_producer(request, key, **params):
    for person in orders.producer_users(request.part.producer_id):
        notify(person, key, {"ref": request.part.reference, **params}, link=_link(request))


def photo_for(user, return_id, photo_id):
    """A photo of a return the user may see; 404 otherwise."""
    request = return_for(user, return_id)
    photo = next((p for p in request.photos if p.id == photo_id), None)
    if photo is None:
        raise NotFound(_("Return request not found."))
    return photo

