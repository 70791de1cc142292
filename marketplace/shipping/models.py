from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.core import labels
from marketplace.core.columns import Keyed
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class Zone:
    """Where a parcel goes, seen from the producer's village (every village is in Hà Nội)."""

    SAME_DISTRICT = "same_district"  # the village's own commune or (former) district
    INNER_HANOI = "inner_hanoi"  # any other address in Hà Nội (outer communes count as "north")
    NORTH = "north"  # northern provinces, and Hà Nội's outer communes
    CENTRAL = "central"  # central provinces and the Central Highlands
    SOUTH = "south"  # southern provinces
    ALL = (SAME_DISTRICT, INNER_HANOI, NORTH, CENTRAL, SOUTH)


# The weight bands of the fee table, in grams (a parcel falls in the first band that holds it);
# above the last one each started kilogram costs ``per_extra_kg`` on top of ``upto_5kg``.
BANDS = (("upto_500g", 500), ("upto_1kg", 1000), ("upto_2kg", 2000), ("upto_5kg", 5000))
FEE_FIELDS = (*(name for name, _grams in BANDS), "per_extra_kg")

labels.register("zone", {
    "same_district": _l("Same district"), "inner_hanoi": _l("Inner Hà Nội"), "north": _l("Northern provinces"),
    "central": _l("Central provinces"), "south": _l("Southern provinces"),
})
labels.register("band", {
    "upto_500g": _l("Up to 0.5 kg"), "upto_1kg": _l("Up to 1 kg"), "upto_2kg": _l("Up to 2 kg"),
    "upto_5kg": _l("Up to 5 kg"), "per_extra_kg": _l("Each kg above 5 kg"),
})


class ShippingRate(Keyed, db.Model):
    """One zone's row of the fee table as staff set it (zones without a row use data/rates.json)."""

    __tablename__ = "shipping_rates"
    __table_args__ = (CheckConstraint(
        "upto_500g >= 0 AND upto_1kg >= 0 AND upto_2kg >= 0 AND upto_5kg >= 0 AND per_extra_kg >= 0",
        name="shipping_rate_not_negative"),)

    zone: Mapped[str] = mapped_column(String(20), unique=True)
    # Integer VND per parcel for each weight band.
    upto_500g: Mapped[int] = mapped_column(Integer)
    upto_1kg: Mapped[int] = mapped_column(Integer)
    upto_2kg: Mapped[int] = mapped_column(Integer)
    upto_5kg: Mapped[int] = mapped_column(Integer)
    per_extra_kg: Mapped[int] = mapped_column(Integer)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
