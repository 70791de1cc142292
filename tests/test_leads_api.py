"""The leads API: bearer tokens, inquiries (create, list own, detail), producers' leads and quotes."""
from datetime import date, timedelta

import pytest

from marketplace.accounts import services as accounts
from marketplace.accounts.models import ApiToken, Role
from marketplace.leads.constants import COUNTRIES
from marketplace.leads.models import Inquiry, Match, Quote
from tests.factories import UserFactory
from tests.leads_data import ceramics_world
from tests.test_openapi import _errors, _resolve


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def _body(**changes):
    body = {"description": "Blue glaze", "quantity": 3000, "unit": "piece", "target_price_vnd": 100_000,
            "destination_country": "DE", "incoterm": "FOB", "required_by": (date.today() + timedelta(days=90)).isoformat()}
    body.update(changes)
    return body


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json


def _check(spec, path, method, response):
    documented = _resolve(spec, spec["paths"][path][method]["responses"][str(response.status_code)])
    assert _errors(spec, documented["content"]["application/json"]["schema"], response.json) == []


def test_an_importer_submits_by_api_and_reads_the_ranked_matches(db, client, spec):
    """Does POST /api/v1/inquiries with a token store it, match it and answer 201 with the ranked shortlist?"""
    world = ceramics_world()
    _row, token = accounts.create_api_token(world.importer, "ERP")

    response = client.post("/api/v1/inquiries", json=_body(), headers=_auth(token))

    assert response.status_code == 201
    _check(spec, "/inquiries", "post", response)
    data = response.json
    assert data["matching_status"] == "done"
    assert [(m["producer"]["name"], m["score"]) for m in data["matches"]] == [("Gốm An", 100), ("Gốm Bình", 90)]
    assert data["target_price_usd"] == 3.94
    assert data["matches"][0]["reasons"][1]["text"].startswith("Năng lực 1.000 chiếc/tháng đủ làm 3.000")
    listed = client.get("/api/v1/inquiries", headers=_auth(token))
    assert [item["id"] for item in listed.json["items"]] == [data["id"]]
    _check(spec, "/inquiries", "get", listed)
    detail = client.get(f"/api/v1/inquiries/{data['id']}", headers=_auth(token))
    _check(spec, "/inquiries/{inquiry_id}", "get", detail)


def test_every_invalid_field_is_named_and_nothing_is_stored(db, client, spec):
    """Does a bad inquiry answer 400 naming each field at fault, and store nothing?"""
    world = ceramics_world()
    _row, token = accounts.create_api_token(world.importer, "ERP")

    response = client.post("/api/v1/inquiries", headers=_auth(token), json=_body(
        description="", quantity=0, unit="barrel", target_price_vnd=12.5, destination_country="XX", incoterm="FOO",
        required_by="2020-01-01", ocop_stars=7, trademark="nope", reference_listing_ids=[999]))

    assert response.status_code == 400
    _check(spec, "/inquiries", "post", response)
    assert sorted(response.json["error"]["fields"]) == [
        "destination_country", "incoterm", "ocop_stars", "quantity", "reference_listing_ids", "required_by",
        "target_price_vnd", "trademark", "unit"]
    assert db.session.query(Inquiry).count() == 0


def test_a_missing_unknown_or_revoked_token_is_refused(db, client, spec):
    """Do no token, a wrong one and a revoked one each get 401 JSON, and create nothing?"""
    world = ceramics_world()
    row, token = accounts.create_api_token(world.importer, "ERP")
    accounts.revoke_api_token(world.importer, row.id)

    for headers in ({}, _auth("lnm_wrong"), _auth(token), {"Authorization": f"Basic {token}"}):
        response = client.post("/api/v1/inquiries", json=_body(), headers=headers)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
        _check(spec, "/inquiries", "post", response)
    assert db.session.query(Inquiry).count() == 0
    assert db.session.query(ApiToken).one().token_hash != token  # only the hash is stored


def test_importers_see_only_their_own_inquiries(db, client):
    """Does another importer get 404 for my inquiry and an empty list?"""
    world = ceramics_world()
    _row, mine = accounts.create_api_token(world.importer, "ERP")
    other = UserFactory(role=Role.IMPORTER)
    _row, theirs = accounts.create_api_token(other, "Theirs")
    created = client.post("/api/v1/inquiries", json=_body(), headers=_auth(mine)).json

    assert client.get(f"/api/v1/inquiries/{created['id']}", headers=_auth(theirs)).status_code == 404
    assert client.get("/api/v1/inquiries", headers=_auth(theirs)).json["items"] == []


def test_only_importers_send_inquiries(db, client):
    """Does a producer's token get 403 on POST /inquiries?"""
    world = ceramics_world()
    _row, token = accounts.create_api_token(world.owners["an"], "Shop")

    assert client.post("/api/v1/inquiries", json=_body(), headers=_auth(token)).status_code == 403
    assert db.session.query(Inquiry).count() == 0


def test_a_producer_lists_its_leads_and_quotes_by_api(db, client, spec):
    """Can An's owner list its lead and quote on it once, and not on Bình's lead?"""
    world = ceramics_world()
    _row, importer_token = accounts.create_api_token(world.importer, "ERP")
    client.post("/api/v1/inquiries", json=_body(), headers=_auth(importer_token))
    _row, token = accounts.create_api_token(world.owners["an"], "Shop")

    leads = client.get("/api/v1/leads", headers=_auth(token))
    _check(spec, "/leads", "get", leads)
    assert [item["producer"]["name"] for item in leads.json["items"]] == ["Gốm An"]
    lead_id = leads.json["items"][0]["id"]
    quote = {"unit_price_vnd": 95_000, "quantity": 3000, "lead_time_days": 45,
             "valid_until": (date.today() + timedelta(days=30)).isoformat(), "message": "Mẫu có sẵn."}
    bad = client.post(f"/api/v1/leads/{lead_id}/quotes", json={**quote, "valid_until": "soon"}, headers=_auth(token))
    assert bad.status_code == 400 and list(bad.json["error"]["fields"]) == ["valid_until"]
    created = client.post(f"/api/v1/leads/{lead_id}/quotes", json=quote, headers=_auth(token))
    assert created.status_code == 201
    _check(spec, "/leads/{lead_id}/quotes", "post", created)
    assert created.json["total_vnd"] == 285_000_000
    again = client.post(f"/api/v1/leads/{lead_id}/quotes", json=quote, headers=_auth(token))
    assert again.status_code == 400
    binh_lead = db.session.query(Match).filter_by(producer_id=world.binh.id).one().id
    refused = client.post(f"/api/v1/leads/{binh_lead}/quotes", json=quote, headers=_auth(token))
    assert refused.status_code == 404
    _check(spec, "/leads/{lead_id}/quotes", "post", refused)
    assert db.session.query(Quote).count() == 1


def test_the_document_states_the_real_rules_of_country_and_date(spec):
    """Does InquiryInput list the ISO country codes as an enum (without "AA") and say in words which
    required_by dates are accepted, since JSON Schema cannot compare a date with today?"""
    fields = spec["components"]["schemas"]["InquiryInput"]["properties"]

    assert fields["destination_country"]["enum"] == sorted(COUNTRIES)
    assert (len(COUNTRIES), "AA" in COUNTRIES, "DE" in COUNTRIES, "VN" in COUNTRIES) == (257, False, True, True)
    assert fields["required_by"]["format"] == "date"
    assert fields["required_by"]["description"] == (
        "Delivery date: after today and at most 730 days (two years) ahead; "
        "any other date is a 400 naming required_by.")


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"destination_country": "AA"}, "destination_country",
     "Choose the destination country (a two-letter ISO code such as DE)."),
    ({"required_by": "2020-01-01"}, "required_by", "The date must be in the future."),
    ({"required_by": (date.today() + timedelta(days=731)).isoformat()}, "required_by",
     "The date must be within two years."),
])
def test_an_inquiry_outside_the_documented_rules_is_a_400_naming_the_field(db, client, changes, field, message):
    """Is a country outside the enum, or a date outside the described window, a 400 naming it, with nothing stored?"""
    world = ceramics_world()
    _row, token = accounts.create_api_token(world.importer, "ERP")

    response = client.post("/api/v1/inquiries?lang=en", json=_body(**changes), headers=_auth(token))

    assert response.status_code == 400
    assert response.json["error"]["fields"] == {field: [message]}
    assert db.session.query(Inquiry).count() == 0


def test_an_inquiry_on_the_edges_of_the_documented_rules_is_accepted(db, client):
    """Are the last day of the two years and a lower-case listed country ("vn") accepted, as documented?"""
    world = ceramics_world()
    _row, token = accounts.create_api_token(world.importer, "ERP")
    last_day = (date.today() + timedelta(days=730)).isoformat()

    response = client.post("/api/v1/inquiries", json=_body(required_by=last_day, destination_country="vn"),
                           headers=_auth(token))

    assert response.status_code == 201
    assert (response.json["destination_country"], response.json["required_by"]) == ("VN", last_day)
