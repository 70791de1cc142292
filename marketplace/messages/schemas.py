"""What someone writes in an order part's thread."""
from flask_babel import lazy_gettext as _l

from marketplace.core.validation import BaseSchema, Text

MAX_IMAGES = 4  # photos one message may carry
MAX_LENGTH = 2000


class PartMessageSchema(BaseSchema):
    """A message's text (it may be empty when photos come with it: the service checks that)."""

    body = Text(MAX_LENGTH, too_long=_l("This is too long (at most %(n)s characters)."))
