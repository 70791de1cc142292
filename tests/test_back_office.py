"""The staff back office: crafts, villages, associations and marks made and changed from pages, each change recorded."""
import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.core.audit import Change
from marketplace.trademarks.models import Association, Trademark
from marketplace.villages.models import Craft, Village
from tests.factories import AssociationFactory, CraftFactory, UserFactory, VillageFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (160, 80, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def _count(db, model):
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def staff(db):
    return UserFactory(role=Role.STAFF, name="Nhân viên Hà", email="ha@langnghe.vn")


@pytest.fixture
def as_staff(login, staff):
    return login(staff)


def test_staff_create_a_village_with_its_photo_and_the_public_page_shows_it(db, as_staff, staff, app):
    """Can staff add a craft, then a recognised village with a photo, and does the village's page show it?"""
    craft = as_staff.post("/staff/crafts/new", data={"slug": "gom-su", "name_vi": "Gốm sứ", "name_en": "Ceramics"})
    craft_id = db.session.scalar(select(Craft.id).where(Craft.slug == "gom-su"))

    answer = as_staff.post("/staff/villages/new", data={
        "name": "Kim Lan", "slug": "kim-lan", "commune": "xã Bát Tràng", "district": "Gia Lâm",
        "crafts": [str(craft_id)], "story_vi": "Làng gốm ven sông Hồng.", "story_en": "A pottery village on the Red River.",
        "recognised": "y", "recognised_year": "2008", "photo": (io.BytesIO(_jpeg()), "kim-lan.jpg"),
    }, content_type="multipart/form-data")

    village = db.session.scalar(select(Village).where(Village.slug == "kim-lan"))
    assert (craft.status_code, answer.status_code) == (303, 303)
    assert answer.headers["Location"] == f"/staff/villages/{village.id}"
    assert (village.name, village.commune, village.district, village.recognised, village.recognised_year) == (
        "Kim Lan", "xã Bát Tràng", "Gia Lâm", True, 2008)
    assert [c.slug for c in village.crafts] == ["gom-su"] and village.photo_path.startswith("villages/")
    page = as_staff.get("/villages/kim-lan").get_data(as_text=True)
    assert "xã Bát Tràng, Hanoi" in page and "formerly Gia Lâm district" in page
    assert "Recognised craft village since 2008" in page and village.photo_path in page
    change = db.session.scalar(select(Change).where(Change.entity == "village"))
    assert (change.actor_id, change.action, change.label, change.fields["commune"]) == (
        staff.id, "create", "Kim Lan", [None, "xã Bát Tràng"])


def test_an_empty_village_form_names_every_missing_field_and_stores_nothing(db, as_staff):
    """Does an empty village form come back (400) with the name, address and crafts messages at once?"""
    answer = as_staff.post("/staff/villages/new", data={"recognised": "y"})

    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    for message in ("Give the village&#39;s name.", "This field is required.", "Choose at least one craft.",
                    "Give the year the village was recognised."):
        assert message in page
    assert _count(db, Village) == 0 and _count(db, Change) == 0


def test_editing_a_village_records_before_and_after_and_the_changes_page_lists_it(db, as_staff, staff):
    """Does a change of commune and crafts show on the village's history and on the global Changes page?"""
    ceramics, sculpture = CraftFactory(slug="gom", name_vi="Gốm"), CraftFactory(slug="dieu-khac", name_vi="Điêu khắc")
    village = VillageFactory(slug="bat-trang", name="Bát Tràng", district="Gia Lâm", crafts=[ceramics])

    answer = as_staff.post(f"/staff/villages/{village.id}", data={
        "name": "Bát Tràng", "slug": "bat-trang", "commune": "xã Bát Tràng", "district": "Gia Lâm",
        "crafts": [str(ceramics.id), str(sculpture.id)]})
    again = as_staff.post(f"/staff/villages/{village.id}", data={
        "name": "Bát Tràng", "slug": "bat-trang", "commune": "xã Bát Tràng", "district": "Gia Lâm",
        "crafts": [str(ceramics.id), str(sculpture.id)]})

    assert (answer.status_code, again.status_code) == (303, 303)
    changes = db.session.scalars(select(Change)).all()
    assert [(c.action, c.fields) for c in changes] == [
        ("update", {"commune": ["", "xã Bát Tràng"], "crafts": [["gom"], ["dieu-khac", "gom"]]})]
    history = as_staff.get(f"/staff/villages/{village.id}").get_data(as_text=True)
    assert "Commune or ward</strong>: — → xã Bát Tràng" in history and "Nhân viên Hà" in history
    listing = as_staff.get("/staff/changes?entity=village").get_data(as_text=True)
    assert f'Village: <a href="/staff/villages/{village.id}"><strong>Bát Tràng</strong></a>' in listing and "gom → dieu-khac, gom" in listing


def test_a_slug_another_village_has_is_refused_on_edit(db, as_staff):
    """Is renaming a village to another's address refused with the message, leaving it as it was?"""
    craft = CraftFactory()
    VillageFactory(slug="van-phuc")
    village = VillageFactory(slug="bat-trang", crafts=[craft])

    answer = as_staff.post(f"/staff/villages/{village.id}", data={"name": "Bát Tràng", "slug": "van-phuc",
                                                                  "crafts": [str(craft.id)]})

    assert answer.status_code == 400 and "This address is already used." in answer.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Village, village.id).slug == "bat-trang" and _count(db, Change) == 0


@pytest.mark.parametrize("path", ["/staff/villages", "/staff/villages/new", "/staff/crafts", "/staff/associations",
                                  "/staff/changes", "/staff/village-requests"])
def test_only_staff_reach_the_back_office(db, login, path):
    """Does a signed-in association admin get 403 on every back-office page?"""
    client = login(UserFactory(role=Role.ASSOCIATION_ADMIN))

    assert client.get(path).status_code == 403


def test_a_buyer_posting_a_village_is_refused_and_nothing_is_stored(db, login):
    craft = CraftFactory()
    client = login(UserFactory(role=Role.BUYER))

    answer = client.post("/staff/villages/new", data={"name": "Kim Lan", "slug": "kim-lan", "crafts": [str(craft.id)]})

    assert answer.status_code == 403 and _count(db, Village) == 0


def test_staff_register_a_mark_with_its_image_and_rules_and_anyone_downloads_the_rules(db, as_staff, client):
    """Does a mark made with its registration, image and PDF rules show them, and serve the PDF as a download?"""
    village = VillageFactory(slug="bat-trang", name="Bát Tràng")
    as_staff.post("/staff/associations/new", data={"name": "Hiệp hội Gốm sứ Bát Tràng",
                                                   "name_en": "Bát Tràng Ceramics Association", "slug": "hh-bat-trang"})
    association = db.session.scalar(select(Association))

    answer = as_staff.post(f"/staff/associations/{association.id}/trademarks/new", data={
        "name_vi": "Gốm sứ Bát Tràng", "name_en": "Bát Tràng Ceramics", "slug": "gom-su-bat-trang",
        "villages": [str(village.id)], "registration_no": "4-0123456-000", "registration_date": "2021-03-15",
        "image": (io.BytesIO(_jpeg()), "nhan.jpg"), "rules": (io.BytesIO(PDF), "Quy chế sử dụng.pdf"),
    }, content_type="multipart/form-data")

    mark = db.session.scalar(select(Trademark))
    assert answer.status_code == 303 and answer.headers["Location"] == f"/staff/trademarks/{mark.id}"
    assert (mark.registration_no, mark.registration_date.isoformat(), mark.rules_filename) == (
        "4-0123456-000", "2021-03-15", "Quy_che_su_dung.pdf")
    assert [v.slug for v in mark.villages] == ["bat-trang"] and mark.image_path.startswith("marks/")
    page = client.get("/trademarks/gom-su-bat-trang").get_data(as_text=True)
    assert "Reg. no. 4-0123456-000" in page and "Rules of use (PDF)" in page
    download = client.get("/trademarks/gom-su-bat-trang/rules.pdf")
    assert (download.status_code, download.mimetype, download.data) == (200, "application/pdf", PDF)
    assert download.headers["Content-Disposition"] == "attachment; filename=Quy_che_su_dung.pdf"


def test_rules_that_are_not_a_pdf_are_refused_with_the_other_fields_messages(db, as_staff):
    """Is a text file given as the rules refused, and nothing stored?"""
    association = AssociationFactory()
    village = VillageFactory()

    answer = as_staff.post(f"/staff/associations/{association.id}/trademarks/new", data={
        "name_vi": "Nhãn", "name_en": "Mark", "slug": "nhan", "villages": [str(village.id)],
        "rules": (io.BytesIO(b"not a pdf"), "rules.pdf")}, content_type="multipart/form-data")
    empty = as_staff.post(f"/staff/associations/{association.id}/trademarks/new", data={"registration_no": "4-1"})

    assert answer.status_code == 400 and "The rules of use must be a PDF file." in answer.get_data(as_text=True)
    page = empty.get_data(as_text=True)
    for message in ("Give the mark&#39;s name in Vietnamese.", "Give the mark&#39;s name in English.",
                    "Choose the villages the mark covers.", "Give the date of registration with its number."):
        assert message in page
    assert _count(db, Trademark) == 0


def test_empty_lists_say_what_to_add_first(db, as_staff):
    """Do the empty villages, crafts and associations lists say what to do?"""
    assert "Add a craft first, then the villages that practise it." in as_staff.get("/staff/villages").get_data(as_text=True)
    assert "No crafts yet" in as_staff.get("/staff/crafts").get_data(as_text=True)
    assert "No associations yet" in as_staff.get("/staff/associations").get_data(as_text=True)
    assert "No changes recorded yet" in as_staff.get("/staff/changes").get_data(as_text=True)


def test_the_crafts_list_is_paginated(db, as_staff):
    for n in range(31):
        CraftFactory(slug=f"nghe-{n:02d}", name_vi=f"Nghề {n:02d}")

    first, second = as_staff.get("/staff/crafts").get_data(as_text=True), as_staff.get("/staff/crafts?page=2").get_data(as_text=True)

    assert "Nghề 29" in first and "Nghề 30" not in first and "Nghề 30" in second


def test_the_village_and_mark_forms_render_each_schema_field_with_its_own_input(db, as_staff):
    """Forms come from the schemas: does each field get the input its rule calls for, with its label?"""
    import re

    def inputs(page):
        kinds = {}
        for tag, attributes in re.findall(r"<(input|textarea)\b([^>]*)>", page):
            name, kind = re.search(r'\bname="(\w+)"', attributes), re.search(r'\btype="(\w+)"', attributes)
            kinds[name.group(1)] = f'input type="{kind.group(1)}"' if tag == "input" else tag
        return kinds

    CraftFactory()
    village = as_staff.get("/staff/villages/new", headers={"Accept-Language": "en"}).get_data(as_text=True)
    kinds = inputs(village)
    assert kinds["name"] == kinds["slug"] == kinds["commune"] == kinds["recognised_year"] == 'input type="text"'
    assert (kinds["story_vi"], kinds["story_en"]) == ("textarea", "textarea")
    assert (kinds["recognised"], kinds["crafts"], kinds["photo"]) == (
        'input type="checkbox"', 'input type="checkbox"', 'input type="file"')
    assert '<label for="recognised_year">Year of recognition</label>' in village

    association = AssociationFactory()
    VillageFactory()
    mark = as_staff.get(f"/staff/associations/{association.id}/trademarks/new").get_data(as_text=True)
    kinds = inputs(mark)
    assert (kinds["description_vi"], kinds["registration_date"], kinds["villages"], kinds["rules"]) == (
        "textarea", 'input type="date"', 'input type="checkbox"', 'input type="file"')
