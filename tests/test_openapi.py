"""The OpenAPI document of API v1: well formed, complete, and true of the real responses."""
import json
import re
from dataclasses import fields
from datetime import date
from urllib.parse import urlparse

import pytest

from marketplace.catalog.services import SearchParams
from tests.factories import UserFactory
from tests.test_api import catalogue  # noqa: F401  (the fixture the response checks run on)

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
PREFIX = "/api/v1"


@pytest.fixture
def spec(client):
    response = client.get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def _resolve(spec, node):
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        target = spec
        for part in ref[2:].split("/"):
            target = target[part]
        node = target
    return node


def _walk(node, path=""):
    """Every (path, dict) in a JSON document, depth first."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}/{i}")


def _errors(spec, schema, value, where="$"):
    """Where ``value`` breaks ``schema``: the JSON Schema subset the document uses, strictly.

    An object may only have the properties its schema (with its allOf parts) lists, so a
    field a serialiser adds without documenting it is an error.
    """
    schema = _resolve(spec, schema)
    if "allOf" in schema:
        parts = [_resolve(spec, part) for part in schema["allOf"]]
        schema = {
            "type": "object",
            "properties": {k: v for part in parts for k, v in part.get("properties", {}).items()},
            "required": [r for part in parts for r in part.get("required", [])],
        }
    if "oneOf" in schema:
        matching = [option for option in schema["oneOf"] if not _errors(spec, option, value, where)]
        return [] if len(matching) == 1 else [f"{where}: matches {len(matching)} of oneOf"]
    errors = []
    types = schema.get("type")
    if types is not None:
        names = {
            "object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
            "integer": int, "number": (int, float),
        }
        allowed = types if isinstance(types, list) else [types]
        ok = any(isinstance(value, names[t]) and not (t in ("integer", "number") and isinstance(value, bool)) for t in allowed)
        if not ok:
            return [f"{where}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{where}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{where}: {value} > {schema['maximum']}")
    if isinstance(value, str) and schema.get("format") == "uri" and not urlparse(value).scheme:
        errors.append(f"{where}: {value!r} is not an absolute URI")
    if isinstance(value, str) and schema.get("format") == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            errors.append(f"{where}: {value!r} is not a date")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", False if properties else True)
        errors += [f"{where}: missing {name}" for name in schema.get("required", []) if name not in value]
        for key, item in value.items():
            if key in properties:
                errors += _errors(spec, properties[key], item, f"{where}.{key}")
            elif extra is False:
                errors.append(f"{where}: undocumented property {key}")
            elif isinstance(extra, dict):
                errors += _errors(spec, extra, item, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += _errors(spec, schema["items"], item, f"{where}[{i}]")
    return errors


def _openapi_path(rule):
    """"/api/v1/products/<int:listing_id>" -> "/products/{listing_id}"."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule[len(PREFIX):])


def test_document_is_openapi_3_json_with_a_bearer_scheme(client, spec):
    """Is /api/v1/openapi.json JSON with openapi "3.x", an info block, paths and the bearerAuth scheme?"""
    response = client.get(f"{PREFIX}/openapi.json")

    assert response.mimetype == "application/json"
    assert re.fullmatch(r"3\.[01]\.\d+", spec["openapi"])
    assert {"title", "version"} <= set(spec["info"])
    assert spec["servers"] == [{"url": PREFIX}]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["type"] == "http"
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert {"Error", "Product", "ProductDetail", "ProductPage", "Village", "Trademark", "Verification"} <= set(
        spec["components"]["schemas"])


def test_every_api_route_is_documented_and_nothing_else(app, spec):
    """Does each /api/v1 route of the app appear in paths with its methods, and each documented path exist?"""
    routes = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(PREFIX + "/"):
            routes.setdefault(_openapi_path(rule.rule), set()).update({m.lower() for m in rule.methods} - {"head", "options"})

    documented = {path: set(item) & METHODS for path, item in spec["paths"].items()}
    assert routes == documented
    assert len(routes) == 16  # 10 catalogue paths (suggest and reviews included), 2 of orders, 4 of export leads


def test_path_parameters_match_the_route_arguments(app, spec):
    """Does every operation declare exactly its route's path arguments, each required?"""
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX + "/"):
            continue
        for method, operation in spec["paths"][_openapi_path(rule.rule)].items():
            parameters = [_resolve(spec, p) for p in operation.get("parameters", [])]
            in_path = {p["name"] for p in parameters if p["in"] == "path"}
            assert in_path == set(rule.arguments), (rule.rule, method)
            assert all(p["required"] is True for p in parameters if p["in"] == "path")


def test_product_list_parameters_are_the_search_arguments(spec):
    """Are the documented product-list query parameters exactly those SearchParams reads from a request?"""
    operation = spec["paths"]["/products"]["get"]
    names = {_resolve(spec, p)["name"] for p in operation["parameters"] if _resolve(spec, p)["in"] == "query"}

    assert names == {f.name for f in fields(SearchParams)} - {"producer_id"}
    assert [p["name"] for p in operation["parameters"] if p.get("in") == "header"] == ["If-None-Match"]
    assert _resolve(spec, {"$ref": "#/components/parameters/sort"})["schema"]["enum"] == [
        "relevance", "newest", "price_asc", "price_desc", "rating"]


def test_document_is_well_formed(spec):
    """Does every $ref resolve, every operation have a unique id and described responses, and every parameter a schema?"""
    for where, node in _walk(spec):
        if "$ref" in node:
            assert _resolve(spec, node), where
    operation_ids = []
    for path, item in spec["paths"].items():
        assert path.startswith("/")
        for method, operation in item.items():
            assert method in METHODS
            operation_ids.append(operation["operationId"])
            assert operation["responses"], (path, method)
            for status, response in operation["responses"].items():
                assert re.fullmatch(r"[1-5]\d\d", status)
                assert _resolve(spec, response)["description"]
            for parameter in operation.get("parameters", []):
                parameter = _resolve(spec, parameter)
                assert parameter["in"] in {"query", "path", "header", "cookie"} and "schema" in parameter
    assert len(operation_ids) == len(set(operation_ids))


@pytest.mark.parametrize(("url", "path", "status"), [
    ("/products?sort=price_asc", "/products", 200),
    ("/products?q=bat+trang", "/products", 200),
    ("/products?per_page=0", "/products", 400),
    ("/products/{vase}", "/products/{listing_id}", 200),
    ("/products/{draft}", "/products/{listing_id}", 404),
    ("/products/{vase}/reviews", "/products/{listing_id}/reviews", 200),
    ("/products/{draft}/reviews", "/products/{listing_id}/reviews", 404),
    ("/villages", "/villages", 200),
    ("/villages/bat-trang", "/villages/{slug}", 200),
    ("/villages/atlantis", "/villages/{slug}", 404),
    ("/trademarks", "/trademarks", 200),
    ("/trademarks/gom-su-bat-trang", "/trademarks/{slug}", 200),
    ("/trademarks/nope", "/trademarks/{slug}", 404),
    ("/verify/ABCDE23456", "/verify/{code}", 200),
    ("/verify/ZZZZZ99999", "/verify/{code}", 404),
])
def test_real_responses_match_their_documented_schema(client, spec, catalogue, url, path, status):  # noqa: F811
    """Does each endpoint's real answer, success or error, fit the schema the document gives for it?"""
    response = client.get(PREFIX + url.format(vase=catalogue["vase"].id, draft=catalogue["draft"].id))

    assert response.status_code == status
    documented = _resolve(spec, spec["paths"][path]["get"]["responses"][str(status)])
    schema = documented["content"]["application/json"]["schema"]
    assert _errors(spec, schema, response.json) == []


def test_the_validator_rejects_an_undocumented_field(spec):
    """Would a field added to a product card without documenting it be caught?"""
    card = {
        "id": 1, "url": "http://localhost/products/1", "title": {"vi": "a", "en": ""}, "price_vnd": 1000,
        "currency": "VND", "stock": 0, "moq": 1, "unit": "piece",
        "craft": {"slug": "c", "name": {"vi": "c", "en": "c"}},
        "producer": {"slug": "p", "name": "p", "kind": "household", "ocop_stars": None, "url": None},
        "village": {"slug": "v", "name": "v"}, "marks": [], "image": None, "rating": {"average": None, "count": 0},
    }

    assert _errors(spec, {"$ref": "#/components/schemas/Product"}, card) == []
    assert _errors(spec, {"$ref": "#/components/schemas/Product"}, {**card, "secret": 1}) == [
        "$: undocumented property secret"]
    assert _errors(spec, {"$ref": "#/components/schemas/Product"}, {**card, "price_vnd": 1.5}) == [
        "$.price_vnd: 1.5 is not integer"]


def test_the_order_endpoints_answer_their_documented_schema(client, login, spec, db):
    """Do a buyer's own orders, another's order and an anonymous call fit the documented answers?"""
    from marketplace.orders import services as orders
    from tests.factories import ListingFactory, ProducerFactory, UserFactory
    from tests.test_orders import ADDRESS

    buyer, other = UserFactory(), UserFactory()
    listing = ListingFactory(producer=ProducerFactory(), price_vnd=200000, stock=5)
    cart = orders.add_to_cart(buyer, None, listing.id, None, 2)
    order = orders.place_order(buyer, cart, ADDRESS, "cod", "api-token")
    operations = spec["paths"]

    def check(url, path, status):
        response = client.get(PREFIX + url)
        assert response.status_code == status, url
        documented = _resolve(spec, operations[path]["get"]["responses"][str(status)])
        assert _errors(spec, documented["content"]["application/json"]["schema"], response.json) == []
        return response.json

    check("/orders", "/orders", 401)
    login(buyer)
    listed = check("/orders", "/orders", 200)
    detail = check(f"/orders/{order.id}", "/orders/{order_id}", 200)
    login(other)
    check(f"/orders/{order.id}", "/orders/{order_id}", 404)

    assert [item["reference"] for item in listed["items"]] == [order.reference]
    assert (detail["total_vnd"], detail["status"], detail["payment_method"]) == (430000, "confirmed", "cod")
    assert detail["parts"][0]["lines"][0]["quantity"] == 2


def test_an_importer_reads_its_orders_with_a_bearer_token(client, db):
    """Does an importer's API token read its own orders, and a wrong token get 401 even with nothing else sent?"""
    from marketplace.accounts import services as accounts
    from marketplace.orders import services as orders
    from tests.factories import ListingFactory, ProducerFactory, UserFactory
    from tests.test_orders import ADDRESS

    importer = UserFactory(role="importer")
    listing = ListingFactory(producer=ProducerFactory(), price_vnd=150000, stock=5)
    cart = orders.add_to_cart(importer, None, listing.id, None, 3)
    order = orders.place_order(importer, cart, ADDRESS, "bank_transfer", "token-order")
    _row, token = accounts.create_api_token(importer, "ERP")

    listed = client.get(f"{PREFIX}/orders", headers={"Authorization": f"Bearer {token}"})
    wrong = client.get(f"{PREFIX}/orders", headers={"Authorization": "Bearer lnm_not-a-token"})

    assert listed.status_code == 200
    assert [(o["reference"], o["total_vnd"]) for o in listed.json["items"]] == [(order.reference, 480000)]
    assert listed.headers["Cache-Control"] in ("private, no-store", "no-store, private")
    assert wrong.status_code == 401


def _concrete(path):
    """A documented path with each parameter filled in: "/products/{listing_id}" -> "/products/1"."""
    return PREFIX + re.sub(r"\{[^}]+\}", "1", path)


def test_a_method_the_document_does_not_declare_is_a_405_that_says_which_are(client, spec):
    """Does each /api/v1 path answer every method its document leaves out with 405, JSON and an Allow header
    naming exactly the declared methods (with HEAD and OPTIONS where GET is)?"""
    answers = {}
    for path, item in spec["paths"].items():
        declared = {method.upper() for method in item}
        for method in sorted({"GET", "POST", "PUT", "PATCH", "DELETE", "TRACE"} - declared):
            response = client.open(_concrete(path), method=method)
            allow = {m.strip() for m in response.headers.get("Allow", "").split(",") if m.strip()}
            answers[(path, method)] = (response.status_code, response.mimetype, allow - {"HEAD", "OPTIONS"})

    assert len(answers) == 79  # 16 paths: 14 with GET only (5 methods left out each), GET and POST (4), POST only (5)
    assert {key: value for key, value in answers.items() if value[:2] != (405, "application/json")} == {}
    assert {key: allow for key, (_status, _type, allow) in answers.items()
            if allow != {m.upper() for m in spec["paths"][key[0]]}} == {}


def test_an_html_page_405_carries_allow_too(client):
    """Is TRACE /products (an HTML page) a 405 whose Allow header names GET, HEAD and OPTIONS?"""
    response = client.open("/products", method="TRACE")

    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_the_order_endpoints_document_every_status_they_answer(client, login, spec, db):
    """Do /orders and /orders/{order_id} document exactly what they answer: 401 without a sign-in, 400 for
    bad paging, 404 for another's order, with the documented bodies and a message saying how to sign in?"""
    buyer = UserFactory()
    anonymous = client.get(f"{PREFIX}/orders?lang=en")
    login(buyer)
    answers = {
        "/orders": [client.get(f"{PREFIX}/orders"), client.get(f"{PREFIX}/orders?page=0"), anonymous],
        "/orders/{order_id}": [client.get(f"{PREFIX}/orders/1"), client.get(f"{PREFIX}/orders/1?x=%00")],
    }

    assert set(spec["paths"]["/orders"]["get"]["responses"]) == {"200", "400", "401"}
    assert set(spec["paths"]["/orders/{order_id}"]["get"]["responses"]) == {"200", "400", "401", "404"}
    for path, responses in answers.items():
        for response in responses:
            documented = _resolve(spec, spec["paths"][path]["get"]["responses"][str(response.status_code)])
            assert _errors(spec, documented["content"]["application/json"]["schema"], response.json) == []
    assert [r.status_code for r in answers["/orders"]] == [200, 400, 401]
    assert [r.status_code for r in answers["/orders/{order_id}"]] == [404, 400]
    assert anonymous.json == {"error": {"status": 401, "message": (
        "Sign in first, or send an API token as Authorization: Bearer <token>.")}}


def test_every_operation_documents_the_400_of_a_nul_character(client, spec, catalogue):  # noqa: F811
    """Since a NUL character in any path or query is a 400, does every operation document a 400, and is
    /villages/{slug} with a NUL in the slug that 400?"""
    response = client.get(f"{PREFIX}/villages/bat%00trang?lang=en")

    assert {(path, method) for path, item in spec["paths"].items() for method, operation in item.items()
            if "400" not in operation["responses"]} == set()
    assert response.status_code == 400
    assert response.json == {"error": {"status": 400, "message": "The request could not be understood."}}


def test_the_orders_page_size_is_documented_as_the_one_it_uses(client, login, spec, db):
    """Does /orders document its own default page size (20, not the catalogue's 24), and use it when per_page is empty?"""
    parameters = [_resolve(spec, p) for p in spec["paths"]["/orders"]["get"]["parameters"]]
    per_page = next(p for p in parameters if p["name"] == "per_page")
    login(UserFactory())

    response = client.get(f"{PREFIX}/orders?per_page=")

    assert (per_page["schema"], per_page["allowEmptyValue"]) == (
        {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}, True)
    assert (response.status_code, response.json["per_page"]) == (200, 20)
