"""What people send about a deal: the shipment (carrier, its reference, the date)."""
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, validates

from marketplace.core.validation import BaseSchema, Day, Text

_CARRIER = _l("Name the carrier (e.g. Maersk, Vietnam Post).")
_REFERENCE = _l("Give the carrier's reference (bill of lading or tracking number).")


class ShipmentSchema(BaseSchema):
    """The shipment of a deal, recorded by its lead."""

    carrier = Text(120, required=True, required_message=_CARRIER, too_long=_l("Keep this to %(n)s characters at most."))
    reference = Text(120, required=True, required_message=_REFERENCE,
                     too_long=_l("Keep this to %(n)s characters at most."))
    shipped_on = Day(required=True, required_message=_l("Give the date as YYYY-MM-DD."))

    @validates("carrier")
    def _carrier_given(self, value, **kwargs):
        if not value:
            raise ValidationError(str(_CARRIER))

    @validates("reference")
    def _reference_given(self, value, **kwargs):
        if not value:
            raise ValidationError(str(_REFERENCE))

    @validates("shipped_on")
    def _recent(self, value, **kwargs):
        today = date.today()
        if value > today or value < today - timedelta(days=30):
            raise ValidationError(_("The shipping date must be within the last 30 days."))
