from flask_babel import lazy_gettext as _l
from wtforms import MultipleFileField, TextAreaField

from marketplace.core.forms import BaseForm


class MessageForm(BaseForm):
    """Rendering and CSRF only: ``messages.schemas.PartMessageSchema`` holds the rule."""

    body = TextAreaField(_l("Your message"))
    photos = MultipleFileField(_l("Photos (optional, up to 4)"))
