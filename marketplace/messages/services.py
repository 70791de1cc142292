"""Order messages: a thread per order part between the buyer and everyone acting for the producer
(its owner and cooperative officers). Staff read a thread only while a return of that part is with
them (``returns.dispute_open``); otherwise a thread is 403 to staff and 404 to everyone else.
Each message tells the other side, in their language, through the outbox."""
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.catalog import images as image_store
from marketplace.core.errors import InvalidInput, NotAllowed, NotFound, found
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.messages.models import MessageImage, PartMessage
from marketplace.messages.schemas import MAX_IMAGES, PartMessageSchema
from marketplace.notifications.services import notify, site_path
from marketplace.orders import services as orders
from marketplace.orders.models import OrderPart
from marketplace.producers import services as producers
from marketplace.returns import services as returns

IMAGE_FOLDER = "private/messages"  # under UPLOAD_FOLDER; core.media refuses "private/"
SHOWN = 50  # the newest messages a thread page shows, oldest of them first


@dataclass
class Thread:
    part: OrderPart
    messages: list  # the newest SHOWN, oldest first
    total: int
    can_write: bool  # staff read only


def _party(user, part):
    """"buyer", "producer", or None for someone who is neither (staff are never a party)."""
    if user.role == Role.STAFF:
        return None
    if part.order.buyer_id == user.id:
        return "buyer"
    return "producer" if producers.can_act_for(user, part.producer_id) else None


def _part_for(user, part_id):
    part = found(OrderPart, part_id, _("Order not found."))
    if _party(user, part) is not None:
        return part
    if user.role == Role.STAFF:
        if returns.dispute_open(part.id):
            return part
        raise NotAllowed(_("Staff can read an order's messages only while a return of it is with them."))
    raise NotFound(_("Order not found."))


def thread_for(user, part_id):
    """The part's thread as this user may see it; 404 for strangers, 403 for staff without a dispute."""
    part = _part_for(user, part_id)
    newest = db.session.scalars(select(PartMessage).where(PartMessage.part_id == part.id)
                                .order_by(PartMessage.id.desc()).limit(SHOWN)).all()
    total = db.session.scalar(select(func.count(PartMessage.id)).where(PartMessage.part_id == part.id))
    return Thread(part=part, messages=list(reversed(newest)), total=total, can_write=_party(user, part) is not None)


@transactional
def post_message(user, part_id, data, photos=()):
    """Add a message (text, photos or both) to the part's thread and tell the other side."""
    part = _part_for(user, part_id)
    side = _party(user, part)
    if side is None:
        raise NotAllowed(_("Staff read this thread; the buyer and the producer write in it."))
    photos = [p for p in photos if p]
    errors = {}
    try:
        body = load(PartMessageSchema(), {"body": data.get("body")})["body"]
    except InvalidInput as exc:
        body, errors = "", dict(exc.errors)
    if not body and not photos and not errors:
        errors["body"] = [_("Write a message or attach a photo.")]
    if len(photos) > MAX_IMAGES:
        errors["photos"] = [_("Attach at most %(n)s photos.", n=MAX_IMAGES)]
    if errors:
        raise InvalidInput.for_fields(errors)
    message = PartMessage(part_id=part.id, author_id=user.id, body=body)
    stored = image_store.store_images(photos, IMAGE_FOLDER)
    message.images = [MessageImage(path=p, thumb_path=t, width=w, height=h) for p, t, w, h in stored]
    db.session.add(message)
    db.session.flush()
    said = {"ref": part.reference, "author": user.name, "text": body[:300] or "📷"}
    readers = orders.producer_users(part.producer_id) if side == "buyer" else [part.order.buyer]
    for reader in readers:
        if reader.id != user.id:
            notify(reader, "messages.new", said, link=site_path("messages.thread", part_id=part.id))
    return message


def image_for(user, part_id, image_id):
    """An attached photo, for someone who may read the thread; 404 otherwise."""
    part = _part_for(user, part_id)
    image = db.session.scalars(select(MessageImage).join(PartMessage, MessageImage.message_id == PartMessage.id)
                               .where(MessageImage.id == image_id, PartMessage.part_id == part.id)).first()
    if image is None:
        raise NotFound(_("Order not found."))
    return image
