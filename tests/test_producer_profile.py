"""A producer's shop profile: registered and edited through one schema that names every mistake at once."""
import re
from datetime import date
from html import unescape

from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.producers.models import Producer
from tests.factories import ProducerFactory, UserFactory, VillageFactory

FORM = {"name": "Xưởng gốm Minh Châu", "kind": "household", "village_id": "", "phone": "0912 345 678",
        "story_vi": "Ba đời làm gốm.", "story_en": "", "monthly_capacity": "500",
        "bank_name": "Vietcombank", "bank_account_number": "0011 0012 34567", "bank_account_name": "NGUYEN THI CHAU"}


def _messages(html):
    return [unescape(m) for m in re.findall(r'<p class="error(?:-text)?"[^>]*>([^<]+)</p>', html)]


def test_a_producer_registers_its_shop_with_the_form(login, db):
    """Does a valid shop form create a pending producer with exactly the values typed (account digits only)?"""
    village = VillageFactory(name="Bát Tràng")
    owner = UserFactory(role=Role.BUYER)

    response = login(owner).post("/dashboard/producer/new", data={**FORM, "village_id": str(village.id)})

    assert response.status_code == 302
    producer = db.session.scalars(select(Producer)).one()
    assert (producer.name, producer.kind, producer.village_id, producer.monthly_capacity, producer.status) == (
        "Xưởng gốm Minh Châu", "household", village.id, 500, "pending")
    assert (producer.bank_account_number, producer.ocop_stars, producer.export_ready) == ("0011001234567", None, False)


def test_a_shop_form_with_three_mistakes_names_all_three_and_stores_nothing(login, db):
    """Do a missing name, an unknown village and letters in the account number all show in one 400 answer, with no
    producer made, and are OCOP stars posted with the profile ignored (they go to staff review instead)?"""
    owner = UserFactory(role=Role.BUYER)

    response = login(owner).post("/dashboard/producer/new", data={
        **FORM, "name": "  ", "village_id": "999", "ocop_stars": "4", "bank_account_number": "VCB-123"})

    assert response.status_code == 400
    assert _messages(response.get_data(as_text=True)) == [
        "Give the producer's name.", "Choose the producer's village.", "A bank account number has digits only."]
    assert db.session.scalars(select(Producer)).all() == []


def test_saving_the_profile_page_unchanged_keeps_every_value(login, db):
    """Does opening a producer's profile page and saving it as it is change nothing?"""
    village = VillageFactory(name="Vạn Phúc")
    owner = UserFactory(role=Role.PRODUCER)
    producer = ProducerFactory(owner=owner, name="Lụa Vạn Phúc", village=village, ocop_stars=4,
                               ocop_expires_on=date(2027, 6, 30), monthly_capacity=800)
    before = (producer.name, producer.kind, producer.village_id, producer.ocop_stars, producer.ocop_expires_on,
              producer.monthly_capacity, producer.story_vi)
    client = login(owner)
    page = client.get(f"/dashboard/producer/{producer.id}/edit").get_data(as_text=True)
    fields = {name: unescape(value) for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)}
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        fields[name] = unescape(body.strip())
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', options)
        fields[name] = (chosen.group(1) or chosen.group(2)) if chosen else ""

    response = client.post(f"/dashboard/producer/{producer.id}/edit", data=fields)

    assert response.status_code == 302, _messages(response.get_data(as_text=True))
    db.session.expire_all()
    again = db.session.get(Producer, producer.id)
    assert (again.name, again.kind, again.village_id, again.ocop_stars, again.ocop_expires_on, again.monthly_capacity,
            again.story_vi) == before
