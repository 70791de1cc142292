"""The shapes of API v1's answers, declared once: each view's answer is dumped through its
schema (``api.spec.operation``), and the OpenAPI document is generated from the same classes,
so what is documented and what is sent cannot drift apart. ``serializers`` builds the values."""
from marshmallow import Schema, fields, validate

from marketplace.api.fields import _count, _enum, _int, _iso, _nested, _str, _url, _usd, _vnd
from marketplace.catalog.services import SUGGESTION_KINDS
from marketplace.leads.models import InquiryStatus, LeadResponse, MatchingStatus, QuoteStatus
from marketplace.leads.schemas import InquirySchema
from marketplace.orders.models import PartStatus, PaymentMethod
from marketplace.producers.models import ProducerKind

STATUSES = ["active", "suspended", "revoked", "withdrawn", "pending", "unknown"]


class LocalizedText(Schema):
    """Vietnamese and English text; "en" is empty when not translated."""

    vi, en = _str(), _str()


class Error(Schema):
    class Body(Schema):
        status = _int()
        message = _str(metadata={"description": "Readable message, in the request's language."})
        fields = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                             metadata={"description": "Every input at fault, by argument name, with its messages."})

    error = _nested(Body)


class Craft(Schema):
    slug, name = _str(), _nested(LocalizedText)


class VillageRef(Schema):
    slug, name = _str(), _str()


class Producer(Schema):
    slug, name, kind = _str(), _str(), _enum(ProducerKind.ALL)
    ocop_stars = fields.Integer(required=True, allow_none=True, validate=validate.Range(3, 5),
                                metadata={"description": "OCOP rating; null when unrated or the certificate has expired."})
    url = _url("Public page; null unless approved.", allow_none=True)


class MemberProducer(Producer):
    village = _nested(VillageRef)


class Mark(Schema):
    """A collective trademark the product validly carries today."""

    slug, name = _str(), _nested(LocalizedText)
    code = _str(metadata={"description": "Public verification code printed on the label."})
    verify_url = _url()


class Image(Schema):
    url, thumb_url = _url(), _url()


class Rating(Schema):
    """The product's visible reviews: average stars and how many there are."""

    average = fields.Float(required=True, allow_none=True, validate=validate.Range(min=1, max=5), metadata={
        "description": "Average stars (1 to 5), to one decimal; null before the first review."})
    count = _count("Visible reviews.")


class Product(Schema):
    id = _int()
    url = _url("The product's HTML page.")
    title, price_vnd, currency = _nested(LocalizedText), _vnd(), _enum(["VND"])
    stock = _count()
    moq = _int(validate=validate.Range(min=1), metadata={"description": "Minimum order quantity."})
    unit, craft, producer, village = _str(), _nested(Craft), _nested(Producer), _nested(VillageRef)
    marks, image = _nested(Mark, many=True), _nested(Image, allow_none=True)
    rating = _nested(Rating)


class Variant(Schema):
    id, name, price_vnd, stock = _int(), _nested(LocalizedText), _vnd(), _count()


class WholesaleTier(Schema):
    min_qty, unit_price_vnd = _int(validate=validate.Range(min=2)), _vnd()


class ProductDetail(Product):
    description, materials, lead_time_days = _nested(LocalizedText), _str(), _count()
    pack_size = _int(metadata={"description": "What one set, pack or box holds, in pack_unit (1 otherwise)."})
    pack_unit = _str(allow_none=True, metadata={"description": "The unit a set, pack or box holds (piece, kg, …) or null."})
    hs_code = _str(metadata={"description": "Harmonized System code (4 to 10 digits) or empty."})
    variants, wholesale_tiers, images = _nested(Variant, many=True), _nested(WholesaleTier, many=True), _nested(Image, many=True)


class _Named(Schema):
    slug, name, count = _str(), _nested(LocalizedText), _count()


class _VillageCount(Schema):
    slug, name, count = _str(), _str(), _count()
    district = _str(metadata={"description": "The village's district: two villages may share a name."})


class _StarsCount(Schema):
    stars, count = _int(), _count("Products with at least this many stars.")


class Facets(Schema):
    """Counts within the current results, each facet computed with the other filters applied."""

    craft, village = _nested(_Named, many=True), _nested(_VillageCount, many=True)
    trademark, ocop = _nested(_Named, many=True), _nested(_StarsCount, many=True)


class _Page(Schema):
    total = _count()
    page, per_page, pages = (_int(validate=validate.Range(min=1)) for _ in range(3))


class ProductPage(_Page):
    items, facets = _nested(Product, many=True), _nested(Facets)
    total_exact = fields.Boolean(required=True, metadata={
        "description": "False when more products match than the server counts (SEARCH_COUNT_CAP, 10,000 by default): "
                       "total is then that cap, meaning \"more than total\", and pages stop there."})
    facets_exact = fields.Boolean(required=True, metadata={
        "description": "False when the facet counts were counted over the newest SEARCH_COUNT_CAP matches only, "
                       "not over every match."})
    near_matches = fields.Boolean(required=True, metadata={"description": "True when nothing matched q exactly and these are near misses."})
    most_words = fields.Boolean(required=True, metadata={
        "description": "With near_matches: no product holds every word of q (three words or more); these hold all of them but one."})
    did_you_mean = fields.String(required=True, allow_none=True, metadata={
        "description": "When q finds nothing or little: the query respelt with the catalogue's own words, which finds more."})


class ReviewAnswer(Schema):
    """The producer's one answer."""

    text, language, answered_at = _str(), _enum(["vi", "en"]), _iso("date-time")


class Review(Schema):
    id, rating = _int(), _int(validate=validate.Range(min=1, max=5))
    text = _str()
    language = _enum(["vi", "en"], "The language the review was written in (it is shown as written).")
    author = _str(metadata={"description": "The reviewer's given name; empty for a deleted account."})
    created_at, photos = _iso("date-time"), _nested(Image, many=True)
    answer = _nested(ReviewAnswer, allow_none=True)


class ReviewPage(_Page):
    items = _nested(Review, many=True)


class SuggestionItem(Schema):
    label = _str(metadata={"description": "In the reader's language; a village with its district."})
    url = _url("Its page.")


class SuggestionGroup(Schema):
    kind = _enum(SUGGESTION_KINDS)
    label = _str(metadata={"description": "The group's heading, in the reader's language."})
    items = _nested(SuggestionItem, many=True, description="At most five.")


class Suggestions(Schema):
    """What the search box offers for a prefix: groups in a fixed order, only those with items."""

    q = _str()
    groups = _nested(SuggestionGroup, many=True)


class Village(Schema):
    slug, name, district, crafts = _str(), _str(), _str(), _nested(Craft, many=True)
    producer_count = _count("Approved producers.")
    url = _url()
    products_url = _url("This API's product list for the village.")


class VillageDetail(Village):
    story, producers = _nested(LocalizedText), _nested(Producer, many=True)


class VillageList(Schema):
    items = _nested(Village, many=True)


class Association(Schema):
    slug, name = _str(), _str()


class Trademark(Schema):
    slug, name, registration_no = _str(), _nested(LocalizedText), _str()
    villages, url, products_url = _nested(VillageRef, many=True), _url(), _url()


class TrademarkDetail(Trademark):
    description, association = _nested(LocalizedText), _nested(Association)
    members = _nested(MemberProducer, many=True, description="Approved producers whose membership is active.")


class TrademarkList(Schema):
    items = _nested(Trademark, many=True)


class VerifiedProduct(Schema):
    id, title = _int(), _nested(LocalizedText)
    url = _url("Null when the product is not on sale.", allow_none=True)


class VerifiedTrademark(Schema):
    slug, name, registration_no, association, url = _str(), _nested(LocalizedText), _str(), _nested(Association), _url()


class Verification(Schema):
    code, found = _str(), fields.Boolean(required=True)
    status = _enum(STATUSES, "The right's status today; a suspended or pending membership overrides an active right.")
    valid = fields.Boolean(required=True, metadata={"description": 'True only when status is "active".'})
    checked_on = _iso("date")
    product, producer = _nested(VerifiedProduct, allow_none=True), _nested(Producer, allow_none=True)
    village, trademark = _nested(VillageRef, allow_none=True), _nested(VerifiedTrademark, allow_none=True)


class OrderLine(Schema):
    listing_id, title, variant = _int(), _nested(LocalizedText), _nested(LocalizedText, allow_none=True)
    unit, quantity = _str(), _int(validate=validate.Range(min=1))
    unit_price_vnd, total_vnd = _vnd(), _vnd()


class OrderPart(Schema):
    id = _int()
    reference = _str(metadata={"description": "Order reference and producer id, e.g. LN000042-7."})
    producer, status = _nested(Association), _enum(PartStatus.ALL)
    goods_vnd, shipping_vnd, total_vnd = _vnd(), _vnd(), _vnd()
    carrier, tracking_number = _str(allow_none=True), _str(allow_none=True)
    lines = _nested(OrderLine, many=True)


class Order(Schema):
    id = _int()
    reference = _str(metadata={"description": "LN and six digits: what a bank transfer's description carries."})
    status = _enum([*PartStatus.ALL, "mixed"], 'The parts\' status when they agree, else "mixed".')
    payment_method, total_vnd = _enum(PaymentMethod.ALL), _vnd()
    created_at, paid_at = _iso("date-time"), _iso("date-time", allow_none=True)
    parts, url = _nested(OrderPart, many=True), _url()


class OrderPage(_Page):
    items = _nested(Order, many=True)


REASON = {"type": "object", "required": ["code", "text"], "additionalProperties": True,
               "properties": {"code": {"type": "string"},
                              "text": {"type": "string", "description": "The reason as a sentence, in the request's language."}},
           "description": "Why a producer matches (or not): a code, its parameters, and the sentence."}


def _reasons(description=None):
    """Reasons are dumped as the matcher wrote them (each code has its own parameters)."""
    return fields.List(fields.Raw(metadata=REASON), required=True, metadata={"description": description} if description else {})


_INPUT = InquirySchema().fields


class Referral(Schema):
    """The trade office that referred the importer to the marketplace."""

    office, city = _str(metadata={"description": "The office's name."}), _str()
    country = _str(metadata={"description": "ISO 3166-1 alpha-2 code of the office's country."})


def _referred_by():
    return _nested(Referral, allow_none=True, description="The trade office that referred the importer, if any.")


class Inquiry(Schema):
    id = _int()
    url = _url("The inquiry's page for the importer.")
    status = _enum(InquiryStatus.ALL)
    matching_status = _enum(MatchingStatus.ALL, "queued until the worker has matched it (usually seconds).")
    description, craft = _str(metadata=_INPUT["description"].metadata), _str(allow_none=True, metadata=_INPUT["craft"].metadata)
    reference_listing_ids = fields.List(fields.Integer(), required=True, metadata=_INPUT["reference_listing_ids"].metadata)
    quantity = _int(metadata=_INPUT["quantity"].metadata)
    unit = _str(metadata=_INPUT["unit"].metadata)
    target_price_vnd = fields.Integer(required=True, allow_none=True, metadata=_INPUT["target_price_vnd"].metadata)
    target_price_usd = _usd()
    destination_country = _str(metadata=_INPUT["destination_country"].metadata)
    incoterm = _str(metadata=_INPUT["incoterm"].metadata)
    required_by = _iso("date", metadata=_INPUT["required_by"].metadata)
    ocop_stars = fields.Integer(required=True, allow_none=True, metadata=_INPUT["ocop_stars"].metadata)
    trademark = _str(allow_none=True, metadata=_INPUT["trademark"].metadata)
    created_at, matched_at = _iso("date-time"), _iso("date-time", allow_none=True)
    referred_by = _referred_by()


class InquiryPage(_Page):
    items = _nested(Inquiry, many=True)


class Match(Schema):
    lead_id, rank = _int(), _int(validate=validate.Range(min=1))
    score = _int(validate=validate.Range(0, 100))
    producer = _nested(MemberProducer)
    listing_id = fields.Integer(required=True, allow_none=True, metadata={"description": "The product the match was judged on."})
    covers = fields.Boolean(required=True, metadata={"description": "Can make the whole quantity by the date alone."})
    capacity_by_date = _count()
    unit_price_vnd = fields.Integer(required=True, allow_none=True, validate=validate.Range(min=0),
                                    metadata={"description": "Listed unit price at this quantity."})
    reasons = _reasons()
    allocation = fields.Integer(required=True, allow_none=True, metadata={"description": "This producer's share of the consortium offer."})
    response = _enum(LeadResponse.ALL)


class _Member(Schema):
    lead_id, producer, allocation = _int(), _str(), _count()


class Consortium(Schema):
    """Several producers who can deliver the quantity together, with each one's share."""

    id = _int()
    trademark = _str(allow_none=True, metadata={"description": "The collective trademark its members share."})
    association = _str(allow_none=True, metadata={"description": "The association leading the offer."})
    village, capacity, members = _nested(VillageRef), _count(), _nested(_Member, many=True)
    response = _enum(LeadResponse.ALL)


class QuoteLine(Schema):
    """One producer's part of a quote: the deal's line once the quote is accepted."""

    producer, quantity = _str(), _count()
    unit_price_vnd, unit_price_usd, total_vnd = _vnd(), _usd(), _vnd()


class Quote(Schema):
    id = _int()
    lead_id, consortium_id = fields.Integer(required=True, allow_none=True), fields.Integer(required=True, allow_none=True)
    supplier, unit_price_vnd, unit_price_usd = _str(), _vnd(), _usd()
    quantity, total_vnd = _int(validate=validate.Range(min=1)), _vnd()
    lines = _nested(QuoteLine, many=True, description="Who supplies how many at which unit price: the producer alone, "
                    "or each consortium member's share at its own unit price (else the quote's); total_vnd is their sum.")
    lead_time_days, valid_until, message = _count(), _iso("date"), _str()
    status, created_at = _enum(QuoteStatus.ALL), _iso("date-time")


class InquiryDetail(Inquiry):
    no_match_reasons = _reasons('Why nothing can deliver, when matching_status is "no_match".')
    matches = _nested(Match, many=True, description="Ranked shortlist, best first.")
    consortium, quotes = _nested(Consortium, allow_none=True), _nested(Quote, many=True)


class LeadInquiry(Schema):
    id, status = _int(), _enum(InquiryStatus.ALL)
    description, craft = _str(), _str(allow_none=True)
    quantity, unit = _int(), _str()
    target_price_vnd = fields.Integer(required=True, allow_none=True)
    destination_country, incoterm, required_by = _str(), _str(), _iso("date")
    referred_by = _referred_by()


class Lead(Schema):
    """An inquiry matched to one of your producers."""

    id, producer, inquiry = _int(), _nested(Producer), _nested(LeadInquiry)
    rank, score = _int(validate=validate.Range(min=1)), _int(validate=validate.Range(0, 100))
    reasons, allocation = _reasons(), fields.Integer(required=True, allow_none=True)
    response, quote = _enum(LeadResponse.ALL), _nested(Quote, allow_none=True)


class LeadPage(_Page):
    items = _nested(Lead, many=True)
