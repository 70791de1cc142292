"""Rendering and CSRF only: reviews.schemas holds the rules."""
from flask_babel import lazy_gettext as _l
from wtforms import MultipleFileField, RadioField, SelectField, TextAreaField

from marketplace.core.forms import BaseForm
from marketplace.reviews.constants import LANGUAGES


class ReviewForm(BaseForm):
    rating = RadioField(_l("Rating"), choices=[(str(n), str(n)) for n in range(5, 0, -1)], validate_choice=False)
    text = TextAreaField(_l("Your review"))
    language = SelectField(_l("Written in"), choices=list(LANGUAGES.items()), validate_choice=False)
    photos = MultipleFileField(_l("Photos (optional, JPEG, PNG or WebP)"))

    def photo_bytes(self):
        return [f.read() for f in (self.photos.data or []) if getattr(f, "filename", "")]


class AnswerForm(BaseForm):
    text = TextAreaField(_l("Your answer"))
