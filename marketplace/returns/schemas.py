"""What a buyer, a producer or staff send about a return: reasons and a refund amount."""
from flask_babel import lazy_gettext as _l

from marketplace.core.validation import BaseSchema, Text, Whole

MAX_PHOTOS = 4  # photos a buyer may attach to one return request


class ReturnReasonSchema(BaseSchema):
    """Why the buyer asks for a return (the quantities per line are checked against the order)."""

    reason = Text(2000, required=True, label=_l("What is wrong?"), required_message=_l("Say what is wrong with the products."),
                  too_long=_l("This is too long (at most %(n)s characters)."))


class AcceptSchema(BaseSchema):
    """How much the buyer gets back (in VND) when the producer or staff accept."""

    refund_vnd = Whole(_l("Refund"), 1, required=True, messages={
        "required": _l("Give the amount to refund in đồng."),
        "not_whole": _l("Give the amount to refund in đồng."),
    })
    note = Text(1000, collapse=True, too_long=_l("This is too long (at most %(n)s characters)."))


class DeclineSchema(BaseSchema):
    """Why the producer (or staff) decline."""

    reason = Text(1000, required=True, label=_l("Reason for declining"), required_message=_l("Say why you decline."),
                  too_long=_l("This is too long (at most %(n)s characters)."))
