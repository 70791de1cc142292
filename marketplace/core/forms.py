"""The base form: Flask-WTF (rendering and CSRF) with WTForms' own messages translated by our catalogue.

Forms render fields and carry the CSRF token; the rules live in each domain's schemas
(``core.validation``). A view reads a posted form's raw values with ``raw_values``, lets the
service load them through the schema, and puts every message back with ``show_error``.

WTForms ships no Vietnamese, so its built-in messages are listed below for extraction and
translated in marketplace/translations like every other string.
"""
from flask import flash, redirect, render_template, request
from flask_babel import gettext, lazy_ngettext, ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    FileField,
    FormField,
    HiddenField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)

from marketplace.core import validation
from marketplace.core.errors import InvalidInput


class _BabelTranslations:
    def gettext(self, string):
        return gettext(string)

    def ngettext(self, singular, plural, n):
        return ngettext(singular, plural, n)


class BaseForm(FlaskForm):
    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return _BabelTranslations()


def flash_outcome(call, success, category="success"):
    """Run one service call for a button's POST and tell the person what happened.

    The service's InvalidInput message is flashed as an error; otherwise ``success`` (a message,
    or a function of the call's result that returns one). Returns the result, or None when the
    service refused (it changed nothing: its transaction rolled back).
    """
    try:
        result = call()
    except InvalidInput as exc:
        flash(exc.message, "error")
        return None
    flash(success(result) if callable(success) else success, category)
    return result


def save_form(form, call, success, then, code=302):
    """A form page's POST, in one step: ``call(values)`` gets the form's raw values.

    When the service refuses, every message goes beside its field and None comes back (the view
    shows the page again with ``form_status()``); otherwise ``success`` (a message, or a function
    of the result giving one) is flashed and the answer is a redirect to ``then(result)``. On GET
    nothing runs and None comes back.
    """
    if request.method != "POST":
        return None
    try:
        result = call(raw_values(form))
    except InvalidInput as exc:
        show_error(form, exc)
        return None
    flash(success(result) if callable(success) else success, "success")
    return redirect(then(result), code)


def form_status():
    """200 for a form shown fresh, 400 for one posted back with its errors."""
    return 400 if request.method == "POST" else 200


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (crafts of a village, villages of a mark)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


LONG_TEXT = 1000  # a text field allowed this many characters or more is a text area


def _field_for(declared):
    label = declared.metadata["label"]
    if declared.metadata.get("hidden"):
        return HiddenField(label)
    if isinstance(declared, validation.Flag):
        return BooleanField(label)
    if isinstance(declared, validation.IdList):
        return CheckboxesField(label, coerce=str, validate_choice=False)
    if isinstance(declared, validation.Email):
        return EmailField(label)
    if isinstance(declared, validation.Text) and (declared.max_length or 0) >= LONG_TEXT:
        return TextAreaField(label)
    return StringField(label)


def form_for(schema, **extra):
    """The form that renders ``schema``: a field for each of its fields with a ``label`` (a checkbox for
    a Flag, checkboxes for an IdList, a text area for long Text, …), then ``extra`` (file inputs,
    which the schema does not read). It renders and carries the CSRF token; the schema holds the rules."""
    fields = {name: _field_for(declared) for name, declared in schema._declared_fields.items()
              if "label" in declared.metadata}
    return type(schema.__name__.removesuffix("Schema") + "Form", (BaseForm,), {**fields, **extra})


def upload(name):
    """The bytes of the file posted as ``name`` (None when none was chosen)."""
    file = request.files.get(name)
    return file.read() if file is not None and file.filename else None


def form_page(form, save, success, next_url, template, **context):
    """A whole form page: GET shows the form; POST saves (``save_form``) and goes to ``next_url(row)``
    with 303, or shows the form again (400) with every message next to its field."""
    saved = save_form(form, save, success, next_url, code=303)
    return saved or (render_template(template, form=form, **context), form_status())


def show_error(form, exc):
    """Put each of an InvalidInput's messages next to the field it names, the others above the form."""
    if not exc.errors:
        form.form_errors.append(exc.message)
    for name, messages in exc.errors.items():
        field = getattr(form, name, None) if isinstance(name, str) else None
        if field is None or not hasattr(field, "errors"):
            form.form_errors.extend(m for m in messages if m not in form.form_errors)
        else:
            field.errors = [*field.errors, *(m for m in messages if m not in field.errors)]


def _raw(field):
    if isinstance(field, FieldList):
        return [{sub.short_name: _raw(sub) for sub in entry} for entry in field]
    if isinstance(field, FormField):
        return {sub.short_name: _raw(sub) for sub in field}
    if isinstance(field, SelectMultipleField):
        return list(field.raw_data or [])
    return field.raw_data[0] if field.raw_data else None


def raw_values(form, skip=("csrf_token",)):
    """A posted form's values as typed, by field name (lists for rows and multiple choices),
    for a schema to check: no WTForms coercion stands between the input and the rules."""
    return {field.short_name: _raw(field) for field in form
            if field.short_name not in skip and not isinstance(field, FileField)}


def mark_required(form, schema):
    """Star the fields the schema requires (``flags.needed``: no browser ``required`` attribute,
    so an empty form reaches the server, which names every missing field at once)."""
    for name, declared in schema.fields.items():
        field = getattr(form, name, None)
        if declared.required and field is not None and hasattr(field, "flags"):
            field.flags.needed = True
    return form


# WTForms' messages that our forms can show, so that pybabel extract finds them.
WTFORMS_MESSAGES = (
    _l("This field is required."),
    _l("Invalid email address."),
    _l("Not a valid choice."),
    _l("Not a valid integer value."),
    _l("Not a valid date value."),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    lazy_ngettext("Field must be at least %(min)d character long.", "Field must be at least %(min)d characters long.", 2),
    lazy_ngettext("Field cannot be longer than %(max)d character.", "Field cannot be longer than %(max)d characters.", 2),
    _l("Field must be between %(min)d and %(max)d characters long."),
    _l("Field must be equal to %(other_name)s."),
    _l("Invalid Choice: could not coerce."),
    _l("The CSRF token is missing."),
    _l("The CSRF token is invalid."),
    _l("The CSRF token has expired."),
)
