"""Shipping that fits Việt Nam: zones from the producer's village, weight bands, free shipping over
the producer's threshold, the fee table staff edit, and carriers' tracking links."""
import pytest
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.core.audit import Change
from marketplace.orders import services as orders
from marketplace.orders.models import Order
from marketplace.shipping import services as shipping
from marketplace.shipping.models import ShippingRate, Zone
from marketplace.shipping.tracking import tracking_link
from marketplace.shipping.zones import zone_for
from tests.factories import ListingFactory, ProducerFactory, UserFactory, VillageFactory
from tests.order_helpers import ADDRESS, fill_cart

HCMC = {**ADDRESS, "province": "Hồ Chí Minh", "district": "Sài Gòn", "ward": "", "street": "12 Lê Lợi"}
INNER = {**ADDRESS, "district": "Phường Hoàn Kiếm", "ward": "", "street": "8 Hàng Bạc"}


@pytest.fixture
def app(make_app):
    """The zone and weight table, not the flat fee the order tests use."""
    app = make_app(SHIPPING_FEE_VND=None)
    with app.app_context():
        yield app


@pytest.fixture
def bat_trang(db):
    return VillageFactory(slug="bat-trang", name="Bát Tràng", district="Gia Lâm", commune="Bát Tràng")


@pytest.fixture
def vase(bat_trang):
    """A 400 g vase at 350.000 ₫ from a Bát Tràng workshop."""
    producer = ProducerFactory(name="Gốm Minh Long", village=bat_trang, owner=UserFactory(role=Role.PRODUCER))
    return ListingFactory(producer=producer, title_en="Blue vase", price_vnd=350000, stock=50, weight_grams=400)


@pytest.mark.parametrize(("province", "district", "zone"), [
    ("Hà Nội", "Bát Tràng", Zone.SAME_DISTRICT),  # the village's own commune
    ("Hà Nội", "xã bat trang", Zone.SAME_DISTRICT),  # without diacritics, with "xã"
    ("Hà Nội", "Gia Lâm", Zone.SAME_DISTRICT),  # its former district
    ("Hà Nội", "Phường Hoàn Kiếm", Zone.INNER_HANOI),  # one of the 51 wards
    ("Hà Nội", "phuong van mieu quoc tu giam", Zone.INNER_HANOI),
    ("Hà Nội", "Sóc Sơn", Zone.NORTH),  # an outer commune
    ("Bắc Ninh", "Từ Sơn", Zone.NORTH),
    ("Huế", "Thuận Hóa", Zone.CENTRAL),
    ("Đắk Lắk", "Buôn Ma Thuột", Zone.CENTRAL),
    ("Hồ Chí Minh", "Sài Gòn", Zone.SOUTH),
    ("Cà Mau", "Tân Thành", Zone.SOUTH),
])
def test_the_zone_of_an_address_is_seen_from_the_producers_village(bat_trang, province, district, zone):
    """Is each address put in the zone the brief's rules give, from a Bát Tràng workshop?"""
    assert zone_for(bat_trang, province, district) == zone


@pytest.mark.parametrize(("zone", "fees"), [
    # 500 g, 501 g, 1 kg, 2 kg, 5 kg, 5.001 kg, 7.5 kg (5 kg fee + 3 started kilograms)
    (Zone.SAME_DISTRICT, [15000, 18000, 18000, 22000, 30000, 33000, 39000]),
    (Zone.INNER_HANOI, [22000, 25000, 25000, 30000, 40000, 45000, 55000]),
    (Zone.NORTH, [30000, 35000, 35000, 45000, 65000, 73000, 89000]),
    (Zone.CENTRAL, [35000, 42000, 42000, 55000, 85000, 97000, 121000]),
    (Zone.SOUTH, [38000, 45000, 45000, 60000, 95000, 109000, 137000]),
])
def test_every_zone_and_weight_band_has_its_exact_fee(db, zone, fees):
    """Does each band's upper edge stay in the band, and each started kilogram above 5 kg cost extra?"""
    assert [shipping.fee_for(zone, grams) for grams in (500, 501, 1000, 2000, 5000, 5001, 7500)] == fees


def test_the_cart_says_from_until_it_knows_where_the_parcel_goes(vase, db):
    """Before an address, is a parcel priced at the least it can cost; with one, exactly?"""
    buyer = UserFactory()
    cart = fill_cart(buyer, (vase, 3))  # 1.2 kg

    unknown = orders.review_cart(cart)
    south = orders.review_cart(cart, destination={"province": "Hồ Chí Minh", "district": "Sài Gòn"})

    assert (unknown.groups[0].shipping_vnd, unknown.shipping_estimated, unknown.groups[0].weight_grams) == (22000, True, 1200)
    assert (south.groups[0].shipping_vnd, south.groups[0].zone, south.shipping_estimated) == (60000, "south", False)
    assert south.total_vnd == 3 * 350000 + 60000


def test_orders_to_hanoi_and_ho_chi_minh_city_are_charged_what_the_table_says(vase, db, login):
    """Does checkout charge each address its own fee, and the order keep fee, zone and weight?"""
    buyer = UserFactory()
    client = login(buyer)
    client.post("/cart/add", data={"listing_id": vase.id, "quantity": "2"})  # 800 g
    client.post("/checkout", data={**INNER, "payment_method": "cod", "checkout_token": "t-hn"})
    client.post("/cart/add", data={"listing_id": vase.id, "quantity": "2"})
    client.post("/checkout", data={**HCMC, "payment_method": "cod", "checkout_token": "t-hcm"})

    hanoi, saigon = db.session.scalars(select(Order).where(Order.buyer_id == buyer.id).order_by(Order.id)).all()
    assert [(p.shipping_vnd, p.shipping_zone, p.weight_grams) for p in hanoi.parts] == [(25000, "inner_hanoi", 800)]
    assert [(p.shipping_vnd, p.shipping_zone, p.weight_grams) for p in saigon.parts] == [(45000, "south", 800)]
    assert (hanoi.total_vnd, saigon.total_vnd) == (700000 + 25000, 700000 + 45000)
    assert hanoi.parts[0].net_vnd == 725000 - 56000  # the ledger's gross includes the fee charged


@pytest.mark.parametrize(("quantity", "fee", "least"), [(1, 38000, 15000), (2, 0, 0), (3, 0, 0)])
def test_a_parcel_ships_free_from_exactly_the_producers_threshold(vase, db, quantity, fee, least):
    """With free shipping from 700.000 ₫, does 350.000 ₫ pay, and 700.000 ₫ (exactly) or more not?"""
    vase.producer.free_shipping_over_vnd = 700000
    db.session.commit()
    cart = fill_cart(UserFactory(), (vase, quantity))

    review = orders.review_cart(cart, destination={"province": "Cà Mau", "district": "Tân Thành"})

    assert review.groups[0].shipping_vnd == fee
    assert orders.review_cart(cart).groups[0].shipping_vnd == least  # before the address: "from"


def test_a_changed_address_at_checkout_stops_the_order_until_the_buyer_sees_the_new_total(vase, db, login):
    """Page made for Hà Nội, address changed to Hồ Chí Minh City: is nothing placed, and the new total shown?"""
    buyer = UserFactory()
    client = login(buyer)
    client.post("/cart/add", data={"listing_id": vase.id, "quantity": "1"})

    response = client.post("/checkout", data={**HCMC, "payment_method": "cod", "checkout_token": "t-1",
                                              "quoted_total": str(350000 + 22000)})

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Shipping to this address comes to ₫38,000: check the new total, ₫388,000, and place the order again." in page
    assert db.session.scalars(select(Order)).first() is None


def test_staff_change_the_fee_table_and_the_history_says_who_changed_what(vase, db, login):
    """Does a staff edit apply to the next cart, and is it recorded field by field?"""
    staff = UserFactory(role=Role.STAFF, name="Nhân viên Hà")
    values = shipping.table_as_form()
    values["south__upto_500g"] = "40.000"

    response = login(staff).post("/staff/shipping", data=values)

    assert response.status_code == 303
    cart = fill_cart(UserFactory(), (vase, 1))
    assert orders.review_cart(cart, destination={"province": "Cần Thơ", "district": "Ninh Kiều"}).shipping_vnd == 40000
    change = db.session.scalars(select(Change).where(Change.entity == "shipping_rate")).one()
    assert (change.actor_id, change.label, change.fields) == (staff.id, "south", {"upto_500g": [38000, 40000]})
    assert [row.zone for row in db.session.scalars(select(ShippingRate))] == ["south"]
    assert "Nhân viên Hà" in login(staff).get("/staff/shipping").get_data(as_text=True)


def test_a_wrong_fee_table_names_every_wrong_cell_and_changes_nothing(db, login):
    """Two bad cells: are both named, 400, and nothing saved?"""
    values = {**shipping.table_as_form(), "north__upto_1kg": "ba mươi", "central__per_extra_kg": "-5"}

    response = login(UserFactory(role=Role.STAFF)).post("/staff/shipping", data=values)

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Northern provinces, up to 1 kg" in page and "Central provinces, each kg above 5 kg" in page
    assert db.session.scalars(select(ShippingRate)).first() is None
    assert db.session.scalars(select(Change)).first() is None


def test_only_staff_see_the_fee_table(db, login):
    """Is /staff/shipping closed to a buyer, and unchanged by their POST?"""
    client = login(UserFactory())
    assert client.get("/staff/shipping").status_code in (403, 404)
    assert client.post("/staff/shipping", data={**shipping.table_as_form(), "south__upto_500g": "1"}).status_code in (403, 404)
    assert db.session.scalars(select(ShippingRate)).first() is None


@pytest.mark.parametrize(("carrier", "number", "link"), [
    ("Viettel Post", "1234567890123", "https://viettelpost.com.vn/tra-cuu-hanh-trinh-don/?code=1234567890123"),
    ("GHN", "GHN8K3LQ2X", "https://donhang.ghn.vn/?order_code=GHN8K3LQ2X"),
    ("GHTK", "S1234567.BO.987654321", "https://i.ghtk.vn/S1234567.BO.987654321"),
    ("VNPost", "EB123456789VN", "https://vnpost.vn/tra-cuu-hanh-trinh/buu-pham?key=EB123456789VN"),
    ("J&T Express", "860123456789", "https://jtexpress.vn/vi/tracking?type=track&billcode=860123456789"),
    ("Xe khách Hà Nội", "ABC123", None),  # typed by hand before the carrier list: no link
])
def test_each_carrier_has_its_tracking_link(carrier, number, link):
    assert tracking_link(carrier, number) == link


def test_the_buyer_follows_the_parcel_from_the_order_page(vase, db, login):
    """Shipped with GHTK: does the order page link to GHTK's tracking page, and is a J&T number checked?"""
    buyer, owner = UserFactory(), vase.producer.members[0].user
    client = login(buyer)
    client.post("/cart/add", data={"listing_id": vase.id, "quantity": "1"})
    client.post("/checkout", data={**INNER, "payment_method": "cod", "checkout_token": "t-1"})
    order = db.session.scalars(select(Order)).one()
    part = order.parts[0]

    bad = login(owner).post(f"/dashboard/producer/orders/{part.id}/ship",
                            data={"carrier": "J&T Express", "tracking_number": "JT-12"})
    good = login(owner).post(f"/dashboard/producer/orders/{part.id}/ship",
                             data={"carrier": "GHTK", "tracking_number": "s1234567.bo.987654321"})

    assert bad.status_code == 400
    assert "This does not look like a J&amp;T Express tracking number (e.g. 860123456789)." in bad.get_data(as_text=True)
    assert good.status_code == 303
    page = login(buyer).get(f"/orders/{order.id}").get_data(as_text=True)
    assert 'href="https://i.ghtk.vn/S1234567.BO.987654321"' in page
