"""The importer pays a deal's deposit and balance, by bank transfer (VietQR; staff record it) or by
card (Stripe); each received payment is split among the members into payout-ledger lines.

Locks: the deal's row is taken (``with_for_update``) before a payment is recorded, so a transfer
recorded twice at once, or a card and a transfer together, record one payment; no Stripe call is
made while it is held.
"""
import logging

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from marketplace.accounts.models import Role
from marketplace.core.errors import NotFound
from marketplace.core.labels import status_label
from marketplace.core.shares import split
from marketplace.core.templating import format_vnd
from marketplace.core.time import utcnow
from marketplace.deals import money
from marketplace.deals.creation import deal_link
from marketplace.deals.errors import DealConflict, DealError
from marketplace.deals.models import (
    Deal,
    DealPayment,
    DealPaymentStatus,
    DealPayout,
    DealStatus,
    Stage,
)
from marketplace.deals.queries import get_deal_for
from marketplace.extensions import db
from marketplace.leads import services as leads
from marketplace.notifications.messages import label, money_usd
from marketplace.notifications.messages import money as vnd
from marketplace.notifications.services import notify
from marketplace.payments import ledger, stripe_gateway, transfers
from marketplace.payments import services as payments

log = logging.getLogger(__name__)

# Members' shares are paid out with their retail earnings: the payout batches gather due shares.
ledger.add_payout_source(DealPayout, DealPayout.net_vnd, commission=DealPayout.commission_vnd)
_MAX_ID = 2**31 - 1  # a larger "WD…" number on a statement names no deal (and would overflow the query)

BANK_TRANSFER, CARD = "bank_transfer", "card"
_NEXT = {Stage.DEPOSIT: (DealStatus.AWAITING_DEPOSIT, DealStatus.IN_PRODUCTION, "deposit_paid_at"),
         Stage.BALANCE: (DealStatus.BALANCE_DUE, DealStatus.COMPLETED, "balance_paid_at")}


def transfer_instructions(deal):
    """The account, the amount due now, the deal's reference and a VietQR code; None when nothing is due."""
    stage = deal.stage_due
    if stage is None or deal.amount_of(stage) <= 0:
        return None
    return payments.instructions_for(deal.amount_of(stage), deal.reference)


def record_transfer(staff, deal_id, stage):
    """Staff saw the importer's transfer for ``stage`` on the bank account: it is received."""
    if staff.role != Role.STAFF:
        raise NotFound(_("Wholesale order not found."))
    deal = get_deal_for(staff, deal_id, lock=True)
    _check_due(deal, stage)
    payment = DealPayment(deal_id=deal.id, stage=stage, method=BANK_TRANSFER, amount_vnd=deal.amount_of(stage),
                          status=DealPaymentStatus.SUCCEEDED, recorded_by_id=staff.id, succeeded_at=utcnow())
    db.session.add(payment)
    _received(deal, stage, payment.amount_vnd)
    db.session.commit()
    return deal


def record_statement_transfer(staff, reference, line, fingerprint):
    """A bank statement line naming a deal (``WD000007``): its deposit or balance is received, as when
    staff record it by hand, when the line brings exactly the amount due now; otherwise the reason is
    returned and nothing changes. Returns (problem or None, deal); the statement import commits."""
    if db.session.scalar(select(DealPayment.id).where(DealPayment.provider_ref == fingerprint)) is not None:
        return _("Already recorded from an earlier statement."), None
    deal_id = int(reference[2:])
    deal = db.session.scalar(select(Deal).where(Deal.id == deal_id).with_for_update()) \
        if 0 < deal_id <= _MAX_ID else None
    if deal is None:
        return _("No wholesale order %(ref)s.", ref=reference), None
    stage = deal.stage_due
    if stage is None or deal.amount_of(stage) <= 0:
        return _("Wholesale order %(ref)s has no payment due now: refund this transfer if it is a second "
                 "payment.", ref=deal.reference), None
    if line.amount_vnd != deal.amount_of(stage):
        return _("Wholesale order %(ref)s expects %(expected)s (%(stage)s) but %(received)s arrived.",
                 ref=deal.reference, expected=format_vnd(deal.amount_of(stage)), stage=status_label(stage, "deal_stage"),
                 received=format_vnd(line.amount_vnd)), None
    db.session.add(DealPayment(deal_id=deal.id, stage=stage, method=BANK_TRANSFER, amount_vnd=line.amount_vnd,
                               status=DealPaymentStatus.SUCCEEDED, provider_ref=fingerprint, recorded_by_id=staff.id,
                               succeeded_at=utcnow()))
    _received(deal, stage, line.amount_vnd)
    return None, deal


def pay_by_card(user, deal_id, stage, payment_method_id):
    """Charge the importer's card for ``stage``. The idempotency key is the deal, the stage and the
    payment method, so a double-clicked "Pay" charges once. Returns (deal, status, client secret):
    the secret (for Stripe.js's 3-D Secure) only while the bank still asks for it."""
    deal = get_deal_for(user, deal_id)
    if deal.importer_id != user.id:
        raise NotFound(_("Wholesale order not found."))
    _check_due(deal, stage)
    if not payments.card_enabled():
        raise payments.PaymentUnavailable(_("Card payments are not available at the moment."))
    payment_method_id = (payment_method_id or "").strip()
    if not payment_method_id.startswith("pm_") or len(payment_method_id) > 100:
        raise DealError(_("Enter your card details."), field="payment_method")
    amount = deal.amount_of(stage)
    db.session.rollback()  # no transaction (and no lock) stays open during the call to Stripe
    try:
        intent_id, status, secret = stripe_gateway.charge(
            amount_vnd=amount, payment_method_id=payment_method_id, order_reference=deal.reference, order_id=0,
            idempotency_key=f"deal-{deal_id}-{stage}-{payment_method_id}",
            metadata={"deal_id": str(deal_id), "deal_reference": f"WD{deal_id:06d}", "stage": stage})
    except stripe_gateway.StripeDeclined as exc:
        raise payments.PaymentDeclined(_("Your card was declined (%(reason)s). Nothing was charged.",
                                         reason=exc.message)) from exc
    except stripe_gateway.StripeUnavailable as exc:
        log.warning("card payment for deal %s failed to reach Stripe: %s", deal_id, exc)
        raise payments.PaymentUnavailable(
            _("We could not reach the card network; nothing was charged. Try again in a minute.")) from exc
    deal = get_deal_for(user, deal_id, lock=True)
    if db.session.scalar(select(DealPayment.id).where(DealPayment.provider_ref == intent_id)) is not None:
        db.session.rollback()
        return deal, status, ""  # reported already (a double click answered by the same intent, or the webhook)
    payment = DealPayment(deal_id=deal.id, stage=stage, method=CARD, amount_vnd=amount, provider_ref=intent_id)
    db.session.add(payment)
    if status == "succeeded":
        card_arrived(deal, payment)
    db.session.commit()
    return deal, status, secret if status == "requires_action" else ""


def card_arrived(deal, payment):
    """The card money of ``payment`` (its deal row locked) has arrived: the stage is received, once.

    Returns the outcome for the webhook's record. Money for a stage already received another way
    is kept on record as failed, for staff to refund by hand."""
    if payment.status == DealPaymentStatus.SUCCEEDED:
        return "ignored: payment already recorded"
    if deal.stage_due != payment.stage:
        payment.status, payment.failure_message = DealPaymentStatus.FAILED, "paid twice; refund by hand"
        log.error("deal %s: card payment %s arrived after the %s was received", deal.id, payment.provider_ref,
                  payment.stage)
        return "ignored: wholesale payment received already; refund by hand"
    payment.status, payment.succeeded_at = DealPaymentStatus.SUCCEEDED, utcnow()
    _received(deal, payment.stage, payment.amount_vnd)
    return f"handled: wholesale {payment.stage} paid"


def _check_due(deal, stage):
    if stage not in Stage.ALL:
        raise DealError(_("Unknown payment."), field="stage")
    if deal.stage_due != stage:
        raise DealConflict(_("This payment is not due now."))


def _received(deal, stage, amount):
    """Move the deal on (at most once: a conditional UPDATE), write each member's ledger line, tell everyone."""
    before, after, stamp = _NEXT[stage]
    moved = db.session.execute(update(Deal).where(Deal.id == deal.id, Deal.status == before)
                               .values(status=after, **{stamp: utcnow()})
                               .execution_options(synchronize_session=False)).rowcount
    if moved != 1:
        raise DealConflict(_("This payment is not due now."))
    db.session.refresh(deal)
    rate = current_app.config["WHOLESALE_COMMISSION_BP"]
    shares = split(amount, [line.total_vnd for line in deal.lines])
    link = deal_link(deal.id)
    for line, gross in zip(deal.lines, shares, strict=True):
        commission = money.commission_of(gross, rate)
        db.session.add(DealPayout(deal_id=deal.id, producer_id=line.producer_id, stage=stage, gross_vnd=gross,
                                  commission_rate_bp=rate, commission_vnd=commission, net_vnd=gross - commission))
        for person in leads.people_of(line.producer_id):
            notify(person, "deals.member_paid", {"ref": deal.reference, "stage": label(stage, "deal_stage"),
                                                 "gross": vnd(gross), "commission": vnd(commission),
                                                 "net": vnd(gross - commission)}, link=link)
    notify(deal.importer, "deals.paid", {"ref": deal.reference, "stage": label(stage, "deal_stage"),
                                         "amount": money_usd(amount)}, link=link)
    if deal.association_id:
        for person in leads.admins_of(deal.association_id):
            notify(person, "deals.paid", {"ref": deal.reference, "stage": label(stage, "deal_stage"),
                                          "amount": vnd(amount)}, link=link)


def payouts_of(producer_id):
    """A producer's wholesale ledger lines, newest first."""
    return db.session.scalars(select(DealPayout).where(DealPayout.producer_id == producer_id)
                              .order_by(DealPayout.id.desc())).all()


transfers.add_reference_handler("WD", record_statement_transfer)  # bank statements recognise deal transfers
