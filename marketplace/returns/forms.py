from flask_babel import lazy_gettext as _l
from wtforms import MultipleFileField, StringField, TextAreaField

from marketplace.core.forms import BaseForm


class ReturnForm(BaseForm):
    """Rendering and CSRF only: the quantities (one ``qty_<line id>`` input per product) and
    ``returns.schemas.ReturnReasonSchema`` are checked by the service."""

    reason = TextAreaField(_l("What is wrong?"))
    photos = MultipleFileField(_l("Photos (optional, up to 4)"))


class AcceptForm(BaseForm):
    refund_vnd = StringField(_l("Refund (đồng)"))
    note = StringField(_l("Note (optional)"))


class DeclineForm(BaseForm):
    reason = TextAreaField(_l("Reason for declining"))
