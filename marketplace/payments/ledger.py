"""The payout ledger: what each producer earned (gross, commission, net), payout batches for the
bank's bulk domestic transfer, and the payments record staff read."""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from marketplace.core.errors import found
from marketplace.core.spreadsheet import csv_text
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.extensions import db
from marketplace.notifications.messages import money, number
from marketplace.notifications.services import notify
from marketplace.orders import services as orders
from marketplace.orders.models import OrderPart, PartStatus, PayoutStatus
from marketplace.payments.adjustments import adjustments_of
from marketplace.payments.banks import bank_file
from marketplace.payments.errors import PaymentError
from marketplace.payments.models import (
    Payment,
    PayoutAdjustment,
    PayoutBatch,
    PayoutBatchStatus,
    PayoutLine,
)
from marketplace.producers.models import Producer


@dataclass
class Earnings:
    parts: list
    pending_vnd: int  # paid or confirmed, not delivered yet
    due_vnd: int
    in_batch_vnd: int
    paid_out_vnd: int
    commission_vnd: int
    adjustments: list  # returns' refunds taken back from the earnings, newest first
    shares: list = field(default_factory=list)  # other sources' rows (wholesale deals' shares), newest first


def earnings_of(producer_id, page=1, per_page=30):
    """A producer's ledger: each part's gross, commission, net and payout status, with totals that
    count the listed sources' rows too (a wholesale deal's deposit and balance shares)."""
    live = (PartStatus.CONFIRMED, PartStatus.PAID, PartStatus.SHIPPED, PartStatus.DELIVERED)
    sums = dict(db.session.execute(
        select(OrderPart.payout_status, func.coalesce(func.sum(OrderPart.net_vnd), 0))
        .where(OrderPart.producer_id == producer_id, OrderPart.status.in_(live)).group_by(OrderPart.payout_status)
    ).all())
    for status, amount in db.session.execute(
        select(PayoutAdjustment.payout_status, func.sum(PayoutAdjustment.amount_vnd))
        .where(PayoutAdjustment.producer_id == producer_id).group_by(PayoutAdjustment.payout_status)
    ).all():
        sums[status] = sums.get(status, 0) + int(amount)
    listed = [source for source in _SOURCES if source.commission is not None]
    for source in listed:
        for status, amount in db.session.execute(
                select(source.model.payout_status, func.sum(source.amount))
                .where(source.model.producer_id == producer_id).group_by(source.model.payout_status)).all():
            sums[status] = sums.get(status, 0) + int(amount)
    commission = sum(db.session.scalar(select(func.coalesce(func.sum(source.commission), 0))
                                       .where(source.model.producer_id == producer_id)) or 0 for source in listed) + (db.session.scalar(
        select(func.coalesce(func.sum(OrderPart.commission_vnd), 0))
        .where(OrderPart.producer_id == producer_id, OrderPart.status == PartStatus.DELIVERED)) or 0) + (
        db.session.scalar(select(func.coalesce(func.sum(PayoutAdjustment.commission_vnd), 0))
                          .where(PayoutAdjustment.producer_id == producer_id)) or 0)
    parts = db.paginate(
        select(OrderPart).where(OrderPart.producer_id == producer_id, OrderPart.status.in_(live))
        .options(selectinload(OrderPart.order)).order_by(OrderPart.id.desc()),
        page=page, per_page=per_page, error_out=False)
    return Earnings(parts=parts, pending_vnd=sums.get(PayoutStatus.NOT_DUE, 0), due_vnd=sums.get(PayoutStatus.DUE, 0),
                    in_batch_vnd=sums.get(PayoutStatus.IN_BATCH, 0), paid_out_vnd=sums.get(PayoutStatus.PAID, 0),
                    commission_vnd=commission, adjustments=adjustments_of(producer_id),
                    shares=[row for source in listed for row in db.session.scalars(
                        select(source.model).where(source.model.producer_id == producer_id)
                        .order_by(source.model.id.desc()).limit(200))])


@dataclass(frozen=True)
class PayoutSource:
    """Rows a payout batch gathers: each has ``producer_id``, ``payout_status`` and ``payout_batch_id``;
    ``amount`` is the column owed to the producer; ``counted`` rows count as orders on the batch line;
    a source with a ``commission`` column is listed on the producer's earnings page and in its totals."""

    model: type
    amount: object
    counted: bool
    commission: object = None


# Retail parts and returns' adjustments; a higher domain adds its own rows with add_payout_source
# (deals.settlement: the members' shares of a wholesale deal's deposit and balance).
_SOURCES = [PayoutSource(OrderPart, OrderPart.net_vnd, True),
            PayoutSource(PayoutAdjustment, PayoutAdjustment.amount_vnd, False)]


def add_payout_source(model, amount, counted=True, commission=None):
    """Let the payout batches gather ``model``'s due rows too (once per model); with ``commission``
    (its column) the rows are listed on the producer's earnings page and counted in its totals."""
    if all(source.model is not model for source in _SOURCES):
        _SOURCES.append(PayoutSource(model, amount, counted, commission))


def _totals(where):
    """{producer id: (counted rows, net)} over every source's rows that ``where(model)`` selects."""
    totals = {}
    for source in _SOURCES:
        model = source.model
        for producer_id, count, amount in db.session.execute(
                select(model.producer_id, func.count(model.id), func.sum(source.amount))
                .where(where(model)).group_by(model.producer_id)):
            counted, net = totals.get(producer_id, (0, 0))
            totals[producer_id] = (counted + (count if source.counted else 0), net + int(amount or 0))
    return totals


def _due_totals(with_bank_only=False):
    """What is owed now per producer id: {id: (orders, net of due parts, adjustments and deal shares)}."""
    totals = _totals(lambda model: model.payout_status == PayoutStatus.DUE)
    if with_bank_only and totals:
        banked = set(db.session.scalars(select(Producer.id).where(Producer.id.in_(totals),
                                                                  Producer.bank_account_number != "")))
        totals = {pid: total for pid, total in totals.items() if pid in banked}
    return totals


def due_by_producer():
    """What is owed now, per producer: (producer, parts, net) for the staff's payout page; a producer
    whose returns' adjustments outweigh its due parts owes nothing now and is left out."""
    totals = {pid: total for pid, total in _due_totals().items() if total[1] > 0}
    producers = db.session.scalars(select(Producer).where(Producer.id.in_(totals)).order_by(Producer.name)).all()
    return [(producer, *totals[producer.id]) for producer in producers]


@transactional
def create_payout_batch(staff):
    """Gather every due part, adjustment and deal share of producers with bank details into one batch.

    Rows move from due to in-batch by a conditional UPDATE, so two staff pressing the button
    at once cannot put one part in two batches (the lines count what each UPDATE really moved).
    """
    # Each producer's due parts, adjustments and deal shares go together; one whose adjustments outweigh its
    # parts is left for a later batch, its negative balance carried until new earnings cover it.
    payees = [pid for pid, (_, net) in _due_totals(with_bank_only=True).items() if net > 0]
    if not payees:
        raise PaymentError(_("Nothing is due to producers with bank details right now."))
    batch = PayoutBatch(created_by_id=staff.id)
    db.session.add(batch)
    db.session.flush()
    for source in _SOURCES:
        db.session.execute(
            update(source.model).where(source.model.producer_id.in_(payees),
                                       source.model.payout_status == PayoutStatus.DUE)
            .values(payout_status=PayoutStatus.IN_BATCH, payout_batch_id=batch.id)
            .execution_options(synchronize_session=False)
        )
    # The payee's details are copied now: changing the account later must not redirect batched money.
    moved = _totals(lambda model: model.payout_batch_id == batch.id)
    for producer in db.session.scalars(select(Producer).where(Producer.id.in_(moved)).order_by(Producer.name)):
        count, total = moved[producer.id]
        batch.lines.append(PayoutLine(producer=producer, bank_name=producer.bank_name,
                                      bank_account_number=producer.bank_account_number,
                                      bank_account_name=producer.bank_account_name,
                                      amount_vnd=total, parts_count=count))
    batch.total_vnd = sum(line.amount_vnd for line in batch.lines)
    if not batch.total_vnd:
        db.session.rollback()
        raise PaymentError(_("Nothing is due to producers with bank details right now."))
    db.session.commit()
    return batch


def payout_lines(batch_id):
    """One transfer per producer in the batch, with the bank details it was made with."""
    return db.session.scalars(select(PayoutLine).where(PayoutLine.batch_id == batch_id)
                              .options(selectinload(PayoutLine.producer)).order_by(PayoutLine.id)).all()


def get_batch(batch_id):
    batch = found(PayoutBatch, batch_id, _("Payout batch not found."))
    return batch


def payout_csv(batch_id):
    """The batch as a CSV for the bank's bulk domestic transfer: one line per producer."""
    batch = get_batch(batch_id)
    return csv_text(
        ["batch", "producer", "bank", "account_number", "account_name", "amount_vnd", "parts", "description"],
        ([batch.id, line.producer.name, line.bank_name, line.bank_account_number, line.bank_account_name,
          line.amount_vnd, line.parts_count, f"LANG NGHE MARKET PAYOUT B{batch.id}"] for line in payout_lines(batch.id)))


def payout_bank_csv(batch_id):
    """The batch as the bank's bulk-transfer file: unaccented upper-case names, ASCII (payments.banks)."""
    batch = get_batch(batch_id)
    return bank_file(batch.id, payout_lines(batch.id))


@transactional
def mark_batch_paid(staff, batch_id):
    """Staff made every transfer of the batch: its parts are paid out and producers are told."""
    batch = get_batch(batch_id)
    changed = db.session.execute(
        update(PayoutBatch).where(PayoutBatch.id == batch.id, PayoutBatch.status == PayoutBatchStatus.OPEN)
        .values(status=PayoutBatchStatus.PAID, paid_at=utcnow(), paid_by_id=staff.id)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise orders.StateConflict(_("This batch is already marked as paid."))
    for source in _SOURCES:
        db.session.execute(update(source.model).where(source.model.payout_batch_id == batch.id)
                           .values(payout_status=PayoutStatus.PAID).execution_options(synchronize_session=False))
    for line in payout_lines(batch.id):
        for user in orders.producer_users(line.producer_id):
            notify(user, "payments.payout", {"num": number(line.parts_count), "amount": money(line.amount_vnd),
                                             "bank": line.bank_name or "—"})
    db.session.commit()
    db.session.refresh(batch)
    return batch


def batches(page=1, per_page=20):
    return db.paginate(select(PayoutBatch).order_by(PayoutBatch.id.desc()), page=page, per_page=per_page, error_out=False)


def payments_of(order_id):
    return db.session.scalars(select(Payment).where(Payment.order_id == order_id).order_by(Payment.id)).all()


def recent_payments(page=1, per_page=30):
    return db.paginate(select(Payment).order_by(Payment.id.desc()).options(selectinload(Payment.order)),
                       page=page, per_page=per_page, error_out=False)
