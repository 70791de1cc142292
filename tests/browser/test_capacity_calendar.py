"""The capacity calendar in a browser: a consortium member finds the calendar from its dashboard, sees
the wholesale order booking its months, blocks a month with a note and saves."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import switch_to_english
from tests.deals_data import consortium_world, quoted

pytestmark = pytest.mark.browser


@pytest.fixture
def calendar_site(live_server):
    """The app on 127.0.0.1 with the Bát Tràng consortium's quote accepted: a deal booking its members."""
    from marketplace.deals import services as deals

    base, app = live_server
    with app.app_context():
        world = consortium_world()
        world.owners["an"].locale = "en"
        deals.accept_quote(world.importer, quoted(world, world.admin).id)
        producer_id = world.an.id
    return base, producer_id


def test_a_member_sees_its_deal_booked_and_blocks_a_month(page, calendar_site, shot):
    from tests.factories import PASSWORD

    base, producer_id = calendar_site
    switch_to_english(page, base + "/about")
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill("an@example.vn")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/dashboard/producer?p={producer_id}")
    page.get_by_role("link", name="Capacity calendar").click()

    calendar = page.get_by_test_id("capacity-calendar")
    expect(calendar.locator("tbody tr")).to_have_count(12)
    expect(calendar.locator("tbody tr").first).to_contain_text("Wholesale order WD000001")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot("capacity-calendar-1280")

    row = calendar.locator("tbody tr").nth(5)
    row.get_by_label("Blocked").check()
    row.locator("input[name$='-note']").fill("Tết")
    page.get_by_role("button", name="Save the calendar").click()

    expect(page.locator(".flash, [role=status]").first).to_contain_text("Capacity calendar saved.")
    saved = page.get_by_test_id("capacity-calendar").locator("tbody tr").nth(5)
    expect(saved.get_by_label("Blocked")).to_be_checked()
    expect(saved.locator("input[name$='-note']")).to_have_value("Tết")
    expect(saved.locator("td").nth(4)).to_have_text("0")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("capacity-calendar-390")
