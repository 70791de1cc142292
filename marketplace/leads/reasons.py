"""Match reasons and no-match reasons, stored as codes with parameters, read as sentences.

Matching stores ``{"code": "capacity_covers", "capacity": 2000, ...}``; this module turns
it into a sentence in the reader's language when the page (or API response) is made, so
the same match reads well in Vietnamese and English.
"""
from datetime import date
from fractions import Fraction

from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.catalog.models import unit_label
from marketplace.core.templating import current_locale, format_number, format_vnd

# A quantity's unit after a number ("2,000 pieces"); Vietnamese units do not change.
_PLURAL_UNITS = {
    "piece": _l("pieces"), "set": _l("sets"), "pair": _l("pairs"), "metre": _l("metres"),
    "pack": _l("packs"), "box": _l("boxes"), "kg": _l("kg"), "g": _l("g"), "cm": _l("cm"), "m2": _l("m²"),
}
# Reasons that speak against a match (shown in a warning colour).
NEGATIVE = frozenset({"capacity_short", "price_above", "moq_above", "not_export_ready", "lead_time_too_long",
                      "unit_mismatch", "capacity_blocked"})
# Reasons that carry no figures.
_FIXED_TEXTS = {
    "export_ready": _l("Ready to export"),
    "not_export_ready": _l("Not yet ready to export"),
    "no_producer_makes": _l("No approved producer lists a product matching your request."),
}


def _quoted(words):
    return ", ".join(f"“{w}”" for w in words)


def units(unit, n=2):
    return unit_label(unit) if n == 1 else str(_PLURAL_UNITS.get(unit, unit))


def _day(iso):
    return format_date(date.fromisoformat(iso), "medium")


def _name(pair):
    return pair.get("en") or pair.get("vi") if current_locale() == "en" else pair.get("vi") or pair.get("en")


def describe(reason):
    """One reason as a sentence in the current language."""
    r = reason
    code = r.get("code")
    n = format_number
    if code == "referenced":
        return _("Makes “%(listing)s”, the product you referenced", listing=_name(r["listing"]))
    if code == "matches_words":
        text = _("“%(listing)s” matches %(matched)s of your %(total)s terms",
                 listing=_name(r["listing"]), matched=r["matched"], total=r["total"])
        if r.get("price") is not None:
            text = _("“%(listing)s” at %(price)s matches %(matched)s of your %(total)s terms",
                     listing=_name(r["listing"]), price=format_vnd(r["price"]), matched=r["matched"], total=r["total"])
        if r.get("missing"):
            text += " " + _("(not: %(words)s)", words=_quoted(r["missing"]))
        return text
    if code == "read_as":
        return _("Read %(words)s", words="; ".join(
            _("“%(typed)s” as “%(read)s”", typed=typed, read=read) for typed, read in r["words"]))
    if code == "unit_mismatch":
        return _("Sold by the %(unit)s, you asked per %(wanted)s: price, minimum order and capacity not compared",
                 unit=units(r["unit"], 1), wanted=units(r["wanted"], 1))
    if code == "unit_converted":
        per = Fraction(r["ratio"])
        held = format_number(per) if per.denominator == 1 else format_decimal(float(per))
        if r.get("pack_unit"):
            return _("Sold by the %(unit)s of %(size)s %(content)s: %(n)s %(wanted)s each; compared per %(one)s",
                     unit=units(r["unit"], 1), size=n(r["pack_size"]), content=units(r["pack_unit"], r["pack_size"]),
                     n=held, wanted=units(r["wanted"], 2), one=units(r["wanted"], 1))
        return _("Sold by the %(unit)s: %(n)s %(wanted)s each; compared per %(one)s",
                 unit=units(r["unit"], 1), n=held, wanted=units(r["wanted"], 2), one=units(r["wanted"], 1))
    if code == "capacity_booked":
        return _("%(booked)s of it already booked by accepted quotes and wholesale orders before %(date)s",
                 booked=n(r["booked"]), date=_day(r["by"]))
    if code == "capacity_blocked":
        return _("No capacity in %(months)s: blocked in the producer's calendar",
                 months=", ".join(format_date(date.fromisoformat(m), "MMMM y") for m in r["months"]))
    if code == "lead_time_too_long":
        return _("Lead time of %(days)s days does not reach %(date)s", days=n(r["days"]), date=_day(r["by"]))
    if code == "no_producer_makes" and r.get("missing"):
        return _("No approved producer lists a product with %(words)s.", words=_quoted(r["missing"]))
    if code == "nobody_has":
        return _("No producer's product has %(words)s.", words=_quoted(r["missing"]))
    if code == "closest_lacks":
        return _("The closest, “%(listing)s” by %(producer)s, covers %(percent)s%% of your request; it lacks %(words)s.",
                 listing=_name(r["listing"]), producer=r["producer"], percent=r["percent"],
                 words=_quoted(r["missing"]) or "—")
    if code == "makes_craft":
        return _("Makes “%(listing)s” in the craft you chose", listing=_name(r["listing"]))
    if code == "capacity_covers":
        return _("Monthly capacity %(capacity)s %(units)s covers %(quantity)s by %(date)s",
                 capacity=n(r["capacity"]), units=units(r["unit"], r["capacity"]), quantity=n(r["quantity"]),
                 date=_day(r["by"]))
    if code == "capacity_short":
        return _("Monthly capacity %(capacity)s %(units)s covers only %(available)s of %(quantity)s by %(date)s",
                 capacity=n(r["capacity"]), units=units(r["unit"], r["capacity"]), available=n(r["available"]),
                 quantity=n(r["quantity"]), date=_day(r["by"]))
    if code == "price_within":
        return _("Unit price %(price)s at this quantity is within your target of %(target)s",
                 price=format_vnd(r["price"]), target=format_vnd(r["target"]))
    if code == "price_above":
        return _("Unit price %(price)s at this quantity is %(percent)s%% above your target of %(target)s",
                 price=format_vnd(r["price"]), percent=r["percent"], target=format_vnd(r["target"]))
    if code == "price_from":
        return _("Unit price %(price)s at this quantity", price=format_vnd(r["price"]))
    if code == "moq_ok":
        return _("Minimum order %(moq)s %(units)s fits your quantity", moq=n(r["moq"]), units=units(r["unit"], r["moq"]))
    if code == "moq_above":
        return _("Minimum order %(moq)s %(units)s is more than your %(quantity)s",
                 moq=n(r["moq"]), units=units(r["unit"], r["moq"]), quantity=n(r["quantity"]))
    if code == "mark_member":
        return _("Member of the %(mark)s collective mark", mark=_name(r["mark"]))
    if code == "ocop":
        return _("OCOP %(stars)s stars, certificate valid", stars=r["stars"])
    if code in _FIXED_TEXTS:
        return str(_FIXED_TEXTS[code])
    if code == "requirements_exclude":
        if r.get("ocop") and r.get("trademark"):
            what = _("OCOP %(stars)s stars or more and the collective mark you require", stars=r["ocop"])
        elif r.get("ocop"):
            what = _("OCOP %(stars)s stars or more", stars=r["ocop"])
        else:
            what = _("the collective mark you require")
        return _("%(count)s producers make this, but none has %(what)s.", count=n(r["count"]), what=what)
    if code == "no_single_producer":
        return _("No single producer can make %(quantity)s %(units)s by %(date)s; the largest capacity is %(best)s.",
                 quantity=n(r["quantity"]), units=units(r["unit"], r["quantity"]), date=_day(r["by"]), best=n(r["best"]))
    if code == "combined_capacity_short":
        return _("Together the %(producers)s producers of %(group)s can make only %(capacity)s of %(quantity)s by %(date)s.",
                 producers=r["producers"], group=_name(r["group"]), capacity=n(r["capacity"]),
                 quantity=n(r["quantity"]), date=_day(r["by"]))
    return code or ""


def is_negative(reason):
    return reason.get("code") in NEGATIVE
