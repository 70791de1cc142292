"""Export-lead forms: rendering and CSRF only; every rule is in ``leads.schemas``."""
from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)

from marketplace.catalog.models import UNITS
from marketplace.core.forms import BaseForm
from marketplace.leads.constants import COUNTRIES
from marketplace.leads.models import INCOTERMS


def country_choices():
    """Countries by name in the reader's language, as (ISO code, name)."""
    names = Locale.parse(str(get_locale())).territories
    return sorted(((code, names.get(code, code)) for code in COUNTRIES), key=lambda item: item[1])


class InquiryForm(BaseForm):
    description = TextAreaField(_l("What are you looking for?"))
    craft = SelectField(_l("Craft"), validate_choice=False)
    reference_listing_ids = StringField(_l("Reference products"))
    quantity = IntegerField(_l("Quantity"))
    unit = SelectField(_l("Unit"), choices=list(UNITS.items()), default="piece", validate_choice=False)
    target_price_vnd = IntegerField(_l("Target unit price (₫)"))
    target_price_usd = StringField(_l("or in US dollars"))
    destination_country = SelectField(_l("Destination country"), validate_choice=False)
    incoterm = SelectField(_l("Incoterm"), choices=[(term, term) for term in INCOTERMS], default="FOB", validate_choice=False)
    required_by = DateField(_l("Needed by"))
    ocop_stars = SelectField(_l("Required OCOP stars"), choices=[("", "—"), ("3", "3 ★+"), ("4", "4 ★+"), ("5", "5 ★")],
                             validate_choice=False)
    trademark = SelectField(_l("Required collective trademark"), validate_choice=False)


class QuoteForm(BaseForm):
    unit_price_vnd = IntegerField(_l("Unit price (₫)"))
    quantity = IntegerField(_l("Quantity"))
    lead_time_days = IntegerField(_l("Lead time (days)"))
    valid_until = DateField(_l("Valid until"))
    incoterm = SelectField(_l("Incoterm"), choices=[(term, term) for term in INCOTERMS], default="FOB",
                           validate_choice=False)
    port = StringField(_l("Port of loading"))
    deposit_pct = IntegerField(_l("Deposit, percent of the total"), default=30)
    message = TextAreaField(_l("Message to the importer"))


class MemberPriceRow(Form):
    # The price first: the form's error summary links to a row's first field. Text, not a number input: a
    # browser sends a number box it cannot read ("1.250.000", "12,5") as empty, which here means the
    # quote's price; as text it reaches the schema, which reads the dots and names the mistake.
    unit_price_vnd = StringField(_l("Unit price (₫)"))
    producer_id = HiddenField()


class ConsortiumQuoteForm(QuoteForm):
    """The quote for a consortium: a row per member with a share, each with an optional unit price of its own."""

    member_prices = FieldList(FormField(MemberPriceRow), _l("Members' unit prices"))


class MessageForm(BaseForm):
    """One message in a lead's or a consortium's thread."""

    body = TextAreaField(_l("Message"))
