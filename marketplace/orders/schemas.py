"""What a buyer sends: a cart quantity, and the checkout's address and payment method; staff's order search."""
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, validates, validates_schema

from marketplace.core.paging import MAX_PAGE
from marketplace.core.templating import format_number
from marketplace.core.validation import BaseSchema, Choice, Day, Flag, Text, Whole
from marketplace.orders.constants import MAX_QUANTITY, PHONE, PROVINCES
from marketplace.orders.models import PartStatus, PaymentMethod

_TOO_LONG = _l("This is too long (at most %(n)s characters).")
MAX_SEARCH = 200  # characters of the staff order search


class CartQuantitySchema(BaseSchema):
    """How many of a product go in the cart (adding, or changing a line)."""

    quantity = Whole(_l("Quantity"), 1, MAX_QUANTITY, required=True, messages={
        "required": _l("Give the quantity as a whole number."),
        "not_whole": _l("Give the quantity as a whole number."),
        "out_of_range": lambda: _("The quantity must be between 1 and %(max)s.", max=format_number(MAX_QUANTITY)),
    })


class Phone(Text):
    """A Vietnamese phone number, stored without its spaces, dots, dashes or brackets."""

    def _deserialize(self, value, attr, data, **kwargs):
        number = re.sub(r"[\s.\-()]", "", super()._deserialize(value, attr, data, **kwargs))
        if not PHONE.match(number):
            raise ValidationError(_("Give a Vietnamese phone number, e.g. 0912 345 678."))
        return number


class AddressSchema(BaseSchema):
    """A delivery address in Việt Nam (the address book's, and checkout's); every field at fault is named at once."""

    recipient_name = Text(120, collapse=True, required=True,
                          required_message=_l("Give the name of the person who receives the parcel."),
                          too_long=_l("The name is too long (at most 120 characters)."))
    phone = Phone(32, required=True, required_message=_l("Give a Vietnamese phone number, e.g. 0912 345 678."),
                  metadata={"description": "0 or +84 and 9 or 10 digits; spaces, dots and dashes are ignored."})
    province = Choice(PROVINCES, _l("Choose the province or city."), required=True,
                      required_message=_l("Choose the province or city."))
    district = Text(80, collapse=True, required=True, required_message=_l("Give the ward or commune."), too_long=_TOO_LONG)
    ward = Text(80, collapse=True, too_long=_TOO_LONG)
    street = Text(200, collapse=True, required=True, required_message=_l("Give the house number and street."),
                  too_long=_TOO_LONG)


class CheckoutSchema(AddressSchema):
    """The delivery address and how the buyer pays, and whether to keep the address in the address book.

    ``card_enabled``: whether card payment is offered (Stripe keys set), so "card" is a choice.
    """

    note = Text(1000, too_long=_TOO_LONG)
    save_address = Flag()
    payment_method = Choice(PaymentMethod.ALL, _l("Choose how you will pay."), required=True,
                            required_message=_l("Choose how you will pay."))

    def __init__(self, *args, card_enabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.card_enabled = card_enabled

    @validates("payment_method")
    def _card_only_when_offered(self, value, **kwargs):
        if value == PaymentMethod.CARD and not self.card_enabled:
            raise ValidationError(_("Choose how you will pay."))


class StaffOrderArgsSchema(BaseSchema):
    """The staff order list's search and filters (GET /staff/orders and its CSV)."""

    q = Text(MAX_SEARCH, too_long=_TOO_LONG)  # an order number, a buyer's e-mail or name, a producer's name
    status = Choice(PartStatus.ALL, lambda: _("Choose a status from the list."), load_default="")
    method = Choice(PaymentMethod.ALL, lambda: _("Choose a payment method from the list."), load_default="")
    date_from = Day(load_default=None)
    date_to = Day(load_default=None)
    producer = Whole(_l("Producer"), 1, load_default=None)
    page = Whole(_l("Page"), 1, MAX_PAGE, load_default=1)

    @validates_schema(skip_on_field_errors=False)
    def _dates_in_order(self, data, **kwargs):
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError(_("The first day is after the last."), field_name="date_from")
