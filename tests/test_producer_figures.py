"""The producer's figures page: its own sales and orders over time, top products and export leads won."""
import re
from datetime import date, timedelta

from sqlalchemy import select

from marketplace.catalog.models import Listing
from marketplace.core import counters
from marketplace.leads.models import LeadResponse, Match, Quote, QuoteStatus
from marketplace.orders import services as orders
from marketplace.reports import tallies
from tests.factories import ListingFactory, UserFactory
from tests.leads_data import make_inquiry
from tests.order_helpers import make_shop, place
from tests.test_staff_overview import _chart_data


def _world(db):
    shop = make_shop()
    teapot = ListingFactory(producer=shop.a.producer, title_vi="Ấm trà men rạn", title_en="Crackle teapot",
                            price_vnd=500000, stock=5)
    both = place(shop.buyer, (shop.a, 2), (shop.b, 1), (teapot, 1))
    part = next(p for p in both.parts if p.producer_id == shop.a.producer_id)
    orders.ship_part(shop.owner_a, part.id, "GHN", "GHN8K3LQ2X")
    orders.confirm_receipt(shop.buyer, part.id)
    place(shop.buyer, (teapot, 2))
    importer = UserFactory(role="importer")
    for n, (response, quote_status) in enumerate([(LeadResponse.QUOTED, QuoteStatus.ACCEPTED),
                                                  (LeadResponse.QUOTED, QuoteStatus.SUBMITTED),
                                                  (LeadResponse.DECLINED, None)]):
        inquiry = make_inquiry(importer)
        match = Match(inquiry_id=inquiry.id, producer_id=shop.a.producer_id, rank=1, score=90, response=response)
        db.session.add(match)
        db.session.flush()
        if quote_status:
            db.session.add(Quote(inquiry_id=inquiry.id, match_id=match.id, author_id=shop.owner_a.id, unit_price_vnd=90000,
                                 quantity=1000, lead_time_days=30, valid_until=date.today() + timedelta(days=30),
                                 status=quote_status))
    db.session.commit()
    return shop


def test_a_producer_sees_its_own_sales_top_products_and_leads_won(db, login, english):
    """Does the figures page count only this producer's sales (goods), its orders, rank its products by
    sales and count the leads it received, quoted and won?"""
    shop = _world(db)

    html = login(shop.owner_a).get(f"/dashboard/producer/{shop.a.producer_id}/figures").get_data(as_text=True)

    sales = _chart_data(html, "sales")["datasets"][0]["values"]
    assert sales[-1] == 2200000 and sum(sales) == 2200000  # 2 × 350.000 + 500.000, then 2 × 500.000
    assert _chart_data(html, "orders")["datasets"][0]["values"][-1] == 2
    top = _chart_data(html, "top-products")
    assert top["labels"] == ["Crackle teapot", "Blue glazed vase"] and top["datasets"][0]["values"] == [1500000, 700000]
    assert _chart_data(html, "leads")["datasets"][0]["values"] == [3, 2, 1]
    assert "₫2,200,000 of goods sold" in html


def test_another_producer_gets_a_404_and_its_own_figures(db, login):
    """Is another producer's figures page a 404 for this owner, who sees only its own?"""
    shop = _world(db)

    assert login(shop.owner_b).get(f"/dashboard/producer/{shop.a.producer_id}/figures").status_code == 404
    html = login(shop.owner_b).get(f"/dashboard/producer/{shop.b.producer_id}/figures?period=90").get_data(as_text=True)
    assert sum(_chart_data(html, "sales")["datasets"][0]["values"]) == 420000


def _per_listing_rows(html):
    table = html.split('data-testid="per-listing"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.DOTALL)
    return [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)]
            for row in rows]


def test_views_conversion_and_ratings_per_listing(db, login, english):
    """Do 10 views of the teapot (2 orders) and 4 of the vase (1 order) show 20.0 % and 25.0 % conversion,
    with each listing's rating and the shop's, most viewed first?"""
    shop = _world(db)
    teapot = db.session.scalars(select(Listing).where(Listing.title_en == "Crackle teapot")).one()
    for listing, n in ((teapot, 10), (shop.a, 4)):
        for _ in range(n):
            counters.hit("views", listing.id)
    tallies.flush()
    teapot.rating_count, teapot.rating_sum = 2, 9  # two reviews: 4 and 5 stars
    shop.a.producer.rating_count, shop.a.producer.rating_sum = 3, 13
    db.session.commit()

    html = login(shop.owner_a).get(f"/dashboard/producer/{shop.a.producer_id}/figures").get_data(as_text=True)

    rows = _per_listing_rows(html)
    assert [row[:4] for row in rows] == [["Crackle teapot", "10", "2", "20.0%"], ["Blue glazed vase", "4", "1", "25.0%"]]
    assert "Rated 4.5 out of 5" in rows[0][4] and "2 reviews" in rows[0][4]
    assert rows[1][4] == "No reviews"
    assert "Rated 4.3 out of 5" in html.split('data-testid="shop-rating"', 1)[1].split("</p>", 1)[0]


def test_a_listing_without_views_has_no_conversion(db, login, english):
    """Does a product never viewed show 0 views and a dash instead of a conversion?"""
    shop = _world(db)
    html = login(shop.owner_a).get(f"/dashboard/producer/{shop.a.producer_id}/figures").get_data(as_text=True)
    assert [row[1:4] for row in _per_listing_rows(html)] == [["0", "2", "–"], ["0", "1", "–"]]
