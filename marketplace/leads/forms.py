from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from marketplace.catalog.models import UNITS
from marketplace.core.forms import BaseForm
from marketplace.leads.models import INCOTERMS
from marketplace.leads.constants import COUNTRIES


def country_choices():
    """Countries by name in the reader's language, as (ISO code, name)."""
    names = Locale.parse(str(get_locale())).territories
    return sorted(((code, names.get(code, code)) for code in COUNTRIES), key=lambda item: item[1])


class InquiryForm(BaseForm):
    description = TextAreaField(_l("What are you looking for?"), validators=[Optional(), Length(max=2000)])
    craft = SelectField(_l("Craft"), validators=[Optional()])
    reference_listing_ids = StringField(_l("Reference products (numbers)"), validators=[Optional(), Length(max=100)])
    # Shape only; the service checks every rule and names each field at fault (leads.services.clean_inquiry).
    quantity = IntegerField(_l("Quantity"), validators=[Optional()])
    unit = SelectField(_l("Unit"), choices=list(UNITS.items()), default="piece")
    target_price_vnd = IntegerField(_l("Target unit price (₫)"), validators=[Optional()])
    destination_country = SelectField(_l("Destination country"), validators=[Optional()])
    incoterm = SelectField(_l("Incoterm"), choices=[(term, term) for term in INCOTERMS], default="FOB")
    required_by = DateField(_l("Needed by"), validators=[Optional()])
    ocop_stars = SelectField(_l("Required OCOP stars"), choices=[("", "—"), ("3", "3 ★+"), ("4", "4 ★+"), ("5", "5 ★")],
                             validators=[Optional()])
    trademark = SelectField(_l("Required collective trademark"), validators=[Optional()])

    def to_data(self):
        refs = (self.reference_listing_ids.data or "").replace(",", " ").split()
        return {
            "description": self.description.data or "", "craft": self.craft.data or None,
            "reference_listing_ids": [int(r) if r.isascii() and r.isdigit() else r for r in refs],
            "quantity": self.quantity.data, "unit": self.unit.data, "target_price_vnd": self.target_price_vnd.data,
            "destination_country": self.destination_country.data, "incoterm": self.incoterm.data,
            "required_by": self.required_by.data, "ocop_stars": self.ocop_stars.data or None,
            "trademark": self.trademark.data or None,
        }


class QuoteForm(BaseForm):
    unit_price_vnd = IntegerField(_l("Unit price (₫)"), validators=[DataRequired()])
    # Shape only; the service checks every rule and names each field at fault (leads.services.clean_inquiry).
    quantity = IntegerField(_l("Quantity"), validators=[Optional()])
    lead_time_days = IntegerField(_l("Lead time (days)"), validators=[Optional()])
    valid_until = DateField(_l("Valid until"), validators=[DataRequired()])
    message = TextAreaField(_l("Message to the importer"), validators=[Optional(), Length(max=2000)])

    def to_data(self):
        return {"unit_price_vnd": self.unit_price_vnd.data, "quantity": self.quantity.data,
                "lead_time_days": self.lead_time_days.data if self.lead_time_days.data is not None else 0,
                "valid_until": self.valid_until.data, "message": self.message.data or ""}


class MessageForm(BaseForm):
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=2000)])
