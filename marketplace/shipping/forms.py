from wtforms import StringField

from marketplace.core.forms import BaseForm
from marketplace.shipping.models import FEE_FIELDS, Zone
from marketplace.shipping.schemas import RatesSchema, cell

# Rendering and CSRF only: ``shipping.services.RatesSchema`` holds the rules of every cell.
RatesForm = type("RatesForm", (BaseForm,), {
    cell(zone, band): StringField(RatesSchema._declared_fields[cell(zone, band)].label)
    for zone in Zone.ALL for band in FEE_FIELDS
})
