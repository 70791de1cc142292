"""The staff overview in a real browser: Chart.js draws every chart, with no script or CSP error,
at desktop and phone widths."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def sold(site):
    """Two orders on the ``site`` catalogue (one delivered) and a staff member; returns the staff e-mail."""
    from marketplace.accounts.models import Role, User
    from marketplace.catalog.models import Listing
    from marketplace.extensions import db
    from marketplace.orders import services as orders
    from tests.factories import UserFactory
    from tests.order_helpers import place

    with site.app.test_request_context():
        buyer = UserFactory(email="an@example.vn", name="Phạm Văn An")
        vase, scarf = db.session.get(Listing, site.vase_id), db.session.scalars(
            db.select(Listing).where(Listing.title_en == "White mulberry silk scarf")).one()
        order = place(buyer, (vase, 2), (scarf, 1))
        place(buyer, (vase, 1))
        part = next(p for p in order.parts if p.producer_id == site.producer_id)
        producer_user = db.session.scalars(db.select(User).where(User.email == site.producer_user_email)).one()
        orders.ship_part(producer_user, part.id, "GHN", "GHN8K3LQ2X")
        orders.confirm_receipt(buyer, part.id)
        from marketplace.core import counters
        from marketplace.reports import tallies
        from marketplace.trademarks.models import Trademark
        counters.give_back("views", {(vase.id, counters.today()): 12, (scarf.id, counters.today()): 40})
        counters.give_back("scans", {(mark_id, counters.today()): 7 for mark_id in db.session.scalars(db.select(Trademark.id))})
        tallies.flush()
        return UserFactory(email="trang@example.vn", name="Đỗ Thu Trang", role=Role.STAFF).email


def _watch(page):
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"script error {error}"))
    return problems


def _width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_overview_draws_every_chart_without_errors_on_desktop_and_phone(page, site, sold, log_in, shot):
    """Does each chart with figures get a drawn canvas (and the empty ones say so), with no console
    error, at 1280 px and at 390 px without widening the page?"""
    problems = _watch(page)
    log_in(sold)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(site.base + "/staff/overview")

    sales = page.get_by_test_id("chart-sales")
    expect(sales.locator("canvas")).to_be_visible()
    expect(page.locator("figure.chart-drawn")).to_have_count(page.locator("figure[data-chart]").count())
    assert page.locator("figure[data-chart]").count() >= 6
    box = sales.locator("canvas").bounding_box()
    assert box["width"] > 400 and box["height"] == 240
    expect(page.get_by_test_id("chart-villages").locator("summary")).to_have_text("Figures as a table")
    page.get_by_test_id("chart-villages").locator("summary").click()
    expect(page.get_by_test_id("chart-villages").get_by_role("row", name="Bát Tràng")).to_be_visible()
    shot("staff-overview-1280")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.base + "/staff/overview?period=365")
    expect(page.locator("figure.chart-drawn")).to_have_count(page.locator("figure[data-chart]").count())
    assert _width(page) <= 390
    assert sales.locator("canvas").bounding_box()["width"] <= 360
    shot("staff-overview-390")

    assert problems == []


@pytest.mark.parametrize("who, path, name", [
    ("producer", "/dashboard/producer/{producer_id}/figures", "producer-figures"),
    ("admin", "/dashboard/association/figures", "association-figures"),
])
def test_the_producer_and_association_figures_draw_their_charts(page, site, sold, log_in, shot, who, path, name):
    """Do the producer's and the association's figures pages draw every chart with figures, without a
    console error, at 1280 px and 390 px?"""
    problems = _watch(page)
    log_in(site.producer_user_email if who == "producer" else site.admin_email)
    url = site.base + path.format(producer_id=site.producer_id)

    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        expect(page.locator("figure.chart-drawn")).to_have_count(page.locator("figure[data-chart]").count())
        assert page.locator("figure[data-chart]").count() >= 2
        if who == "producer":
            expect(page.get_by_test_id("per-listing")).to_contain_text("16.7%")
        assert _width(page) <= width
        shot(f"{name}-{width}")

    assert problems == []
