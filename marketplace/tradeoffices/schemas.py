"""What staff send to invite a trade office, and what an office sends to refer an importer."""
from flask_babel import lazy_gettext as _l

from marketplace.core.validation import BaseSchema, Choice, Email, Text
from marketplace.leads.constants import COUNTRIES

_COUNTRY = _l("Choose the country.")


class OfficeSchema(BaseSchema):
    name = Text(200, collapse=True, required=True, required_message=_l("Give the office's name."),
                too_long=_l("The office's name is at most %(n)s characters."), label=_l("Organisation"))
    country = Choice(COUNTRIES, _COUNTRY, normalize=str.upper, document=False, required=True,
                     required_message=_COUNTRY, label=_l("Country"))
    city = Text(120, collapse=True, required=True, required_message=_l("Give the office's city."),
                too_long=_l("The city is at most %(n)s characters."), label=_l("City"))
    email = Email(required=True, required_message=_l("Give the e-mail address to invite."), label=_l("E-mail"))


class ReferralSchema(BaseSchema):
    email = Email(required=True, required_message=_l("Give the importer's e-mail address."),
                  label=_l("Importer's e-mail"))
    company = Text(200, collapse=True, required=True, required_message=_l("Give the importer's company."),
                   too_long=_l("The company's name is at most %(n)s characters."), label=_l("Company"))
    country = Choice(COUNTRIES, _COUNTRY, normalize=str.upper, document=False, required=True,
                     required_message=_COUNTRY, label=_l("Country"))
    note = Text(1000, too_long=_l("The note is at most %(n)s characters."), label=_l("Note for the importer"))
