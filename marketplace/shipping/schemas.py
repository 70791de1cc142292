"""What staff send for the fee table: every cell a whole number of VND, every wrong one named at once."""
from flask_babel import LazyString

from marketplace.core.labels import status_label
from marketplace.core.validation import BaseSchema, Whole
from marketplace.shipping.models import FEE_FIELDS, Zone

MAX_FEE_VND = 10_000_000  # per band: anything above is a typo


def cell(zone, band):
    """The form field of one cell of the fee table."""
    return f"{zone}__{band}"


def _label(zone, band):
    return LazyString(lambda: f"{status_label(zone, 'zone')}, {str(status_label(band, 'band')).lower()}")


# Every cell of the table is one field, so that every wrong one is named at once.
RatesSchema = type("RatesSchema", (BaseSchema,), {
    cell(zone, band): Whole(_label(zone, band), 0, MAX_FEE_VND, required=True)
    for zone in Zone.ALL for band in FEE_FIELDS
})
