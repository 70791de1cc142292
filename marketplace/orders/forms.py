from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField

from marketplace.core.forms import BaseForm
from marketplace.orders.constants import PROVINCES
from marketplace.shipping import tracking

_PROVINCE_CHOICES = [("", "—")] + [(p, p) for p in PROVINCES]


class AddressForm(BaseForm):
    """Rendering and CSRF only: ``orders.schemas.AddressSchema`` holds every field's rule."""

    recipient_name = StringField(_l("Recipient's full name"))
    phone = StringField(_l("Phone number"))
    province = SelectField(_l("Province or city"), choices=_PROVINCE_CHOICES, validate_choice=False)
    district = StringField(_l("Ward or commune"))
    ward = StringField(_l("Village, hamlet or residential group (optional)"))
    street = StringField(_l("House number and street"))


class CheckoutForm(AddressForm):
    """Rendering and CSRF only: ``orders.schemas.CheckoutSchema`` holds every field's rule."""

    note = TextAreaField(_l("Note for the producers (optional)"))
    save_address = BooleanField(_l("Save this address in my address book"))
    payment_method = RadioField(_l("How will you pay?"), choices=[], validate_choice=False)
    checkout_token = HiddenField()


class DestinationForm(BaseForm):
    """The cart's "Ship to" picker: enough of the address to price each parcel."""

    province = SelectField(_l("Province or city"), choices=_PROVINCE_CHOICES, validate_choice=False)
    district = StringField(_l("Ward or commune"))


class ShipForm(BaseForm):
    carrier = SelectField(_l("Carrier"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.carrier.choices = [("", "—")] + [(c.name, c.name) for c in tracking.carriers().values()]

    tracking_number = StringField(_l("Tracking number"))
