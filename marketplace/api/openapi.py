"""The OpenAPI 3.1 document of API v1, written by hand next to the code it describes.

tests/test_openapi.py checks that every ``/api/v1`` route is here (and nothing else), and
validates real responses against these schemas, so a field added to a serialiser without
being described here fails the suite.
"""
from copy import deepcopy

from marketplace.catalog.services import MAX_PRICE, SORTS
from marketplace.orders.models import PartStatus, PaymentMethod
from marketplace.producers.models import ProducerKind


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(name):
    return {"oneOf": [_ref(name), {"type": "null"}]}


def _obj(properties, required=None, **extra):
    """An object schema; every property is required unless ``required`` says otherwise."""
    return {"type": "object", "properties": properties, "required": list(properties) if required is None else required, **extra}


def _array(items):
    return {"type": "array", "items": items}


_STRING = {"type": "string"}
_URL = {"type": "string", "format": "uri"}
_INT = {"type": "integer"}
_COUNT = {"type": "integer", "minimum": 0}
_VND = {"type": "integer", "minimum": 0, "description": "Whole Vietnamese đồng (VND has no minor unit)."}
_STATUSES = ["active", "suspended", "revoked", "withdrawn", "pending", "unknown"]

SCHEMAS = {
    "LocalizedText": _obj(
        {"vi": _STRING, "en": _STRING},
        description='Vietnamese and English text; "en" is empty when not translated.',
    ),
    "Error": _obj({
        "error": _obj({
            "status": _INT,
            "message": {"type": "string", "description": "Readable message, in the request's language."},
            "fields": {
                "type": "object",
                "description": "The input at fault, by argument name, with its messages.",
                "additionalProperties": _array(_STRING),
            },
        }, required=["status", "message"]),
    }),
    "Craft": _obj({"slug": _STRING, "name": _ref("LocalizedText")}),
    "VillageRef": _obj({"slug": _STRING, "name": _STRING}),
    "Producer": _obj({
        "slug": _STRING,
        "name": _STRING,
        "kind": {"type": "string", "enum": list(ProducerKind.ALL)},
        "ocop_stars": {"type": ["integer", "null"], "minimum": 3, "maximum": 5,
                       "description": "OCOP rating; null when unrated or the certificate has expired."},
        "url": {"type": ["string", "null"], "format": "uri", "description": "Public page; null unless approved."},
    }),
    "MemberProducer": {"allOf": [_ref("Producer"), _obj({"village": _ref("VillageRef")})]},
    "Mark": _obj({
        "slug": _STRING,
        "name": _ref("LocalizedText"),
        "code": {"type": "string", "description": "Public verification code printed on the label."},
        "verify_url": _URL,
    }, description="A collective trademark the product validly carries today."),
    "Image": _obj({"url": _URL, "thumb_url": _URL}),
    "Product": _obj({
        "id": _INT,
        "url": {"type": "string", "format": "uri", "description": "The product's HTML page."},
        "title": _ref("LocalizedText"),
        "price_vnd": _VND,
        "currency": {"type": "string", "enum": ["VND"]},
        "stock": _COUNT,
        "moq": {"type": "integer", "minimum": 1, "description": "Minimum order quantity."},
        "unit": _STRING,
        "craft": _ref("Craft"),
        "producer": _ref("Producer"),
        "village": _ref("VillageRef"),
        "marks": _array(_ref("Mark")),
        "image": _nullable("Image"),
    }),
    "Variant": _obj({"id": _INT, "name": _ref("LocalizedText"), "price_vnd": _VND, "stock": _COUNT}),
    "WholesaleTier": _obj({"min_qty": {"type": "integer", "minimum": 2}, "unit_price_vnd": _VND}),
    "ProductDetail": {"allOf": [_ref("Product"), _obj({
        "description": _ref("LocalizedText"),
        "materials": _STRING,
        "lead_time_days": _COUNT,
        "hs_code": {"type": "string", "description": "Harmonized System code (4 to 10 digits) or empty."},
        "variants": _array(_ref("Variant")),
        "wholesale_tiers": _array(_ref("WholesaleTier")),
        "images": _array(_ref("Image")),
    })]},
    "Facets": _obj({
        "craft": _array(_obj({"slug": _STRING, "name": _ref("LocalizedText"), "count": _COUNT})),
        "village": _array(_obj({"slug": _STRING, "name": _STRING, "count": _COUNT})),
        "trademark": _array(_obj({"slug": _STRING, "name": _ref("LocalizedText"), "count": _COUNT})),
        "ocop": _array(_obj({"stars": _INT, "count": {**_COUNT, "description": "Products with at least this many stars."}})),
    }, description="Counts within the current results, each facet computed with the other filters applied."),
    "ProductPage": _obj({
        "items": _array(_ref("Product")),
        "total": _COUNT,
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1},
        "pages": {"type": "integer", "minimum": 1},
        "facets": _ref("Facets"),
        "near_matches": {"type": "boolean",
                         "description": "True when nothing matched q exactly and these are near misses."},
    }),
    "Village": _obj({
        "slug": _STRING,
        "name": _STRING,
        "district": _STRING,
        "crafts": _array(_ref("Craft")),
        "producer_count": {**_COUNT, "description": "Approved producers."},
        "url": _URL,
        "products_url": {"type": "string", "format": "uri", "description": "This API's product list for the village."},
    }),
    "VillageDetail": {"allOf": [_ref("Village"), _obj({
        "story": _ref("LocalizedText"),
        "producers": _array(_ref("Producer")),
    })]},
    "VillageList": _obj({"items": _array(_ref("Village"))}),
    "Association": _obj({"slug": _STRING, "name": _STRING}),
    "Trademark": _obj({
        "slug": _STRING,
        "name": _ref("LocalizedText"),
        "registration_no": _STRING,
        "villages": _array(_ref("VillageRef")),
        "url": _URL,
        "products_url": _URL,
    }),
    "TrademarkDetail": {"allOf": [_ref("Trademark"), _obj({
        "description": _ref("LocalizedText"),
        "association": _ref("Association"),
        "members": {**_array(_ref("MemberProducer")), "description": "Approved producers whose membership is active."},
    })]},
    "TrademarkList": _obj({"items": _array(_ref("Trademark"))}),
    "VerifiedProduct": _obj({
        "id": _INT,
        "title": _ref("LocalizedText"),
        "url": {"type": ["string", "null"], "format": "uri", "description": "Null when the product is not on sale."},
    }),
    "VerifiedTrademark": _obj({
        "slug": _STRING,
        "name": _ref("LocalizedText"),
        "registration_no": _STRING,
        "association": _ref("Association"),
        "url": _URL,
    }),
    "Verification": _obj({
        "code": _STRING,
        "found": {"type": "boolean"},
        "status": {"type": "string", "enum": _STATUSES,
                   "description": "The right's status today; a suspended or pending membership overrides an active right."},
        "valid": {"type": "boolean", "description": 'True only when status is "active".'},
        "checked_on": {"type": "string", "format": "date"},
        "product": _nullable("VerifiedProduct"),
        "producer": _nullable("Producer"),
        "village": _nullable("VillageRef"),
        "trademark": _nullable("VerifiedTrademark"),
    }),
    "OrderLine": _obj({
        "listing_id": _INT,
        "title": _ref("LocalizedText"),
        "variant": {"oneOf": [_ref("LocalizedText"), {"type": "null"}]},
        "unit": _STRING,
        "quantity": {"type": "integer", "minimum": 1},
        "unit_price_vnd": _VND,
        "total_vnd": _VND,
    }),
    "OrderPart": _obj({
        "id": _INT,
        "reference": {"type": "string", "description": "Order reference and producer id, e.g. LN000042-7."},
        "producer": _obj({"slug": _STRING, "name": _STRING}),
        "status": {"type": "string", "enum": list(PartStatus.ALL)},
        "goods_vnd": _VND,
        "shipping_vnd": _VND,
        "total_vnd": _VND,
        "carrier": {"type": ["string", "null"]},
        "tracking_number": {"type": ["string", "null"]},
        "lines": _array(_ref("OrderLine")),
    }),
    "Order": _obj({
        "id": _INT,
        "reference": {"type": "string", "description": "LN and six digits: what a bank transfer's description carries."},
        "status": {"type": "string", "enum": [*PartStatus.ALL, "mixed"],
                   "description": 'The parts\' status when they agree, else "mixed".'},
        "payment_method": {"type": "string", "enum": list(PaymentMethod.ALL)},
        "total_vnd": _VND,
        "created_at": {"type": "string", "format": "date-time"},
        "paid_at": {"type": ["string", "null"], "format": "date-time"},
        "parts": _array(_ref("OrderPart")),
        "url": _URL,
    }),
    "OrderPage": _obj({
        "items": _array(_ref("Order")),
        "total": _COUNT,
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1},
        "pages": {"type": "integer", "minimum": 1},
    }),
}


def _query(name, schema, description):
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def _path(name, schema, description):
    return {"name": name, "in": "path", "required": True, "schema": schema, "description": description}


PARAMETERS = {
    "q": _query("q", {"type": "string", "maxLength": 200},
                'Words to find, Vietnamese with or without diacritics ("bat trang" finds "Bát Tràng") or English.'),
    "craft": _query("craft", _STRING, "Craft slug."),
    "village": _query("village", _STRING, "Village slug."),
    "trademark": _query("trademark", _STRING, "Collective trademark slug: only products validly carrying it."),
    "ocop": _query("ocop", {"type": "integer", "minimum": 3, "maximum": 5}, "At least this many OCOP stars."),
    "price_min": _query("price_min", {"type": "integer", "minimum": 0, "maximum": MAX_PRICE}, "Lowest price in VND."),
    "price_max": _query("price_max", {"type": "integer", "minimum": 0, "maximum": MAX_PRICE},
                        "Highest price in VND; not below price_min."),
    "sort": _query("sort", {"type": "string", "enum": list(SORTS)},
                   "Order; relevance when q is given, newest otherwise."),
    "page": _query("page", {"type": "integer", "minimum": 1, "maximum": 100_000, "default": 1}, "Page number."),
    "per_page": _query("per_page", {"type": "integer", "minimum": 1, "maximum": 100, "default": 24}, "Items per page."),
}


def _json(schema_name, description, headers=None):
    response = {"description": description, "content": {"application/json": {"schema": _ref(schema_name)}}}
    if headers:
        response["headers"] = headers
    return response


_CACHED = {"Cache-Control": {"description": "public, max-age=60", "schema": _STRING}}
RESPONSES = {
    "BadRequest": _json("Error", "An argument is invalid; error.fields names it."),
    "NotFound": _json("Error", "No such public object."),
}


def _get(operation_id, summary, schema_name, parameters=(), errors=("NotFound",), description=None):
    operation = {
        "operationId": operation_id,
        "summary": summary,
        "security": [],  # public: no token needed
        "parameters": list(parameters),
        "responses": {"200": _json(schema_name, "OK", _CACHED)},
    }
    if description:
        operation["description"] = description
    for error in errors:
        operation["responses"]["400" if error == "BadRequest" else "404"] = {"$ref": f"#/components/responses/{error}"}
    return {"get": operation}


def _product_list_params():
    return [{"$ref": f"#/components/parameters/{name}"} for name in PARAMETERS]


_VERIFY = _get(
    "verifyCode", "Check a collective trademark's verification code", "Verification",
    [_path("code", _STRING, "The code on the product's label (case-insensitive).")], errors=(),
    description="Whether a product may carry the mark today. Not cached: a suspension shows at once.",
)
_VERIFY["get"]["responses"] = {
    "200": _json("Verification", "The code exists; `valid` says whether the mark is valid today."),
    "404": _json("Verification", 'Unknown code: found is false and status is "unknown".'),
}

PATHS = {
    "/products": _get(
        "listProducts", "Search and filter public products", "ProductPage", _product_list_params(), errors=("BadRequest",),
    ),
    "/products/{listing_id}": _get(
        "getProduct", "A public product with description, variants, wholesale tiers and images", "ProductDetail",
        [_path("listing_id", {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}, "Product id.")],
    ),
    "/villages": _get("listVillages", "Craft villages", "VillageList", errors=()),
    "/villages/{slug}": _get("getVillage", "A craft village", "VillageDetail", [_path("slug", _STRING, "Village slug.")]),
    "/trademarks": _get("listTrademarks", "Collective trademarks", "TrademarkList", errors=()),
    "/trademarks/{slug}": _get(
        "getTrademark", "A collective trademark with its association and active members", "TrademarkDetail",
        [_path("slug", _STRING, "Trademark slug.")],
    ),
    "/verify/{code}": _VERIFY,
}
_SIGNED_IN = [{"bearerAuth": []}, {"cookieAuth": []}]
_UNAUTHORIZED = _json("Error", "Not signed in: send a bearer token or the session cookie.")
PATHS["/orders"] = {"get": {
    "operationId": "listOwnOrders", "summary": "The signed-in buyer's own orders, newest first",
    "security": _SIGNED_IN,
    "parameters": [{"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/per_page"}],
    "responses": {"200": _json("OrderPage", "OK"), "401": _UNAUTHORIZED},
}}
PATHS["/orders/{order_id}"] = {"get": {
    "operationId": "getOwnOrder", "summary": "One of the signed-in buyer's orders, with each producer's part",
    "security": _SIGNED_IN,
    "parameters": [_path("order_id", {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}, "Order id.")],
    "responses": {"200": _json("Order", "OK"), "401": _UNAUTHORIZED,
                  "404": _json("Error", "No such order of this buyer.")},
}}
PATHS["/openapi.json"] = {"get": {
    "operationId": "getOpenApi",
    "summary": "This document",
    "security": [],
    "responses": {"200": {"description": "OpenAPI 3.1 document",
                          "content": {"application/json": {"schema": {"type": "object"}}}}},
}}

DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "Làng Nghề Market API",
        "version": "1.0.0",
        "description": (
            "Products of Hanoi's craft villages, the villages, their collective trademarks and public "
            "verification of trademark codes. Prices are integer VND. Errors have the `Error` shape. "
            "Catalogue reads may be cached for 60 seconds. A buyer reads its own orders when signed in; importer "
            "endpoints authenticate with `bearerAuth`."
        ),
    },
    "servers": [{"url": "/api/v1"}],
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "parameters": PARAMETERS,
        "responses": RESPONSES,
        "securitySchemes": {
            "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "session",
                           "description": "The session cookie of a signed-in browser."},
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "description": "An importer's API token, sent as `Authorization: Bearer <token>`.",
            },
        },
    },
}


def document():
    """A copy of the document, so that no caller can change the module's."""
    return deepcopy(DOCUMENT)
