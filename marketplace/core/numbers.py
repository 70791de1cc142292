"""Whole numbers typed by people or sent as JSON, read one way everywhere (catalogue, orders, leads).

Vietnamese write thousands with dots ("1.250.000 ₫"), so that pattern, and only that pattern,
is read as a whole number. Anything else with a separator ("1.5", "2,5", "299.99") is refused
with a message naming the field, never read as another number (15, 25, 29999).
"""
import re

from flask_babel import format_decimal
from flask_babel import gettext as _

from marketplace.core.errors import InvalidInput

DIGITS = re.compile(r"[0-9]{1,30}")  # longer is no number anyone means (and int() of 4,300 digits fails)
THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3}){1,9}")  # "350.000", "1.250.000"
MAX_INT = 2**31 - 1  # PostgreSQL's integer: a larger value would fail in the database, not here
REQUIRED = object()  # ``whole_number(default=REQUIRED)``: empty input is an error


class NumberError(InvalidInput):
    """Raised when input meant as a whole number is missing, is not one, or is out of range.

    ``reason`` is one of REQUIRED, NOT_WHOLE, OUT_OF_RANGE, for callers with their own wording.
    """

    REQUIRED, NOT_WHOLE, OUT_OF_RANGE = "required", "not_whole", "out_of_range"

    def __init__(self, message, field, reason):
        super().__init__(message, field=field)
        self.reason = reason


def read_whole(raw):
    """``raw`` as an int, or None when it is not a whole number written in a way we accept.

    Accepted: an int (not a bool), an integral float (JSON's ``2000.0``), and text of ASCII
    digits, plain or in Vietnamese thousands ("1.250.000"), with spaces around.
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if DIGITS.fullmatch(text):
        return int(text)
    if THOUSANDS.fullmatch(text):
        return int(text.replace(".", ""))
    return None


def whole_number(raw, label, field, minimum=0, maximum=MAX_INT, default=REQUIRED):
    """``raw`` read by ``read_whole`` and checked to lie in [minimum, maximum].

    Empty input (None or "") gives ``default``, or NumberError when it is REQUIRED. Every
    message names the field by its ``label`` ("Quantity must be a whole number.").
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if default is REQUIRED:
            raise NumberError(_("%(field)s is required.", field=label), field, NumberError.REQUIRED)
        return default
    value = read_whole(raw)
    if value is None:
        raise NumberError(_("%(field)s must be a whole number.", field=label), field, NumberError.NOT_WHOLE)
    if not minimum <= value <= maximum:
        raise NumberError(_("%(field)s must be between %(lo)s and %(hi)s.", field=label,
                            lo=format_decimal(minimum), hi=format_decimal(maximum)), field, NumberError.OUT_OF_RANGE)
    return value
