"""What importers and producers send about export leads: an inquiry, a quote, a thread message.

The web forms and ``/api/v1`` load the same schemas, so both name every field at fault at once.
The rules that need the database (the craft, the trademark and the reference products exist)
are checked here too, through the models, and reported with the other fields.
"""
import re
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, post_load, pre_load, validates, validates_schema
from sqlalchemy import select

from marketplace.catalog.constants import MAX_PRICE, MIN_PRICE
from marketplace.catalog.models import UNITS
from marketplace.core import numbers
from marketplace.core.templating import format_vnd
from marketplace.core.validation import BaseSchema, Choice, Day, IdList, Text, Whole
from marketplace.extensions import db
from marketplace.leads import candidates, references
from marketplace.leads.constants import (
    COUNTRIES,
    DEFAULT_DEPOSIT_PCT,
    MAX_DAYS_AHEAD,
    MAX_LEAD_TIME_DAYS,
    MAX_PORT,
    MAX_QUANTITY,
    MAX_QUOTE_DAYS,
    MAX_REFERENCES,
    MAX_TEXT,
)
from marketplace.leads.models import INCOTERMS
from marketplace.trademarks.models import Trademark
from marketplace.villages.models import Craft

_OCOP = _l("OCOP ratings are 3, 4 or 5 stars.")
_COUNTRY = _l("Choose the destination country (a two-letter ISO code such as DE).")
_USD = _l("Give the price in US dollars with at most two decimals, such as 3.50.")
_DOLLARS = re.compile(r"(\d{1,7})(?:\.(\d{1,2}))?")


def _units_message():
    return _("Choose a unit: %(units)s.", units=", ".join(str(label) for label in UNITS.values()))


def _incoterm_message():
    return _("Choose an Incoterm: %(terms)s.", terms=", ".join(INCOTERMS))


class References(IdList):
    """Reference products as ids (JSON), or as text of numbers and product page addresses (a form)."""

    def _deserialize(self, value, attr, data, **kwargs):
        entries = references.split(value) if isinstance(value, str) else value
        if isinstance(entries, list):
            bad = [str(entry) for entry in entries if references.as_id(entry) is None]
            if bad and all(isinstance(entry, (str, int)) and not isinstance(entry, bool) for entry in entries):
                raise ValidationError(_("Not a product number or a product page address: %(entries)s.",
                                        entries=", ".join(f"“{entry}”" for entry in bad)))
            if not bad:
                value = [references.as_id(entry) for entry in entries]
        return super()._deserialize(value, attr, data, **kwargs)


class InquirySchema(BaseSchema):
    """An importer's bulk inquiry. Give at least a description, a craft or a reference product."""

    description = Text(MAX_TEXT, too_long=_l("Keep the description to %(n)s characters at most."),
                       invalid=_l("Describe what you are looking for in words."),
                       metadata={"description": "What you want, in English or Vietnamese (with or without diacritics). "
                                                "Without a craft or a reference product it must hold words to "
                                                "search by (a 400 naming description otherwise)."})
    craft = Text(load_default=None, allow_none=True,
                 metadata={"description": "Craft slug (see /villages), optional; an unknown slug is a 400."})
    reference_listing_ids = References(MAX_REFERENCES, _l("Give product numbers as a list of whole numbers."),
                                   _l("Give at most %(n)s reference products."),
                                   metadata={"description": "Ids of public products like what you want; their makers "
                                                            "rank higher. An id that is no public product is a 400. "
                                                            "Product page addresses (/products/12) read as their id."})
    quantity = Whole(_l("Quantity"), 1, MAX_QUANTITY, required=True)
    unit = Choice(tuple(UNITS), _units_message, normalize=str.lower, load_default="piece")
    target_price_vnd = Whole(_l("Target unit price"), MIN_PRICE, MAX_PRICE, load_default=None, allow_none=True,
                             metadata={"description": "Target unit price in whole VND."})
    target_price_usd = Text(12, load_default="", invalid=_USD, too_long=_USD,
                            metadata={"description": "Or the target unit price in US dollars (\"3.50\"), converted "
                                                     "once to VND at USD_VND_RATE; give one of the two."})
    destination_country = Choice(tuple(sorted(COUNTRIES)), _COUNTRY, normalize=str.upper, required=True,
                                 required_message=_COUNTRY,
                                 metadata={"description": "ISO 3166-1 alpha-2 code of a country, one of those "
                                                          "listed (lower case is read as upper case)."})
    incoterm = Choice(INCOTERMS, _incoterm_message, normalize=str.upper, required=True, required_message=_incoterm_message)
    required_by = Day(required=True, required_message=_l("Give the date you need the goods by."),
                      metadata={"description": f"Delivery date: after today and at most {MAX_DAYS_AHEAD} days "
                                               "(two years) ahead; any other date is a 400 naming required_by."})
    ocop_stars = Whole(_l("OCOP stars"), 3, 5, load_default=None, allow_none=True,
                       messages={"not_whole": _OCOP, "out_of_range": _OCOP},
                       metadata={"description": "Only producers with at least this OCOP rating, certificate valid."})
    trademark = Text(load_default=None, allow_none=True,
                     metadata={"description": "Only active members of this collective trademark (slug); an unknown "
                                              "slug is a 400."})

    @pre_load
    def _no_stars_is_none(self, data, **kwargs):
        data = {key: data.get(key) for key in data}
        if data.get("ocop_stars") in (0, "0"):
            data["ocop_stars"] = None
        usd = data.get("target_price_usd")
        if isinstance(usd, (int, float)) and not isinstance(usd, bool):  # JSON sends a number
            data["target_price_usd"] = str(usd)
        if data.get("target_price_usd") is None and "target_price_usd" in data:
            data["target_price_usd"] = ""
        return data

    @validates_schema(skip_on_field_errors=False)
    def _one_target_price(self, data, **kwargs):
        """A target in dollars is converted once to whole VND (half up) and must be a price we accept."""
        self.usd_vnd = None
        usd = data.get("target_price_usd") or ""
        if not usd:
            return
        found = _DOLLARS.fullmatch(usd)
        if not found:
            raise ValidationError({"target_price_usd": [str(_USD)]})
        if data.get("target_price_vnd") is not None:
            raise ValidationError({"target_price_usd": [_("Give the target price in đồng or in dollars, not both.")]})
        cents = int(found.group(1)) * 100 + int((found.group(2) or "0").ljust(2, "0"))
        vnd = (cents * current_app.config["USD_VND_RATE"] + 50) // 100
        if not MIN_PRICE <= vnd <= MAX_PRICE:
            raise ValidationError({"target_price_usd": [_("The price must be between %(low)s and %(high)s.",
                                                           low=format_vnd(MIN_PRICE), high=format_vnd(MAX_PRICE))]})
        self.usd_vnd = vnd

    @validates("required_by")
    def _in_the_coming_two_years(self, value, **kwargs):
        today = date.today()
        if value <= today:
            raise ValidationError(_("The date must be in the future."))
        if value > today + timedelta(days=MAX_DAYS_AHEAD):
            raise ValidationError(_("The date must be within two years."))

    @validates_schema(skip_on_field_errors=False)
    def _known_in_the_catalogue(self, data, **kwargs):
        """The craft, the trademark and the reference products exist (and the request says something)."""
        errors, self.found = {}, {"craft": None, "trademark": None, "references": []}
        if data.get("craft"):
            self.found["craft"] = db.session.scalar(select(Craft).where(Craft.slug == data["craft"]))
            if self.found["craft"] is None:
                errors["craft"] = [_("Unknown craft.")]
        if data.get("trademark"):
            self.found["trademark"] = db.session.scalar(select(Trademark).where(Trademark.slug == data["trademark"]))
            if self.found["trademark"] is None:
                errors["trademark"] = [_("Unknown collective trademark.")]
        wanted = data.get("reference_listing_ids") or []
        if wanted:
            found = references.public_listings(wanted)
            missing = sorted(set(wanted) - {listing.id for listing in found})
            if missing:
                errors["reference_listing_ids"] = [_("No public product has the number %(ids)s.",
                                                     ids=", ".join(str(i) for i in missing))]
            self.found["references"] = found
        said = {"description", "craft", "reference_listing_ids"}
        if not errors.keys() & said and said <= data.keys() and not candidates.request_words(data["description"]) \
                and self.found["craft"] is None and not self.found["references"]:
            errors["description"] = [_("Say what you are looking for, choose a craft, or give a reference product.")]
        if errors:
            raise ValidationError(errors)

    @post_load
    def _objects(self, data, **kwargs):
        """The clean inquiry: the craft and trademark as rows, the references as listings."""
        data.pop("reference_listing_ids")
        data["target_price_currency"] = "USD" if data.pop("target_price_usd", "") and self.usd_vnd else "VND"
        if self.usd_vnd is not None:
            data["target_price_vnd"] = self.usd_vnd
        return {**data, **self.found}


class QuoteSchema(BaseSchema):
    """A producer's quote on a lead."""

    unit_price_vnd = Whole(_l("Unit price"), MIN_PRICE, MAX_PRICE, required=True)
    quantity = Whole(_l("Quantity"), 1, MAX_QUANTITY, required=True)
    lead_time_days = Whole(_l("Lead time"), 0, MAX_LEAD_TIME_DAYS, load_default=0)
    valid_until = Day(required=True, required_message=_l("Give the date as YYYY-MM-DD."),
                      metadata={"description": "From today, at most a year ahead."})
    message = Text(MAX_TEXT, too_long=_l("Keep the message to %(n)s characters at most."),
                   invalid=lambda: _("Keep the message to %(n)s characters at most.", n=MAX_TEXT))
    incoterm = Choice(INCOTERMS, _incoterm_message, normalize=str.upper, load_default=None, allow_none=True,
                      metadata={"description": "Delivery terms; the inquiry's Incoterm when left out."})
    port = Text(MAX_PORT, too_long=_l("Keep the port to %(n)s characters at most."),
                metadata={"description": "Port of loading (e.g. Hai Phong)."})
    deposit_pct = Whole(_l("Deposit"), 0, 100, load_default=DEFAULT_DEPOSIT_PCT,
                        metadata={"description": "Share of the total the importer pays before production, in %."})

    @validates("valid_until")
    def _within_a_year(self, value, **kwargs):
        today = date.today()
        if value < today or value > today + timedelta(days=MAX_QUOTE_DAYS):
            raise ValidationError(_("A quote must be valid from today for at most a year."))


class MemberPrices(fields.Field):
    """Each consortium member's own unit price: rows of ``producer_id`` and ``unit_price_vnd`` (a form's
    rows, or a JSON list), loaded as {producer id: price}. A blank price is no row: that member supplies
    at the quote's unit price. Every faulty row is reported at once, naming its member; the members are
    the schema's (``ConsortiumQuoteSchema.members``)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
            raise ValidationError(_("Give the members' unit prices as a list of rows."))
        members, prices, problems = self.parent.members, {}, []
        for row in value:
            producer_id = numbers.read_whole(row.get("producer_id"))
            name = members.get(producer_id)
            if name is None or producer_id in prices:
                problems.append(_("Producer %(id)s has no share in this consortium.", id=row.get("producer_id"))
                                if name is None else _("%(member)s has two unit prices; give one.", member=name))
                continue
            try:
                price = _member_price(row.get("unit_price_vnd"), name, attr)
            except numbers.NumberError as exc:
                problems.append(exc.message)
                continue
            if price is not None:
                prices[producer_id] = price
        if problems:
            raise ValidationError(problems)
        return prices


def _member_price(raw, name, attr):
    """A member's unit price as typed, within the quote's own price limits; None when left blank."""
    label = _("Unit price for %(member)s", member=name)
    text = raw.strip() if isinstance(raw, str) else None
    value = numbers.read_whole(raw)
    if (value is not None and value < 0) or (text and text[0] == "-" and numbers.read_whole(text[1:]) is not None):
        raise numbers.NumberError(_("%(field)s cannot be negative.", field=label), attr, numbers.NumberError.OUT_OF_RANGE)
    return numbers.whole_number(raw, label, attr, MIN_PRICE, MAX_PRICE, default=None)


class ConsortiumQuoteSchema(QuoteSchema):
    """A quote for a consortium as a whole; each member with a share may have its own unit price.

    ``members`` are (producer id, name) of the members with a share, whose prices may be given."""

    member_prices = MemberPrices(load_default=dict, metadata={
        "description": "[{producer_id, unit_price_vnd}]: a member's own unit price in whole VND; a member left out "
                       "or left blank supplies at unit_price_vnd."})

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = dict(members)


class MessageSchema(BaseSchema):
    """A message in a lead's thread."""

    body = Text(MAX_TEXT, required=True, required_message=_l("Write a message first."),
                too_long=_l("Keep the message to %(n)s characters at most."))
