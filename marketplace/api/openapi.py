"""The OpenAPI 3.1 document of API v1, written by hand next to the code it describes.

tests/test_openapi.py checks that every ``/api/v1`` route is here (and nothing else), and
validates real responses against these schemas, so a field added to a serialiser without
being described here fails the suite.
"""
from copy import deepcopy

from marketplace.catalog.models import UNITS
from marketplace.catalog.constants import MAX_PRICE, SORTS
from marketplace.orders.models import PartStatus, PaymentMethod
from marketplace.leads.models import INCOTERMS, InquiryStatus, LeadResponse, MatchingStatus, QuoteStatus
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

_DATE = {"type": "string", "format": "date"}
_DATETIME = {"type": "string", "format": "date-time"}
_USD = {"type": ["number", "null"], "description": "Indicative US dollars at the configured rate; derived, never stored."}
_PAGE_FIELDS = {"total": _COUNT, "page": {"type": "integer", "minimum": 1}, "per_page": {"type": "integer", "minimum": 1},
                "pages": {"type": "integer", "minimum": 1}}
_INQUIRY_FIELDS = {
    "description": {"type": "string", "maxLength": 2000,
                    "description": "What you want, in English or Vietnamese (with or without diacritics)."},
    "craft": {"type": ["string", "null"], "description": "Craft slug (see /villages), optional."},
    "reference_listing_ids": {**_array(_INT), "maxItems": 5,
                              "description": "Public products like what you want; their makers rank higher."},
    "quantity": {"type": "integer", "minimum": 1, "maximum": 10_000_000},
    "unit": {"type": "string", "enum": list(UNITS)},
    "target_price_vnd": {"type": ["integer", "null"], "minimum": 1000, "maximum": MAX_PRICE,
                         "description": "Target unit price in whole VND."},
    "destination_country": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2 code."},
    "incoterm": {"type": "string", "enum": list(INCOTERMS)},
    "required_by": {**_DATE, "description": "Delivery date; in the future, within two years."},
    "ocop_stars": {"type": ["integer", "null"], "minimum": 3, "maximum": 5,
                   "description": "Only producers with at least this OCOP rating, certificate valid."},
    "trademark": {"type": ["string", "null"], "description": "Only active members of this collective trademark (slug)."},
}
_REASON = {
    "type": "object",
    "properties": {"code": _STRING, "text": {"type": "string", "description": "The reason as a sentence, in the request's language."}},
    "required": ["code", "text"],
    "additionalProperties": True,
    "description": "Why a producer matches (or not): a code, its parameters, and the sentence.",
}
_QUOTE_INPUT = _obj({
    "unit_price_vnd": {"type": "integer", "minimum": 1000, "maximum": MAX_PRICE},
    "quantity": {"type": "integer", "minimum": 1, "maximum": 10_000_000},
    "lead_time_days": {"type": "integer", "minimum": 0, "maximum": 365},
    "valid_until": {**_DATE, "description": "From today, at most a year ahead."},
    "message": {"type": "string", "maxLength": 2000},
}, required=["unit_price_vnd", "quantity", "lead_time_days", "valid_until"])

SCHEMAS.update({
    "Reason": _REASON,
    "InquiryInput": _obj(_INQUIRY_FIELDS, required=["quantity", "destination_country", "incoterm", "required_by"],
                         description="Give at least a description, a craft or a reference product."),
    "Inquiry": _obj({
        "id": _INT,
        "url": {"type": "string", "format": "uri", "description": "The inquiry's page for the importer."},
        "status": {"type": "string", "enum": list(InquiryStatus.ALL)},
        "matching_status": {"type": "string", "enum": list(MatchingStatus.ALL),
                            "description": "queued until the worker has matched it (usually seconds)."},
        **{k: v for k, v in _INQUIRY_FIELDS.items()},
        "target_price_usd": _USD,
        "created_at": _DATETIME,
        "matched_at": {"type": ["string", "null"], "format": "date-time"},
    }),
    "InquiryPage": _obj({"items": _array(_ref("Inquiry")), **_PAGE_FIELDS}),
    "Match": _obj({
        "lead_id": _INT,
        "rank": {"type": "integer", "minimum": 1},
        "score": {"type": "integer", "minimum": 0, "maximum": 100},
        "producer": _ref("MemberProducer"),
        "listing_id": {"type": ["integer", "null"], "description": "The product the match was judged on."},
        "covers": {"type": "boolean", "description": "Can make the whole quantity by the date alone."},
        "capacity_by_date": _COUNT,
        "unit_price_vnd": {"type": ["integer", "null"], "minimum": 0, "description": "Listed unit price at this quantity."},
        "reasons": _array(_ref("Reason")),
        "allocation": {"type": ["integer", "null"], "description": "This producer's share of the consortium offer."},
        "response": {"type": "string", "enum": list(LeadResponse.ALL)},
    }),
    "Consortium": _obj({
        "id": _INT,
        "trademark": {"type": ["string", "null"], "description": "The collective trademark its members share."},
        "association": {"type": ["string", "null"], "description": "The association leading the offer."},
        "village": _ref("VillageRef"),
        "capacity": _COUNT,
        "members": _array(_obj({"lead_id": _INT, "producer": _STRING, "allocation": _COUNT})),
        "response": {"type": "string", "enum": list(LeadResponse.ALL)},
    }, description="Several producers who can deliver the quantity together, with each one's share."),
    "Quote": _obj({
        "id": _INT,
        "lead_id": {"type": ["integer", "null"]},
        "consortium_id": {"type": ["integer", "null"]},
        "supplier": _STRING,
        "unit_price_vnd": _VND,
        "unit_price_usd": _USD,
        "quantity": {"type": "integer", "minimum": 1},
        "total_vnd": _VND,
        "lead_time_days": _COUNT,
        "valid_until": _DATE,
        "message": _STRING,
        "status": {"type": "string", "enum": list(QuoteStatus.ALL)},
        "created_at": _DATETIME,
    }),
    "QuoteInput": _QUOTE_INPUT,
    "InquiryDetail": {"allOf": [_ref("Inquiry"), _obj({
        "no_match_reasons": {**_array(_ref("Reason")), "description": 'Why nothing can deliver, when matching_status is "no_match".'},
        "matches": {**_array(_ref("Match")), "description": "Ranked shortlist, best first."},
        "consortium": _nullable("Consortium"),
        "quotes": _array(_ref("Quote")),
    })]},
    "Lead": _obj({
        "id": _INT,
        "producer": _ref("Producer"),
        "inquiry": _obj({
            "id": _INT, "status": {"type": "string", "enum": list(InquiryStatus.ALL)},
            **{k: _INQUIRY_FIELDS[k] for k in ("description", "craft", "quantity", "unit", "target_price_vnd",
                                                "destination_country", "incoterm", "required_by")},
        }),
        "rank": {"type": "integer", "minimum": 1},
        "score": {"type": "integer", "minimum": 0, "maximum": 100},
        "reasons": _array(_ref("Reason")),
        "allocation": {"type": ["integer", "null"]},
        "response": {"type": "string", "enum": list(LeadResponse.ALL)},
        "quote": _nullable("Quote"),
    }, description="An inquiry matched to one of your producers."),
    "LeadPage": _obj({"items": _array(_ref("Lead")), **_PAGE_FIELDS}),
})


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
    "Unauthorized": _json("Error", "No valid bearer token (missing, unknown or revoked)."),
    "Forbidden": _json("Error", "This account may not do that (e.g. only importers send inquiries; an account "
                                "must confirm its e-mail address before it sends an inquiry or a quote)."),
    "NotYours": _json("Error", "No such object among yours."),
}


def _private(method, operation_id, summary, schema_name, status="200", parameters=(), body=None, errors=()):
    """An operation that needs an API token (``bearerAuth``); never cached."""
    responses = {status: _json(schema_name, "Created" if status == "201" else "OK"),
                 "401": {"$ref": "#/components/responses/Unauthorized"}}
    for code, name in errors:
        responses[code] = {"$ref": f"#/components/responses/{name}"}
    operation = {"operationId": operation_id, "summary": summary, "security": [{"bearerAuth": []}],
                 "parameters": list(parameters), "responses": responses}
    if body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(body)}}}
    return {method: operation}


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
_PAGE = _query("page", {"type": "integer", "minimum": 1, "maximum": 100_000, "default": 1}, "Page number (20 per page).")
PATHS["/inquiries"] = {
    **_private("post", "createInquiry", "Send a bulk inquiry (importers); matching starts at once", "InquiryDetail",
               status="201", body="InquiryInput", errors=(("400", "BadRequest"), ("403", "Forbidden"))),
    **_private("get", "listInquiries", "Your inquiries, newest first", "InquiryPage", parameters=[_PAGE],
               errors=(("400", "BadRequest"),)),
}
PATHS["/inquiries/{inquiry_id}"] = _private(
    "get", "getInquiry", "One of your inquiries with its ranked matches and reasons, consortium offer and quotes",
    "InquiryDetail", parameters=[_path("inquiry_id", {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}, "Inquiry id.")],
    errors=(("404", "NotYours"),))
PATHS["/leads"] = _private("get", "listLeads", "Leads of the producers you act for, newest first", "LeadPage",
                           parameters=[_PAGE], errors=(("400", "BadRequest"),))
PATHS["/leads/{lead_id}/quotes"] = _private(
    "post", "createQuote", "Quote on one of your leads (once per lead); the importer is told", "Quote", status="201",
    parameters=[_path("lead_id", {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}, "Lead id.")],
    body="QuoteInput", errors=(("400", "BadRequest"), ("403", "Forbidden"), ("404", "NotYours")))
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
            "Catalogue reads may be cached for 60 seconds. A buyer reads its own orders when signed in. "
            "Inquiries (importers) and leads and quotes (producers) authenticate with `bearerAuth`: create "
            "a token on your dashboard's API tokens page."
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
