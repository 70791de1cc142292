"""The demo importer's wholesale order, through the lead and deal services: the Vạn Phúc silk
association quotes for its consortium, the importer accepts (the deal opens), staff record the
deposit's bank transfer as they would from the bank account, and the lead member marks its first
milestone. Each step is taken only when it has not been yet, so a second load changes nothing."""
from datetime import date, timedelta

from sqlalchemy import select

from demo import content
from marketplace.accounts import services as accounts
from marketplace.deals import services as deals
from marketplace.deals.models import DealStatus, Stage
from marketplace.extensions import db
from marketplace.leads import services as leads
from marketplace.leads.models import Inquiry, Quote


def ensure_deal(people):
    """The accepted consortium quote, its deal with the deposit received and one member's milestone.

    The quote is for a first run of 5,000 of the 20,000 scarves: amounts are whole VND in 32-bit
    columns (``deals.total_vnd``), so one deal stays under 2,147,483,647 ₫."""
    data = content.load("inquiries")
    plan = data["deal"]
    importer = people[data["importer"]]
    inquiry = db.session.scalar(select(Inquiry).where(Inquiry.importer_id == importer.id,
                                                      Inquiry.description == plan["inquiry"]))
    if inquiry is None or inquiry.consortium is None:  # the catalogue changed: skip rather than invent
        return None
    deal = deals.deal_of_inquiry(inquiry.id)
    if deal is None:
        consortium = inquiry.consortium
        quote = db.session.scalar(select(Quote).where(Quote.consortium_id == consortium.id))
        if quote is None:
            terms = {k: v for k, v in plan["quote"].items() if k != "valid_days"}
            quote = leads.submit_consortium_quote(accounts.find_by_email(plan["quoted_by"]), consortium.id, {
                **terms, "valid_until": (date.today() + timedelta(days=plan["quote"]["valid_days"])).isoformat()})
        deal = deals.accept_quote(importer, quote.id)
    if deal.status == DealStatus.AWAITING_DEPOSIT:
        deals.record_transfer(people[content.load("accounts")["staff"]], deal.id, Stage.DEPOSIT)
    lead = deal.lines[0].producer_id
    deals.mark_milestone(leads.people_of(lead)[0], deal.id, lead, plan["milestone"])  # marked once
    return deal
