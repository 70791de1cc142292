from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length

from marketplace.accounts.constants import LANGUAGE_NAMES
from marketplace.accounts.models import Role
from marketplace.core.forms import BaseForm


class LoginForm(BaseForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class ResendVerificationForm(BaseForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=255)])


class RegisterForm(BaseForm):
    """Rendering and CSRF only: ``accounts.schemas.SignUpSchema`` holds the rules."""

    name = StringField(_l("Your name"))
    email = EmailField(_l("E-mail"))
    password = PasswordField(_l("Password"))
    confirm = PasswordField(_l("Repeat password"))
    role = SelectField(
        _l("I am"),
        choices=[(Role.BUYER, _l("a buyer")), (Role.PRODUCER, _l("a village producer")), (Role.IMPORTER, _l("an importer"))],
        default=Role.BUYER, validate_choice=False,
    )


# Languages an importer may correspond in (ISO 639-1), shown by their own names.
IMPORTER_LANGUAGES = [("en", "English"), ("vi", "Tiếng Việt"), ("de", "Deutsch"), ("fr", "Français"),
                      ("es", "Español"), ("it", "Italiano"), ("nl", "Nederlands"), ("ja", "日本語"),
                      ("ko", "한국어"), ("zh", "中文")]


class ImporterProfileForm(BaseForm):
    """Rendering and CSRF only: ``accounts.schemas.ImporterProfileSchema`` holds the rules."""

    company = StringField(_l("Company"))
    country = SelectField(_l("Country"), validate_choice=False)
    languages = SelectMultipleField(_l("Languages you correspond in"), choices=IMPORTER_LANGUAGES, validate_choice=False)
    website = StringField(_l("Website"))


class TokenForm(BaseForm):
    name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=100)])


class ForgotPasswordForm(BaseForm):
    """Rendering and CSRF only: ``accounts.schemas.EmailSchema`` holds the rules."""

    email = EmailField(_l("E-mail"))


class NewPasswordForm(BaseForm):
    """Rendering and CSRF only: ``accounts.schemas.NewPasswordSchema`` holds the rules."""

    password = PasswordField(_l("New password"))
    confirm = PasswordField(_l("Repeat the new password"))


class ChangePasswordForm(NewPasswordForm):
    """Rendering and CSRF only: ``accounts.schemas.ChangePasswordSchema`` holds the rules."""

    current = PasswordField(_l("Current password"))


class LanguageForm(BaseForm):
    """Rendering and CSRF only: ``accounts.schemas.LanguageSchema`` holds the rules."""

    language = SelectField(_l("Language for pages and e-mails"), choices=list(LANGUAGE_NAMES.items()),
                           validate_choice=False)


class ConfirmPasswordForm(BaseForm):
    """Rendering and CSRF only: ``accounts.schemas.PasswordSchema`` holds the rules."""

    password = PasswordField(_l("Your password"))


class AcceptInvitationForm(BaseForm):
    """A new account made from an invitation's link: ``accounts.schemas.SignUpSchema`` holds the rules."""

    name = StringField(_l("Your name"))
    password = PasswordField(_l("Password"))
    confirm = PasswordField(_l("Repeat password"))
