"""Reviews' limits and choices."""
from flask_babel import lazy_gettext as _l

TEXT_MAX = 2000  # characters of a review or of the producer's answer
MAX_PHOTOS = 4  # photos per review
PER_PAGE = 10  # reviews per page of a product
# The languages a review may be written in, and the mark shown beside it.
LANGUAGES = {"vi": _l("Vietnamese"), "en": _l("English")}
WRITTEN_IN = {"vi": _l("Written in Vietnamese"), "en": _l("Written in English")}
