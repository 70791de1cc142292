"""The fee of a parcel: its zone's row of the fee table, by weight band, free over the producer's
threshold. Staff edit the table (``update_rates``); every change is in the history (``core.audit``)."""
import json
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.core import audit, labels
from marketplace.core.labels import status_label
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.shipping.models import BANDS, FEE_FIELDS, ShippingRate, Zone
from marketplace.shipping.schemas import RatesSchema, cell
from marketplace.shipping.zones import DATA, zone_for

labels.register("entity", {"shipping_rate": _l("Shipping fees")})
labels.register("field", {name: status_label(name, "band") for name in FEE_FIELDS})


@cache
def default_rates():
    """The fee table of ``data/rates.json``: {zone: {band: VND}}."""
    return json.loads((DATA / "rates.json").read_text(encoding="utf-8"))["rates"]


def rate_table():
    """The fee table in force: staff's rows where they set one, the data file's for the other zones."""
    table = {zone: dict(default_rates()[zone]) for zone in Zone.ALL}
    for row in db.session.scalars(select(ShippingRate)):
        if row.zone in table:
            table[row.zone] = {name: getattr(row, name) for name in FEE_FIELDS}
    return table


def fee_for(zone, grams, table=None):
    """What a parcel of ``grams`` costs to ``zone``: its band's fee, or above 5 kg the 5 kg fee plus
    ``per_extra_kg`` for each started kilogram."""
    rates = (table or rate_table())[zone]
    for name, limit in BANDS:
        if grams <= limit:
            return rates[name]
    extra_kg = -(-(grams - BANDS[-1][1]) // 1000)  # started kilograms, integer arithmetic only
    return rates["upto_5kg"] + extra_kg * rates["per_extra_kg"]


def is_free(goods_vnd, free_over_vnd):
    """Free shipping from the producer's threshold (a parcel of exactly the threshold ships free)."""
    return bool(free_over_vnd) and goods_vnd >= free_over_vnd


def parcel_fee(village, province, district, grams, goods_vnd, free_over_vnd, table=None):
    """(fee, zone) of one producer's parcel to an address; fee 0 over the producer's threshold."""
    zone = zone_for(village, province, district)
    return (0 if is_free(goods_vnd, free_over_vnd) else fee_for(zone, grams, table)), zone


def lowest_fee(grams, goods_vnd, free_over_vnd, table=None):
    """The least a parcel can cost before the address is known ("from X đ")."""
    if is_free(goods_vnd, free_over_vnd):
        return 0
    table = table or rate_table()
    return min(fee_for(zone, grams, table) for zone in Zone.ALL)


def table_as_form(table=None):
    """The table as the staff form's values ({"north__upto_1kg": 35000, …})."""
    table = table or rate_table()
    return {cell(zone, band): table[zone][band] for zone in Zone.ALL for band in FEE_FIELDS}


@transactional
def update_rates(actor, data):
    """Staff set the whole fee table (``data``: the form's values); each zone's change is recorded."""
    clean = load(RatesSchema(), data)
    rows = {row.zone: row for row in db.session.scalars(select(ShippingRate).with_for_update())}
    defaults = rate_table()
    for zone in Zone.ALL:
        values = {band: clean[cell(zone, band)] for band in FEE_FIELDS}
        row = rows.get(zone)
        if row is None:
            if values == defaults[zone]:
                continue  # nothing to keep: the data file's row still applies
            row = ShippingRate(zone=zone, **defaults[zone])
            db.session.add(row)
            db.session.flush()
        before = audit.snapshot(row, FEE_FIELDS)
        for band, fee in values.items():
            setattr(row, band, fee)
        db.session.flush()
        audit.record(actor, "shipping_rate", row.id, zone, "update", before, audit.snapshot(row, FEE_FIELDS))
    return rate_table()
