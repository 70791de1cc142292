"""Saved products, followed shops and villages, the follow digest, and the recently viewed list."""
import logging

from flask_babel import gettext as _
from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from marketplace.accounts.models import User
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Listing, ListingStatus
from marketplace.core.errors import InvalidInput, NotFound
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.extensions import db
from marketplace.follows.models import DigestMark, Favourite, Follow
from marketplace.notifications.messages import both, each, number
from marketplace.notifications.services import notify, site_path
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.villages.models import Village

log = logging.getLogger(__name__)

KINDS = ("producer", "village")  # what one can follow
DIGEST_TITLES = 10  # products named in one digest; the count says how many there are in all
RECENT = 8  # products in a buyer's "recently viewed" list


class FollowError(InvalidInput):
    """Raised when the thing to follow is not one of KINDS."""


# ---------------------------------------------------------------- favourites

def is_saved(user, listing_id):
    return getattr(user, "is_authenticated", False) and db.session.scalar(
        select(Favourite.id).where(Favourite.user_id == user.id, Favourite.listing_id == listing_id)) is not None


@transactional
def save(user, listing_id):
    """Add a public product to the user's favourites (saving it twice keeps one)."""
    listing = catalog.public_listing(listing_id)
    if not is_saved(user, listing.id):
        db.session.add(Favourite(user_id=user.id, listing_id=listing.id))
    return listing


@transactional
def unsave(user, listing_id):
    db.session.execute(delete(Favourite).where(Favourite.user_id == user.id, Favourite.listing_id == listing_id))


def _public():
    return and_(Listing.status == ListingStatus.ACTIVE, Producer.status == ProducerStatus.APPROVED)


def favourites_of(user):
    """The user's saved products that are still public, last saved first."""
    return db.session.scalars(
        select(Listing).join(Favourite, Favourite.listing_id == Listing.id).join(Producer, Listing.producer_id == Producer.id)
        .where(Favourite.user_id == user.id, _public()).options(*catalog.card_options())
        .order_by(Favourite.id.desc())).unique().all()


# ---------------------------------------------------------------- follows

def _subject(kind, subject_id):
    if kind not in KINDS:
        raise FollowError(_("Only shops and villages can be followed."))
    if kind == "producer":
        producer = db.session.get(Producer, subject_id)
        if producer is None or not producer.is_public:
            raise NotFound(_("Producer not found."))
        return producer
    village = db.session.get(Village, subject_id)
    if village is None:
        raise NotFound(_("Village not found."))
    return village


def _follow_of(kind):
    return Follow.producer_id if kind == "producer" else Follow.village_id


def following(user, kind, subject_id):
    if not getattr(user, "is_authenticated", False) or kind not in KINDS:
        return False
    return db.session.scalar(select(Follow.id).where(Follow.user_id == user.id,
                                                     _follow_of(kind) == subject_id)) is not None


@transactional
def follow(user, kind, subject_id):
    """Follow a public shop or a village: its products listed from now on come in the digest."""
    subject = _subject(kind, subject_id)
    if not following(user, kind, subject.id):
        db.session.add(Follow(user_id=user.id, **{f"{kind}_id": subject.id}))
    return subject


@transactional
def unfollow(user, kind, subject_id):
    """Stop following (one click; following again is one click too)."""
    subject = _subject(kind, subject_id)
    db.session.execute(delete(Follow).where(Follow.user_id == user.id, _follow_of(kind) == subject.id))
    return subject


def follows_of(user):
    """The user's follows, shops first then villages, each by name."""
    rows = db.session.scalars(select(Follow).where(Follow.user_id == user.id)
                              .options(joinedload(Follow.producer), joinedload(Follow.village))).all()
    return sorted(rows, key=lambda f: (f.producer is None, (f.producer or f.village).name))


def follower_count(kind, subject_id):
    return db.session.scalar(select(db.func.count()).select_from(Follow).where(_follow_of(kind) == subject_id))


# ---------------------------------------------------------------- the digest

def _new_listings(user_id, since, until):
    """Public listings of the user's followed shops and villages listed after ``since`` (and after the
    follow began) up to ``until``: [(listing)], oldest first."""
    follows = db.session.scalars(select(Follow).where(Follow.user_id == user_id)).all()
    if not follows:
        return []
    wanted = []
    for row in follows:
        start = max(since, row.created_at) if since is not None else row.created_at
        about = Listing.producer_id == row.producer_id if row.producer_id else Producer.village_id == row.village_id
        wanted.append(and_(about, Listing.created_at > start))
    return db.session.scalars(
        select(Listing).join(Producer, Listing.producer_id == Producer.id)
        .where(_public(), Listing.created_at <= until, or_(*wanted))
        .options(joinedload(Listing.producer)).order_by(Listing.created_at, Listing.id)).unique().all()


@transactional
def send_digest(user_id, now=None):
    """Tell one follower of the products listed since their last digest, in one notification (and one
    e-mail through the outbox); returns how many products it named (0: nothing sent).

    The mark moves only if it still holds what was read, so two runs at once send one digest.
    """
    now = now or utcnow()
    mark = db.session.get(DigestMark, user_id)
    since = mark.sent_up_to if mark is not None else None
    listings = _new_listings(user_id, since, now)
    if mark is None:
        db.session.add(DigestMark(user_id=user_id, sent_up_to=now))
        db.session.flush()
    elif db.session.execute(update(DigestMark).where(DigestMark.user_id == user_id, DigestMark.sent_up_to == since)
                            .values(sent_up_to=now).execution_options(synchronize_session=False)).rowcount != 1:
        return 0
    if listings:
        notify(db.session.get(User, user_id), "follows.digest", {
            "num": number(len(listings)),
            "titles": each("follows.title", [{"title": both(item.title_vi[:100], item.title_en[:100]),
                                               "shop": item.producer.name} for item in listings[:DIGEST_TITLES]]),
        }, link=site_path("follows.saved"))
    return len(listings)


def send_digests(now=None):
    """Beat job: one digest per follower who has news; returns how many followers were told."""
    now = now or utcnow()
    told = 0
    for user_id in db.session.scalars(select(Follow.user_id).distinct().order_by(Follow.user_id)).all():
        try:
            told += 1 if send_digest(user_id, now) else 0
        except IntegrityError:  # another run wrote this follower's first mark meanwhile: it sent the digest
            log.info("follow digest for user %s sent by another run", user_id)
    return told


# ---------------------------------------------------------------- recently viewed (kept in the session)

def remember(recent, listing_id):
    """The recently viewed ids with ``listing_id`` first, at most RECENT (what the session keeps)."""
    return [listing_id, *[i for i in (recent or []) if isinstance(i, int) and i != listing_id]][:RECENT]


def recently_viewed(recent, skip=None):
    """The public listings of these ids, in that order (a product taken off sale drops out)."""
    ids = [i for i in (recent or []) if isinstance(i, int) and i != skip]
    if not ids:
        return []
    rows = db.session.scalars(select(Listing).join(Producer, Listing.producer_id == Producer.id)
                              .where(Listing.id.in_(ids), _public()).options(*catalog.card_options())).unique().all()
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]
