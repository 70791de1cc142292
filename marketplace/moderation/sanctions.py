"""Staff measures with a reason: hide a listing (and lift it), suspend a producer (and reinstate it),
deactivate an account (and reactivate it). Each is recorded and told to the people concerned."""
from flask_babel import gettext as _
from sqlalchemy import or_, select

from marketplace.accounts import services as accounts
from marketplace.accounts.models import User
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Listing, ListingStatus
from marketplace.core.errors import InvalidInput, found
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.moderation.models import Sanction, SanctionKind
from marketplace.moderation.records import all_in_force, in_force, record, require_staff
from marketplace.moderation.schemas import LiftSchema, ReasonSchema
from marketplace.notifications.messages import both, label
from marketplace.notifications.services import notify, site_path
from marketplace.producers import services as producers
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.reviews import services as reviews
from marketplace.reviews.models import ReviewStatus


class ModerationError(InvalidInput):
    """Raised when a moderation step does not fit the subject's state (hiding a hidden listing…)."""


def _subject(actor, data, model, subject_id, not_found, schema=ReasonSchema):
    """A staff measure's subject and its clean reason (required unless ``schema`` is LiftSchema)."""
    require_staff(actor)
    reason = load(schema(), data or {}, ModerationError)["reason"]
    return found(model, subject_id, not_found), reason


def _impose(actor, kind, subject, reason, action, previous_status=""):
    """Record the measure in force (with the reason its owner reads) and the log line."""
    db.session.add(Sanction(kind=kind, subject_id=subject.id, reason=reason, previous_status=previous_status,
                            imposed_by_id=actor.id))
    record(actor, action, _KINDS[kind], subject.id, reason)


def _lift(actor, kind, subject, reason, action):
    """End the measure in force on ``subject`` (if one is recorded) and log it; returns it or None."""
    sanction = in_force(kind, subject.id)
    if sanction is not None:
        sanction.lifted_at, sanction.lifted_by_id, sanction.lift_reason = utcnow(), actor.id, reason
    record(actor, action, _KINDS[kind], subject.id, reason)
    return sanction


def _tell_producer(producer, key, params, link):
    for member in producer.members:
        notify(member.user, key, params, link=link)


def _title(listing):
    return both(listing.title_vi[:100], listing.title_en[:100])


def _tell_listing_owner(listing, key, **params):
    """Tell the listing's producer, with the listing's title, linking to its edit page."""
    _tell_producer(listing.producer, key, {"title": _title(listing), **params},
                   link=site_path("catalog.edit", listing_id=listing.id))


def _tell_shop(producer, key, **params):
    """Tell the producer's members, with the shop's name, linking to its dashboard."""
    _tell_producer(producer, key, {"name": producer.name, **params},
                   link=site_path("producers.dashboard", p=producer.id))


@transactional
def hide_listing(actor, listing_id, data):
    """Take a listing off sale at once (catalogue, search, API, carts, checkout) until staff lift it."""
    listing, reason = _subject(actor, data, Listing, listing_id, _("Listing not found."))
    if listing.status == ListingStatus.HIDDEN:
        raise ModerationError(_("This listing is already hidden."))
    _impose(actor, SanctionKind.LISTING_HIDDEN, listing, reason, "hide_listing", previous_status=listing.status)
    catalog.moderate(listing.id, ListingStatus.HIDDEN)
    _tell_listing_owner(listing, "moderation.listing_hidden", reason=reason)
    return listing


@transactional
def lift_hide(actor, listing_id, data=None):
    """Give a hidden listing back to its producer, in the status it had before the hide."""
    listing, reason = _subject(actor, data, Listing, listing_id, _("Listing not found."), LiftSchema)
    if listing.status != ListingStatus.HIDDEN:
        raise ModerationError(_("This listing is not hidden."))
    sanction = _lift(actor, SanctionKind.LISTING_HIDDEN, listing, reason, "lift_hide")
    catalog.moderate(listing.id, (sanction.previous_status if sanction else "") or ListingStatus.DRAFT)
    _tell_listing_owner(listing, "moderation.listing_unhidden", status=label(listing.status, "listing"))
    return listing


@transactional
def suspend_producer(actor, producer_id, data):
    """Close a producer's shop: its listings leave the catalogue and cannot be bought; the reason is on its dashboard."""
    producer, reason = _subject(actor, data, Producer, producer_id, _("Producer not found."))
    if producer.status == ProducerStatus.SUSPENDED:
        raise ModerationError(_("%(name)s is already suspended.", name=producer.name))
    producers.suspend(producer.id)
    _impose(actor, SanctionKind.PRODUCER_SUSPENDED, producer, reason, "suspend_producer")
    _tell_shop(producer, "moderation.producer_suspended", reason=reason)
    return producer


@transactional
def reinstate_producer(actor, producer_id, data=None):
    producer, reason = _subject(actor, data, Producer, producer_id, _("Producer not found."), LiftSchema)
    if producer.status != ProducerStatus.SUSPENDED:
        raise ModerationError(_("%(name)s is not suspended.", name=producer.name))
    _lift(actor, SanctionKind.PRODUCER_SUSPENDED, producer, reason, "reinstate_producer")
    producers.reinstate(producer.id)
    _tell_shop(producer, "moderation.producer_reinstated")
    return producer


@transactional
def deactivate_user(actor, user_id, data):
    """An account that can no longer log in: its sessions end now and its API tokens stop working."""
    user, reason = _subject(actor, data, User, user_id, _("Account not found."))
    if user.id == actor.id:
        raise ModerationError(_("You cannot deactivate your own account."))
    if not user.active:
        raise ModerationError(_("This account is already deactivated."))
    accounts.set_active(user, False)
    _impose(actor, SanctionKind.USER_DEACTIVATED, user, reason, "deactivate_user")
    notify(user, "moderation.user_deactivated", {"reason": reason})
    return user


@transactional
def reactivate_user(actor, user_id, data=None):
    user, reason = _subject(actor, data, User, user_id, _("Account not found."), LiftSchema)
    if user.active:
        raise ModerationError(_("This account is active."))
    _lift(actor, SanctionKind.USER_DEACTIVATED, user, reason, "reactivate_user")
    accounts.set_active(user, True)
    notify(user, "moderation.user_reactivated")
    return user


@transactional
def hide_review(actor, review_id, data):
    """Hide a review (its stars leave the ratings at once); its author reads the reason."""
    require_staff(actor)
    reason = load(ReasonSchema(), data or {}, ModerationError)["reason"]
    review = reviews.set_status(review_id, ReviewStatus.HIDDEN, reason)
    record(actor, "hide_review", "review", review.id, reason)
    if review.author is not None:
        notify(review.author, "reviews.hidden", {"title": _title(review.listing), "reason": reason},
               link=site_path("catalog.detail", listing_id=review.listing_id))
    return review


@transactional
def show_review(actor, review_id, data=None):
    """Show a hidden review again; its stars count again."""
    require_staff(actor)
    reason = load(LiftSchema(), data or {}, ModerationError)["reason"]
    review = reviews.set_status(review_id, ReviewStatus.VISIBLE)
    record(actor, "unhide_review", "review", review.id, reason)
    return review


_KINDS = {SanctionKind.LISTING_HIDDEN: "listing", SanctionKind.PRODUCER_SUSPENDED: "producer",
          SanctionKind.USER_DEACTIVATED: "user"}  # what the log calls each measure's subject
_SUBJECT_MODELS = {SanctionKind.LISTING_HIDDEN: Listing, SanctionKind.PRODUCER_SUSPENDED: Producer,
                   SanctionKind.USER_DEACTIVATED: User}


def measures_in_force(kind):
    """The measures of ``kind`` in force, newest first, each with what it is on: [(sanction, subject)]."""
    rows = all_in_force(kind)
    model = _SUBJECT_MODELS[kind]
    subjects = {row.id: row for row in db.session.scalars(select(model).where(model.id.in_([s.subject_id for s in rows])))} if rows else {}
    return [(sanction, subjects.get(sanction.subject_id)) for sanction in rows]


def find_users(query="", page=1, per_page=30):
    """Accounts for staff, found by e-mail or name."""
    statement = select(User)
    text = (query or "").strip()
    if text:
        like = f"%{text.lower()}%"
        statement = statement.where(or_(db.func.lower(User.email).like(like), db.func.lower(User.name).like(like)))
    return db.paginate(statement.order_by(User.id.desc()), page=page, per_page=per_page, error_out=False)
