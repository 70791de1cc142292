"""The staff overview: sales, orders, commission, growth and leads per day, week and month, by village and craft."""
import json
import re
from datetime import datetime, time, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest

from marketplace.leads.models import InquiryStatus
from marketplace.orders import services as orders
from marketplace.reports.overview import staff_overview
from marketplace.reports.periods import period
from tests.factories import UserFactory
from tests.leads_data import make_inquiry
from tests.order_helpers import make_shop, place

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _hanoi_today():
    return datetime.now(HANOI).date()


def _placed_at(db, order, day, hour, minute=0):
    """Move ``order`` to ``day`` at ``hour``:``minute`` Hanoi time (stored as UTC)."""
    order.created_at = datetime.combine(day, time(hour, minute), HANOI).astimezone(ZoneInfo("UTC"))
    db.session.commit()


def _deliver(shop, order):
    for part in order.parts:
        owner = shop.owner_a if part.producer_id == shop.a.producer_id else shop.owner_b
        orders.ship_part(owner, part.id, "GHN", "GHN8K3LQ2X")
        orders.confirm_receipt(order.buyer, part.id)


@pytest.fixture
def market(db):
    """Two villages' shops with sold, cancelled, unpaid and old orders, and four importers' leads."""
    shop = make_shop()
    shop.a.producer.village.name, shop.b.producer.village.name = "Bát Tràng", "Vạn Phúc"
    shop.a.craft.name_vi, shop.a.craft.name_en = "Gốm sứ", "Ceramics"
    shop.b.craft.name_vi, shop.b.craft.name_en = "Lụa", "Silk"
    db.session.commit()
    today = _hanoi_today()
    both = place(shop.buyer, (shop.a, 2), (shop.b, 1))  # 700.000 + 420.000 ₫ of goods, delivered today
    _deliver(shop, both)
    late = place(shop.buyer, (shop.a, 1))  # 23:30 yesterday in Hanoi is 16:30 UTC: yesterday's
    _placed_at(db, late, today - timedelta(days=1), 23, 30)
    early = place(shop.buyer, (shop.b, 1))  # 00:30 today in Hanoi is 17:30 UTC the day before: today's
    _placed_at(db, early, today, 0, 30)
    cancelled = place(shop.buyer, (shop.a, 1))
    orders.cancel_part(shop.buyer, cancelled.parts[0].id, "changed my mind")
    place(shop.buyer, (shop.a, 1), method="bank_transfer")  # not paid: not sold
    old = place(shop.buyer, (shop.a, 1))  # 40 days ago: outside the last 30 days
    _placed_at(db, old, today - timedelta(days=40), 10)
    importer = UserFactory(role="importer")
    make_inquiry(importer, craft=shop.a.craft)
    accepted = make_inquiry(importer, craft=shop.a.craft)
    accepted.status = InquiryStatus.ACCEPTED
    closed = make_inquiry(importer)
    closed.status, closed.created_at = InquiryStatus.CLOSED, closed.created_at - timedelta(days=5)
    ancient = make_inquiry(importer)
    ancient.created_at = ancient.created_at - timedelta(days=400)
    db.session.commit()
    shop.old = old
    return shop


def test_the_last_30_days_count_sold_goods_orders_and_commission_per_hanoi_day(market, app):
    """Are sales and orders counted on the Hanoi day they were placed (not UTC's), commission on the
    day of delivery, and cancelled, unpaid and older orders left out?"""
    with app.test_request_context():
        figures = staff_overview(period("30"))

    assert len(figures.sales) == 30
    assert figures.sales[-2:] == [350000, 1540000]  # yesterday 23:30; today 700.000 + 420.000 + 00:30's 420.000
    assert figures.orders[-2:] == [1, 2]
    assert figures.commission[-1] == 89600  # 8 % of 700.000 + 8 % of 420.000, delivered today
    assert figures.new_producers[-1] == 2 and figures.new_listings[-1] == 2
    assert figures.totals == {"sales": 1890000, "orders": 3, "commission": 89600, "new_producers": 2,
                              "new_listings": 2, "leads": 3}


def test_leads_and_their_outcomes_per_day(market, app):
    """Are the period's inquiries counted on the day they came, by outcome, the 400-day-old one left out?"""
    with app.test_request_context():
        figures = staff_overview(period("30"))

    assert figures.lead_outcomes == {"open": 1, "accepted": 1, "closed": 1}
    assert figures.leads["open"][-1] == 1 and figures.leads["accepted"][-1] == 1
    assert figures.leads["closed"][-6] == 1 and sum(figures.leads["closed"]) == 1


def test_sales_by_village_and_craft_with_leads_per_craft(market, app):
    """Are the period's sales summed per village (with its orders) and per craft (with its leads)?"""
    with app.test_request_context():
        figures = staff_overview(period("30"))

    assert [(village.name, sales, count) for village, sales, count in figures.by_village] == [
        ("Bát Tràng", 1050000, 2), ("Vạn Phúc", 840000, 2)]
    assert [(craft.name_en, sales, leads) for craft, sales, leads in figures.by_craft] == [
        ("Ceramics", 1050000, 2), ("Silk", 840000, 0)]


def test_90_days_are_weeks_from_monday_and_365_days_are_months(market, app):
    """Does the 40-day-old order fall in the week (Monday first) and the month it was placed in?"""
    placed = market.old.created_at.astimezone(HANOI).date()
    with app.test_request_context():
        weeks, months = period("90"), period("365")
        by_week = dict(zip(weeks.buckets, staff_overview(weeks).sales, strict=True))
        by_month = dict(zip(months.buckets, staff_overview(months).sales, strict=True))

    assert len(weeks.buckets) == 13 and all(day.weekday() == 0 for day in weeks.buckets)
    assert len(months.buckets) == 12 and all(day.day == 1 for day in months.buckets)
    assert sum(by_week.values()) == sum(by_month.values()) == 2240000  # the last 30 days' 1.890.000 + 350.000
    old_week = placed - timedelta(days=placed.weekday())
    assert by_week[old_week] >= 350000
    assert by_month[placed.replace(day=1)] >= 350000


def _chart_data(html, chart_id):
    """The data charts.js reads from the figure's data-chart attribute."""
    block = re.search(f'<figure class="chart" id="chart-{chart_id}" [^>]*data-chart=\'([^\']*)\'>', html)
    return json.loads(unescape(block.group(1)))


def test_staff_see_the_overview_with_totals_charts_and_their_tables(market, login, english):
    """Does the staff page show the totals, each chart's data block and its figures as a table, in English?"""
    staff = UserFactory(role="staff")

    html = login(staff).get("/staff/overview").get_data(as_text=True)

    assert "<b>₫1,890,000</b><span>Sales</span>" in html
    assert "<b>₫89,600</b><span>Commission</span>" in html
    sales = _chart_data(html, "sales")
    assert sales["unit"] == "vnd" and sales["kind"] == "bar" and len(sales["labels"]) == 30
    assert sales["datasets"][0]["values"][-2:] == [350000, 1540000]
    villages = _chart_data(html, "villages")
    assert villages["labels"] == ["Bát Tràng", "Vạn Phúc"] and villages["datasets"][0]["values"] == [1050000, 840000]
    assert _chart_data(html, "crafts")["labels"] == ["Ceramics", "Silk"]
    assert '<tr><th scope="row">Bát Tràng</th><td class="num">₫1,050,000</td></tr>' in html
    assert "3 orders" in html and "3 inquiries from importers" in html
    assert 'src="/static/vendor/chart.js/chart.umd.min.js"' in html


def test_the_overview_in_vietnamese_formats_money_and_months_the_vietnamese_way(market, login):
    """Is the 12-month overview in Vietnamese, with "thg" months and "1.890.000 ₫"-style money?"""
    staff = UserFactory(role="staff")

    html = login(staff, lang="vi").get("/staff/overview?period=365").get_data(as_text=True)

    assert "<b>2.240.000 ₫</b><span>Doanh số</span>" in html
    labels = _chart_data(html, "sales")["labels"]
    assert len(labels) == 12 and labels[-1] == f"thg {_hanoi_today().month} {_hanoi_today().year}"


def test_an_empty_marketplace_shows_an_empty_state_instead_of_each_chart(db, login, english):
    """With nothing sold or asked yet, does every chart say so, with no canvas to draw?"""
    staff = UserFactory(role="staff")

    html = login(staff).get("/staff/overview?period=nonsense").get_data(as_text=True)

    assert html.count("Nothing to show for this period yet.") == 10
    assert "<canvas" not in html and len(re.findall(r'<option value="30" selected>', html)) == 1


def test_only_staff_see_the_overview(market, login):
    """Are a producer and a buyer refused the overview?"""
    assert login(market.owner_a).get("/staff/overview").status_code == 403
    assert login(market.buyer).get("/staff/overview").status_code == 403
