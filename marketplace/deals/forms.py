"""Deal forms: rendering and CSRF only; the rules are in ``deals.schemas``."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, StringField

from marketplace.core.forms import BaseForm


class ShipmentForm(BaseForm):
    carrier = StringField(_l("Carrier"))
    reference = StringField(_l("Carrier's reference (bill of lading, tracking)"))
    shipped_on = DateField(_l("Shipped on"))
