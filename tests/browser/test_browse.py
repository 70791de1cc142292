"""Browsing the catalogue as a visitor: home page, a village, a product."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_visitor_browses_from_home_to_village_to_product(in_english, site, shot):
    """Can a visitor go from the home page to a village and on to a product, seeing its price, maker and village?"""
    page = in_english
    page.goto(site.base + "/")

    villages = page.locator("section").filter(has=page.get_by_role("heading", name="Villages", exact=True))
    expect(villages.get_by_role("heading", level=3)).to_have_text(["Bát Tràng", "Sơn Đồng", "Vạn Phúc"])
    expect(villages.get_by_role("article").filter(has_text="Bát Tràng")).to_contain_text("2 producers")
    new = page.locator("section").filter(has=page.get_by_role("heading", name="New from the villages"))
    titles = sorted(new.get_by_role("article").get_by_role("heading").all_inner_texts())
    assert titles == sorted([
        "Blue-glaze ceramic vase", "Crackle-glaze tea set", "Ceramic Laughing Buddha statue",
        "White mulberry silk scarf", "Vạn Phúc silk áo dài", "Carved wooden tea box",
    ])

    villages.get_by_role("link", name="Bát Tràng").click()
    expect(page).to_have_url(site.base + "/villages/bat-trang")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bát Tràng village")
    producers = page.get_by_role("complementary").filter(has=page.get_by_role("heading", name=re.compile("^Producers")))
    expect(producers.get_by_role("link")).to_have_text(["Gốm Minh Hải", "HTX Gốm Quang Vinh"])
    products = page.locator("section").filter(has=page.get_by_role("heading", name="Products from Bát Tràng"))
    assert sorted(products.get_by_role("article").get_by_role("heading").all_inner_texts()) == [
        "Blue-glaze ceramic vase", "Ceramic Laughing Buddha statue", "Crackle-glaze tea set",
    ]

    products.get_by_role("link", name="Blue-glaze ceramic vase").click()
    expect(page).to_have_url(f"{site.base}/products/{site.vase_id}")
    info = page.locator(".product-info")
    expect(info.get_by_role("heading", level=1)).to_have_text("Blue-glaze ceramic vase")
    expect(info.locator(".price-big")).to_have_text("₫350,000")
    byline = info.locator("p.muted").first
    expect(byline).to_have_text("Gốm Minh Hải · Bát Tràng")
    expect(byline.get_by_role("link", name="Gốm Minh Hải")).to_have_attribute("href", "/producers/gom-minh-hai")
    expect(byline.get_by_role("link", name="Bát Tràng")).to_have_attribute("href", "/villages/bat-trang")
    made_by = page.locator(".producer-card")
    expect(made_by.get_by_role("heading", level=3)).to_have_text("Gốm Minh Hải")
    expect(made_by).to_contain_text("Household · Bát Tràng, Gia Lâm")
    shot("browse-product")
