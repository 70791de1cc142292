"""What a producer sends: its shop's profile, checked field by field and reported all at once.

The OCOP rating is not part of it: a producer's claim waits for staff review (moderation.schemas.OcopSchema)."""
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, post_load, validates, validates_schema

from marketplace.catalog.models import UNITS
from marketplace.core.templating import format_number, format_vnd
from marketplace.core.validation import BaseSchema, Choice, Codes, Day, Flag, Text, Whole
from marketplace.extensions import db
from marketplace.producers.credentials import certification_codes, language_codes
from marketplace.producers.models import ProducerKind
from marketplace.villages.models import Village

MAX_CAPACITY = 10_000_000  # pieces a month: anything above is a typo
MONTHS_SHOWN = 12  # the capacity calendar page: this month and the next 11
MAX_THRESHOLD_VND = 1_000_000_000  # free shipping from at most 1 billion đồng: anything above is a typo

_VILLAGE = _l("Choose the producer's village.")


class ProducerSchema(BaseSchema):
    name = Text(140, collapse=True, required=True, required_message=_l("Give the producer's name."))
    kind = Choice(ProducerKind.ALL, _l("Choose household, cooperative or enterprise."), required=True,
                  required_message=_l("Choose household, cooperative or enterprise."))
    village_id = Whole(_l("Village"), minimum=1, required=True,
                       messages={"required": _VILLAGE, "not_whole": _VILLAGE, "out_of_range": _VILLAGE})
    phone = Text(32)
    story_vi = Text(5000)
    story_en = Text(5000)
    export_ready = Flag()
    monthly_capacity = Whole(_l("Monthly capacity"), minimum=0, maximum=MAX_CAPACITY, load_default=0,
                             messages={"out_of_range": lambda: _("Monthly capacity is between 0 and %(max)s.",
                                                                 max=format_number(MAX_CAPACITY))})
    # Parcels whose goods reach it ship free; blank: the buyer always pays shipping.
    free_shipping_over_vnd = Whole(_l("Free shipping from"), minimum=1, maximum=MAX_THRESHOLD_VND, load_default=None,
                                   messages={"out_of_range": lambda: _(
                                       "Free shipping starts from 1 ₫ to %(max)s; leave it empty for none.",
                                       max=format_vnd(MAX_THRESHOLD_VND))})
    certifications = Codes(certification_codes, _l("Choose certifications from the list; name any other below."))
    certification_other = Text(200, too_long=_l("Name other certificates in at most %(n)s characters."))
    languages = Codes(language_codes, _l("Choose the languages from the list."))
    bank_name = Text(80)
    bank_account_number = Text(30)
    bank_account_name = Text(120)

    @validates("village_id")
    def _known_village(self, value, **kwargs):
        if db.session.get(Village, value) is None:
            raise ValidationError(_("Choose the producer's village."))

    @validates("bank_account_number")
    def _digits(self, value, **kwargs):
        if value.replace(" ", "") and not value.replace(" ", "").isdigit():
            raise ValidationError(_("A bank account number has digits only."))


class CapacityMonthSchema(BaseSchema):
    """One month of the capacity calendar as the page sends it (``CalendarSchema`` names the month)."""

    month = Day(required=True)
    quantity = Whole(_l("Capacity"), minimum=0, maximum=MAX_CAPACITY, load_default=None, messages={
        "not_whole": lambda: _("the capacity is a whole number (leave it empty for the standard capacity)."),
        "out_of_range": lambda: _("the capacity is between 0 and %(max)s.", max=format_number(MAX_CAPACITY))})
    blocked = Flag()
    note = Text(200, too_long=_l("the note is at most %(n)s characters."))


def _month_label(month):
    return format_date(month, "MMMM y")


class CalendarSchema(BaseSchema):
    """One unit's next months (``producers.capacity.save_calendar``); ``months`` are the months shown.
    Every month at fault is named in one message each: "March 2027: the capacity is between 0 and …"."""

    unit = Choice(tuple(UNITS), _l("Choose a unit from the list."), normalize=str.lower, required=True,
                  required_message=_l("Choose a unit from the list."))
    months = fields.List(fields.Raw(), load_default=list)

    def __init__(self, *args, months=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.shown = tuple(months)

    def _rows(self, raw_rows):
        """(clean rows, messages): each row checked by ``CapacityMonthSchema``, its messages prefixed by its month."""
        clean, messages, shown = [], [], self.shown
        for raw in raw_rows:
            raw = raw if isinstance(raw, dict) else {}
            try:
                entry = CapacityMonthSchema().load(raw)
            except ValidationError as exc:
                month = _day_or_none(raw.get("month"))
                where = _month_label(month) if month else _("A month")
                for text in _texts(exc.messages):
                    messages.append(_("%(month)s: %(problem)s", month=where, problem=text))
                continue
            if entry["month"] not in shown:
                messages.append(_("%(month)s is not one of the months shown; reload the page.",
                                  month=_month_label(entry["month"])))
                continue
            clean.append(entry)
        return clean, messages

    @validates_schema(skip_on_field_errors=False)
    def _months(self, data, **kwargs):
        _clean, messages = self._rows(data.get("months") or [])
        if messages:
            raise ValidationError(messages, "months")

    @post_load
    def _clean_months(self, data, **kwargs):
        data["months"] = self._rows(data.get("months") or [])[0]
        return data


def _day_or_none(value):
    try:
        return Day().deserialize(value)
    except ValidationError:
        return None


def _texts(messages):
    for value in messages.values():
        yield from (str(v) for v in (value if isinstance(value, list) else [value]))
