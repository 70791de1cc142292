"""Producers manage their own listings; nobody else can touch them."""
import io
from pathlib import Path

import pytest
from PIL import Image

from marketplace.accounts.models import Role
from marketplace.catalog import services
from marketplace.catalog.models import Listing, ListingImage
from marketplace.core.errors import NotFound
from marketplace.producers import invitations
from tests.factories import CraftFactory, ListingFactory, ProducerFactory, UserFactory


def _jpeg(width=900, height=600, colour=(180, 90, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def _form(craft, **overrides):
    data = {
        "title_vi": "Khăn lụa tơ tằm", "title_en": "Mulberry silk scarf", "craft_id": str(craft.id),
        "description_vi": "Dệt tay", "description_en": "Hand woven", "price_vnd": "450000", "stock": "12",
        "unit": "piece", "materials": "tơ tằm", "lead_time_days": "7", "moq": "2", "hs_code": "5007.20", "weight_grams": "250",
        "status": "active",
        "variants-0-name_vi": "Đỏ", "variants-0-name_en": "Red", "variants-0-price_vnd": "450000", "variants-0-stock": "5",
        "variants-1-name_vi": "Xanh ngọc", "variants-1-name_en": "Jade", "variants-1-price_vnd": "480000", "variants-1-stock": "7",
        "tiers-0-min_qty": "10", "tiers-0-unit_price_vnd": "400000",
        "tiers-1-min_qty": "50", "tiers-1-unit_price_vnd": "360000",
    }
    data.update(overrides)
    return data


@pytest.fixture
def shop(db):
    owner = UserFactory(role=Role.PRODUCER)
    producer = ProducerFactory(owner=owner, name="Lụa Vạn Phúc Hà Đông")
    return {"owner": owner, "producer": producer, "craft": CraftFactory(slug="silk")}


def test_producer_creates_a_listing_with_variants_tiers_and_an_image(shop, login, app, db):
    """Does the listing form save every field, variant, tier and a resized image with its thumbnail?"""
    client = login(shop["owner"])
    data = _form(shop["craft"])
    data["images"] = [(io.BytesIO(_jpeg(2400, 1600)), "khan.jpg")]
    response = client.post(f"/dashboard/producer/{shop['producer'].id}/listings/new", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 302
    listing = db.session.query(Listing).one()
    assert (listing.title_vi, listing.price_vnd, listing.moq, listing.hs_code, listing.status) == (
        "Khăn lụa tơ tằm", 450000, 2, "500720", "active")
    assert [(v.name_en, v.price_vnd, v.stock) for v in listing.variants] == [("Red", 450000, 5), ("Jade", 480000, 7)]
    assert listing.stock == 12  # the sum of the variants' stock
    assert [(t.min_qty, t.unit_price_vnd) for t in listing.tiers] == [(10, 400000), (50, 360000)]
    assert listing.unit_price_for(10) == 400000 and listing.unit_price_for(60) == 360000
    image = listing.images[0]
    assert (image.width, image.height) == (1600, 1067)
    root = Path(app.config["UPLOAD_FOLDER"])
    with Image.open(root / image.thumb_path) as thumb:
        assert thumb.size == (480, 480)
    assert not str(root).startswith(str(Path(__file__).parent.parent / "marketplace"))


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_saved(shop, login, db):
    """Is a text file renamed .jpg refused with a clear message and no listing stored?"""
    data = _form(shop["craft"])
    data["images"] = [(io.BytesIO(b"GIF89a not really an image"), "photo.jpg")]
    response = login(shop["owner"]).post(f"/dashboard/producer/{shop['producer'].id}/listings/new", data=data,
                                         content_type="multipart/form-data")
    assert response.status_code == 400
    assert "not an image we can read" in response.get_data(as_text=True)
    assert db.session.query(Listing).count() == 0


def test_too_many_images_are_refused(shop, app, english):
    """Is a ninth image refused?"""
    listing = ListingFactory(producer=shop["producer"])
    with pytest.raises(services.ListingError, match="at most 8 images"):
        services.update_listing(shop["owner"], listing.id, {
            "title_vi": "Khăn", "craft_id": listing.craft_id, "price_vnd": 100000, "weight_grams": 300}, [_jpeg(100, 100)] * 9)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("price_vnd", "999", "Enter a price from ₫1,000 to ₫2,000,000,000."),
    ("hs_code", "12ab", "An HS code has 4, 6, 8 or 10 digits."),
    ("tiers-0-unit_price_vnd", "500000", "A wholesale price must be lower than the unit price."),
    ("tiers-0-min_qty", "1", "Tier quantity must be between 2 and 1,000,000."),
    ("title_vi", "", "This field is required."),
])
def test_bad_listing_input_gets_a_clear_message_and_changes_nothing(shop, login, db, field, value, message):
    """Does each kind of bad input answer 400 with its message, storing nothing?"""
    response = login(shop["owner"]).post(f"/dashboard/producer/{shop['producer'].id}/listings/new",
                                         data=_form(shop["craft"], **{field: value}))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.query(Listing).count() == 0


def test_a_producer_cannot_edit_another_producers_listing(shop, login, db):
    """Does editing someone else's listing answer 404 and leave it exactly as it was?"""
    theirs = ListingFactory(title_vi="Bình gốm của người khác", price_vnd=700000)
    before = (theirs.title_vi, theirs.price_vnd, theirs.status, theirs.updated_at)
    client = login(shop["owner"])
    assert client.get(f"/dashboard/listings/{theirs.id}/edit").status_code == 404
    response = client.post(f"/dashboard/listings/{theirs.id}/edit", data=_form(shop["craft"], title_vi="Hacked"))
    assert response.status_code == 404
    assert client.post(f"/dashboard/listings/{theirs.id}/status", data={"status": "archived"}).status_code == 404
    db.session.expire_all()
    again = db.session.get(Listing, theirs.id)
    assert (again.title_vi, again.price_vnd, again.status, again.updated_at) == before


def test_a_producer_cannot_add_listings_to_another_producer(shop, login, db):
    """Does creating a listing for a producer one does not act for answer 404 and store nothing?"""
    other = ProducerFactory()
    response = login(shop["owner"]).post(f"/dashboard/producer/{other.id}/listings/new", data=_form(shop["craft"]))
    assert response.status_code == 404
    assert db.session.query(Listing).count() == 0


def test_a_cooperative_officer_acts_for_each_producer_they_were_added_to(shop, db):
    """Can an officer who accepted two producers' invitations manage both, and no third one?"""
    officer = UserFactory(role=Role.PRODUCER, email="officer@htx.vn")
    second = ProducerFactory(owner=UserFactory(role=Role.PRODUCER))
    from marketplace.producers import services as producers

    invitations.invite_officer(shop["owner"], shop["producer"].id, "officer@htx.vn")
    invitations.invite_officer(second.members[0].user, second.id, "OFFICER@htx.vn")
    for invitation in invitations.invitations_for(officer):
        invitations.accept_invitation(officer, invitation.id)
    third = ProducerFactory()
    assert [p.id for p in producers.producers_of(officer)] == sorted([shop["producer"].id, second.id])
    listing = services.create_listing(officer, second.id, {"title_vi": "Nón lá", "craft_id": shop["craft"].id, "price_vnd": 90000, "weight_grams": 300})
    assert listing.producer_id == second.id
    with pytest.raises(NotFound):
        services.create_listing(officer, third.id, {"title_vi": "Nón lá", "craft_id": shop["craft"].id, "price_vnd": 90000, "weight_grams": 300})


def test_listings_stay_hidden_until_staff_approve_the_producer(db):
    """Is an active listing of a pending producer invisible until staff approve the producer?"""
    staff = UserFactory(role=Role.STAFF)
    producer = ProducerFactory(status="pending", owner=UserFactory(role=Role.PRODUCER))
    listing = ListingFactory(producer=producer)
    with pytest.raises(NotFound):
        services.public_listing(listing.id)
    assert services.search_listings(services.SearchParams()).total == 0

    from marketplace.producers import services as producers

    producers.approve(staff, producer.id)
    assert services.public_listing(listing.id).id == listing.id
    assert services.search_listings(services.SearchParams()).total == 1


def test_staff_approval_is_staff_only(db, login):
    """Does a producer get 403 when trying to approve its own shop, which stays pending?"""
    owner = UserFactory(role=Role.PRODUCER)
    producer = ProducerFactory(status="pending", owner=owner)
    assert login(owner).post(f"/staff/producers/{producer.id}/approve").status_code == 403
    db.session.expire_all()
    assert producer.status == "pending"


def test_deleting_an_image_removes_its_files(shop, app, db):
    """Does deleting an image remove its row and both files?"""
    listing = services.create_listing(shop["owner"], shop["producer"].id,
                                      {"title_vi": "Khăn", "craft_id": shop["craft"].id, "price_vnd": 100000, "weight_grams": 300}, [_jpeg()])
    image = listing.images[0]
    root = Path(app.config["UPLOAD_FOLDER"])
    paths = [root / image.path, root / image.thumb_path]
    assert all(p.exists() for p in paths)
    services.delete_image(shop["owner"], listing.id, image.id)
    assert db.session.query(ListingImage).count() == 0
    assert not any(p.exists() for p in paths)


@pytest.mark.parametrize("craft_id", ["abc", "", None, 0, 99999, "1.5", True])
def test_an_unknown_or_malformed_craft_is_a_clear_error(shop, db, craft_id, english):
    """Does the service answer "Choose the product's craft." for any craft id that is not a real craft?"""
    with pytest.raises(services.ListingError, match="Choose the product's craft."):
        services.create_listing(shop["owner"], shop["producer"].id, {"title_vi": "Khăn", "craft_id": craft_id, "price_vnd": 100000, "weight_grams": 300})
    assert db.session.query(Listing).count() == 0


def test_refreshing_search_text_does_not_count_as_an_edit(shop, db):
    """When an association's decision refreshes a listing's search text, does its "updated" time stay put?"""
    listing = services.create_listing(shop["owner"], shop["producer"].id,
                                      {"title_vi": "Khăn", "craft_id": shop["craft"].id, "price_vnd": 100000, "weight_grams": 300})
    before = listing.updated_at
    services.refresh_search_for_listings([listing.id])
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Listing, listing.id).updated_at == before


def test_pictures_sent_with_a_refused_form_are_asked_for_again(shop, login, db):
    """When a form with a picture is refused, is the producer told to attach the picture again?"""
    data = _form(shop["craft"], price_vnd="500")
    data["images"] = [(io.BytesIO(_jpeg()), "khan.jpg")]
    response = login(shop["owner"]).post(f"/dashboard/producer/{shop['producer'].id}/listings/new", data=data,
                                         content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Your pictures were not saved. Please attach them again." in response.get_data(as_text=True)
    assert db.session.query(ListingImage).count() == 0


def test_the_producer_dashboard_lists_own_listings_only(shop, login, db):
    """Does the dashboard show the producer's listings and none of another producer's?"""
    ListingFactory(producer=shop["producer"], title_vi="Khăn lụa của tôi", title_en="My silk scarf")
    ListingFactory(title_vi="Bình gốm của người khác", title_en="Somebody else's vase")
    response = login(shop["owner"]).get("/dashboard/producer")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "My silk scarf" in body and "Somebody else" not in body
