"""Every notification's words, registered by key, and the parameters they take.

A notification stores its message key and named parameters, never its text: the text is made
when someone reads it (the notifications page, an e-mail), in the reader's language, with
numbers, money and dates in the reader's locale. So a notification sent while its reader used
Vietnamese reads in English once they switch, and a translation fixed later fixes old rows too.

Parameters are JSON. Plain strings and ints are shown as they are (a reference, an inquiry's
number, a person's or shop's name, a message someone wrote); the others say how to show them:

    money(150000)       -> "150.000 ₫" / "₫150,000"
    number(5000)        -> "5.000" / "5,000"
    day(date)           -> "15 thg 3, 2027" / "Mar 15, 2027"
    both(vi, en)        -> a name kept in both languages (a mark, a product's title)
    label(value, kind)  -> a status word of core.labels ("active", "listing")
    phrase(key, **p)    -> a registered phrase ("cash on delivery", "reservation expired")
    each(key, [p, …])   -> a registered phrase per item, joined by "; " (an order's lines)

Keys are namespaced by the domain that sends them ("orders.paid"); a domain never writes text
into a notification, so every sentence below is in the translation catalogue.
"""
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date, get_locale, get_translations
from flask_babel import lazy_gettext as _l

from marketplace.core.labels import status_label
from marketplace.core.templating import format_number, format_usd, format_vnd


@dataclass(frozen=True)
class Plural:
    """A sentence with a singular and a plural form, chosen by the ``num`` parameter."""

    singular: str
    plural: str

    def __str__(self):  # pragma: no cover - always rendered through ``_template``
        return self.singular


def ungettext(singular, plural):
    """Mark a plural pair for the catalogue without translating it yet: ``ungettext`` is one of
    Babel's default extraction keywords, so both forms reach ``messages.pot``."""
    return Plural(singular, plural)


@dataclass(frozen=True)
class Message:
    subject: object  # a lazy template
    body: object = ""  # a lazy template, a Plural, or a plain template ("%(text)s": someone's own words)


_ORDER_CANCELLED = _l("Order %(ref)s was cancelled")
_PART_CANCELLED_REFUND = _l("%(producer)s's part of order %(ref)s was cancelled; %(amount)s will be refunded.")
_PART_CANCELLED = _l("%(producer)s's part of order %(ref)s was cancelled.")
_NEW_QUOTE = _l("%(producer)s quoted %(price)s per unit for %(quantity)s on inquiry #%(id)s.")
_NEW_MESSAGE = _l("New message on inquiry #%(id)s")

MESSAGES = {
    # orders: to the buyer
    "orders.placed": Message(_l("Order %(ref)s received"), ungettext(
        "Thank you for your order of %(amount)s from %(num)s producer, paid by %(method)s. "
        "It ships its own parcel; we will tell you at every step.",
        "Thank you for your order of %(amount)s from %(num)s producers, paid by %(method)s. "
        "Each producer ships its own parcel; we will tell you at every step.")),
    "orders.paid": Message(_l("Payment received for order %(ref)s"), _l(
        "Thank you: we received %(amount)s. The producers are preparing your order.")),
    "orders.released": Message(_ORDER_CANCELLED, _l(
        "Order %(ref)s was cancelled (%(reason)s) and its products went back on sale.")),
    "orders.released_to_cart": Message(_ORDER_CANCELLED, _l(
        "Order %(ref)s was cancelled (%(reason)s). Its products are back in your cart if you want to order again.")),
    "orders.shipped": Message(_l("Your order %(ref)s is on its way"), _l(
        "%(producer)s shipped your products with %(carrier)s, tracking number %(tracking)s.")),
    "orders.delivered": Message(_l("Order %(ref)s was delivered"), _l(
        "Your parcel from %(producer)s now counts as delivered. If something is wrong with it, ask for a return "
        "from your order page. Thank you for buying from the craft villages!")),
    "orders.part_cancelled": Message(_l("Part of order %(ref)s cancelled"), _PART_CANCELLED),
    "orders.part_refunded": Message(_l("Part of order %(ref)s cancelled"), _PART_CANCELLED_REFUND),
    # orders: to the producer (``part_ref`` is the part's own reference)
    "orders.new_cod": Message(_l("New order %(part_ref)s"), _l(
        "New order, cash on delivery: %(lines)s. Total to collect: %(amount)s.")),
    "orders.new_unpaid": Message(_l("New order %(part_ref)s"), _l(
        "New order, waiting for the buyer's payment: %(lines)s (%(amount)s). Do not ship before it is paid.")),
    "orders.part_paid": Message(_l("Order %(part_ref)s is paid: please ship it"), _l(
        "The buyer has paid %(amount)s for your part. Pack it and record the shipment.")),
    "orders.received_producer": Message(_l("Order %(part_ref)s was delivered"), _l(
        "Order %(part_ref)s is delivered: your earnings of %(amount)s are due in the next payout.")),
    "orders.part_cancelled_producer": Message(_l("Order %(part_ref)s cancelled"), _PART_CANCELLED),
    "orders.part_refunded_producer": Message(_l("Order %(part_ref)s cancelled"), _PART_CANCELLED_REFUND),
    # payments
    # returns: ``ref`` is the order part's reference
    "returns.requested": Message(_l("Return requested on order %(ref)s"), _l(
        "The buyer asks to return products worth %(amount)s from order %(ref)s. Accept with a refund, or decline.")),
    "returns.accepted": Message(_l("Your return on order %(ref)s is accepted"), _l(
        "You will get %(amount)s back, the way you paid.")),
    "returns.declined": Message(_l("Your return on order %(ref)s was declined"), _l(
        "The producer declined: %(reason)s. If you disagree, ask our staff to decide from the return's page.")),
    "returns.escalated": Message(_l("Return on order %(ref)s is with our staff"), _l(
        "Our staff will read the request, the photos and the order's messages, and decide.")),
    "returns.escalated_staff": Message(_l("A return on order %(ref)s needs a decision"), _l(
        "The buyer and the producer of order %(ref)s disagree about a return; it waits in the returns queue.")),
    "returns.decided_producer": Message(_l("Staff decided the return on order %(ref)s"), _l(
        "Our staff accepted the return with a refund of %(amount)s; it is taken from your earnings less our commission.")),
    "returns.rejected": Message(_l("Staff declined your return on order %(ref)s"), _l("Our staff decided: %(reason)s")),
    "returns.rejected_producer": Message(_l("Staff declined the return on order %(ref)s"), _l(
        "Nothing is taken from your earnings.")),
    # order messages
    "messages.new": Message(_l("New message about order %(ref)s"), _l("%(author)s wrote: %(text)s")),
    "payments.late_refund": Message(_l("Payment for order %(ref)s refunded"), _l(
        "Your payment arrived after the order had been cancelled, so we refunded %(amount)s in full.")),
    "payments.payout": Message(_l("Your earnings were transferred"), ungettext(
        "We transferred %(amount)s for %(num)s order to your account at %(bank)s.",
        "We transferred %(amount)s for %(num)s orders to your account at %(bank)s.")),
    # producers
    "producers.approved": Message(_l("Your shop is approved"), _l("%(name)s is now visible to buyers.")),
    "producers.invited": Message(_l("Invitation to act for %(producer)s"), _l(
        "%(inviter)s invited you to act for %(producer)s as a cooperative officer. Nothing changes unless you accept.")),
    "producers.invitation_accepted": Message(_l("Invitation accepted"), _l(
        "%(name)s accepted your invitation and can now act for %(producer)s.")),
    # trademarks
    "trademarks.applied": Message(_l("New membership application"), _l("%(producer)s applied to use %(mark)s.")),
    "trademarks.approve": Message(_l("Membership approved"), _l("%(mark)s: %(note)s")),
    "trademarks.refuse": Message(_l("Membership application refused"), _l("%(mark)s: %(note)s")),
    "trademarks.reinstate": Message(_l("Membership reinstated"), _l("%(mark)s: %(note)s")),
    "trademarks.suspend": Message(_l("Membership suspended"), _l("%(mark)s: %(note)s")),
    "trademarks.revoke": Message(_l("Membership revoked"), _l("%(mark)s: %(note)s")),
    # leads
    "leads.new": Message(_l("New export lead"), _l(
        "Inquiry #%(id)s asks for %(quantity)s (%(what)s) by %(date)s. Open the lead to quote or decline.")),
    "leads.new_share": Message(_l("New export lead"), _l(
        "Inquiry #%(id)s asks for %(quantity)s (%(what)s) by %(date)s. You are proposed as a member of a "
        "consortium, making %(share)s of them. Open the lead to quote or decline.")),
    "leads.new_consortium": Message(_l("New consortium lead"), _l(
        "Inquiry #%(id)s asks for %(quantity)s (%(what)s) by %(date)s. Your members can make it together: "
        "%(shares)s. Open the consortium lead to quote for them.")),
    "leads.shortlist": Message(_l("Matching finished"), _l("Your shortlist for inquiry #%(id)s is ready.")),
    "leads.no_match": Message(_l("Matching finished"), _l(
        "No producer can supply inquiry #%(id)s as asked; the inquiry page says why.")),
    "leads.quote": Message(_l("New quote"), _NEW_QUOTE),
    "leads.quote_members": Message(_l("New quote"), _l(
        "%(producer)s quoted %(quantity)s for %(total)s on inquiry #%(id)s, each member at its own unit price "
        "(%(low)s to %(high)s).")),
    "leads.declined": Message(_l("A producer declined"), _l("%(producer)s declined inquiry #%(id)s.")),
    "leads.closed": Message(_l("Inquiry closed"), _l(
        "The importer closed inquiry #%(id)s without accepting a quote.")),
    "leads.accepted": Message(_l("Your quote was accepted"), _l(
        "The importer accepted your quote for inquiry #%(id)s: %(quantity)s at %(price)s each. "
        "Reply in the lead's messages to arrange the contract.")),
    "leads.accepted_members": Message(_l("Your quote was accepted"), _l(
        "The importer accepted your quote for inquiry #%(id)s: %(quantity)s for %(total)s, each member at its own "
        "unit price (%(low)s to %(high)s). Reply in the lead's messages to arrange the contract.")),
    "leads.not_chosen": Message(_l("Another quote was chosen"), _l(
        "The importer of inquiry #%(id)s accepted another quote. Thank you for yours.")),
    "leads.message": Message(_NEW_MESSAGE, "%(text)s"),
    # wholesale deals (``ref`` is the deal's reference, WD…)
    "deals.created": Message(_l("Wholesale order %(ref)s opened"), _l(
        "You accepted the quote of %(supplier)s for inquiry #%(id)s: %(quantity)s for %(total)s, %(incoterm)s "
        "%(port)s. Pay the deposit of %(deposit)s to start production.")),
    "deals.member": Message(_l("Wholesale order %(ref)s: your part"), _l(
        "The importer accepted the quote for inquiry #%(id)s. Your part: %(quantity)s at %(price)s each "
        "(%(total)s). Production starts when the deposit is paid.")),
    "deals.paid": Message(_l("Wholesale order %(ref)s: %(stage)s received"), _l(
        "We received %(amount)s (%(stage)s).")),
    "deals.member_paid": Message(_l("Wholesale order %(ref)s: %(stage)s received"), _l(
        "The importer paid (%(stage)s). Your share: %(gross)s, less %(commission)s commission: "
        "%(net)s owed to you.")),
    "deals.milestone": Message(_l("Wholesale order %(ref)s: %(producer)s progress"), _l(
        "%(producer)s marked “%(step)s”.")),
    "deals.shipped": Message(_l("Wholesale order %(ref)s shipped"), _l(
        "Shipped with %(carrier)s, reference %(tracking)s, on %(date)s. The balance of %(amount)s is now due.")),
    # the back office: village requests and association admins
    "villages.added_with_shop": Message(_l("Your village was added"), _l(
        "%(village)s is now on Làng Nghề Market, and %(shop)s belongs to it.")),
    "villages.added": Message(_l("Your village was added"), _l(
        "%(village)s is now on Làng Nghề Market: you can register your shop there.")),
    "villages.request_declined": Message(_l("Your village request was declined"), _l(
        "%(village)s was not added: %(reason)s")),
    "trademarks.admin_joined": Message(_l("Invitation accepted"), _l(
        "%(name)s accepted your invitation and now administers %(association)s.")),
    # tradeoffices: trade offices joining, and the importers they refer
    "tradeoffices.office_joined": Message(_l("Trade office joined"), _l(
        "%(name)s accepted the invitation and now acts for %(office)s.")),
    "tradeoffices.importer_joined": Message(_l("A referred importer joined"), _l(
        "%(name)s of %(company)s accepted your referral: their inquiries now show that you referred them.")),
    # moderation: staff measures, reports and OCOP reviews
    "moderation.listing_hidden": Message(_l("Staff have hidden your listing “%(title)s”"), _l(
        "Buyers can no longer see or buy it, and it cannot be put back on sale until staff lift the hide. "
        "Reason: %(reason)s")),
    "moderation.listing_unhidden": Message(_l("Staff have lifted the hide on “%(title)s”"), _l(
        "Your listing is back as it was before the hide (%(status)s).")),
    "moderation.producer_suspended": Message(_l("Your shop %(name)s is suspended"), _l(
        "Buyers cannot see or buy your listings until staff reinstate the shop. Reason: %(reason)s")),
    "moderation.producer_reinstated": Message(_l("Your shop %(name)s is open again"), _l(
        "Staff have reinstated your shop: buyers can see and buy your listings on sale.")),
    "moderation.user_deactivated": Message(_l("Your account is deactivated"), _l(
        "You can no longer log in or use the API. Reason: %(reason)s")),
    "moderation.user_reactivated": Message(_l("Your account is active again"), _l("You can log in again.")),
    "moderation.report_resolved": Message(_l("Your report no. %(id)s has been dealt with"), _l(
        "Thank you for telling us. Outcome: %(outcome)s. %(note)s")),
    "moderation.ocop_approved": Message(_l("Your OCOP rating is approved"), _l(
        "Buyers now see %(stars)s OCOP stars on %(name)s.")),
    "moderation.ocop_rejected": Message(_l("Your OCOP rating was not approved"), _l(
        "Staff could not approve the OCOP certificate you sent. Reason: %(reason)s")),
    "moderation.ocop_expiring": Message(_l("Your OCOP certificate expires on %(date)s"), _l(
        "Send the renewed certificate before then, so that buyers keep seeing your OCOP stars.")),
    # reviews and follows
    "reviews.new": Message(_l("New review of “%(title)s”"), _l(
        "A buyer gave it %(rating)s of 5 stars. You can answer once, on the product's page.")),
    "reviews.answered": Message(_l("%(producer)s answered your review"), "%(text)s"),
    "reviews.hidden": Message(_l("Staff have hidden your review of “%(title)s”"), _l("Reason: %(reason)s")),
    "follows.digest": Message(_l("New from the shops and villages you follow"), ungettext(
        "%(num)s new product: %(titles)s.", "%(num)s new products: %(titles)s.")),
}

# Short phrases a message takes as a parameter (``phrase(key)``, ``each(key, items)``).
PHRASES = {
    "orders.cod": _l("cash on delivery"),
    "orders.bank_transfer": _l("bank transfer"),
    "orders.card": _l("card"),
    "orders.reservation_expired": _l("reservation expired"),
    "orders.card_failed": _l("card payment failed"),
    "orders.cash_collected": _l("cash collected"),
    "orders.auto_delivered": _l("counted as delivered: the buyer did not confirm"),
    "orders.line": "%(quantity)s × %(title)s",
    "leads.share": "%(name)s: %(quantity)s",
    "follows.title": "%(title)s (%(shop)s)",
}


def money(vnd):
    return {"vnd": int(vnd)}


def money_usd(vnd):
    """An amount for an importer: VND with its USD equivalent at ``USD_VND_RATE`` beside it."""
    return {"vnd": int(vnd), "usd": True}


def number(value):
    return {"num": int(value)}


def day(value):
    return {"date": value.isoformat()}


def both(vi, en):
    return {"vi": vi or "", "en": en or ""}


def label(value, kind):
    """A status word registered in ``core.labels`` ("active", kind "listing")."""
    return {"label": value, "kind": kind}


def phrase(key, **params):
    if key not in PHRASES:
        raise KeyError(f"unknown notification phrase {key!r}")
    return {"phrase": key, "params": params}


def each(key, items):
    return {"each": [phrase(key, **item) for item in items]}


def said(text):
    """A stored note in the reader's language: a phrase key ("orders.cash_collected") is translated,
    anything else (someone's own words, a carrier and tracking number) is shown as written."""
    return str(PHRASES[text]) if text in PHRASES else text


def check(key):
    """``key`` if it is registered; a typo fails where the notification is sent, not when it is read."""
    if key not in MESSAGES:
        raise KeyError(f"unknown notification message {key!r}")
    return key


# --- reading: in the current locale (the page's, or the one ``force_locale`` set for an e-mail) ---


def _value(value):
    """One parameter as text in the current locale."""
    if not isinstance(value, dict):
        return value
    if "vnd" in value:
        return format_vnd(value["vnd"]) + (f" (≈ {format_usd(value['vnd'])})" if value.get("usd") else "")
    if "num" in value:
        return format_number(value["num"])
    if "date" in value:
        return format_date(date.fromisoformat(value["date"]), "medium")
    if "label" in value:
        return str(status_label(value["label"], value["kind"]))
    if "phrase" in value:
        return _fill(PHRASES[value["phrase"]], value.get("params", {}))
    if "each" in value:
        return "; ".join(_value(item) for item in value["each"])
    if "vi" in value or "en" in value:
        first, second = ("en", "vi") if str(get_locale()) == "en" else ("vi", "en")
        return value.get(first) or value.get(second) or ""
    return ""


def _fill(template, params):
    values = {name: _value(value) for name, value in params.items()}
    if isinstance(template, Plural):
        count = params.get("num", 1)
        count = count.get("num", 1) if isinstance(count, dict) else count
        text = get_translations().ungettext(template.singular, template.plural, count)
    else:
        text = str(template)
    return text % values


def render(key, params):
    """(subject, body) of a registered message in the current locale."""
    message = MESSAGES[key]
    return _fill(message.subject, params), _fill(message.body, params) if message.body else ""
