"""Reference products on an inquiry (issue 12 item 6): numbers or product page addresses, shown by title."""
from datetime import date, timedelta

import pytest
from marshmallow import ValidationError

from marketplace.catalog.models import ListingStatus
from marketplace.leads.models import Inquiry
from marketplace.leads.schemas import InquirySchema
from tests.factories import ListingFactory
from tests.leads_data import ceramics_world


def _inquiry(references):
    return {"description": "Blue glaze", "quantity": 3000, "destination_country": "DE", "incoterm": "FOB",
            "required_by": (date.today() + timedelta(days=90)).isoformat(), "reference_listing_ids": references}


def _errors(references):
    with pytest.raises(ValidationError) as caught:
        InquirySchema().load(_inquiry(references))
    return caught.value.messages


@pytest.fixture
def world(db, english):
    return ceramics_world()


def test_numbers_and_page_addresses_read_as_the_products(world):
    """Do a number, a site-relative page address with its slug and a full address name the three products?"""
    text = f"{world.vase.id}, /products/{world.plate.id}-dia-gom-men-lam http://127.0.0.1:5185/products/{world.plain.id}?x=1"
    clean = InquirySchema().load(_inquiry(text))
    assert sorted(listing.id for listing in clean["references"]) == sorted(
        [world.vase.id, world.plate.id, world.plain.id])
    as_json = InquirySchema().load(_inquiry([world.vase.id, f"/products/{world.scarf.id}"]))  # the API's list
    assert sorted(listing.id for listing in as_json["references"]) == sorted([world.vase.id, world.scarf.id])


def test_an_entry_that_is_no_number_or_page_is_named(world):
    """Is a word or another page named, in quotes, in the field's message?"""
    assert _errors(f"{world.vase.id}, bình, /villages/bat-trang") == {"reference_listing_ids": [
        "Not a product number or a product page address: “bình”, “/villages/bat-trang”."]}
    assert _errors(["/products/x"]) == {"reference_listing_ids": [
        "Not a product number or a product page address: “/products/x”."]}


def test_an_unknown_or_hidden_product_is_named_by_its_number(world):
    """Does a number no public product has (none, or a draft) come back in the message?"""
    draft = ListingFactory(producer=world.an, craft=world.vase.craft, status=ListingStatus.DRAFT)
    assert _errors(f"/products/{draft.id}, 999999, {world.vase.id}") == {"reference_listing_ids": [
        f"No public product has the number {min(draft.id, 999999)}, {max(draft.id, 999999)}."]}


def test_more_than_five_is_refused(world):
    """Are six products, given by page addresses, one too many?"""
    six = " ".join(f"/products/{world.vase.id + i}" for i in range(6))
    assert _errors(six) == {"reference_listing_ids": ["Give at most 5 reference products."]}


def test_the_form_shows_the_chosen_products_by_title_when_re_shown(db, world, client, login):
    """Re-shown with a mistake, does the form list the reference products by title, and store nothing?"""
    login(world.importer)
    with client.session_transaction() as session:
        session["lang"] = "en"
    data = {key: str(value) for key, value in _inquiry(f"/products/{world.vase.id}, {world.scarf.id}").items()}
    data.update(quantity="", unit="piece", craft="", ocop_stars="", trademark="", target_price_vnd="")
    response = client.post("/dashboard/importer/inquiries/new", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    chosen = html[html.index('class="picker-chosen"'):html.index("</ul>", html.index('class="picker-chosen"'))]
    assert ">Blue glaze vase</a>" in chosen and ">Red silk scarf</a>" in chosen
    assert f'data-id="{world.vase.id}"' in chosen
    assert db.session.query(Inquiry).count() == 0

    response = client.get(f"/dashboard/importer/inquiries/new?listing={world.plate.id}")
    assert ">Blue glaze plate</a>" in response.get_data(as_text=True)
