"""What account holders send: an importer's company profile."""
from babel import Locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validates

from marketplace.core.validation import BaseSchema, Choice, Text
from marketplace.leads.constants import COUNTRIES

_COMPANY = _l("Give the company's name (at most 200 characters).")
_COUNTRY = _l("Choose the company's country.")
_LANGUAGES = _l("Choose at least one language.")
_WEBSITE = _l("Give the website as an address starting with https://.")


class ImporterProfileSchema(BaseSchema):
    company = Text(200, required=True, required_message=_COMPANY, too_long=_COMPANY)
    country = Choice(COUNTRIES, _COUNTRY, normalize=str.upper, document=False, required=True, required_message=_COUNTRY)
    languages = fields.List(fields.String(), required=True, error_messages={"required": _LANGUAGES, "invalid": _LANGUAGES})
    website = Text(300, too_long=_WEBSITE)

    @validates("languages")
    def _known_languages(self, value, **kwargs):
        codes = [code.strip().lower() for code in value if code.strip()]
        if not codes or any(code not in Locale("en").languages or len(code) != 2 for code in codes):
            raise ValidationError(_("Choose at least one language."))

    @validates("website")
    def _web_address(self, value, **kwargs):
        if value and not value.startswith(("http://", "https://")):
            raise ValidationError(_("Give the website as an address starting with https://."))
