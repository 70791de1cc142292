"""Accepting a quote opens the wholesale deal, in the same transaction: the lines per producer,
the Incoterm and port, the deposit. Everyone on both sides is told, in their own language."""
from sqlalchemy import select

from marketplace.deals import money
from marketplace.deals.models import Deal, DealLine
from marketplace.deals.queries import deal_of_inquiry
from marketplace.extensions import db
from marketplace.leads import services as leads
from marketplace.notifications.messages import money as vnd
from marketplace.notifications.messages import money_usd, number
from marketplace.notifications.services import notify, site_path


def deal_link(deal_id):
    return site_path("deals.deal", deal_id=deal_id)


def accept_quote(user, quote_id):
    """The importer accepts a quote: the inquiry closes and the deal opens. Twice is once.

    Returns the deal. Two accepts at once are serialised by the inquiry's row lock (taken in
    ``leads.decide_acceptance``); the unique inquiry and quote on ``deals`` backs that up.
    """
    quote, changed = leads.decide_acceptance(user, quote_id)
    if not changed:
        db.session.rollback()
        return deal_of_inquiry(quote.inquiry_id)
    deal = _open_deal(quote)
    db.session.commit()
    return deal


def _open_deal(quote):
    inquiry = quote.inquiry
    lines = quote.lines  # the lead first; each consortium member at its own price (leads.models.Quote.lines)
    total = sum(line.total_vnd for line in lines)
    consortium = quote.consortium
    deal = Deal(inquiry_id=inquiry.id, quote_id=quote.id, importer_id=inquiry.importer_id,
                consortium_id=quote.consortium_id, lead_producer_id=lines[0].producer.id,
                association_id=consortium.association_id if consortium else None,
                incoterm=quote.incoterm or inquiry.incoterm, port=quote.port or "", unit=inquiry.unit,
                total_vnd=total, deposit_pct=quote.deposit_pct, deposit_vnd=money.deposit_of(total, quote.deposit_pct))
    for position, line in enumerate(lines):
        deal.lines.append(DealLine(producer_id=line.producer.id, position=position, quantity=line.quantity,
                                   unit_price_vnd=line.unit_price_vnd))
    db.session.add(deal)
    db.session.flush()
    link = deal_link(deal.id)
    notify(inquiry.importer, "deals.created", {
        "ref": deal.reference, "supplier": quote.supplier_name, "id": inquiry.id, "quantity": number(quote.quantity),
        "total": money_usd(total), "incoterm": deal.incoterm, "port": deal.port, "deposit": money_usd(deal.deposit_vnd)},
        link=link)
    for line in deal.lines:
        for person in leads.people_of(line.producer_id):
            notify(person, "deals.member", {
                "ref": deal.reference, "id": inquiry.id, "quantity": number(line.quantity),
                "price": vnd(line.unit_price_vnd), "total": vnd(line.total_vnd)}, link=link)
    return deal


def deal_for_quote(quote_id):
    return db.session.scalar(select(Deal).where(Deal.quote_id == quote_id))
