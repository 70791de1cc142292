"""Reference products picked by name on the inquiry form (issue 12 item 6), with the keyboard."""
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

IMPORTER = "picker@import.example"


@pytest.fixture
def importer(site):
    from marketplace.accounts.models import Role
    from tests.factories import UserFactory

    with site.app.app_context():
        UserFactory(email=IMPORTER, name="Anna Becker", role=Role.IMPORTER, locale="en")
    return IMPORTER


def _fill_the_rest(page):
    page.get_by_label("What are you looking for?").fill("Vases like this one for our shops")
    page.get_by_label("Quantity", exact=True).fill("200")
    page.get_by_label("Needed by").fill((date.today() + timedelta(days=60)).isoformat())
    page.get_by_label("Destination country").select_option("DE")


def test_typing_binh_and_choosing_with_the_keyboard_references_the_vase(log_in, site, importer, shot):
    """Does typing "bình" suggest the vase, Down and Enter add it to the chosen list, and the sent
    inquiry show it by title?"""
    page = log_in(importer)
    page.goto(site.base + "/dashboard/importer/inquiries/new")
    _fill_the_rest(page)
    box = page.get_by_role("combobox", name="Reference products")
    box.press_sequentially("bình")
    listbox = page.get_by_role("listbox", name="Find a product by name")
    expect(listbox.get_by_role("option")).to_have_text(["Blue-glaze ceramic vase"])
    expect(box).to_have_attribute("aria-expanded", "true")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot("picker-suggestions-1280")
    box.press("ArrowDown")
    expect(listbox.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    box.press("Enter")

    chosen = page.get_by_role("list", name="Chosen reference products")
    expect(chosen.get_by_role("listitem")).to_have_count(1)
    expect(chosen.get_by_role("link")).to_have_text("Blue-glaze ceramic vase")
    expect(chosen.get_by_role("button", name="Remove Blue-glaze ceramic vase")).to_be_visible()
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("")
    expect(page.locator("#reference_listing_ids")).to_have_value(str(site.vase_id))
    shot("picker-chosen-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("picker-chosen-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Send inquiry").click()
    expect(page.get_by_role("status")).to_contain_text("Inquiry sent.")
    expect(page.get_by_role("link", name=f"#{site.vase_id} Blue-glaze ceramic vase")).to_be_visible()


def test_escape_closes_and_remove_takes_a_product_off(log_in, site, importer):
    """Does Escape close the list keeping the words, and Remove take a chosen product off the field?"""
    page = log_in(importer)
    page.goto(site.base + "/dashboard/importer/inquiries/new")
    box = page.get_by_role("combobox", name="Reference products")
    box.press_sequentially("lụa")
    listbox = page.get_by_role("listbox", name="Find a product by name")
    expect(listbox.get_by_role("option")).to_have_text(["White mulberry silk scarf", "Vạn Phúc silk áo dài"])
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("lụa")
    box.press("ArrowDown")  # opens the list again
    expect(listbox).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    box.press_sequentially("bình")
    expect(listbox.get_by_role("option")).to_have_text(["Blue-glaze ceramic vase"])
    box.press("ArrowDown")
    box.press("Enter")
    chosen = page.get_by_role("list", name="Chosen reference products")
    expect(chosen.get_by_role("link")).to_have_text(["White mulberry silk scarf", "Blue-glaze ceramic vase"])
    chosen.get_by_role("button", name="Remove White mulberry silk scarf").click()
    expect(chosen.get_by_role("link")).to_have_text(["Blue-glaze ceramic vase"])
    expect(page.locator("#reference_listing_ids")).to_have_value(str(site.vase_id))
    expect(box).to_be_focused()


def test_without_javascript_a_pasted_page_address_is_read(browser, site, importer):
    """With JavaScript off, does a pasted product address count, and a wrong entry come back named?"""
    from tests.browser.conftest import switch_to_english
    from tests.factories import PASSWORD

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    switch_to_english(page, site.base + "/about")
    page.goto(site.base + "/login")
    page.get_by_label("E-mail").fill(IMPORTER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(site.base + "/dashboard/importer/inquiries/new")
    _fill_the_rest(page)
    field = page.get_by_role("textbox", name="Reference products")
    field.fill(f"/products/{site.vase_id}-binh-gom, teapot")
    page.get_by_role("button", name="Send inquiry").click()
    expect(page.locator("#reference_listing_ids-error")).to_have_text(
        "Not a product number or a product page address: “teapot”.")
    field.fill(f"{site.base}/products/{site.vase_id}-binh-gom")
    page.get_by_role("button", name="Send inquiry").click()
    expect(page.get_by_role("status")).to_contain_text("Inquiry sent.")
    expect(page.get_by_role("link", name=f"#{site.vase_id} Blue-glaze ceramic vase")).to_be_visible()
    context.close()
