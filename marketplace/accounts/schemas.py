"""What account holders send: a sign-up, a new password, a language, and an importer's company profile."""
from babel import Locale
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validates, validates_schema

from marketplace.accounts.constants import LANGUAGES
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


def _check_address(value):
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise ValidationError(_("Invalid email address.")) from None


def _password_rules(data, user_inputs):
    """The password rules (which know the account's own name and address) and the repeat, as one error."""
    password = data.get("password")
    if password is None:
        return
    problem = password_problem(password, user_inputs=user_inputs)
    errors = {}
    if problem:
        errors["password"] = [problem]
    if data.get("confirm") is not None and data["confirm"] != password:
        errors["confirm"] = [_("The passwords do not match.")]
    if errors:
        raise ValidationError(errors)


class SignUpSchema(BaseSchema):
    """A person's sign-up: every rule of it, so the form names every field at fault at once."""

    name = Text(120, required=True)
    email = Text(255, required=True)
    password = Text(required=True)
    confirm = Text(required=True)
    role = Choice(Role.SELF_SERVICE, _l("Not a valid choice."), load_default=Role.BUYER)

    @validates("email")
    def _an_address(self, value, **kwargs):
        _check_address(value)

    @validates_schema(skip_on_field_errors=False)  # reported with the other fields' mistakes
    def _password_rules(self, data, **kwargs):
        _password_rules(data, (data.get("email", ""), data.get("name", "")))


class EmailSchema(BaseSchema):
    """An address to send something to (a password reset link)."""

    email = Text(255, required=True)

    @validates("email")
    def _an_address(self, value, **kwargs):
        _check_address(value)


class NewPasswordSchema(BaseSchema):
    """A new password and its repeat (a reset): the sign-up's rules, knowing the account's own words."""

    password = Text(required=True)
    confirm = Text(required=True)

    def __init__(self, user_inputs=(), **kwargs):
        super().__init__(**kwargs)
        self.user_inputs = tuple(user_inputs)

    @validates_schema(skip_on_field_errors=False)
    def _password_rules(self, data, **kwargs):
        _password_rules(data, self.user_inputs)


class ChangePasswordSchema(NewPasswordSchema):
    """A signed-in person's new password: the current one first (the service checks it is right)."""

    current = Text(required=True, required_message=_l("Give your current password."))


class PasswordSchema(BaseSchema):
    """The account's password, to confirm something that cannot be undone (deleting the account)."""

    password = Text(required=True, required_message=_l("Give your password."))


class LanguageSchema(BaseSchema):
    """The language pages, notifications and e-mails use for this person."""

    language = Choice(LANGUAGES, _l("Choose Vietnamese or English."), required=True,
                      required_message=_l("Choose Vietnamese or English."))
