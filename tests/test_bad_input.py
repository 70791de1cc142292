"""Input no real person sends: ids beyond PostgreSQL's integer, absurd page numbers, NUL characters.

Each answers 404 (the id cannot exist) or 400 with a message naming what is wrong, never a 500
(OverflowError, "integer out of range", "string literal cannot contain NUL"), and changes nothing.
"""
import pytest
from sqlalchemy import func, select

from marketplace.accounts import services as accounts
from marketplace.accounts.models import ApiToken, Role, User
from marketplace.leads.models import Inquiry
from marketplace.producers.models import Producer
from tests.factories import AssociationFactory, ListingFactory, ProducerFactory, UserFactory

BIG = 2**31  # one past PostgreSQL's integer
HUGE = 99999999999999999999  # past a 64-bit integer too


@pytest.fixture
def people(db):
    """One user of each role, the producer's own producer and listing, and API tokens."""
    users = {role: UserFactory(role=role, locale="en") for role in
             (Role.STAFF, Role.PRODUCER, Role.IMPORTER, Role.ASSOCIATION_ADMIN, Role.BUYER)}
    producer = ProducerFactory(owner=users[Role.PRODUCER], slug="gom-an")
    AssociationFactory(admin=users[Role.ASSOCIATION_ADMIN])
    listing = ListingFactory(producer=producer)
    tokens = {role: accounts.create_api_token(users[role], "ERP")[1] for role in (Role.IMPORTER, Role.PRODUCER)}
    return type("People", (), {"users": users, "producer": producer, "listing": listing, "tokens": tokens})


def _request(client, people, role, method, path, token=False, **kwargs):
    headers = {"Authorization": f"Bearer {people.tokens[role]}"} if token else {}
    path = path.format(pid=people.producer.id, lid=people.listing.id, slug=people.producer.slug)
    return client.open(path, method=method, headers=headers, **kwargs)


ID_ROUTES = [
    (Role.STAFF, "POST", f"/staff/producers/{HUGE}/approve"),
    (Role.STAFF, "POST", f"/staff/producers/{BIG}/suspend"),
    (Role.STAFF, "POST", f"/staff/payments/transfers/{BIG}"),
    (Role.STAFF, "POST", f"/staff/payments/refunds/{BIG}/transferred"),
    (Role.STAFF, "GET", f"/staff/payouts/{BIG}"),
    (Role.STAFF, "GET", f"/staff/payouts/{HUGE}.csv"),
    (Role.STAFF, "POST", f"/staff/payouts/{BIG}/paid"),
    (Role.PRODUCER, "GET", f"/dashboard/producer/{BIG}/edit"),
    (Role.PRODUCER, "POST", f"/dashboard/producer/{BIG}/officers"),
    (Role.PRODUCER, "POST", f"/dashboard/producer/{BIG}/apply"),
    (Role.PRODUCER, "GET", f"/dashboard/producer/{BIG}/listings/new"),
    (Role.PRODUCER, "GET", f"/dashboard/listings/{BIG}/edit"),
    (Role.PRODUCER, "POST", f"/dashboard/listings/{HUGE}/status"),
    (Role.PRODUCER, "POST", f"/dashboard/listings/{{lid}}/images/{BIG}/delete"),
    (Role.PRODUCER, "GET", f"/dashboard/producer/{BIG}/orders"),
    (Role.PRODUCER, "GET", f"/dashboard/producer/orders/{BIG}"),
    (Role.PRODUCER, "POST", f"/dashboard/producer/orders/{BIG}/ship"),
    (Role.PRODUCER, "GET", f"/dashboard/producer/{BIG}/earnings"),
    (Role.PRODUCER, "GET", f"/dashboard/producer/leads/{BIG}"),
    (Role.PRODUCER, "POST", f"/dashboard/producer/leads/{BIG}/decline"),
    (Role.PRODUCER, "POST", f"/dashboard/leads/{BIG}/messages"),
    (Role.BUYER, "GET", f"/products/{BIG}"),
    (Role.BUYER, "POST", f"/cart/items/{BIG}"),
    (Role.BUYER, "GET", f"/orders/{BIG}"),
    (Role.BUYER, "POST", f"/orders/{BIG}/parts/{BIG}/cancel"),
    (Role.BUYER, "GET", f"/orders/{HUGE}/pay"),
    (Role.BUYER, "GET", f"/api/v1/orders/{BIG}"),
    (Role.BUYER, "GET", f"/api/v1/products/{HUGE}"),
    (Role.BUYER, "POST", f"/account/api-tokens/{BIG}/revoke"),
    (Role.IMPORTER, "GET", f"/dashboard/importer/inquiries/{BIG}"),
    (Role.IMPORTER, "POST", f"/dashboard/importer/inquiries/{BIG}/close"),
    (Role.IMPORTER, "POST", f"/dashboard/importer/inquiries/{BIG}/rematch"),
    (Role.IMPORTER, "POST", f"/dashboard/importer/quotes/{BIG}/accept"),
    (Role.IMPORTER, "GET", f"/dashboard/importer/inquiries/{BIG}/leads/{BIG}"),
    (Role.ASSOCIATION_ADMIN, "GET", f"/dashboard/association/members/{BIG}"),
    (Role.ASSOCIATION_ADMIN, "POST", f"/dashboard/association/members/{BIG}/decide"),
    (Role.ASSOCIATION_ADMIN, "POST", f"/dashboard/association/members/{BIG}/grant"),
    (Role.ASSOCIATION_ADMIN, "POST", f"/dashboard/association/rights/{BIG}/withdraw"),
    (Role.ASSOCIATION_ADMIN, "GET", f"/dashboard/association/leads/{BIG}"),
    (Role.ASSOCIATION_ADMIN, "POST", f"/dashboard/consortia/{BIG}/messages"),
]


@pytest.mark.parametrize("role, method, path", ID_ROUTES)
def test_an_id_beyond_the_database_integer_is_a_404(people, login, role, method, path):
    """Signed in as the role the page is for, is an id past 2**31 - 1 in the URL a 404 (not a 500)?"""
    response = _request(login(people.users[role]), people, role, method, path)

    assert response.status_code == 404


@pytest.mark.parametrize("role, path", [
    (Role.IMPORTER, f"/api/v1/inquiries/{BIG}"),
    (Role.PRODUCER, f"/api/v1/leads/{HUGE}/quotes"),
])
def test_an_id_beyond_the_database_integer_is_a_404_for_api_tokens(people, client, role, path):
    """With a bearer token, is an id past 2**31 - 1 in an API URL a 404 JSON (not a 500)?"""
    response = _request(client, people, role, "POST" if path.endswith("quotes") else "GET", path, token=True, json={})

    assert response.status_code == 404
    assert response.json["error"]["status"] == 404


PAGES = [
    (Role.STAFF, "/staff/"), (Role.STAFF, "/staff/orders"), (Role.STAFF, "/staff/payments"), (Role.STAFF, "/staff/payouts"),
    (Role.BUYER, "/orders"), (Role.BUYER, "/products"), (Role.BUYER, "/producers/{slug}"),
    (Role.BUYER, "/api/v1/orders"), (Role.BUYER, "/api/v1/products"),
    (Role.PRODUCER, "/dashboard/producer"), (Role.PRODUCER, "/dashboard/producer/{pid}/orders"),
    (Role.PRODUCER, "/dashboard/producer/{pid}/earnings"), (Role.PRODUCER, "/dashboard/producer/leads"),
    (Role.IMPORTER, "/dashboard/importer"), (Role.ASSOCIATION_ADMIN, "/dashboard/association/leads"),
]


@pytest.mark.parametrize("page, message", [
    ("9223372036854775808", "Page must be between 1 and 100,000."),
    ("0", "Page must be between 1 and 100,000."),
    ("2.5", "Page must be a whole number."),
])
@pytest.mark.parametrize("role, path", PAGES)
def test_a_page_number_out_of_range_is_a_400_naming_the_page(people, login, role, path, page, message):
    """Is ?page= past 100,000, zero or a fraction on every paginated page a 400 that says so?"""
    response = _request(login(people.users[role]), people, role, "GET", f"{path}?page={page}")

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("role, path", [(Role.IMPORTER, "/api/v1/inquiries"), (Role.PRODUCER, "/api/v1/leads")])
def test_a_page_number_out_of_range_is_a_400_for_api_tokens(people, client, role, path):
    """With a bearer token, is ?page=9223372036854775808 a 400 naming the page?"""
    response = _request(client, people, role, "GET", f"{path}?page=9223372036854775808&lang=en", token=True)

    assert response.status_code == 400
    assert response.json["error"]["fields"] == {"page": ["Page must be between 1 and 100,000."]}


def test_an_absurd_page_size_is_a_400_naming_it(people, login):
    """Is /api/v1/orders?per_page=99999999999999999999 a 400 naming per_page, not a 500?"""
    response = login(people.users[Role.BUYER]).get(f"/api/v1/orders?per_page={HUGE}")

    assert response.status_code == 400
    assert response.json["error"]["fields"] == {"per_page": ["Results per page must be between 1 and 100."]}


NUL_MESSAGE = "A field contains a NUL character (\\0), which no text may hold. Remove it and try again."


@pytest.mark.parametrize("role, path, body", [
    (None, "/register", {"data": {"name": "An\x00", "email": "an@example.vn", "password": "x" * 12}}),
    (Role.PRODUCER, "/dashboard/producer/{pid}/edit", {"data": {"name": "Gốm An", "story_vi": "Lò gốm\x00"}}),
    (Role.PRODUCER, "/dashboard/producer/{pid}/listings/new", {"data": {"title_vi": "Bình\x00", "price_vnd": "350000"}}),
    (Role.PRODUCER, "/dashboard/listings/{lid}/edit", {"data": {"title_vi": "Bình\x00", "price_vnd": "350000"}}),
    (Role.PRODUCER, "/dashboard/producer/new", {"data": {"name": "Xưởng\x00", "kind": "household"}}),
    (Role.PRODUCER, "/dashboard/leads/1/messages", {"data": {"body": "Chào\x00"}}),
    (Role.IMPORTER, "/dashboard/importer/inquiries/new", {"data": {"description": "vases\x00", "quantity": "100"}}),
    (Role.IMPORTER, "/dashboard/importer/profile", {"data": {"company": "Import\x00 GmbH", "country": "DE"}}),
    (Role.IMPORTER, "/account/api-tokens", {"data": {"name": "ERP\x00"}}),
    (Role.IMPORTER, "/api/v1/inquiries", {"json": {"description": "vases\x00", "quantity": 100}}),
    (Role.IMPORTER, "/api/v1/inquiries", {"json": {"description": "vases", "craft": "gom\x00"}}),
    (Role.IMPORTER, "/api/v1/inquiries", {"json": {"description": "vases", "extra": [{"k\x00": 1}]}}),
    (Role.PRODUCER, "/api/v1/leads/1/quotes", {"json": {"unit_price_vnd": 95000, "message": "Mẫu\x00"}}),
])
def test_a_nul_character_in_a_form_or_json_body_is_a_400_that_says_so(people, client, login, db, role, path, body):
    """Is a NUL character in any field of a form or JSON body refused (400, with the reason), nothing stored?"""
    if role:
        login(people.users[role])
    else:
        with client.session_transaction() as session:
            session["lang"] = "en"
    token = path.startswith("/api/") and role in people.tokens
    counts = lambda: [db.session.scalar(select(func.count()).select_from(m)) for m in (User, Producer, Inquiry, ApiToken)]  # noqa: E731
    before = counts()

    response = _request(client, people, role, "POST", path + ("?lang=en" if token else ""), token=token, **body)

    assert response.status_code == 400
    assert NUL_MESSAGE in response.get_data(as_text=True).replace("\\\\", "\\")
    assert counts() == before
    db.session.refresh(people.producer)
    assert people.producer.story_vi != "Lò gốm\x00"
