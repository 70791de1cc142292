"""Favourites and follows: saving products, following shops and villages (one click each way), the
digest of followed shops' and villages' new products, and a signed-in buyer's recently viewed list."""
import re

import pytest
from sqlalchemy import select

from marketplace.catalog.models import ListingStatus
from marketplace.follows import services as follows
from marketplace.follows.models import DigestMark, Favourite, Follow
from marketplace.notifications.models import Notification, OutboxMessage
from tests.conftest import wait_for
from tests.factories import ListingFactory, ProducerFactory, UserFactory, VillageFactory
from tests.mail_helpers import mails_to, notes_of, read_as
from tests.order_helpers import client_for, count


@pytest.fixture
def world(db):
    """Two shops in Bát Tràng and one in Vạn Phúc, each with a product, and a buyer."""
    bat_trang, van_phuc = VillageFactory(name="Bát Tràng", slug="bat-trang"), VillageFactory(name="Vạn Phúc", slug="van-phuc")
    minh_long = ProducerFactory(name="Gốm Minh Long", slug="gom-minh-long", village=bat_trang)
    hoa_lam = ProducerFactory(name="Gốm Hoa Lam", slug="gom-hoa-lam", village=bat_trang)
    lua = ProducerFactory(name="Lụa Vạn Phúc", slug="lua-van-phuc", village=van_phuc)
    old = ListingFactory(producer=minh_long, title_vi="Bình gốm men lam", title_en="Blue glazed vase")
    buyer = UserFactory(email="lan@example.vn", locale="en")
    return {"bat_trang": bat_trang, "van_phuc": van_phuc, "minh_long": minh_long, "hoa_lam": hoa_lam, "lua": lua,
            "old": old, "buyer": buyer}


def _titles(html):
    return re.findall(r'class="card-title"><a href="/products/\d+">([^<]+)</a>', html)


def test_a_buyer_saves_a_product_and_removes_it(app, db, world):
    """Does "Save" keep the product on the saved page, once even if pressed twice, and "Remove" take it off?"""
    client = client_for(app, world["buyer"])
    listing = world["old"]

    first = client.post(f"/products/{listing.id}/save", data={"next": f"/products/{listing.id}"})
    client.post(f"/products/{listing.id}/save")

    assert (first.status_code, first.headers["Location"]) == (303, f"/products/{listing.id}")
    assert count(db, Favourite) == 1
    assert 'aria-pressed="true"' in client.get(f"/products/{listing.id}").get_data(as_text=True)
    assert _titles(client.get("/account/saved").get_data(as_text=True))[:1] == ["Blue glazed vase"]

    client.post(f"/products/{listing.id}/unsave")

    assert count(db, Favourite) == 0
    assert "Nothing saved yet" in client.get("/account/saved").get_data(as_text=True)


def test_following_and_unfollowing_a_shop_is_one_click_each_way(app, db, world):
    """Does the shop page's button follow, then unfollow, then follow again, each with one POST?"""
    client = client_for(app, world["buyer"])
    shop = world["minh_long"]
    page = client.get("/producers/gom-minh-long").get_data(as_text=True)
    assert f'action="/follow/producer/{shop.id}"' in page

    client.post(f"/follow/producer/{shop.id}", data={"next": "/producers/gom-minh-long"})
    followed = client.get("/producers/gom-minh-long").get_data(as_text=True)
    assert f'action="/unfollow/producer/{shop.id}"' in followed and "1 follower" in followed
    assert "Gốm Minh Long" in client.get("/account/saved").get_data(as_text=True)

    client.post(f"/unfollow/producer/{shop.id}", data={"next": "/account/saved"})
    assert count(db, Follow) == 0
    client.post(f"/follow/producer/{shop.id}")
    assert count(db, Follow, Follow.producer_id == shop.id) == 1


def test_a_village_can_be_followed_but_not_a_pending_shop(app, db, world):
    """Is a village followed from its page, and is following an unapproved shop a 404 that stores nothing?"""
    client = client_for(app, world["buyer"])
    village = world["bat_trang"]
    assert f'action="/follow/village/{village.id}"' in client.get("/villages/bat-trang").get_data(as_text=True)
    client.post(f"/follow/village/{village.id}")
    pending = ProducerFactory(status="pending")

    assert client.post(f"/follow/producer/{pending.id}").status_code == 404
    assert [(f.village_id, f.producer_id) for f in db.session.scalars(select(Follow))] == [(village.id, None)]


def test_followers_get_one_digest_of_new_products_from_followed_shops_and_villages(app, db, world):
    """Does each follower get one notification (and one e-mail) naming only the public products listed since,
    and does the next run send nothing until something new is listed?"""
    buyer = world["buyer"]
    follows.follow(buyer, "producer", world["minh_long"].id)
    follows.follow(buyer, "village", world["bat_trang"].id)
    other = UserFactory(email="hoa@example.vn", locale="vi")
    follows.follow(other, "producer", world["lua"].id)
    cup = ListingFactory(producer=world["minh_long"], title_vi="Chén trà men rạn", title_en="Crackle tea cup")
    plate = ListingFactory(producer=world["hoa_lam"], title_vi="Đĩa gốm vẽ sen", title_en="Lotus plate")
    ListingFactory(producer=world["minh_long"], title_en="A draft", status=ListingStatus.DRAFT)
    ListingFactory(producer=world["lua"], title_vi="Khăn lụa tơ tằm", title_en="Silk scarf")

    assert follows.send_digests() == 2

    (note,) = notes_of(buyer, "follows.digest")
    assert note.params["num"] == {"num": 2}
    assert read_as(note, "en") == ("New from the shops and villages you follow",
                                   "2 new products: Crackle tea cup (Gốm Minh Long); Lotus plate (Gốm Hoa Lam).")
    assert note.link == "/account/saved"
    assert len(mails_to("lan@example.vn")) == 1 and len(mails_to("hoa@example.vn")) == 1
    assert {cup.id, plate.id}  # listed after the follows began; the vase before them is not news

    assert follows.send_digests() == 0
    assert count(db, Notification, Notification.message_key == "follows.digest") == 2

    ListingFactory(producer=world["hoa_lam"], title_vi="Lọ hoa", title_en="Flower pot")
    assert follows.send_digests() == 1
    latest = notes_of(buyer, "follows.digest")[-1]
    assert read_as(latest, "en")[1] == "1 new product: Flower pot (Gốm Hoa Lam)."
    assert count(db, DigestMark) == 2


@pytest.mark.pipeline
def test_the_digest_task_runs_on_a_real_worker(make_app, celery_worker, tmp_path):
    """Does the beat task, run by a real Celery worker, send the follower's digest e-mail once?"""
    from marketplace.extensions import db
    from workers.tasks import send_follow_digests

    app = make_app(**celery_worker)
    with app.app_context():
        buyer = UserFactory(email="lan@example.vn", locale="en")
        shop = ProducerFactory(name="Gốm Minh Long")
        follows.follow(buyer, "producer", shop.id)
        ListingFactory(producer=shop, title_vi="Chén trà men rạn", title_en="Crackle tea cup")

        send_follow_digests.delay()

        def sent():
            db.session.expire_all()
            return db.session.scalars(select(OutboxMessage).where(OutboxMessage.status == "sent")).all()

        (mail,) = wait_for(sent)
        assert (mail.to_email, mail.subject) == ("lan@example.vn", "New from the shops and villages you follow")
        assert "1 new product: Crackle tea cup (Gốm Minh Long)." in mail.body
        assert count(db, Notification) == 1


def test_a_signed_in_buyer_sees_recently_viewed_products(app, db, world):
    """Do the product views of a signed-in buyer show, latest first, on the home and saved pages (and not to others)?"""
    scarf = ListingFactory(producer=world["lua"], title_vi="Khăn lụa tơ tằm", title_en="Silk scarf")
    client = client_for(app, world["buyer"])
    client.get(f"/products/{world['old'].id}")
    client.get(f"/products/{scarf.id}")

    saved = client.get("/account/saved").get_data(as_text=True)
    home = client.get("/").get_data(as_text=True)

    recent = saved[saved.index("Recently viewed"):]
    assert _titles(recent) == ["Silk scarf", "Blue glazed vase"]
    assert "Recently viewed" in home
    assert "Recently viewed" not in app.test_client().get("/?lang=en").get_data(as_text=True)


def test_deleting_the_account_deletes_its_saved_products_and_follows(app, db, world):
    """Are a deleted account's favourites, follows and digest mark gone with it?"""
    from tests.factories import PASSWORD

    buyer = world["buyer"]
    follows.save(buyer, world["old"].id)
    follows.follow(buyer, "producer", world["minh_long"].id)
    follows.follow(buyer, "village", world["van_phuc"].id)
    follows.send_digests()

    response = client_for(app, buyer).post("/account/delete", data={"password": PASSWORD})

    assert response.status_code in (302, 303)
    assert (count(db, Favourite), count(db, Follow), count(db, DigestMark)) == (0, 0, 0)
