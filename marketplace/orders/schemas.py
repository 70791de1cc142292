"""What a buyer sends: a cart quantity, and the checkout's address and payment method."""
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, validates

from marketplace.core.templating import format_number
from marketplace.core.validation import BaseSchema, Choice, Flag, Text, Whole
from marketplace.orders.constants import MAX_QUANTITY, PHONE, PROVINCES
from marketplace.orders.models import PaymentMethod

_TOO_LONG = _l("This is too long (at most %(n)s characters).")


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
