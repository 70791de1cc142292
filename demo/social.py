"""The demo buyer's reviews of what was delivered (one answered by its producer), saved products and
follows, through the review and follow services; product views and mark scans of the last two weeks,
through the batched counters."""
from datetime import timedelta

from sqlalchemy import exists, select

from demo import content
from marketplace.catalog.models import Listing, ListingStatus, ListingViewDay
from marketplace.core import counters
from marketplace.extensions import db
from marketplace.follows import services as follows
from marketplace.orders import services as orders
from marketplace.orders.models import Order, OrderLine, OrderPart, PartStatus
from marketplace.producers.models import Producer
from marketplace.reports import tallies
from marketplace.reviews import services as reviews
from marketplace.reviews.models import Review
from marketplace.trademarks.models import Trademark
from marketplace.villages.models import Village


def _delivered_listing(buyer, producer_slug):
    """The first product of this producer delivered to the buyer, or None."""
    return db.session.scalar(
        select(OrderLine.listing_id).join(OrderPart, OrderLine.part_id == OrderPart.id)
        .join(Order, OrderPart.order_id == Order.id).join(Producer, OrderPart.producer_id == Producer.id)
        .where(Order.buyer_id == buyer.id, OrderPart.status == PartStatus.DELIVERED, Producer.slug == producer_slug)
        .order_by(OrderLine.id).limit(1))


def ensure_reviews(people):
    """Each planned review of a delivered product, written once; its producer's answer, given once."""
    data = content.load("reviews")
    buyer = people[data["buyer"]]
    for wanted in data["reviews"]:
        listing_id = _delivered_listing(buyer, wanted["producer"])
        if listing_id is None:  # the orders changed: skip rather than invent
            continue
        if reviews.can_review(buyer, listing_id):
            reviews.write_review(buyer, listing_id, {"rating": wanted["rating"], "text": wanted["text"],
                                                     "language": wanted["language"]})
        review = db.session.scalars(select(Review).where(Review.listing_id == listing_id, Review.author_id == buyer.id)
                                    .order_by(Review.id).limit(1)).first()
        if wanted.get("answer") and review is not None and not review.answer:
            owner = orders.producer_users(review.producer_id)[0]
            reviews.answer_review(owner, review.id, {"text": wanted["answer"]}, language="vi")


def ensure_follows(people):
    """The buyer's saved products (each shop's first on sale) and followed shops and village; both idempotent."""
    data = content.load("reviews")
    buyer = people[data["buyer"]]
    for slug in data["saved"]:
        listing_id = db.session.scalar(select(Listing.id).join(Producer).where(
            Producer.slug == slug, Listing.status == ListingStatus.ACTIVE).order_by(Listing.id).limit(1))
        if listing_id is not None:
            follows.save(buyer, listing_id)
    for slug in data["follow_producers"]:
        producer_id = db.session.scalar(select(Producer.id).where(Producer.slug == slug))
        if producer_id is not None:
            follows.follow(buyer, "producer", producer_id)
    for slug in data["follow_villages"]:
        village_id = db.session.scalar(select(Village.id).where(Village.slug == slug))
        if village_id is not None:
            follows.follow(buyer, "village", village_id)


def ensure_views():
    """Two weeks of product views and mark scans (a fixed pattern), once: only while no view is recorded."""
    if db.session.scalar(select(exists().where(ListingViewDay.views > 0))):
        return
    today = counters.today()
    listings = db.session.scalars(select(Listing.id).where(Listing.status == ListingStatus.ACTIVE).order_by(Listing.id)).all()
    marks = db.session.scalars(select(Trademark.id).order_by(Trademark.id)).all()
    days = [today - timedelta(days=n) for n in range(14)]
    counters.give_back("views", {(lid, day): 5 + (lid * 7 + n * 3) % 23 for lid in listings for n, day in enumerate(days)})
    counters.give_back("scans", {(mid, day): (mid + n) % 6 for mid in marks for n, day in enumerate(days) if (mid + n) % 6})
    tallies.flush()
