from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField

from marketplace.core.forms import BaseForm
from marketplace.orders.constants import PROVINCES


class CheckoutForm(BaseForm):
    """Rendering and CSRF only: ``orders.schemas.CheckoutSchema`` holds every field's rule."""

    recipient_name = StringField(_l("Recipient's full name"))
    phone = StringField(_l("Phone number"))
    province = SelectField(_l("Province or city"), choices=[("", "—")] + [(p, p) for p in PROVINCES],
                           validate_choice=False)
    district = StringField(_l("Ward or commune"))
    ward = StringField(_l("Village, hamlet or residential group (optional)"))
    street = StringField(_l("House number and street"))
    note = TextAreaField(_l("Note for the producers (optional)"))
    payment_method = RadioField(_l("How will you pay?"), choices=[], validate_choice=False)
    checkout_token = HiddenField()


class ShipForm(BaseForm):
    carrier = StringField(_l("Carrier"))
    tracking_number = StringField(_l("Tracking number"))
