"""One validation layer: marshmallow schemas, loaded alike for HTML forms and the JSON API.

Each input is declared once, in its domain's ``schemas.py``, with the fields below. A load
reports every field at fault at once (marshmallow collects them all), in the reader's
language: messages are formatted when the load runs, inside the request. ``load`` turns
marshmallow's ValidationError into the domain's InvalidInput with ``errors`` by field, which
forms show next to each field and the API returns as ``error.fields``. The same fields say
what they accept (minimum, maximum, maxLength, enum) to ``api/spec.py``'s OpenAPI document.

Empty input ("" or None: what an empty form field sends) counts as not given, so an optional
field takes its default and a required one says it is required.
"""
from datetime import date

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from marshmallow import EXCLUDE, Schema, ValidationError, fields, missing

from marketplace.core import numbers
from marketplace.core.errors import InvalidInput
from marketplace.core.slugs import slug_problem


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _say(message, **params):
    """A message given as a (lazy) string, formatted now, or as a callable of no arguments."""
    if callable(message):
        return message()
    return str(message) % params if params else str(message)


class BaseSchema(Schema):
    """Unknown keys (a form's submit button, the CSRF token) are ignored, not errors.

    ``current_id`` is the row being edited (None when creating one), for rules such as a unique slug.
    """

    class Meta:
        unknown = EXCLUDE

    def __init__(self, *args, current_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_id = current_id


def _labelled(kwargs, label):
    """``label``, the name a form shows beside the field (``core.forms.form_for``), kept in its metadata."""
    if label is not None:
        kwargs["metadata"] = {**kwargs.get("metadata", {}), "label": label}
    return kwargs


class _Input:
    """Mixin: blank input counts as missing; ``required`` gives the field's own message."""

    default_error_messages = {"required": _l("This field is required."), "null": _l("This field is required.")}

    def __init__(self, *args, required_message=None, label=None, **kwargs):
        super().__init__(*args, **_labelled(kwargs, label))
        if required_message is not None:
            self.error_messages = {**self.error_messages, "required": required_message, "null": required_message}

    def deserialize(self, value, attr=None, data=None, **kwargs):
        return super().deserialize(missing if _blank(value) else value, attr, data, **kwargs)


class Whole(_Input, fields.Integer):
    """A whole number as people type it ("1.250.000") or JSON sends it, in [minimum, maximum].

    Read by ``numbers.whole_number``, whose messages name the field by ``label``; ``messages``
    may reword a reason (``"required"``, ``"not_whole"``, ``"out_of_range"``) for one field.
    """

    def __init__(self, label, minimum=0, maximum=numbers.MAX_INT, messages=None, **kwargs):
        metadata = {"minimum": minimum, "maximum": maximum, **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, label=label, **kwargs)
        self.label, self.minimum, self.maximum, self.messages = label, minimum, maximum, messages or {}

    def _message(self, reason, default):
        return _say(self.messages[reason]) if reason in self.messages else default

    def deserialize(self, value, attr=None, data=None, **kwargs):
        if _blank(value) and self.required:
            raise ValidationError(self._message(numbers.NumberError.REQUIRED, _("%(field)s is required.", field=self.label)))
        return super().deserialize(value, attr, data, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return numbers.whole_number(value, self.label, attr, self.minimum, self.maximum)
        except numbers.NumberError as exc:
            raise ValidationError(self._message(exc.reason, exc.message)) from None


class Text(_Input, fields.String):
    """Text, stripped (``collapse``: every run of spaces made one), at most ``max_length`` long."""

    def __init__(self, max_length=None, collapse=False, too_long=None, invalid=None, **kwargs):
        if not kwargs.get("required"):
            kwargs.setdefault("load_default", "")
        metadata = {**({"maxLength": max_length} if max_length else {}), **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)
        self.max_length, self.collapse, self.too_long, self.invalid = max_length, collapse, too_long, invalid

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise ValidationError(_say(self.invalid) if self.invalid else _("Give this as text."))
        text = " ".join(value.split()) if self.collapse else value.strip()
        if self.max_length and len(text) > self.max_length:
            raise ValidationError(_say(self.too_long, n=self.max_length) if self.too_long else ngettext(
                "Field cannot be longer than %(max)d character.", "Field cannot be longer than %(max)d characters.",
                self.max_length, max=self.max_length))
        return text


class Slug(Text):
    """A row's address: lower-case ASCII words and hyphens that no other ``model`` row has."""

    def __init__(self, model, **kwargs):
        super().__init__(model.slug.type.length, required=True, **kwargs)
        self.model = model

    def _deserialize(self, value, attr, data, **kwargs):
        slug = super()._deserialize(value, attr, data, **kwargs)
        problem = slug_problem(self.model, slug, getattr(self.parent, "current_id", None))
        if problem:
            raise ValidationError(problem)
        return slug


class Email(Text):
    """An e-mail address as people type it (checked for form, not for a mailbox), in lower case."""

    def __init__(self, **kwargs):
        super().__init__(255, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        address = super()._deserialize(value, attr, data, **kwargs)
        try:
            validate_email(address, check_deliverability=False)
        except EmailNotValidError:
            raise ValidationError(_("Invalid email address.")) from None
        return address.lower()


class Choice(_Input, fields.String):
    """One of ``choices`` (after ``normalize``, e.g. ``str.upper``); ``message`` says which otherwise."""

    def __init__(self, choices, message, normalize=None, document=True, **kwargs):
        metadata = {**({"enum": list(choices)} if document else {}), **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)
        self.choices, self.message, self.normalize = choices, message, normalize

    def _deserialize(self, value, attr, data, **kwargs):
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        if text is not None and self.normalize:
            text = self.normalize(text)
        if text not in self.choices:
            raise ValidationError(_say(self.message))
        return text


class Day(_Input, fields.Date):
    """A date, as a ``date`` or ISO text (what ``<input type=date>`` and JSON send)."""

    def __init__(self, invalid=None, **kwargs):
        super().__init__(**kwargs)
        self.invalid = invalid

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(_say(self.invalid) if self.invalid else _("Give the date as YYYY-MM-DD.")) from None


class Flag(fields.Boolean):
    """A checkbox: ticked ("y", "on", true) or not (absent, "")."""

    def __init__(self, label=None, **kwargs):
        super().__init__(load_default=False, **_labelled(kwargs, label))

    def deserialize(self, value, attr=None, data=None, **kwargs):
        return super().deserialize(False if _blank(value) else value, attr, data, **kwargs)


class IdList(_Input, fields.List):
    """Whole-number ids as a JSON list, or as text ("12, 34 56") from a form."""

    def __init__(self, max_items, invalid, too_many, **kwargs):
        metadata = {"maxItems": max_items, **kwargs.pop("metadata", {})}
        if not kwargs.get("required"):
            kwargs.setdefault("load_default", list)
        super().__init__(fields.Integer(), metadata=metadata, **kwargs)
        self.max_items, self.invalid, self.too_many = max_items, invalid, too_many

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = value.replace(",", " ").split()
        if isinstance(value, list):  # a form's multiple choice sends the ids as text
            value = [int(t) if isinstance(t, str) and t.isascii() and t.isdigit() else t for t in value]
        if not isinstance(value, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
            raise ValidationError(_say(self.invalid))
        if len(value) > self.max_items:
            raise ValidationError(_say(self.too_many, n=self.max_items))
        return value


class Codes(_Input, fields.List):
    """Codes of a fixed list (``choices()``), as a form's checkboxes or a JSON list send them; ``invalid``
    names the field when one is unknown. Loads as the codes in the list's order, once each."""

    def __init__(self, choices, invalid, **kwargs):
        kwargs.setdefault("load_default", list)
        super().__init__(fields.String(), **kwargs)
        self.choices, self.invalid = choices, invalid

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = value.replace(",", " ").split()
        if not isinstance(value, list) or not all(isinstance(code, str) and code in self.choices() for code in value):
            raise ValidationError(_say(self.invalid))
        return [code for code in self.choices() if code in value]


def field_errors(messages):
    """marshmallow's messages as ``{field: [message, ...]}``: nested rows' messages go to their list."""
    flat = {}
    for name, value in messages.items():
        bucket = flat.setdefault(name, [])
        for message in _strings(value):
            if message not in bucket:
                bucket.append(message)
    return flat


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    else:
        yield str(value)


def load(schema, data, error=InvalidInput):
    """``data`` checked by ``schema``: its clean values, or ``error`` naming every field at fault."""
    try:
        return schema.load(data)
    except ValidationError as exc:
        raise error.for_fields(field_errors(exc.messages)) from None
