"""Staff's order list: search, filters (status, payment method, days, producer), pages and the CSV of the same orders."""
import csv
import io
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from marketplace.orders import services as orders
from tests.factories import UserFactory
from tests.order_helpers import make_shop, place

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def shop(db):
    """Three orders by two buyers: cash (both producers, delivered), a transfer (awaiting), cash cancelled a week ago."""
    shop = make_shop()
    shop.buyer.name = "Nguyễn Thị Lan"
    other = UserFactory(email="binh@example.com", name="Trần Văn Bình")
    first = place(shop.buyer, (shop.a, 2), (shop.b, 1))
    for part in first.parts:
        owner = shop.owner_a if part.producer_id == shop.a.producer_id else shop.owner_b
        orders.ship_part(owner, part.id, "GHN", "GHN8K3LQ2X")
        orders.confirm_receipt(shop.buyer, part.id)
    second = place(other, (shop.b, 1), method="bank_transfer")
    third = place(shop.buyer, (shop.a, 1))
    orders.cancel_part(shop.buyer, third.parts[0].id, "")
    week_ago = datetime.now(HANOI).date() - timedelta(days=7)
    first.created_at = datetime.combine(week_ago, time(9, 15), HANOI)  # 02:15 UTC
    db.session.commit()
    shop.first, shop.second, shop.third, shop.week_ago, shop.staff = first, second, third, week_ago, UserFactory(role="staff")
    return shop


def _listed(response):
    """The order numbers the page lists, in its order (newest first)."""
    return re.findall(r"<strong>(LN\d{6})</strong>", response.get_data(as_text=True))


def test_staff_find_orders_by_number_buyer_and_producer(shop, login):
    """Does the search find an order by its number (with or without LN and zeros), a buyer's e-mail or
    name, or a producer's name?"""
    client = login(shop.staff)
    first, second, third = shop.first.reference, shop.second.reference, shop.third.reference

    assert _listed(client.get(f"/staff/orders?q={first}")) == [first]
    assert _listed(client.get(f"/staff/orders?q={shop.second.id}")) == [second]
    assert _listed(client.get("/staff/orders?q=binh@example")) == [second]
    assert _listed(client.get("/staff/orders?q=Thị Lan")) == [third, first]
    assert _listed(client.get("/staff/orders?q=Minh Long")) == [third, first]
    assert _listed(client.get("/staff/orders?q=nobody")) == []


def test_staff_filter_orders_by_status_method_producer_and_days(shop, login):
    """Do the filters combine: parts' status, payment method, producer, and Hanoi days from/to?"""
    client = login(shop.staff)
    a, b = shop.a.producer_id, shop.b.producer_id
    first, second, third = shop.first.reference, shop.second.reference, shop.third.reference
    week_ago = shop.week_ago.isoformat()

    assert _listed(client.get("/staff/orders?status=delivered")) == [first]
    assert _listed(client.get("/staff/orders?status=cancelled")) == [third]
    assert _listed(client.get("/staff/orders?method=bank_transfer")) == [second]
    assert _listed(client.get(f"/staff/orders?producer={b}")) == [second, first]
    assert _listed(client.get(f"/staff/orders?producer={a}&method=cod")) == [third, first]
    assert _listed(client.get(f"/staff/orders?date_from={week_ago}&date_to={week_ago}")) == [first]
    assert _listed(client.get(f"/staff/orders?date_from={(shop.week_ago + timedelta(days=1)).isoformat()}")) == [
        third, second]
    page = client.get(f"/staff/orders?producer={b}").get_data(as_text=True)
    assert '<p class="small muted" data-testid="orders-found">2 orders</p>' in page


def test_bad_filters_are_a_400_naming_each_field_and_list_nothing(shop, login, english):
    """Are an unknown status, an unreadable day and days in the wrong order each named, with a 400?"""
    client = login(shop.staff)

    bad = client.get("/staff/orders?status=lost&date_from=yesterday&method=cheque")
    backwards = client.get("/staff/orders?date_from=2026-12-02&date_to=2026-12-01")
    csv_bad = client.get("/staff/orders.csv?status=lost")

    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and _listed(bad) == []
    assert "Choose a status from the list." in html and "Give the date as YYYY-MM-DD." in html
    assert "Choose a payment method from the list." in html
    assert 'id="f-status" name="status" aria-invalid="true"' in html
    assert backwards.status_code == 400 and "The first day is after the last." in backwards.get_data(as_text=True)
    assert csv_bad.status_code == 400


def test_the_csv_has_one_line_per_matching_part_byte_for_byte(shop, login):
    """Is the CSV (UTF-8 with a BOM) the same filtered orders, one line per part, with integer VND?"""
    client = login(shop.staff)
    a, b = shop.a.producer_id, shop.b.producer_id
    first, second = shop.first, shop.second

    everything = client.get("/staff/orders.csv")
    by_b = client.get(f"/staff/orders.csv?producer={b}").get_data(as_text=True)

    assert everything.headers["Content-Disposition"] == "attachment; filename=orders.csv"
    assert everything.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(everything.get_data(as_text=True))))
    assert len(rows) == 5 and rows[0][0] == "\ufefforder"
    assert by_b == (
        "\ufefforder,placed_at,buyer_name,buyer_email,payment_method,part,producer,status,goods_vnd,shipping_vnd,"
        "commission_vnd,net_vnd,payout_status\r\n"
        f"{first.reference},{shop.week_ago.isoformat()} 09:15,Nguyễn Thị Lan,lan@example.vn,cod,{first.reference}-{b},"
        "Lụa Vạn Phúc,delivered,420000,30000,33600,416400,due\r\n"
        f"{second.reference},{second.created_at.astimezone(HANOI):%Y-%m-%d %H:%M},Trần Văn Bình,binh@example.com,"
        f"bank_transfer,{second.reference}-{b},Lụa Vạn Phúc,awaiting_payment,420000,30000,33600,416400,not_due\r\n")
    assert f"{first.reference}-{a}" not in by_b


def test_only_staff_see_the_order_list_and_its_csv(shop, login):
    """Are a producer and a buyer refused the list and the CSV?"""
    for user in (shop.owner_a, shop.buyer):
        assert login(user).get("/staff/orders").status_code == 403
        assert login(user).get("/staff/orders.csv").status_code == 403
