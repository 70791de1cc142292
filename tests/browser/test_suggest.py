"""Suggestions as you type in the search box: an accessible combobox, driven by the keyboard."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _header_box(page):
    return page.get_by_role("banner").get_by_role("combobox", name="Search products")


def test_typing_suggests_grouped_names_and_the_keyboard_opens_one(in_english, site, shot):
    """Does typing "bat" list Bát Tràng, its mark and products under headings, and do Down and Enter
    open the highlighted suggestion's page?"""
    page = in_english
    page.goto(site.base + "/about")
    box = _header_box(page)
    box.press_sequentially("bat")
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("group", name="Villages").get_by_role("option")).to_have_text(["Bát Tràng (Gia Lâm)"])
    expect(listbox.get_by_role("group", name="Collective trademarks").get_by_role("option")).to_have_text(["Bát Tràng Ceramics"])
    shot("suggest-bat")

    box.press("ArrowDown")
    first = listbox.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("Enter")
    expect(page).to_have_url(site.base + "/villages/bat-trang")


def test_arrow_keys_move_through_the_options_and_escape_closes(in_english, site):
    """Do Down, Down, Up land on the second then first option, and Escape close the list, leaving the words?"""
    page = in_english
    page.goto(site.base + "/about")
    box = _header_box(page)
    box.press_sequentially("cera")
    options = page.get_by_role("listbox", name="Suggestions").get_by_role("option")
    expect(options).to_have_text(["Ceramics", "Bát Tràng Ceramics", "Ceramic Laughing Buddha statue", "Blue-glaze ceramic vase"])
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    box.press("ArrowUp")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(options.nth(1)).to_have_attribute("aria-selected", "false")
    box.press("Escape")
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("cera")


def test_enter_without_a_highlighted_suggestion_searches(in_english, site):
    """Does Enter with the list open but nothing highlighted still submit the search?"""
    page = in_english
    page.goto(site.base + "/about")
    box = _header_box(page)
    box.press_sequentially("blue")
    expect(page.get_by_role("listbox", name="Suggestions").get_by_role("option")).to_have_text(["Blue-glaze ceramic vase"])
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/products\?q=blue$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Results for “blue”")


def test_a_typo_offers_did_you_mean_and_the_link_searches_it(in_english, site, shot):
    """Does "bat trangg" say "Did you mean bat trang?", and does following it list the Bát Tràng products?"""
    page = in_english
    page.goto(site.base + "/products?q=bat+trangg")
    hint = page.get_by_test_id("did-you-mean")
    expect(hint).to_have_text("Did you mean bat trang?")
    shot("search-did-you-mean")
    hint.get_by_role("link", name="bat trang").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results for “bat trang”")
    expect(page.locator("#results-count")).to_have_text("3 products")
