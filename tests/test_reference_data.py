"""Services that scripts call: reference data (crafts, villages, associations, marks) and a few
parameters added so that the demo loader can go through the services users go through."""
import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from marketplace.accounts import services as accounts
from marketplace.accounts.models import Role
from marketplace.catalog import services as catalog
from marketplace.core.errors import InvalidInput, NotFound
from marketplace.producers import services as producers
from marketplace.trademarks import reference as trademarks
from marketplace.trademarks import services as trademark_services
from marketplace.trademarks.models import Association, Trademark
from marketplace.villages import reference as villages
from marketplace.villages.models import Craft, Village
from tests.factories import PASSWORD, CraftFactory, ListingFactory, ProducerFactory, UserFactory, VillageFactory


def _jpeg(colour=(180, 90, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_reference_data_made_by_the_services_shows_on_the_public_pages(client, db):
    """Do create_craft, create_village, create_association, add_association_admin and create_trademark make a village and a mark that their pages show?"""
    craft = villages.create_craft(None, {"slug": "ceramics", "name_vi": "Gốm sứ", "name_en": "Ceramics"})
    village = villages.create_village(None, {"slug": "bat-trang", "name": "Bát Tràng", "commune": "xã Bát Tràng",
                                             "district": "Gia Lâm", "story_vi": "Làng gốm.",
                                             "story_en": "A pottery village.", "crafts": [craft.id]})
    association = trademarks.create_association(None, {"slug": "hiep-hoi-gom-su-bat-trang",
                                                       "name": "Hiệp hội Gốm sứ Bát Tràng",
                                                       "name_en": "Bát Tràng Ceramics Association"})
    admin = UserFactory(role=Role.ASSOCIATION_ADMIN)
    trademarks.add_association_admin(None, association.id, admin)
    mark = trademarks.create_trademark(None, association.id, {"slug": "gom-su-bat-trang", "name_vi": "Gốm sứ Bát Tràng",
                                                              "name_en": "Bát Tràng ceramics", "villages": [village.id]})

    assert [c.slug for c in village.crafts] == [craft.slug] and [v.slug for v in mark.villages] == ["bat-trang"]
    assert trademark_services.trademarks_administered_by(admin) == [mark]
    assert "Bát Tràng" in client.get("/villages/bat-trang").get_data(as_text=True)
    assert "Gốm sứ Bát Tràng" in client.get("/trademarks/gom-su-bat-trang").get_data(as_text=True)


def _village(slug="bat-trang", crafts=None):
    return {"slug": slug, "name": "Bát Tràng", "crafts": crafts if crafts is not None else [1]}


@pytest.mark.parametrize(("make", "errors"), [
    (lambda: villages.create_craft(None, {"slug": "taken", "name_vi": "Gốm", "name_en": "Ceramics"}),
     {"slug": ["This address is already used."]}),
    (lambda: villages.create_village(None, _village("Bát Tràng")),
     {"slug": ["Give an address of lower-case letters, digits and hyphens."]}),
    (lambda: villages.create_village(None, _village(crafts=[999])), {"crafts": ["Choose the village's crafts."]}),
    (lambda: villages.create_craft(None, {"slug": "pottery", "name_en": "Pottery"}),
     {"name_vi": ["Give the craft's name in Vietnamese."]}),
    (lambda: trademarks.create_association(None, {"slug": "taken", "name": "Hội", "name_en": "Association"}),
     {"slug": ["This address is already used."]}),
    (lambda: trademarks.create_trademark(None, 0, {"slug": "mark"}), {}),
])
def test_reference_data_with_a_bad_field_is_refused_and_nothing_is_stored(db, english, make, errors):
    """Is a taken or malformed address, an unknown craft, a missing name or association refused with its message, storing nothing?"""
    CraftFactory(slug="taken")
    VillageFactory(slug="taken")
    trademarks.create_association(None, {"slug": "taken", "name": "Hội có sẵn", "name_en": "An association"})
    before = [_count(db, model) for model in (Craft, Village, Association, Trademark)]

    with pytest.raises((InvalidInput, NotFound)) as refused:
        make()

    assert refused.value.errors == errors
    assert [_count(db, model) for model in (Craft, Village, Association, Trademark)] == before


def test_an_association_admin_is_added_once_and_a_buyer_becomes_an_admin(db, english):
    """Is a second link for the same admin refused, a buyer made an admin, and a producer refused?"""
    association = trademarks.create_association(None, {"slug": "hoi-theu", "name": "Hội Thêu", "name_en": "Embroidery"})
    admin, buyer = UserFactory(role=Role.ASSOCIATION_ADMIN), UserFactory(role=Role.BUYER)
    trademarks.add_association_admin(None, association.id, admin)
    trademarks.add_association_admin(None, association.id, buyer)

    with pytest.raises(InvalidInput, match="already administers"):
        trademarks.add_association_admin(None, association.id, admin)
    with pytest.raises(InvalidInput, match="cannot administer"):
        trademarks.add_association_admin(None, association.id, UserFactory(role=Role.PRODUCER))
    assert [link.user_id for link in db.session.get(Association, association.id).admins] == [admin.id, buyer.id]
    assert buyer.role == Role.ASSOCIATION_ADMIN


def test_a_producer_keeps_the_address_it_was_given(db):
    """Does create_producer use the slug it is given instead of one made from the name?"""
    owner = UserFactory(role=Role.BUYER)
    village = VillageFactory()

    producer = producers.create_producer(owner, {"name": "Xưởng gốm Minh Châu", "kind": "household",
                                                 "village_id": village.id}, slug="gom-minh-chau")

    assert (producer.slug, owner.role) == ("gom-minh-chau", Role.PRODUCER)


def test_add_images_puts_new_pictures_after_a_listings_own_and_others_get_a_404(db):
    """Does add_images append pictures for the listing's producer, and give anyone else a 404 with nothing stored?"""
    owner, stranger = UserFactory(role=Role.PRODUCER), UserFactory(role=Role.PRODUCER)
    listing = ListingFactory(producer=ProducerFactory(owner=owner))
    catalog.add_images(owner, listing.id, [_jpeg()])

    catalog.add_images(owner, listing.id, [_jpeg((20, 60, 120)), _jpeg((200, 200, 200))])
    with pytest.raises(NotFound):
        catalog.add_images(stranger, listing.id, [_jpeg()])

    assert [(image.position, image.width) for image in listing.images] == [(0, 400), (1, 400), (2, 400)]


def test_an_account_registered_with_a_shared_hash_signs_in_and_the_password_rule_still_holds(db, english):
    """Does register_user accept a precomputed hash of the password (the demo's), while still refusing a short password?"""
    shared = UserFactory().password_hash  # the factories' hash of their one test password

    user = accounts.register_user("lan@example.vn", PASSWORD, "Lan", password_hash=shared)
    with pytest.raises(accounts.RegistrationError, match="at least 12"):
        accounts.register_user("short@example.vn", "short", "Short", password_hash=shared)

    assert accounts.authenticate("lan@example.vn", PASSWORD) == user
    assert accounts.find_by_email("short@example.vn") is None
