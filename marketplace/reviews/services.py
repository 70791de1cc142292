"""Reviews after delivery: who may write one, writing and answering it, hiding it (for moderation),
and the counters that keep each listing's and shop's rating in step in the same transaction."""
from flask_babel import gettext as _
from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import joinedload, selectinload

from marketplace.catalog import images
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Listing
from marketplace.core.errors import InvalidInput, NotAllowed, NotFound, found
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.notifications.messages import both
from marketplace.notifications.services import notify, site_path
from marketplace.orders.models import Order, OrderLine, OrderPart, PartStatus
from marketplace.producers import services as producers
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.reviews.constants import MAX_PHOTOS, PER_PAGE
from marketplace.reviews.models import Review, ReviewPhoto, ReviewStatus
from marketplace.reviews.schemas import AnswerSchema, ReviewSchema


class ReviewError(InvalidInput):
    """Raised when a review or an answer breaks a rule (no stars, too many photos…)."""


class AlreadyDone(ReviewError):
    """Raised when the product was already reviewed from this delivery, or the review already answered (409)."""

    status_code = 409


def _unreviewed_parts(user, listing_id):
    """The user's delivered parts holding ``listing_id`` that have no review of it yet, oldest first."""
    reviewed = exists().where(Review.part_id == OrderPart.id, Review.listing_id == listing_id)
    return (select(OrderPart.id).join(Order, OrderPart.order_id == Order.id)
            .where(Order.buyer_id == user.id, OrderPart.status == PartStatus.DELIVERED, ~reviewed,
                   OrderPart.id.in_(select(OrderLine.part_id).where(OrderLine.listing_id == listing_id)))
            .order_by(OrderPart.id))


def can_review(user, listing_id):
    """Whether this user received the product and has not reviewed it from that delivery yet."""
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.scalar(_unreviewed_parts(user, listing_id).limit(1)) is not None


def _delivered_ever(user, listing_id):
    return db.session.scalar(select(exists().where(
        OrderPart.order_id == Order.id, Order.buyer_id == user.id, OrderPart.status == PartStatus.DELIVERED,
        OrderLine.part_id == OrderPart.id, OrderLine.listing_id == listing_id)))


def _part_to_review(user, listing_id):
    """The delivered part this review is written from, locked so that a double-click writes one review."""
    part_id = db.session.scalar(_unreviewed_parts(user, listing_id).limit(1))
    if part_id is None:
        if _delivered_ever(user, listing_id):
            raise AlreadyDone(_("You have already reviewed this product."))
        raise NotAllowed(_("Only a buyer whose order of this product was delivered can review it."))
    part = db.session.scalars(select(OrderPart).where(OrderPart.id == part_id).with_for_update()).one()
    if db.session.scalar(select(exists().where(Review.part_id == part.id, Review.listing_id == listing_id))):
        raise AlreadyDone(_("You have already reviewed this product."))
    return part


def _review_path(review):
    return site_path("catalog.detail", listing_id=review.listing_id) + f"#review-{review.id}"


def _count(review, sign):
    """Add (+1) or take away (-1) the review's stars on its listing and shop, as atomic UPDATEs."""
    for model, ident in ((Listing, review.listing_id), (Producer, review.producer_id)):
        db.session.execute(update(model).where(model.id == ident).values(
            rating_count=model.rating_count + sign, rating_sum=model.rating_sum + sign * review.rating)
            .execution_options(synchronize_session=False))


def _store_photos(review, photos):
    if len(photos) > MAX_PHOTOS:
        raise ReviewError(_("A review has at most %(n)s photos.", n=MAX_PHOTOS), field="photos")
    images.check_request_pixels(photos)
    for position, data in enumerate(photos):
        try:
            path, thumb, width, height = images.store_image(data, kind="reviews")
        except images.ImageRejected as exc:
            raise ReviewError(exc.message, field="photos") from None
        review.photos.append(ReviewPhoto(position=position, path=path, thumb_path=thumb, width=width, height=height))


@transactional
def write_review(user, listing_id, data, photos=()):
    """A buyer reviews a product of one of their delivered parts: once per product and delivery."""
    listing = catalog.public_listing(listing_id)
    clean = load(ReviewSchema(), data, ReviewError)
    part = _part_to_review(user, listing.id)
    review = Review(listing_id=listing.id, producer_id=listing.producer_id, part_id=part.id, author_id=user.id,
                    rating=clean["rating"], text=clean["text"], language=clean["language"])
    db.session.add(review)
    _store_photos(review, list(photos))
    db.session.flush()
    _count(review, +1)
    for member in listing.producer.members:
        notify(member.user, "reviews.new", {"title": both(listing.title_vi[:100], listing.title_en[:100]),
                                            "rating": review.rating},
               link=_review_path(review))
    return review


@transactional
def answer_review(user, review_id, data, language="vi"):
    """The producer answers a review once; the buyer is told."""
    review = found(Review, review_id, _("Review not found."),
                   allowed=lambda row: row.visible and producers.can_act_for(user, row.producer_id))
    text = load(AnswerSchema(), data, ReviewError)["text"]
    answered = db.session.execute(
        update(Review).where(Review.id == review.id, Review.answer == "")
        .values(answer=text, answer_language=language, answered_by_id=user.id, answered_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    if answered != 1:
        raise AlreadyDone(_("This review has already been answered."))
    db.session.refresh(review)
    if review.author is not None:
        notify(review.author, "reviews.answered", {"producer": review.producer.name, "text": text[:500]},
               link=_review_path(review))
    return review


def set_status(review_id, status, reason=""):
    """Hide or show a review again, its stars leaving or rejoining the ratings in this transaction.

    For moderation, which checks the actor and logs the action; refuses a move to the status it has.
    """
    review = found(Review, review_id, _("Review not found."))
    moved = db.session.execute(
        update(Review).where(Review.id == review.id, Review.status != status)
        .values(status=status, hidden_reason=reason if status == ReviewStatus.HIDDEN else "")
        .execution_options(synchronize_session=False)).rowcount
    if moved != 1:
        raise ReviewError(_("This review is already hidden.") if status == ReviewStatus.HIDDEN
                          else _("This review is not hidden."))
    db.session.refresh(review)
    _count(review, -1 if status == ReviewStatus.HIDDEN else +1)
    return review


def public_review(review_id):
    """A visible review of a public product (what anyone may report); 404 otherwise."""
    review = db.session.get(Review, review_id) if review_id else None
    if review is None or not review.visible:
        raise NotFound(_("Review not found."))
    catalog.public_listing(review.listing_id)
    return review


def reviews_of(listing_id, page=1, per_page=PER_PAGE, with_hidden=False):
    """A product's reviews, newest first, with their photos and authors (staff also see hidden ones)."""
    query = (select(Review).where(Review.listing_id == listing_id)
             .options(selectinload(Review.photos), joinedload(Review.author)))
    if not with_hidden:
        query = query.where(Review.status == ReviewStatus.VISIBLE)
    return db.paginate(query.order_by(Review.id.desc()), page=page, per_page=per_page, error_out=False)


def village_rating(village_id):
    """(average, count) of the visible reviews of a village's public shops; (None, 0) before the first."""
    total, count = db.session.execute(
        select(func.coalesce(func.sum(Producer.rating_sum), 0), func.coalesce(func.sum(Producer.rating_count), 0))
        .where(Producer.village_id == village_id, Producer.status == ProducerStatus.APPROVED)).one()
    return (total / count if count else None), count


def reviewed_lines(part_ids):
    """{(part_id, listing_id): review} for these parts: what an order page needs to offer "Write a review"."""
    if not part_ids:
        return {}
    rows = db.session.scalars(select(Review).where(Review.part_id.in_(part_ids))).all()
    return {(row.part_id, row.listing_id): row for row in rows}
