"""The return forms: rendering and CSRF only, built from ``returns.schemas`` (which hold every rule).
The request's quantities (one ``qty_<line id>`` input per product) are checked by the service."""
from flask_babel import lazy_gettext as _l
from wtforms import MultipleFileField, StringField

from marketplace.core.forms import form_for
from marketplace.returns.schemas import AcceptSchema, DeclineSchema, ReturnReasonSchema

ReturnForm = form_for(ReturnReasonSchema, photos=MultipleFileField(_l("Photos (optional, up to 4)")))
# The amount's messages name it "Refund"; its input says the unit.
AcceptForm = form_for(AcceptSchema, refund_vnd=StringField(_l("Refund (đồng)")), note=StringField(_l("Note (optional)")))
DeclineForm = form_for(DeclineSchema)
