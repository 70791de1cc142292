"""A producer asks for a missing village; staff create it (the shop moves there) or decline with a reason."""
import pytest
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.core.audit import Change
from marketplace.notifications.models import Notification
from marketplace.villages.models import RequestStatus, Village, VillageRequest
from tests.factories import CraftFactory, ProducerFactory, UserFactory, VillageFactory
from tests.mail_helpers import notes_of, read_as


@pytest.fixture
def shop(db):
    owner = UserFactory(role=Role.PRODUCER, name="Chị Hoa", locale="en")
    return ProducerFactory(owner=owner, name="Gốm Hoa", village=VillageFactory(slug="bat-trang")), owner


def _ask(client, **extra):
    return client.post("/villages/request", data={"name": "Kim Lan", "commune": "xã Bát Tràng", "district": "Gia Lâm",
                                                  "craft": "gốm sứ", **extra})


def _notes(db, user):
    return [read_as(note) for note in notes_of(user)]


def test_staff_create_the_asked_village_and_the_shop_moves_to_it(db, shop, login):
    """Does approving a shop's request create the village from staff's form, move the shop there and tell its owner?"""
    producer, owner = shop
    ceramics = CraftFactory(slug="gom-su", name_vi="Gốm sứ")
    asked = _ask(login(owner), producer_id=str(producer.id))
    request = db.session.scalar(select(VillageRequest))
    staff = login(UserFactory(role=Role.STAFF))

    form = staff.get(f"/staff/village-requests/{request.id}/approve").get_data(as_text=True)
    answer = staff.post(f"/staff/village-requests/{request.id}/approve", data={
        "name": "Kim Lan", "slug": "kim-lan", "commune": "xã Bát Tràng", "district": "Gia Lâm",
        "crafts": [str(ceramics.id)]})

    village = db.session.scalar(select(Village).where(Village.slug == "kim-lan"))
    db.session.expire_all()
    assert asked.status_code == 303 and 'value="Kim Lan"' in form and "craft: gốm sứ" in form
    assert answer.headers["Location"] == f"/staff/villages/{village.id}"
    assert (request.status, request.village_id, producer.village_id) == (RequestStatus.APPROVED, village.id, village.id)
    assert _notes(db, owner) == [("Your village was added", "Kim Lan is now on Làng Nghề Market, and Gốm Hoa belongs to it.")]
    assert [c.action for c in db.session.scalars(select(Change).order_by(Change.id))] == ["request", "create", "approved"]


def test_declining_needs_a_reason_which_the_producer_reads(db, shop, login):
    """Is a decline without a reason refused, and one with a reason told to the producer, once?"""
    _producer, owner = shop
    _ask(login(owner))
    request = db.session.scalar(select(VillageRequest))
    staff = login(UserFactory(role=Role.STAFF))

    empty = staff.post(f"/staff/village-requests/{request.id}/decline", data={"reason": " "}, follow_redirects=True)
    db.session.expire_all()
    still_pending = db.session.get(VillageRequest, request.id).status
    staff.post(f"/staff/village-requests/{request.id}/decline", data={"reason": "Kim Lan đã có trong danh sách."})
    again = staff.post(f"/staff/village-requests/{request.id}/decline", data={"reason": "Lần nữa."}, follow_redirects=True)

    db.session.expire_all()
    assert "Tell the producer why (they will read it)." in empty.get_data(as_text=True) and still_pending == "pending"
    assert (request.status, request.reason) == (RequestStatus.DECLINED, "Kim Lan đã có trong danh sách.")
    assert "This request has already been decided." in again.get_data(as_text=True)
    assert _notes(db, owner) == [("Your village request was declined", "Kim Lan was not added: Kim Lan đã có trong danh sách.")]
    page = login(owner).get("/villages/request").get_data(as_text=True)
    assert "Declined" in page and "Kim Lan đã có trong danh sách." in page


def test_a_request_names_every_missing_field_and_cannot_name_anothers_shop(db, shop, login):
    producer, _owner = shop
    stranger = UserFactory(role=Role.PRODUCER)
    client = login(stranger)

    empty = client.post("/villages/request", data={})
    other = _ask(client, producer_id=str(producer.id))

    page = empty.get_data(as_text=True)
    assert empty.status_code == 400
    for message in ("Give the village&#39;s name.", "Give the commune or ward.", "Say which craft the village practises."):
        assert message in page
    assert other.status_code == 404 and db.session.scalars(select(VillageRequest)).all() == []


def test_a_request_before_registering_links_to_the_registration_with_the_village_chosen(db, login):
    """Does a buyer's request, once approved, send a notification whose link opens registration with the village chosen?"""
    buyer = UserFactory(role=Role.BUYER, locale="en")
    craft = CraftFactory()
    _ask(login(buyer))
    request = db.session.scalar(select(VillageRequest))
    login(UserFactory(role=Role.STAFF)).post(f"/staff/village-requests/{request.id}/approve", data={
        "name": "Kim Lan", "slug": "kim-lan", "crafts": [str(craft.id)]})
    village = db.session.scalar(select(Village).where(Village.slug == "kim-lan"))

    note = db.session.scalar(select(Notification).where(Notification.user_id == buyer.id))
    registration = login(buyer).get(f"/dashboard/producer/new?village_id={village.id}").get_data(as_text=True)

    assert note.link.endswith(f"/dashboard/producer/new?village_id={village.id}")
    assert f'<option selected value="{village.id}">' in registration
