"""What producers and searchers send the catalogue: a listing (the producer's form) and the
catalogue's query arguments (the /products page and GET /api/v1/products)."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, post_load, pre_load, validates, validates_schema

from marketplace.catalog import units
from marketplace.catalog.constants import (
    HS_CODE,
    MAX_ID,
    MAX_LEAD_TIME_DAYS,
    MAX_MOQ,
    MAX_PRICE,
    MAX_QUERY,
    MAX_STOCK,
    MAX_WEIGHT_GRAMS,
    MIN_PRICE,
    SORTS,
)
from marketplace.catalog.models import UNITS, ListingStatus, unit_label
from marketplace.core.paging import MAX_PAGE
from marketplace.core.templating import format_number, format_vnd
from marketplace.core.validation import BaseSchema, Choice, Text, Whole
from marketplace.extensions import db
from marketplace.villages.models import Craft

_TITLE_TOO_LONG = _l("Titles are at most 200 characters.")


def _pack_units_message():
    return _("Choose what the pack holds: %(units)s.", units=", ".join(unit_label(u) for u in units.measures()))


def _units_message():
    return _("Choose a unit: %(units)s.", units=", ".join(str(label) for label in UNITS.values()))


class _RowId(fields.Integer):
    """The id a form row carries for an existing variant (hidden input); None for a new row."""

    def deserialize(self, value, attr=None, data=None, **kwargs):
        raw = str(value if value is not None else "").strip()
        return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) <= MAX_ID else None


class VariantSchema(BaseSchema):
    id = _RowId(load_default=None)
    name_vi = Text(120, required=True, required_message=_l("Each variant needs a Vietnamese name."))
    name_en = Text(120)
    price_vnd = Whole(_l("Variant price"), MIN_PRICE, MAX_PRICE, load_default=None)  # None: the listing's price
    stock = Whole(_l("Variant stock"), 0, MAX_STOCK, load_default=0)


class TierSchema(BaseSchema):
    min_qty = Whole(_l("Tier quantity"), 2, MAX_MOQ, required=True)
    unit_price_vnd = Whole(_l("Tier price"), MIN_PRICE, MAX_PRICE, required=True)


def _blank_row(row, names):
    return not isinstance(row, dict) or all(str(row.get(name) if row.get(name) is not None else "").strip() == ""
                                            for name in names)


_WEIGHT = _l("Give the weight of one unit, packed, in grams (e.g. 800): shipping is charged by weight.")


class ListingSchema(BaseSchema):
    """A listing as its producer gives it; blank variant and tier rows (the form's spare ones) are left out."""

    title_vi = Text(200, required=True, too_long=_TITLE_TOO_LONG)
    title_en = Text(200, too_long=_TITLE_TOO_LONG)
    craft_id = fields.Raw(required=True, metadata={"type": "integer"},
                          error_messages={"required": _l("Choose the product's craft.")})
    description_vi = Text(10_000)
    description_en = Text(10_000)
    price_vnd = Whole(_l("Price"), MIN_PRICE, MAX_PRICE, required=True, messages={
        "out_of_range": lambda: _("Enter a price from %(min)s to %(max)s.", min=format_vnd(MIN_PRICE),
                                  max=format_vnd(MAX_PRICE))})
    stock = Whole(_l("Stock"), 0, MAX_STOCK, load_default=0)
    unit = Choice(tuple(UNITS), _units_message, normalize=str.lower, load_default="piece")
    materials = Text(300)
    lead_time_days = Whole(_l("Lead time"), 0, MAX_LEAD_TIME_DAYS, load_default=0)
    moq = Whole(_l("Minimum order"), 1, MAX_MOQ, load_default=1)
    # Shipping weight of one unit, packed: the parcel's fee band (shipping.services.fee_for).
    weight_grams = Whole(_l("Weight"), 1, MAX_WEIGHT_GRAMS, required=True, required_message=_WEIGHT, messages={
        "required": _WEIGHT,
        "out_of_range": lambda: _("The weight is between 1 g and %(max)s g.", max=format_number(MAX_WEIGHT_GRAMS))})
    pack_size = Whole(_l("Pack size"), 1, MAX_MOQ, load_default=1,
                      metadata={"description": "What one set, pack or box holds, in pack_unit (6 for a set of 6)."})
    pack_unit = Choice(units.measures(), _pack_units_message, normalize=str.lower, load_default=None, allow_none=True,
                       metadata={"description": "The unit a set, pack or box holds (piece, kg, …); empty otherwise."})
    hs_code = Text(12, metadata={"pattern": HS_CODE.pattern})
    status = Choice(ListingStatus.ALL, _l("Unknown status."), load_default=ListingStatus.DRAFT)
    variants = fields.List(fields.Nested(VariantSchema), load_default=list)
    tiers = fields.List(fields.Nested(TierSchema), load_default=list)

    @pre_load
    def _drop_blank_rows(self, data, **kwargs):
        data = dict(data)
        if data.get("pack_unit") == "":
            data["pack_unit"] = None
        data["variants"] = [row for row in data.get("variants") or [] if not _blank_row(row, ("name_vi", "price_vnd"))]
        data["tiers"] = [row for row in data.get("tiers") or [] if not _blank_row(row, ("min_qty", "unit_price_vnd"))]
        if data.get("craft_id") in ("", None):
            data.pop("craft_id", None)
        return data

    @validates("craft_id")
    def _craft_exists(self, value, **kwargs):
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_ID \
                or db.session.get(Craft, value) is None:
            raise ValidationError(_("Choose the product's craft."))

    @validates("hs_code")
    def _hs_code(self, value, **kwargs):
        if value and not HS_CODE.match(value.replace(".", "")):
            raise ValidationError(_("An HS code has 4, 6, 8 or 10 digits."))

    @validates_schema(skip_on_field_errors=False)
    def _pack_of_a_pack_unit(self, data, **kwargs):
        """Only a set, pack or box holds several of something; each field at fault is named."""
        unit = data.get("unit")
        if unit is None or units.is_pack(unit):
            return
        errors = {}
        if (data.get("pack_size") or 1) > 1:
            errors["pack_size"] = [_("Only a set, pack or box holds several; leave the pack size at 1.")]
        if data.get("pack_unit"):
            errors["pack_unit"] = [_("Only a set, pack or box holds another unit; leave it empty.")]
        if errors:
            raise ValidationError(errors)

    @validates_schema(skip_on_field_errors=False)
    def _tiers_below_the_price(self, data, **kwargs):
        """Checked against the price and MOQ when those are themselves valid; every tier's fault is named."""
        price, moq = data.get("price_vnd"), data.get("moq")
        tiers = [t for t in data.get("tiers") or [] if "min_qty" in t and "unit_price_vnd" in t]
        messages = []
        if price is not None and any(t["unit_price_vnd"] >= price for t in tiers):
            messages.append(_("A wholesale price must be lower than the unit price."))
        if moq is not None and any(t["min_qty"] < moq for t in tiers):
            messages.append(_("A wholesale tier cannot start below the minimum order."))
        if len({t["min_qty"] for t in tiers}) != len(tiers):
            messages.append(_("Two wholesale tiers start at the same quantity."))
        if messages:
            raise ValidationError(messages, field_name="tiers")

    @post_load
    def _tidy(self, data, **kwargs):
        data["craft_id"] = int(data["craft_id"])
        data["hs_code"] = data["hs_code"].replace(".", "")
        for variant in data["variants"]:
            if variant["price_vnd"] is None:
                variant["price_vnd"] = data["price_vnd"]
        return data


class SuggestArgsSchema(BaseSchema):
    """What the search box has so far (GET /api/v1/suggest)."""

    q = Text(MAX_QUERY, too_long=_l("Keep the search to %(n)s characters at most."),
             metadata={"description": "What the buyer has typed so far, with or without diacritics."})


class SearchArgsSchema(BaseSchema):
    """The catalogue's query arguments; ``per_page`` and ``max_per_page`` are the caller's page sizes."""

    q = Text(MAX_QUERY, too_long=_l("Keep the search to %(n)s characters at most."),
             metadata={"description": 'Words to find, Vietnamese with or without diacritics '
                                      '("bat trang" finds "Bát Tràng") or English; a longer q is a 400.'})
    craft = Text(metadata={"description": "Craft slug."})
    village = Text(metadata={"description": "Village slug."})
    trademark = Text(metadata={"description": "Collective trademark slug: only products validly carrying it."})
    ocop = Whole(_l("OCOP stars"), 3, 5, load_default=None, metadata={"description": "At least this many OCOP stars."})
    price_min = Whole(_l("Lowest price"), 0, MAX_PRICE, load_default=None, metadata={"description": "Lowest price in VND."})
    price_max = Whole(_l("Highest price"), 0, MAX_PRICE, load_default=None,
                      metadata={"description": "Highest price in VND; not below price_min."})
    sort = Choice(SORTS, lambda: _("Sort by one of %(sorts)s.", sorts=", ".join(SORTS)), load_default="",
                  metadata={"description": "Order; relevance when q is given, newest otherwise."})
    page = Whole(_l("Page"), 1, MAX_PAGE, load_default=1, metadata={"description": "Page number.", "default": 1})
    per_page = Whole(_l("Results per page"), 1, 100, load_default=24, metadata={"description": "Items per page.", "default": 24})

    def __init__(self, *args, per_page=24, max_per_page=100, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["per_page"].load_default, self.fields["per_page"].maximum = per_page, max_per_page

    @validates_schema(skip_on_field_errors=False)
    def _range_in_order(self, data, **kwargs):
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            raise ValidationError(_("The lowest price is above the highest."), field_name="price_min")
