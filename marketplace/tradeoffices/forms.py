"""Rendering and CSRF only: ``tradeoffices.schemas`` holds the rules."""
from marketplace.core.forms import form_for
from marketplace.tradeoffices.schemas import OfficeSchema, ReferralSchema

OfficeForm = form_for(OfficeSchema)
ReferralForm = form_for(ReferralSchema)
