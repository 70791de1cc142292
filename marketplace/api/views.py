"""JSON API v1: the catalogue, villages, trademarks and mark verification (public), and
export leads (importers' inquiries, producers' leads and quotes) behind a bearer token.

Each view parses its input, calls one service and serialises the result. Errors are not
handled here: the app-wide handlers (``core.errors``) answer every ``DomainError`` and
HTTP error under ``/api/`` with ``{"error": {"status", "message", "fields"?}}``, unknown
``/api/v1`` paths included.
"""
from functools import wraps

from flask import Blueprint, abort, current_app, g, make_response, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts import services as accounts
from marketplace.api import reviews as api_reviews
from marketplace.api import schemas, suggestions
from marketplace.api import serializers as out
from marketplace.api.spec import SEARCH_ARGS, SIGNED_IN, SUGGEST_QUERY, TOKEN, document, dumped, operation, page_size
from marketplace.catalog import services as catalog
from marketplace.core import caching, replica
from marketplace.core.errors import api_error
from marketplace.core.paging import page_number, per_page_number
from marketplace.extensions import csrf, limiter
from marketplace.leads import services as leads
from marketplace.orders import services as orders
from marketplace.reviews import services as reviews
from marketplace.trademarks import services as trademarks
from marketplace.villages import services as villages

bp = Blueprint("api", __name__)
csrf.exempt(bp)

PER_PAGE = 24
ORDERS_PER_PAGE = 20
REVIEWS_PER_PAGE = 10
MAX_PER_PAGE = 100


def _public_cache(view):
    """Let browsers and shared caches keep a successful public read for a minute; a weak ETag of
    the body answers a matching If-None-Match with 304."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        response = make_response(view(*args, **kwargs))
        if response.status_code == 200:
            caching.public(response)
            response.add_etag(weak=True)
            response.make_conditional(request)
        return response

    return wrapper


def _signed_in_session():
    """A signed-in browser: its answers are not cached (the public catalogue is the same, but never shared)."""
    return current_user.is_authenticated


def _bearer_user():
    """The owner of the request's ``Authorization: Bearer`` token, None without a header, False for a bad one."""
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    if not scheme:
        return None
    return (accounts.user_for_token(token.strip()) if scheme.lower() == "bearer" else None) or False


def _signed_in():
    """The user making this request: a bearer token's owner or a signed-in browser; 401 otherwise.

    Orders are never public, so their answers are not cached either.
    """
    user = _bearer_user()
    if user is None and current_user.is_authenticated:
        user = current_user
    if not user:
        abort(401)
    return user


def _no_store(view):
    """A private answer: no browser or shared cache may keep it."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        return caching.no_store(make_response(view(*args, **kwargs)))

    return wrapper


@bp.get("/orders")
@_no_store
@operation("listOwnOrders", "The signed-in buyer's own orders, newest first", schemas.OrderPage, security=SIGNED_IN,
           query=("page", page_size(ORDERS_PER_PAGE, MAX_PER_PAGE)))
def order_list():
    user = _signed_in()
    per_page = per_page_number(request.args, default=ORDERS_PER_PAGE, maximum=MAX_PER_PAGE)
    page = orders.orders_of(user, page=page_number(request.args), per_page=per_page)
    return out.order_page(page)


@bp.get("/orders/<int:order_id>")
@_no_store
@operation("getOwnOrder", "One of the signed-in buyer's orders, with each producer's part", schemas.Order,
           security=SIGNED_IN, responses={"404": (schemas.Error, "No such order of this buyer.")}, paths={"order_id": "Order id."})
def order_detail(order_id):
    user = _signed_in()
    order = orders.order_for(user, order_id)
    if order.buyer_id != user.id:  # staff read orders in the staff pages, not through a buyer's API
        abort(404)
    return out.order(order)


@bp.get("/products")
@operation("listProducts", "Search and filter public products", schemas.ProductPage, query=SEARCH_ARGS, errors=("BadRequest",))
@replica.routed(unless=_signed_in_session)
def products():
    params = catalog.SearchParams.from_args(request.args, per_page=PER_PAGE, max_per_page=MAX_PER_PAGE)
    return caching.catalogue_read("api-products", params, build=lambda: out.product_page(catalog.search_listings(params), out.today()),
                                  respond=make_response, private=_signed_in_session)


def _by_language(view):
    """A cached answer in the reader's language: shared caches keep one per language."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        response = make_response(view(*args, **kwargs))
        response.vary.update(("Accept-Language", "Cookie"))
        return response

    return wrapper


@bp.get("/suggest")
@_by_language
@_public_cache
@operation("suggest", "Suggestions as a buyer types: villages, crafts, marks, producers and product titles",
           schemas.Suggestions, query=(SUGGEST_QUERY,), errors=("BadRequest",),
           description="Words are matched from their start, without diacritics (\"phung x\" finds Phùng Xá), at most "
                       "five of each kind, labelled in the reader's language (`lang`, the session, Accept-Language).")
@replica.routed(unless=_signed_in_session)
def suggest():
    q, found = catalog.suggestions(request.args, str(get_locale()))
    return suggestions.answer(q, found, catalog.SUGGESTION_KINDS)


@bp.get("/products/<int:listing_id>")
@_public_cache
@operation("getProduct", "A public product with description, variants, wholesale tiers and images", schemas.ProductDetail,
           errors=("NotFound",), paths={"listing_id": "Product id."})
@replica.routed(unless=_signed_in_session)
def product(listing_id):
    return out.product_detail(catalog.public_listing(listing_id), out.today())


@bp.get("/products/<int:listing_id>/reviews")
@_public_cache
@operation("listProductReviews", "A public product's visible reviews, newest first, with photos and the producer's answer",
           schemas.ReviewPage, query=("page", page_size(REVIEWS_PER_PAGE, MAX_PER_PAGE)), errors=("NotFound",),
           paths={"listing_id": "Product id."})
def product_reviews(listing_id):
    listing = catalog.public_listing(listing_id)
    per_page = per_page_number(request.args, default=REVIEWS_PER_PAGE, maximum=MAX_PER_PAGE)
    return api_reviews.review_page(reviews.reviews_of(listing.id, page=page_number(request.args), per_page=per_page))


@bp.get("/villages")
@_public_cache
@operation("listVillages", "Craft villages", schemas.VillageList)
def village_list():
    return {"items": [out.village(village, count) for village, count in villages.all_villages()]}


@bp.get("/villages/<slug>")
@_public_cache
@operation("getVillage", "A craft village", schemas.VillageDetail, errors=("NotFound",), paths={"slug": "Village slug."})
def village(slug):
    found = villages.village_by_slug(slug)
    return out.village_detail(found, villages.producers_in(found), out.today())


@bp.get("/trademarks")
@_public_cache
@operation("listTrademarks", "Collective trademarks", schemas.TrademarkList)
def trademark_list():
    return {"items": [out.trademark(mark) for mark in trademarks.all_trademarks()]}


@bp.get("/trademarks/<slug>")
@_public_cache
@operation("getTrademark", "A collective trademark with its association and active members", schemas.TrademarkDetail,
           errors=("NotFound",), paths={"slug": "Trademark slug."})
def trademark(slug):
    found = trademarks.public_trademark(slug)
    return out.trademark_detail(found, trademarks.active_members(found), out.today())


@bp.get("/verify/<code>")
@operation("verifyCode", "Check a collective trademark's verification code", schemas.Verification,
           description="Whether a product may carry the mark today. Not cached: a suspension shows at once.",
           responses={"404": (schemas.Verification, 'Unknown code: found is false and status is "unknown".')},
           paths={"code": "The code on the product's label (case-insensitive)."})
def verify(code):
    result = trademarks.verify(code)
    response = dumped(schemas.Verification, out.verification(result, out.today()), 200 if result.found else 404)
    # A suspension or withdrawal must show at once: whoever checks a label gets today's answer.
    response.cache_control.no_cache = True
    return response


# --- export leads: bearer token ------------------------------------------------------------


def token_required(view):
    """``Authorization: Bearer <token>`` of an active API token; 401 JSON otherwise. Sets ``g.api_user``.

    The API has no session and no CSRF: the token is the whole credential.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        user = _bearer_user()
        if not user:
            response, status = api_error(401, _("Send a valid API token as Authorization: Bearer <token>."))
            response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
            return response, status
        g.api_user = user
        return _no_store(view)(*args, **kwargs)

    return wrapper


def _api_write_limit():
    return current_app.config["API_WRITE_RATE_LIMIT"]


def _api_writer():
    """The rate-limit key of a write: the token's account, so that many tokens get no more writes."""
    return f"api-writer:{g.api_user.id}"


# One bucket for every write (inquiries and quotes together); below ``token_required``, so the
# limit is checked once the token has named its account.
write_limited = limiter.shared_limit(_api_write_limit, scope="api-write", key_func=_api_writer)


def _json_object():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400)
    return data


@bp.post("/inquiries")
@token_required
@write_limited
@operation("createInquiry", "Send a bulk inquiry (importers); matching starts at once", schemas.InquiryDetail, status=201,
           security=TOKEN, body="InquiryInput", errors=("BadRequest", "Forbidden", "TooManyRequests"))
def create_inquiry():
    inquiry = leads.create_inquiry(g.api_user, _json_object())
    return out.inquiry_detail(leads.get_inquiry_for(g.api_user, inquiry.id), out.today()), 201


@bp.get("/inquiries")
@token_required
@operation("listInquiries", "Your inquiries, newest first", schemas.InquiryPage, security=TOKEN, query=("page",),
           errors=("BadRequest",))
def inquiry_list():
    return out.inquiry_page(leads.inquiries_of(g.api_user, page=page_number(request.args)))


@bp.get("/inquiries/<int:inquiry_id>")
@token_required
@operation("getInquiry", "One of your inquiries with its ranked matches and reasons, consortium offer and quotes",
           schemas.InquiryDetail, security=TOKEN, errors=("NotYours",), paths={"inquiry_id": "Inquiry id."})
def inquiry(inquiry_id):
    return out.inquiry_detail(leads.get_inquiry_for(g.api_user, inquiry_id), out.today())


@bp.get("/leads")
@token_required
@operation("listLeads", "Leads of the producers you act for, newest first", schemas.LeadPage, security=TOKEN,
           query=("page",), errors=("BadRequest",))
def lead_list():
    return out.lead_page(leads.leads_of(g.api_user, page=page_number(request.args)), out.today())


@bp.post("/leads/<int:lead_id>/quotes")
@token_required
@write_limited
@operation("createQuote", "Quote on one of your leads (once per lead); the importer is told", schemas.Quote, status=201,
           security=TOKEN, body="QuoteInput", errors=("BadRequest", "Forbidden", "NotYours", "TooManyRequests"),
           paths={"lead_id": "Lead id."})
def create_quote(lead_id):
    quote = leads.submit_quote(g.api_user, lead_id, _json_object())
    return out.quote(quote), 201


@bp.get("/openapi.json")
@_public_cache
@operation("getOpenApi", "This document")
def openapi():
    """Generated from the routes' declarations on first use, then kept with the app."""
    if "openapi" not in current_app.extensions:
        current_app.extensions["openapi"] = document(current_app)
    return current_app.extensions["openapi"]
