"""Searching the catalogue with and without Vietnamese diacritics, and narrowing by facet."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BAT_TRANG = ["Blue-glaze ceramic vase", "Ceramic Laughing Buddha statue", "Crackle-glaze tea set"]


def _results(page):
    """(the result count as the user reads it, the card titles sorted)."""
    count = page.locator("#results-count").inner_text()
    titles = sorted(page.get_by_role("article").get_by_role("heading").all_inner_texts())
    return count, titles


def _search_from_catalogue(page, words):
    box = page.get_by_role("main").get_by_role("combobox", name="Search products")
    box.fill(words)
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Results for “{words}”")


def test_search_without_diacritics_finds_the_same_products(in_english, site, shot):
    """Does "bat trang" typed in the header search list exactly the products "Bát Tràng" lists?"""
    page = in_english
    page.goto(site.base + "/villages")
    box = page.get_by_role("banner").get_by_role("combobox", name="Search products")
    box.fill("bat trang")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Results for “bat trang”")
    without = _results(page)
    shot("search-bat-trang-without-marks")

    _search_from_catalogue(page, "Bát Tràng")
    with_marks = _results(page)

    assert without == ("3 products", BAT_TRANG)
    assert with_marks == without


def test_search_do_go_finds_the_wooden_product(in_english, site, shot):
    """Does "do go" find the one product whose Vietnamese title says "đồ gỗ"?"""
    page = in_english
    page.goto(site.base + "/products")
    _search_from_catalogue(page, "do go")

    assert _results(page) == ("1 product", ["Carved wooden tea box"])
    shot("search-do-go")


def test_craft_facet_narrows_results_to_its_count(in_english, site, shot):
    """Does clicking a craft facet on "bat trang" leave exactly as many products as the facet said?"""
    page = in_english
    page.goto(site.base + "/products")
    _search_from_catalogue(page, "bat trang")
    crafts = page.get_by_role("complementary", name="Filters").locator("section.facet").filter(
        has=page.get_by_role("heading", name="Craft", exact=True))
    expect(crafts.get_by_role("link")).to_have_count(2)  # ``all()`` does not wait for the results page's facets
    rows = [(link.locator("span").first.inner_text(), link.locator(".n").inner_text()) for link in crafts.get_by_role("link").all()]
    assert rows == [("Ceramics", "2"), ("Sculpture", "1")]
    ceramics = crafts.get_by_role("link", name=re.compile("^Ceramics"))
    facet_count = ceramics.locator(".n").inner_text()

    ceramics.click()

    expect(page).to_have_url(re.compile(r"craft=gom-su"))
    expect(page.get_by_role("list", name="Active filters")).to_contain_text("Ceramics")
    assert _results(page) == (f"{facet_count} products", ["Blue-glaze ceramic vase", "Crackle-glaze tea set"])
    assert facet_count == "2"
    expect(crafts.get_by_role("link", name=re.compile("^Ceramics"))).to_have_attribute("aria-current", "true")
    shot("search-facet-ceramics")
