"""A producer adds a listing with a picture from the dashboard, and a mistake in the form."""
import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _listing_titles(app, producer_id):
    from sqlalchemy import select

    from marketplace.catalog.models import Listing
    from marketplace.extensions import db

    with app.app_context():
        return sorted(db.session.scalars(select(Listing.title_vi).where(Listing.producer_id == producer_id)))


def _fill_listing(page, price, image=None):
    # by accessible name, which leaves out the required fields' aria-hidden "*"
    page.get_by_role("textbox", name="Title (Vietnamese)", exact=True).fill("Lọ hoa gốm men hỏa biến")
    page.get_by_role("textbox", name="Title (English)", exact=True).fill("Flambé-glaze flower vase")
    page.get_by_role("combobox", name="Craft", exact=True).select_option(label="Ceramics / Gốm sứ")
    page.get_by_role("combobox", name="Status", exact=True).select_option(label="Active (on sale)")
    _price(page).fill(price)
    page.get_by_role("spinbutton", name="Stock", exact=True).fill("8")
    page.get_by_role("textbox", name="Weight, packed (grams)", exact=True).fill("1200")
    if image is not None:
        page.get_by_label("Images (JPEG, PNG or WebP, up to 8)").set_input_files(image)
    page.get_by_role("button", name="Save listing").click()


def _price(page):
    return page.get_by_role("spinbutton", name="Price (₫)", exact=True)


def _open_new_listing_form(page, site):
    page.goto(site.base + "/dashboard/producer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gốm Minh Hải")
    page.get_by_role("link", name="New listing").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New listing")


def test_producer_creates_listing_with_picture(log_in, site, tmp_path, shot):
    """Can a producer create an active listing with a photo and then see it, priced and pictured, on the public site?"""
    photo = tmp_path / "lo-hoa.jpg"
    picture = Image.new("RGB", (640, 480), (38, 54, 97))
    ImageDraw.Draw(picture).ellipse((220, 100, 420, 380), fill=(210, 105, 59))
    picture.save(photo, "JPEG", quality=90)
    page = log_in(site.producer_user_email)
    expect(page).to_have_url(site.base + "/dashboard/producer")
    _open_new_listing_form(page, site)

    _fill_listing(page, "275000", image=photo)

    expect(page.get_by_role("status")).to_contain_text("Listing saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Flambé-glaze flower vase")
    page.get_by_role("link", name="View on the site").click()
    info = page.locator(".product-info")
    expect(info.get_by_role("heading", level=1)).to_have_text("Flambé-glaze flower vase")
    expect(info.locator(".price-big")).to_have_text("₫275,000")
    expect(info).to_contain_text("8 in stock")
    image = page.locator(".gallery").get_by_role("img", name="Flambé-glaze flower vase")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.decode().then(() => [img.naturalWidth, img.naturalHeight])") == [640, 480]
    assert _listing_titles(site.app, site.producer_id) == sorted(
        ["Bình gốm men lam", "Bộ ấm chén men rạn", "Đĩa gốm chưa xong", "Lọ hoa gốm men hỏa biến"])
    shot("producer-listing-created")


def test_listing_price_too_low_is_refused_next_to_the_field(log_in, site, shot):
    """Is a price of 500 ₫ refused with a message beside the price field, creating nothing?"""
    before = _listing_titles(site.app, site.producer_id)
    page = log_in(site.producer_user_email)
    _open_new_listing_form(page, site)

    _fill_listing(page, "500")

    price = _price(page)
    expect(price).to_have_attribute("aria-invalid", "true")
    expect(price).to_have_value("500")
    message = page.locator("#" + price.get_attribute("aria-describedby"))
    expect(message).to_have_text("Enter a price from ₫1,000 to ₫2,000,000,000.")
    expect(page.locator(".field.has-error")).to_have_count(1)
    expect(page.locator(".field.has-error")).to_contain_text("Enter a price from ₫1,000 to ₫2,000,000,000.")
    expect(page.get_by_role("alert")).to_contain_text("One field needs your attention:")
    expect(page.get_by_role("alert").get_by_role("link")).to_have_text(["Price (₫)"])
    assert _listing_titles(site.app, site.producer_id) == before
    shot("producer-listing-price-error")
