"""Reviews and follows in the browser: a buyer whose order was delivered reviews the vase and its producer
answers; a buyer follows a shop and reads the digest of its new product. Screenshots at 1280 and 390 px."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import switch_to_english

pytestmark = pytest.mark.browser

REVIEW = "Beautiful blue glaze, packed in three layers and not a chip on it."
ANSWER = "Thank you! The matching cups are in stock too."


def _log_out(page, base):
    page.locator("details.menu summary").click()
    page.get_by_role("button", name="Log out").click()
    switch_to_english(page, base + "/about")


def _both_widths(page, shot, name):
    """Screenshots of the page as it is at 1280 px and at 390 px (a phone), which must not scroll sideways."""
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_delivered_buyer_reviews_the_vase_and_the_producer_answers(log_in, site, shot):
    """Can a buyer whose vase was delivered review it from the order page, and its producer answer under it?"""
    from marketplace.accounts.models import User
    from marketplace.catalog.models import Listing
    from marketplace.extensions import db
    from marketplace.orders import services as orders
    from tests.factories import UserFactory
    from tests.order_helpers import place

    with site.app.app_context():
        buyer = UserFactory(email="lan@example.vn", name="Nguyễn Thị Lan")
        owner = db.session.scalars(db.select(User).where(User.email == site.producer_user_email)).one()
        order = place(buyer, (db.session.get(Listing, site.vase_id), 1))
        part_id, order_id = order.parts[0].id, order.id
        orders.ship_part(owner, part_id, "Viettel Post", "VTP12345678")
        orders.confirm_receipt(buyer, part_id)

    # given: the buyer opens the delivered order
    page = log_in("lan@example.vn")
    page.goto(f"{site.base}/orders/{order_id}")
    page.get_by_test_id("review-line").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review a product")
    # when: the review is sent without stars or words, then properly
    page.get_by_role("button", name="Publish the review").click()
    expect(page.locator(".form-errors")).to_contain_text("2 fields need your attention")
    page.get_by_label("4 stars").check()
    page.get_by_label("Your review").fill(REVIEW)
    page.get_by_label("Written in").select_option("en")
    _both_widths(page, shot, "review-form")
    page.get_by_role("button", name="Publish the review").click()
    # then: it is on the product page, with its language, and the rating counts it
    expect(page.get_by_role("status").first).to_contain_text("Thank you: your review is on the product's page.")
    review = page.get_by_test_id("review")
    expect(review).to_have_count(1)
    expect(review).to_contain_text(REVIEW)
    expect(review.get_by_test_id("review-language")).to_have_text("Written in English")
    expect(page.get_by_test_id("product-rating")).to_contain_text("4.0")
    expect(page.get_by_test_id("product-rating")).to_contain_text("1 review")
    expect(page.get_by_test_id("write-review")).to_have_count(0)
    _log_out(page, site.base)

    # when: the producer answers once
    log_in(site.producer_user_email)
    page.goto(f"{site.base}/products/{site.vase_id}")
    page.get_by_test_id("answer-review").locator("summary").click()
    page.get_by_label("Your answer").fill(ANSWER)
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.get_by_role("status").first).to_contain_text("Your answer is published under the review.")
    expect(page.get_by_test_id("review-answer")).to_contain_text(ANSWER)
    expect(page.get_by_test_id("answer-review")).to_have_count(0)
    page.locator("#reviews").scroll_into_view_if_needed()
    _both_widths(page, shot, "review-answered")


def test_a_buyer_follows_a_shop_and_reads_the_digest_of_its_new_product(log_in, site, shot):
    """Can a buyer follow a shop from its page, and find its new product in the digest and on the saved page?"""
    from marketplace.extensions import db
    from marketplace.follows import services as follows
    from marketplace.producers.models import Producer
    from tests.factories import ListingFactory, UserFactory

    with site.app.app_context():
        UserFactory(email="hoa@example.vn", name="Phạm Thu Hoa")

    page = log_in("hoa@example.vn")
    page.goto(f"{site.base}/products/{site.vase_id}")
    page.get_by_test_id("save-product").click()
    expect(page.get_by_test_id("save-product")).to_have_attribute("aria-pressed", "true")
    page.goto(f"{site.base}/producers/gom-minh-hai")
    page.get_by_test_id("follow").click()
    expect(page.get_by_role("status").first).to_contain_text("You follow Gốm Minh Hải")
    expect(page.get_by_test_id("follow")).to_have_text("Following ✓ (unfollow)")
    _both_widths(page, shot, "follow-shop")

    # when: the shop lists a new product and the digest runs
    with site.app.app_context():
        producer = db.session.get(Producer, site.producer_id)
        ListingFactory(producer=producer, title_vi="Chén trà men rạn", title_en="Crackle tea cup", price_vnd=90_000)
        assert follows.send_digests() == 1

    # then: one notification names it, and the saved page lists the shop, the vase and what was viewed
    page.goto(f"{site.base}/notifications")
    expect(page.get_by_text("New from the shops and villages you follow")).to_have_count(1)
    expect(page.get_by_text("1 new product: Crackle tea cup (Gốm Minh Hải).")).to_be_visible()
    _both_widths(page, shot, "follow-digest")
    page.locator("details.menu summary").click()
    page.get_by_role("link", name="Saved and followed").click()
    expect(page.get_by_test_id("favourites")).to_contain_text("Blue-glaze ceramic vase")
    expect(page.get_by_test_id("follows")).to_contain_text("Gốm Minh Hải")
    _both_widths(page, shot, "saved-page")
    # and: unfollowing is one click, and following again one more
    page.get_by_test_id("follows").get_by_test_id("follow").click()
    expect(page.get_by_role("status").first).to_contain_text("You no longer follow Gốm Minh Hải.")
    expect(page.get_by_text("You follow no shop or village yet")).to_be_visible()
    page.goto(f"{site.base}/producers/gom-minh-hai")
    page.get_by_test_id("follow").click()
    expect(page.get_by_test_id("follow")).to_have_text("Following ✓ (unfollow)")
