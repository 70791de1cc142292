"""URL converters: an id in a URL is a number PostgreSQL's ``integer`` can hold, or the page is a 404.

Registered as ``int`` on the app before any blueprint, so every ``<int:...>`` route is bounded:
``/orders/2147483648`` or ``/staff/producers/99999999999999999999/approve`` answer 404 instead
of overflowing the query (a 500), and services need no range checks of their own.
"""
from werkzeug.routing import IntegerConverter, ValidationError

from marketplace.core.numbers import MAX_INT as MAX_ID  # PostgreSQL's integer, our ids' type


class IdConverter(IntegerConverter):
    """``<int:name>`` matching 1..2**31-1 (any other number is a 404); ``min``/``max`` still narrow it."""

    def __init__(self, map, fixed_digits=0, min=1, max=MAX_ID, signed=False):
        # ``min`` and ``max`` are werkzeug's argument names; a route may narrow the range, never widen it.
        lowest = 1 if min is None or min < 1 else min
        highest = MAX_ID if max is None or max > MAX_ID else max
        super().__init__(map, fixed_digits, min=lowest, max=highest, signed=signed)

    def to_python(self, value):
        if len(value) > len(str(MAX_ID)):  # do not even turn a 5,000-digit path into a number
            raise ValidationError()
        return super().to_python(value)


def register(app):
    """Bound every ``<int:...>`` id; call before the blueprints' routes are added."""
    app.url_map.converters["int"] = IdConverter
