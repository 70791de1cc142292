"""Bank transfers: the VietQR instructions, staff marking a transfer paid, and bank statements
matched to orders on reference and exact amount."""
import hashlib
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.core.templating import format_vnd
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.extensions import db
from marketplace.orders import services as orders
from marketplace.orders.models import Order, OrderPart, PartStatus, PaymentMethod
from marketplace.payments import statement, vietqr
from marketplace.payments.errors import PaymentError
from marketplace.payments.models import (
    Payment,
    PaymentStatus,
)
from marketplace.payments.providers import order_awaiting


@dataclass
class TransferInstructions:
    bank_name: str
    account_number: str
    account_name: str
    amount_vnd: int
    reference: str
    payload: str
    qr_svg: str


def transfer_instructions(order):
    """What the buyer needs to pay ``order`` by transfer: the account, the amount, the reference and a VietQR code."""
    return instructions_for(order.total_vnd, order.reference)


def instructions_for(amount_vnd, reference):
    """Transfer instructions for any amount owed to the platform's account under ``reference``
    (an order, a wholesale deal's deposit or balance)."""
    config = current_app.config
    payload = vietqr.build_payload(bank_bin=config["BANK_BIN"], account_number=config["BANK_ACCOUNT_NUMBER"],
                                   amount_vnd=amount_vnd, reference=reference,
                                   account_name=config["BANK_ACCOUNT_NAME"])
    return TransferInstructions(bank_name=config["BANK_NAME"], account_number=config["BANK_ACCOUNT_NUMBER"],
                                account_name=config["BANK_ACCOUNT_NAME"], amount_vnd=amount_vnd,
                                reference=reference, payload=payload, qr_svg=vietqr.qr_svg(payload))


def transfer_qr_png(order):
    """The VietQR code of ``order`` as a PNG (for "save the QR image"); None when it is not awaiting a transfer."""
    if order.payment_method != PaymentMethod.BANK_TRANSFER or not order.awaiting_payment:
        return None
    return vietqr.qr_png(transfer_instructions(order).payload)


@transactional
def record_transfer(staff, order_id):
    """Staff saw the transfer on the bank account: the order is paid."""
    order = order_awaiting(order_id, PaymentMethod.BANK_TRANSFER)
    db.session.add(Payment(order_id=order.id, method=PaymentMethod.BANK_TRANSFER, amount_vnd=order.total_vnd,
                           status=PaymentStatus.SUCCEEDED, recorded_by_id=staff.id, succeeded_at=utcnow()))
    orders.mark_paid(order.id, note=_("transfer recorded by staff"))
    db.session.commit()
    return order


def awaiting_transfers():
    return db.session.scalars(
        select(Order).where(Order.payment_method == PaymentMethod.BANK_TRANSFER,
                            Order.parts.any(OrderPart.status == PartStatus.AWAITING_PAYMENT))
        .order_by(Order.id).options(selectinload(Order.buyer), selectinload(Order.parts))
    ).all()


@dataclass
class StatementReport:
    matched: list = field(default_factory=list)  # (line, order)
    deals: list = field(default_factory=list)  # (line, what the handler recorded: a wholesale deal)
    problems: list = field(default_factory=list)  # (line, message)
    ignored: int = 0  # debits and zero lines


# Reference prefix -> handler(staff, reference, line, fingerprint) -> (problem or None, what it recorded),
# for payments a higher domain receives on the same account (deals.settlement: "WD").
_REFERENCE_HANDLERS = {}


def add_reference_handler(prefix, handler):
    """Statement lines whose one reference starts with ``prefix`` go to ``handler`` instead of an order."""
    _REFERENCE_HANDLERS[prefix] = handler


@transactional
def import_statement(staff, data):
    """Match a bank statement's credit lines to orders on reference and exact amount.

    A line is applied only when its one reference names an order awaiting a transfer of
    exactly that amount; every other line is listed with the reason, never guessed. Uploading
    the same statement twice applies nothing twice (each line's fingerprint is stored). The
    whole statement is one transaction: an error half-way applies none of it.
    """
    try:
        lines = statement.parse_statement(data)
    except statement.StatementError as exc:
        raise PaymentError(_("The statement could not be read: %(reason)s", reason=str(exc)), field="statement") from exc
    report = StatementReport()
    for line in lines:
        if line.amount_vnd <= 0:
            report.ignored += 1
            continue
        fingerprint = "statement:" + hashlib.sha256(
            f"{line.posted_on}|{line.amount_vnd}|{line.description}".encode()).hexdigest()[:32]
        problem, reference = _one_reference(line)
        handler = _REFERENCE_HANDLERS.get(reference[:2]) if reference else None
        if handler is not None:
            problem, recorded = handler(staff, reference, line, fingerprint)
            if problem is None:
                db.session.flush()
                report.deals.append((line, recorded))
                continue
        elif problem is None:
            problem, order = _match_line(reference, line, fingerprint)
        if problem:
            report.problems.append((line, problem))
            continue
        db.session.add(Payment(order_id=order.id, method=PaymentMethod.BANK_TRANSFER, amount_vnd=line.amount_vnd,
                               status=PaymentStatus.SUCCEEDED, provider_ref=fingerprint, recorded_by_id=staff.id,
                               succeeded_at=utcnow()))
        orders.mark_paid(order.id, note=_("matched on bank statement line %(n)s", n=line.line_no))
        db.session.flush()  # the next line's "already recorded" check sees this one
        report.matched.append((line, order))
    return report


def _one_reference(line):
    """(problem, None) unless the line names exactly one reference: (None, reference)."""
    references = getattr(line, "references", None) or ([line.reference] if line.reference else [])
    if not references:
        return _("No order reference (LN…) in the description."), None
    if len(references) > 1:
        return _("Several order references (%(refs)s): match it by hand.", refs=", ".join(references)), None
    return None, references[0]


def _match_line(reference, line, fingerprint):
    if db.session.scalar(select(Payment.id).where(Payment.provider_ref == fingerprint)) is not None:
        return _("Already recorded from an earlier statement."), None
    order_id = int(reference[2:]) if reference.startswith("LN") else 0
    order = db.session.get(Order, order_id) if 0 < order_id <= orders.MAX_ID else None
    if order is None:
        return _("No order %(ref)s.", ref=reference), None
    if order.payment_method != PaymentMethod.BANK_TRANSFER:
        return _("Order %(ref)s is not paid by bank transfer.", ref=order.reference), None
    if order.paid_at is not None:
        return _("Order %(ref)s is already paid: refund this transfer if it is a second payment.", ref=order.reference), None
    if not order.awaiting_payment:
        return _("Order %(ref)s was cancelled: send this transfer back.", ref=order.reference), None
    if line.amount_vnd != order.total_vnd:
        return _("Order %(ref)s expects %(expected)s but %(received)s arrived.", ref=order.reference,
                 expected=format_vnd(order.total_vnd), received=format_vnd(line.amount_vnd)), None
    return None, order
