"""Reviews after delivery: only a buyer who received the product reviews it, once; the producer answers
once; staff hide a review with a reason; anyone signed in reports one; ratings follow in step."""
import io
import re
from html import unescape

import pytest
from PIL import Image
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.catalog.models import Listing
from marketplace.moderation import services as moderation
from marketplace.moderation.models import ModerationAction, Report
from marketplace.notifications.models import Notification
from marketplace.orders import services as orders
from marketplace.producers.models import Producer
from marketplace.reviews import services as reviews
from marketplace.reviews.models import Review, ReviewPhoto
from tests.factories import ListingFactory, ProducerFactory, UserFactory
from tests.order_helpers import client_for, count, make_shop, place
from tests.review_helpers import deliver, delivered_shop

TEXT = "Men lam rất đẹp, đóng gói cẩn thận. Giao hàng nhanh."


@pytest.fixture
def shop(db):
    return delivered_shop()


def _errors(html):
    return [unescape(m) for m in re.findall(r'<p class="error"[^>]*>([^<]+)</p>', html)]


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 80, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def _ratings(db, shop):
    db.session.expire_all()
    listing, producer = db.session.get(Listing, shop.a.id), db.session.get(Producer, shop.a.producer_id)
    return listing.rating_count, listing.rating_sum, producer.rating_count, producer.rating_sum


def test_a_buyer_whose_order_was_delivered_reviews_the_product_with_a_photo(app, db, shop):
    """Does a delivered buyer's review (stars, words, language, photo) show on the product and count in its rating?"""
    client = client_for(app, shop.buyer)
    assert 'data-testid="write-review"' in client.get(f"/products/{shop.a.id}").get_data(as_text=True)
    form = client.get(f"/products/{shop.a.id}/review")
    assert form.status_code == 200

    response = client.post(f"/products/{shop.a.id}/review", data={
        "rating": "4", "text": TEXT, "language": "vi", "photos": [(io.BytesIO(_jpeg()), "binh.jpg")]},
        content_type="multipart/form-data")

    review = db.session.scalars(select(Review)).one()
    assert (response.status_code, response.headers["Location"]) == (303, f"/products/{shop.a.id}#review-{review.id}")
    assert (review.rating, review.text, review.language, review.author_id, review.status) == (
        4, TEXT, "vi", shop.buyer.id, "visible")
    assert count(db, ReviewPhoto, ReviewPhoto.review_id == review.id) == 1
    assert _ratings(db, shop) == (1, 4, 1, 4)
    page = client.get(f"/products/{shop.a.id}").get_data(as_text=True)
    assert TEXT in page and "Written in Vietnamese" in page
    assert "4.0" in page and "1 review" in page
    assert 'data-testid="write-review"' not in page  # once per product and delivery
    owner_note = db.session.scalars(select(Notification).where(Notification.user_id == shop.owner_a.id,
                                                               Notification.message_key == "reviews.new")).one()
    assert owner_note.params["rating"] == 4


def test_a_buyer_reviews_each_product_once(app, db, shop):
    """Is a second review of the same delivered product refused (409), leaving one review and the same rating?"""
    client = client_for(app, shop.buyer)
    reviews.write_review(shop.buyer, shop.a.id, {"rating": "5", "text": "Tuyệt vời", "language": "vi"})

    again = client.post(f"/products/{shop.a.id}/review", data={"rating": "1", "text": "Lần hai", "language": "vi"})

    assert again.status_code == 409
    assert "You have already reviewed this product." in again.get_data(as_text=True)
    assert count(db, Review) == 1
    assert _ratings(db, shop) == (1, 5, 1, 5)


def test_only_a_buyer_whose_part_was_delivered_may_review(app, db):
    """Are a buyer whose part is only shipped, and someone who never bought it, refused (403) with nothing written?"""
    shop = make_shop()
    order = place(shop.buyer, (shop.a, 1))
    orders.ship_part(shop.owner_a, order.parts[0].id, "GHN", "GHN123456")
    stranger = UserFactory(email="khach@example.vn", locale="en")

    for user in (shop.buyer, stranger):
        client = client_for(app, user)
        assert client.get(f"/products/{shop.a.id}/review").status_code == 403
        posted = client.post(f"/products/{shop.a.id}/review", data={"rating": "5", "text": "Đẹp", "language": "vi"})
        assert posted.status_code == 403
        assert 'data-testid="write-review"' not in client.get(f"/products/{shop.a.id}").get_data(as_text=True)
    assert count(db, Review) == 0
    assert _ratings(db, shop) == (0, 0, 0, 0)


def test_a_review_form_names_every_mistake_at_once(app, db, shop):
    """Does an empty review say what is missing, field by field, in one answer (400), and write nothing?"""
    client = client_for(app, shop.buyer)

    response = client.post(f"/products/{shop.a.id}/review", data={"rating": "9", "text": " ", "language": "fr"})

    assert response.status_code == 400
    assert _errors(response.get_data(as_text=True)) == [
        "Give the product 1 to 5 stars.", "Write a few words about the product.", "Choose Vietnamese or English."]
    assert count(db, Review) == 0


def test_the_producer_answers_a_review_once_and_the_buyer_is_told(app, db, shop):
    """Does the producer's answer show under the review, is a second answer refused, and may no other shop answer?"""
    review = reviews.write_review(shop.buyer, shop.a.id, {"rating": "3", "text": "Tạm được", "language": "vi"})
    owner = client_for(app, shop.owner_a)
    assert 'data-testid="answer-review"' in owner.get(f"/products/{shop.a.id}").get_data(as_text=True)

    first = owner.post(f"/reviews/{review.id}/answer", data={"text": "Cảm ơn anh chị đã góp ý."})
    second = owner.post(f"/reviews/{review.id}/answer", data={"text": "Lần hai"})
    other = client_for(app, shop.owner_b).post(f"/reviews/{review.id}/answer", data={"text": "Không phải của tôi"})

    assert first.status_code == second.status_code == 303
    db.session.expire_all()
    assert db.session.get(Review, review.id).answer == "Cảm ơn anh chị đã góp ý."
    assert other.status_code == 404  # another shop's review is not found, and nothing is saved
    page = owner.get(f"/products/{shop.a.id}").get_data(as_text=True)
    assert "Cảm ơn anh chị đã góp ý." in page and "Lần hai" not in page and "Không phải của tôi" not in page
    assert 'data-testid="answer-review"' not in page
    told = db.session.scalars(select(Notification).where(Notification.user_id == shop.buyer.id,
                                                         Notification.message_key == "reviews.answered")).one()
    assert told.params == {"producer": "Gốm Minh Long", "text": "Cảm ơn anh chị đã góp ý."}


def test_staff_hide_a_review_with_a_reason_and_show_it_again(app, db, shop):
    """Does hiding take the review off the page and its stars out of the ratings, logged with the reason?"""
    review = reviews.write_review(shop.buyer, shop.a.id, {"rating": "2", "text": "Số điện thoại 0912...", "language": "vi"})
    reviews.write_review(shop.buyer, shop.b.id, {"rating": "5", "text": "Lụa mềm", "language": "vi"})
    staff = UserFactory(role=Role.STAFF, email="staff@example.vn", locale="en")
    client = client_for(app, staff)

    hidden = client.post(f"/staff/reviews/{review.id}/hide", data={"reason": "Personal data in the text",
                                                                    "next": f"/products/{shop.a.id}"})

    assert (hidden.status_code, hidden.headers["Location"]) == (303, f"/products/{shop.a.id}")
    assert _ratings(db, shop) == (0, 0, 0, 0)
    public = client_for(app, UserFactory(locale="en")).get(f"/products/{shop.a.id}").get_data(as_text=True)
    assert "Số điện thoại" not in public
    log = db.session.scalars(select(ModerationAction).where(ModerationAction.subject_kind == "review")).one()
    assert (log.action, log.subject_id, log.reason, log.actor_id) == ("hide_review", review.id,
                                                                     "Personal data in the text", staff.id)
    note = db.session.scalars(select(Notification).where(Notification.message_key == "reviews.hidden")).one()
    assert (note.user_id, note.params["reason"]) == (shop.buyer.id, "Personal data in the text")
    client = client_for(app, staff)
    assert client.post(f"/staff/reviews/{review.id}/hide", data={"reason": "again"}).status_code == 303
    assert count(db, ModerationAction, ModerationAction.action == "hide_review") == 1  # already hidden: nothing

    client.post(f"/staff/reviews/{review.id}/show", data={"reason": ""})

    assert _ratings(db, shop) == (1, 2, 1, 2)
    assert count(db, ModerationAction, ModerationAction.action == "unhide_review") == 1


def test_a_staff_hide_needs_a_reason_and_only_staff_may_hide(app, db, shop):
    """Is a hide without a reason, or by a buyer, refused with nothing changed?"""
    review = reviews.write_review(shop.buyer, shop.a.id, {"rating": "4", "text": "Đẹp", "language": "vi"})
    staff = UserFactory(role=Role.STAFF, locale="en")

    client_for(app, staff).post(f"/staff/reviews/{review.id}/hide", data={"reason": "  "})
    by_buyer = client_for(app, shop.buyer).post(f"/staff/reviews/{review.id}/hide", data={"reason": "no"})

    assert by_buyer.status_code in (403, 404)
    db.session.expire_all()
    assert db.session.get(Review, review.id).status == "visible"
    assert _ratings(db, shop) == (1, 4, 1, 4)
    assert count(db, ModerationAction) == 0


def test_anyone_signed_in_reports_a_review_and_staff_hide_it_from_the_queue(app, db, shop):
    """Does a report of a review join the reports queue, and does resolving it with "Review hidden" hide it?"""
    review = reviews.write_review(shop.buyer, shop.a.id, {"rating": "1", "text": "Quảng cáo shop khác", "language": "vi"})
    reporter = UserFactory(email="hoa@example.vn", locale="en")
    client = client_for(app, reporter)
    assert f'href="/report?review={review.id}' in client.get(f"/products/{shop.a.id}").get_data(as_text=True)
    assert "A buyer's review of this product" in client.get(f"/report?review={review.id}").get_data(as_text=True)

    sent = client.post("/report", data={"subject": "review", "review_id": str(review.id), "category": "offensive",
                                        "text": "Spam for another shop"})

    assert sent.status_code == 303
    report = db.session.scalars(select(Report)).one()
    assert (report.subject, report.review_id, report.listing_id, report.producer_id) == (
        "review", review.id, shop.a.id, shop.a.producer_id)
    staff = UserFactory(role=Role.STAFF, locale="en")
    assert f"Review no. {review.id}" in client_for(app, staff).get(f"/staff/reports/{report.id}").get_data(as_text=True)

    moderation.resolve(staff, report.id, {"outcome": "review_hidden", "note": "Advertising"})

    db.session.expire_all()
    assert (db.session.get(Review, review.id).status, db.session.get(Review, review.id).hidden_reason) == (
        "hidden", "Advertising")
    assert _ratings(db, shop) == (0, 0, 0, 0)


def test_a_hidden_or_unknown_review_cannot_be_reported(app, db, shop):
    """Is a report of a hidden review or of no review a 404, with nothing stored?"""
    review = reviews.write_review(shop.buyer, shop.a.id, {"rating": "1", "text": "x", "language": "en"})
    moderation.hide_review(UserFactory(role=Role.STAFF), review.id, {"reason": "spam"})
    client = client_for(app, UserFactory(locale="en"))

    assert client.get(f"/report?review={review.id}").status_code == 404
    assert client.post("/report", data={"subject": "review", "review_id": "999", "category": "other",
                                        "text": "x"}).status_code == 404
    assert count(db, Report) == 0


def test_ratings_show_on_cards_shop_and_village_pages(app, db, shop):
    """Do the product card, the shop page and the village page show the average and the count?"""
    reviews.write_review(shop.buyer, shop.a.id, {"rating": "5", "text": "Đẹp", "language": "vi"})
    second = make_second_delivery(shop)
    reviews.write_review(shop.buyer, second.id, {"rating": "4", "text": "Ổn", "language": "en"})
    client = client_for(app, shop.buyer)
    producer = db.session.get(Producer, shop.a.producer_id)

    shop_page = client.get(f"/producers/{producer.slug}").get_data(as_text=True)
    village_page = client.get(f"/villages/{producer.village.slug}").get_data(as_text=True)

    assert re.search(r'data-testid="shop-rating".*?<strong aria-hidden="true">4\.5</strong>.*?2 reviews', shop_page, re.DOTALL)
    assert re.search(r'data-testid="village-rating".*?4\.5</strong>.*?2 reviews', village_page, re.DOTALL)
    assert 'class="card-rating"' in shop_page
    assert reviews.village_rating(producer.village_id) == (4.5, 2)


def make_second_delivery(shop):
    """A second product of shop A, delivered to the buyer in a new order."""
    listing = ListingFactory(producer=shop.a.producer, title_vi="Chén trà men rạn", title_en="Crackle tea cup",
                             price_vnd=120000, stock=5)
    deliver(shop, (listing, 1))
    return listing


def test_the_catalogue_sorts_by_rating(app, db, english):
    """Does ?sort=rating list the best average first, then the most reviewed, unreviewed products last?"""
    producer = ProducerFactory()
    best, good_many, good_few, _unrated = (ListingFactory(producer=producer, title_en=t) for t in ("Best", "Many", "Few", "None"))
    for listing, count_, total in ((best, 1, 5), (good_many, 3, 12), (good_few, 1, 4)):
        listing.rating_count, listing.rating_sum = count_, total
    db.session.commit()

    client = app.test_client()
    html = client.get("/products?sort=rating&lang=en").get_data(as_text=True)
    titles = re.findall(r'class="card-title"><a href="/products/\d+">([^<]+)</a>', html)

    assert titles == ["Best", "Many", "Few", "None"]
    assert '<option value="rating" selected' in html or 'value="rating" selected' in html


def test_the_api_gives_the_rating_and_the_reviews_of_a_product(app, db, shop):
    """Do the product answers carry the rating, and does /reviews list the visible reviews with the answer?"""
    first = reviews.write_review(shop.buyer, shop.a.id, {"rating": "5", "text": "Đẹp lắm", "language": "vi"})
    reviews.answer_review(shop.owner_a, first.id, {"text": "Cảm ơn!"})
    second = make_second_delivery(shop)
    reviews.write_review(shop.buyer, second.id, {"rating": "2", "text": "Chipped", "language": "en"})
    client = app.test_client()

    detail = client.get(f"/api/v1/products/{shop.a.id}").get_json()
    listed = client.get("/api/v1/products?sort=rating").get_json()
    page = client.get(f"/api/v1/products/{shop.a.id}/reviews").get_json()

    assert detail["rating"] == {"average": 5.0, "count": 1}
    assert [(item["title"]["en"], item["rating"]) for item in listed["items"]] == [
        ("Blue glazed vase", {"average": 5.0, "count": 1}), ("Crackle tea cup", {"average": 2.0, "count": 1}),
        ("Silk scarf", {"average": None, "count": 0})]
    (item,) = page["items"]
    assert (item["id"], item["rating"], item["text"], item["language"], item["photos"]) == (
        first.id, 5, "Đẹp lắm", "vi", [])
    assert (item["answer"]["text"], item["answer"]["language"]) == ("Cảm ơn!", "vi")
    assert (page["total"], page["page"], page["pages"]) == (1, 1, 1)
    assert client.get("/api/v1/products/999/reviews").status_code == 404
