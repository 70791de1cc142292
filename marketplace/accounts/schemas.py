"""What account holders send: a sign-up, and an importer's company profile."""
from babel import Locale
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validates, validates_schema

from marketplace.accounts.models import Role
from marketplace.accounts.passwords import password_problem
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


class SignUpSchema(BaseSchema):
    """A person's sign-up: every rule of it, so the form names every field at fault at once."""

    name = Text(120, required=True)
    email = Text(255, required=True)
    password = Text(required=True)
    confirm = Text(required=True)
    role = Choice(Role.SELF_SERVICE, _l("Not a valid choice."), load_default=Role.BUYER)

    @validates("email")
    def _an_address(self, value, **kwargs):
        try:
            validate_email(value, check_deliverability=False)
        except EmailNotValidError:
            raise ValidationError(_("Invalid email address.")) from None

    @validates_schema(skip_on_field_errors=False)  # reported with the other fields' mistakes
    def _password_rules(self, data, **kwargs):
        """The password rules, which know the account's own name and address, and the repeat."""
        password = data.get("password")
        if password is None:
            return
        problem = password_problem(password, user_inputs=(data.get("email", ""), data.get("name", "")))
        errors = {}
        if problem:
            errors["password"] = [problem]
        if data.get("confirm") is not None and data["confirm"] != password:
            errors["confirm"] = [_("The passwords do not match.")]
        if errors:
            raise ValidationError(errors)
