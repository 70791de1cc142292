"""Every number, price and notification in the reader's language: Vietnamese "1.350" and
"150.000 ₫", English "1,350" and "₫150,000", on the pages people read; the API and CSV files
keep plain integers. Notifications are read in the language of the page, whatever the language
when they were sent, and their links open."""
from flask import g
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from marketplace.notifications import services as notifications
from marketplace.notifications.models import Notification
from marketplace.orders.models import Order
from tests.factories import ListingFactory, ProducerFactory, UserFactory
from tests.order_helpers import ADDRESS
from tests.test_translations import _page

VI_THANKS = "Cảm ơn bạn đã đặt đơn hàng 180.000 ₫ từ 1 cơ sở sản xuất, hình thức thanh toán: thanh toán khi nhận hàng (COD)."
EN_THANKS = ("Thank you for your order of ₫180,000 from 1 producer, paid by cash on delivery. It ships its own "
             "parcel; we will tell you at every step.")


def _as(client, user, lang):
    g.pop("_login_user", None)
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"], session["lang"] = user.get_id(), True, lang
    return client


def _bowl():
    return ListingFactory(producer=ProducerFactory(name="Gốm Minh Long"), title_vi="Bát men rạn",
                          title_en="Crackle-glaze bowl", price_vnd=150000, stock=1350)


def _order_a_bowl(app, client, lang):
    """A buyer reading ``lang`` orders one bowl over HTTP, cash on delivery (150,000 + 30,000 shipping)."""
    bowl = _bowl()
    _as(client, UserFactory(email="lan@example.vn", locale=lang), lang)
    with app.app_context():
        client.post("/cart/add", data={"listing_id": bowl.id, "quantity": "1"})
        client.post("/checkout", data={**ADDRESS, "payment_method": "cod", "checkout_token": "t1"})


def test_the_home_page_counts_the_villages_in_each_languages_way(app, client):
    """Does the home page say 1.350 craft villages in Vietnamese and 1,350 in English?"""
    vietnamese = _page(app, client, "/")
    english = _page(app, client, "/?lang=en")

    assert "Hanoi&#39;s <em>1,350</em> craft villages" in english or "Hanoi's <em>1,350</em> craft villages" in english
    assert "<b>1,350</b>" in english and "1.350" not in english
    assert "<b>1.350</b>" in vietnamese and "1,350" not in vietnamese


def test_a_product_page_prices_in_each_languages_way(app, client, db):
    """Is a 150000 VND product "150.000 ₫" on the Vietnamese page and "₫150,000" on the English one?"""
    bowl = _bowl()

    vietnamese = _page(app, client, f"/products/{bowl.id}")
    english = _page(app, client, f"/products/{bowl.id}?lang=en")

    assert '<p class="price-big">150.000 ₫</p>' in vietnamese
    assert '<p class="price-big">₫150,000</p>' in english and "150.000" not in english


def test_the_cart_in_each_languages_way(app, client, db):
    """Does a cart of two 150000 VND bowls say 300.000 ₫ in Vietnamese and ₫300,000 in English?"""
    bowl = _bowl()
    buyer = UserFactory(email="lan@example.vn", locale="vi")
    _as(client, buyer, "vi")
    client.post("/cart/add", data={"listing_id": bowl.id, "quantity": "2"})

    cart_vi = _page(app, client, "/cart")
    cart_en = _page(app, client, "/cart?lang=en")

    assert "300.000 ₫" in cart_vi and "₫300,000" in cart_en and "300.000" not in cart_en


def test_an_order_page_in_each_languages_way(app, client, db):
    """Does the order page say 180.000 ₫ in Vietnamese and ₫180,000 in English (150,000 plus 30,000 shipping)?"""
    _order_a_bowl(app, client, "vi")
    order = db.session.scalars(select(Order)).one()

    vietnamese = _page(app, client, f"/orders/{order.id}")
    english = _page(app, client, f"/orders/{order.id}?lang=en")

    assert order.total_vnd == 180000
    assert "180.000 ₫" in vietnamese and "₫180,000" in english and "180.000" not in english


def test_the_api_keeps_plain_integers(app, client, db):
    """Does the JSON API give the price as the integer 150000 in either language?"""
    bowl = _bowl()

    for lang in ("vi", "en"):
        body = client.get(f"/api/v1/products/{bowl.id}?lang={lang}").get_json()
        assert body["price_vnd"] == 150000 and body["stock"] == 1350


def test_a_notification_sent_in_vietnamese_reads_in_english_after_switching(app, client, db):
    """A buyer orders while reading Vietnamese: is the receipt in Vietnamese, and in English once they switch,
    with the same amount written the English way?"""
    _order_a_bowl(app, client, "vi")

    before = _page(app, client, "/notifications")
    with app.app_context():
        switched = client.post("/lang/en", data={"next": "/notifications"})
    after = _page(app, client, "/notifications")

    assert VI_THANKS in before
    assert switched.status_code == 303 and switched.headers["Location"] == "/notifications"
    assert "Order LN000001 received" in after and EN_THANKS in after
    assert "Notifications: 1 unread" in after
    note = db.session.scalars(select(Notification)).one()
    assert (note.message_key, note.subject, note.body) == ("orders.placed", "", "")
    assert note.params["amount"] == {"vnd": 180000}


def test_every_notification_link_opens(app, client, db):
    """Does the notification's "Open" link lead to the order, with status 200 after following it?"""
    _order_a_bowl(app, client, "en")
    order = db.session.scalars(select(Order)).one()

    page = _page(app, client, "/notifications")
    with app.app_context():
        opened = client.get(f"/orders/{order.id}")

    assert f'<a href="/orders/{order.id}">Open →</a>' in page
    assert opened.status_code == 200 and "LN000001" in opened.get_data(as_text=True)


def test_an_old_rows_foreign_link_is_no_link_and_its_text_stands(app, client, db):
    """A notification written before keys, with a link to another host: is its stored text shown, and no link?"""
    buyer = UserFactory(email="lan@example.vn")
    db.session.add(Notification(user_id=buyer.id, subject="Đơn hàng đã giao", body="Cảm ơn bạn",
                                link="https://evil.example/orders/1"))
    db.session.commit()
    _as(client, buyer, "en")

    page = _page(app, client, "/notifications")

    assert "Đơn hàng đã giao" in page and "Cảm ơn bạn" in page
    assert "evil.example" not in page and "Open →" not in page


def test_the_migration_makes_this_sites_old_links_paths_and_drops_other_hosts(app, db):
    """Rows from before migration 0011 hold full URLs: does this site's become a path and another host's nothing?"""
    user_id = UserFactory(email="lan@example.vn").id
    db.session.commit()
    base = app.config["PUBLIC_BASE_URL"].rstrip("/")
    links = {1: f"{base}/orders/7", 2: "https://evil.example/orders/7", 3: "/dashboard/producer", 4: "",
             5: f"{base}/dashboard/importer/inquiries/3?tab=quotes"}
    db.session.remove()
    try:
        downgrade(revision="0010")  # to just before 0011, which turned links into paths
        with db.engine.begin() as conn:
            for row_id, link in links.items():
                conn.execute(text("INSERT INTO notifications (id, user_id, subject, body, link, read) "
                                  "VALUES (:id, :user, 'Tin', '', :link, false)"), {"id": row_id, "user": user_id, "link": link})
    finally:
        upgrade()

    rows = dict(db.session.execute(select(Notification.id, Notification.link)).all())
    assert rows == {1: "/orders/7", 2: "", 3: "/dashboard/producer", 4: "", 5: "/dashboard/importer/inquiries/3?tab=quotes"}
    assert notifications.shown(db.session.get(Notification, 1))["href"] == "/orders/7"


def test_prices_and_numbers_are_written_as_babel_writes_them_in_both_languages(app):
    """Do the page's money and number filters, which keep Babel's shape of a whole number per
    language instead of parsing its pattern for every price, write every whole number (negative,
    zero, large) exactly as Babel does, in Vietnamese and in English?"""
    from random import Random

    from flask_babel import force_locale, format_currency, format_decimal

    from marketplace.core.templating import format_number, format_vnd

    values = [0, 1, -1, 999, 1000, -1000, 150000, 10**12, -10**9, *Random(7).sample(range(-10**10, 10**10), 500)]
    with app.test_request_context("/"):
        for lang, price, count in (("vi", "150.000 ₫", "1.350"), ("en", "₫150,000", "1,350")):
            with force_locale(lang):
                assert (format_vnd(150000), format_number(1350), format_vnd(None)) == (price, count, "")
                assert [format_vnd(v) for v in values] == [
                    format_currency(v, "VND", currency_digits=True).replace("\xa0", " ") for v in values]
                assert [format_number(v) for v in values] == [format_decimal(v) for v in values]
