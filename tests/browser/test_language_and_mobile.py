"""The language switch, and the catalogue on a phone-sized screen."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SECTIONS = ("Products", "Villages", "Trademarks", "Verify a product", "About")


def _in_vietnamese(app, *msgids):
    """What the app's own catalogue says for these English msgids in Vietnamese (the msgid while untranslated)."""
    from flask_babel import gettext

    with app.test_request_context("/?lang=vi"):
        return [gettext(msgid) for msgid in msgids]


def _page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_language_switch_changes_the_interface(page, site, shot):
    """Does the header switch move the interface from Vietnamese (the default) to English and back, staying on the page?"""
    main_vi, *sections_vi = _in_vietnamese(site.app, "Main", *SECTIONS)
    page.goto(site.base + "/products")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "vi")
    expect(page.get_by_role("navigation", name=main_vi).get_by_role("link")).to_have_text(sections_vi)
    switch = page.locator("form.lang-switch")
    expect(switch.get_by_role("button", name="VI")).to_have_attribute("aria-pressed", "true")

    switch.get_by_role("button", name="EN").click()

    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/products\??$"))
    expect(page.get_by_role("navigation", name="Main").get_by_role("link")).to_have_text(list(SECTIONS))
    expect(page.get_by_role("heading", level=1)).to_have_text("Products from the villages")
    expect(page.get_by_role("article").get_by_role("link", name="Blue-glaze ceramic vase")).to_be_visible()
    expect(switch.get_by_role("button", name="EN")).to_have_attribute("aria-pressed", "true")
    shot("language-english")

    switch.get_by_role("button", name="VI").click()

    expect(html).to_have_attribute("lang", "vi")
    expect(page.get_by_role("navigation", name=main_vi).get_by_role("link")).to_have_text(sections_vi)
    expect(page.get_by_role("article").get_by_role("link", name="Bình gốm men lam")).to_be_visible()
    shot("language-vietnamese")


def test_language_switch_works_on_a_phone(page, site, shot):
    """On a 390×844 phone, is the VI/EN switch visible and does pressing EN switch the page without widening it?"""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.base + "/products?q=gom")
    switch = page.locator("form.lang-switch")
    expect(switch.get_by_role("button", name="EN")).to_be_visible()

    switch.get_by_role("button", name="EN").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/products\?q=gom$"))
    expect(switch.get_by_role("button", name="EN")).to_have_attribute("aria-pressed", "true")
    assert _page_width(page) <= 390
    shot("mobile-language-english")


def test_catalogue_fits_a_phone_and_its_facets_are_reachable(in_english, site, shot):
    """On a 390×844 phone, does the catalogue scroll only vertically, and can the craft facets be opened and used?"""
    page = in_english
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.base + "/products")
    expect(page.locator("#results-count")).to_have_text("6 products")
    assert _page_width(page) <= 390
    filters = page.get_by_role("complementary", name="Filters")
    ceramics = filters.get_by_role("link", name=re.compile("^Ceramics"))
    expect(ceramics).to_be_hidden()  # a closed drawer on phones

    filters.locator("summary").click()

    expect(ceramics).to_be_visible()
    assert _page_width(page) <= 390
    shot("mobile-facets-open")
    ceramics.click()
    expect(page.locator("#results-count")).to_have_text("2 products")
    assert sorted(page.get_by_role("article").get_by_role("heading").all_inner_texts()) == [
        "Blue-glaze ceramic vase", "Crackle-glaze tea set"]
    assert _page_width(page) <= 390
    shot("mobile-catalogue-filtered")

    page.get_by_role("article").get_by_role("link", name="Blue-glaze ceramic vase").click()
    expect(page.locator("section.certificate .qr svg")).to_be_visible()
    assert _page_width(page) <= 390
    shot("mobile-product")
