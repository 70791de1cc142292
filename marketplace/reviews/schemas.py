"""What a buyer and a producer send: one schema each, every mistake named at once."""
from flask_babel import lazy_gettext as _l

from marketplace.core.validation import BaseSchema, Choice, Text, Whole
from marketplace.reviews.constants import LANGUAGES, TEXT_MAX

_STARS = _l("Give the product 1 to 5 stars.")


class ReviewSchema(BaseSchema):
    """A review: stars, words, and the language they are written in."""

    rating = Whole(_l("Rating"), minimum=1, maximum=5, required=True,
                   messages={"required": _STARS, "not_whole": _STARS, "out_of_range": _STARS})
    text = Text(TEXT_MAX, required=True, required_message=_l("Write a few words about the product."))
    language = Choice(tuple(LANGUAGES), _l("Choose Vietnamese or English."), required=True,
                      required_message=_l("Choose Vietnamese or English."))


class AnswerSchema(BaseSchema):
    """The producer's one answer to a review."""

    text = Text(TEXT_MAX, required=True, required_message=_l("Write your answer."))
