"""Producers' side of a lead: their leads, quotes and declines; associations' consortium leads and
quotes for the whole consortium."""
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from marketplace.accounts.models import Role
from marketplace.accounts.rules import require_verified
from marketplace.core.errors import found
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.leads.errors import QuoteError
from marketplace.leads.models import (
    Consortium,
    LeadResponse,
    Match,
    Quote,
    QuoteMemberPrice,
)
from marketplace.leads.recipients import (
    admins_of,
    association_ids,
    consortium_link,
    inquiry_link,
    people_of,
    producer_lead_link,
)
from marketplace.leads.schemas import ConsortiumQuoteSchema, QuoteSchema
from marketplace.notifications.messages import money, money_usd, number
from marketplace.notifications.services import notify
from marketplace.producers import services as producers


def _visible_lead():
    return or_(Match.active.is_(True), Match.response != LeadResponse.OPEN)


def leads_of(user, producer_ids=None, page=1, per_page=20):
    """Leads of the producers this user acts for (optionally some of them), newest first."""
    own = [p.id for p in producers.producers_of(user)]
    if producer_ids is not None:
        own = [i for i in own if i in set(producer_ids)]
    return db.paginate(
        select(Match).where(Match.producer_id.in_(own), _visible_lead())
        .options(joinedload(Match.inquiry), joinedload(Match.producer), joinedload(Match.quote))
        .order_by(Match.id.desc()),
        page=page, per_page=per_page, error_out=False,
    )


def get_lead_for(user, match_id):
    """A lead of a producer this user acts for; 404 for anyone else's (nothing is revealed)."""
    row = found(Match, match_id, _("Lead not found."), allowed=lambda row: producers.can_act_for(user, row.producer_id))
    return row


def _check_open(inquiry):
    if not inquiry.is_open:
        raise QuoteError(_("This inquiry is closed."))


def submit_quote(user, match_id, data):
    """A producer's quote on its own lead (one per lead); the importer is told."""
    row = get_lead_for(user, match_id)
    require_verified(user)
    inquiry = row.inquiry
    _check_open(inquiry)
    if row.quote is not None:
        raise QuoteError(_("You have already quoted on this lead."))
    if row.response == LeadResponse.DECLINED:
        raise QuoteError(_("You declined this lead."))
    clean = load(QuoteSchema(), data, QuoteError)
    return _place_quote(user, inquiry, row, row.producer.name, clean, {}, match_id=row.id)


def _place_quote(user, inquiry, lead, quoter, clean, member_prices, **lead_id):
    """Save the quote on a producer's lead or a consortium (``lead``), with the consortium members' own
    unit prices ({producer id: price}), and tell the importer."""
    clean["incoterm"] = clean["incoterm"] or inquiry.incoterm
    quote = Quote(inquiry_id=inquiry.id, author_id=user.id, **lead_id, **clean, member_prices=[
        QuoteMemberPrice(producer_id=producer_id, unit_price_vnd=price) for producer_id, price in member_prices.items()])
    lead.response = LeadResponse.QUOTED
    db.session.add(quote)
    try:
        db.session.flush()  # the quote's lines (and so its prices and total) read its consortium
        _tell_quoted(inquiry, quote, quoter)
        db.session.commit()
    except IntegrityError:  # the same quote submitted twice at once: the first one stands
        db.session.rollback()
        raise QuoteError(_("You have already quoted on this lead.")) from None
    return quote


def decline_lead(user, match_id):
    row = get_lead_for(user, match_id)
    _check_open(row.inquiry)
    if row.response == LeadResponse.DECLINED:
        return row
    if row.response == LeadResponse.QUOTED:
        raise QuoteError(_("You have already quoted on this lead."))
    row.response = LeadResponse.DECLINED
    notify(row.inquiry.importer, "leads.declined", {"producer": row.producer.name, "id": row.inquiry_id},
           link=inquiry_link(row.inquiry_id))
    db.session.commit()
    return row


def _tell_quoted(inquiry, quote, quoter):
    key, params = priced(quote, "leads.quote", {"producer": quoter, "quantity": number(quote.quantity), "id": inquiry.id},
                         money_usd)
    notify(inquiry.importer, key, params, link=inquiry_link(inquiry.id))


def priced(quote, key, params, amount=money):
    """The notification ``key`` with the quote's unit price (``price``), or, when consortium members price
    differently, ``key`` + "_members" with its ``total`` and its lowest and highest unit prices."""
    low, high = quote.price_range
    if low == high:
        return key, {**params, "price": money(low)}
    return f"{key}_members", {**params, "total": amount(quote.total_vnd), "low": money(low), "high": money(high)}


def tell_quoter(quote, key, params):
    """Tell whoever quoted (the producer's people, or the association's admins) about their quote."""
    if quote.match_id is not None:
        people, link = people_of(quote.match.producer_id), producer_lead_link(quote.match_id)
    else:
        people, link = consortium_people(quote.consortium), consortium_link(quote.consortium_id)
    for person in people:
        notify(person, key, params, link=link)


def consortia_of(user, page=1, per_page=20):
    """Consortium leads of the associations this user administers, newest first."""
    return db.paginate(
        select(Consortium).where(Consortium.association_id.in_(association_ids(user)),
                                 or_(Consortium.active.is_(True), Consortium.response != LeadResponse.OPEN))
        .order_by(Consortium.id.desc()), page=page, per_page=per_page, error_out=False,
    )


def consortium_people(consortium):
    """Who speaks for a consortium: its association's admins, or for a village consortium without
    a mark the people of its lead member (the highest-ranked one)."""
    if consortium.association_id:
        return admins_of(consortium.association_id)
    lead = consortium.lead_member
    return people_of(lead.producer_id) if lead else []


def speaks_for(user, consortium):
    if user.role == Role.STAFF:
        return True
    if consortium.association_id:
        return consortium.association_id in association_ids(user)
    lead = consortium.lead_member
    return lead is not None and producers.can_act_for(user, lead.producer_id)


def led_consortia_of(user):
    """Village consortia (no mark) whose lead member this user acts for, newest first."""
    own = {p.id for p in producers.producers_of(user)}
    rows = db.session.scalars(select(Consortium).where(Consortium.association_id.is_(None))
                              .order_by(Consortium.id.desc()).limit(100)).all()
    return [c for c in rows if c.lead_member is not None and c.lead_member.producer_id in own]


def get_consortium_for(user, consortium_id):
    """A consortium lead for whoever speaks for it (see ``speaks_for``); 404 for anyone else."""
    consortium = found(Consortium, consortium_id, _("Lead not found."), allowed=lambda c: speaks_for(user, c))
    return consortium


def submit_consortium_quote(user, consortium_id, data):
    """The quote for a consortium as a whole (one per consortium), by whoever speaks for it: each member with
    a share at its own unit price when given one, else at the quote's."""
    consortium = get_consortium_for(user, consortium_id)
    require_verified(user)
    inquiry = consortium.inquiry
    _check_open(inquiry)
    if not consortium.active:
        raise QuoteError(_("This consortium is no longer proposed."))
    if db.session.scalar(select(func.count()).select_from(Quote).where(Quote.consortium_id == consortium.id)):
        raise QuoteError(_("You have already quoted on this lead."))
    clean = load(ConsortiumQuoteSchema(members=[(m.producer_id, m.producer.name) for m in consortium.sharing_members]),
                 data, QuoteError)
    prices = clean.pop("member_prices")
    quoter = consortium.association.name if consortium.association else consortium.village.name
    return _place_quote(user, inquiry, consortium, quoter, clean, prices, consortium_id=consortium.id)
