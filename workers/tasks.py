"""Thin Celery tasks: each takes ids and calls one service.

Tasks are acknowledged late (a task whose worker dies is delivered again) and safe to run
twice; they retry with exponential backoff only on errors that may pass (a database or
broker connection dropping), never on a bug.
"""
import logging

from celery import shared_task
from sqlalchemy.exc import OperationalError

from marketplace.core import outbox
from marketplace.follows import services as follows
from marketplace.moderation import services as moderation
from marketplace.notifications import services as notifications
from marketplace.orders import services as orders
from marketplace.payments import services as payments
from marketplace.reports import tallies

log = logging.getLogger(__name__)

TRANSIENT = (OperationalError, ConnectionError, TimeoutError)
RETRY = {"autoretry_for": TRANSIENT, "retry_backoff": 2, "retry_backoff_max": 300, "retry_jitter": True,
         "max_retries": 8}


def _swept(count, message):
    """Log a beat sweep's count when it did something; the count is the task's result."""
    if count:
        log.info(message, count)
    return count


@shared_task(name="workers.tasks.deliver_outbox", ignore_result=True, **RETRY)
def deliver_outbox(message_ids=None):
    """Send pending outbox e-mails (the given ones, or every pending one)."""
    sent = notifications.deliver_pending(message_ids)
    log.info("outbox: %s message(s) sent", sent)
    return sent


@shared_task(name="workers.tasks.expire_reservations", ignore_result=True, **RETRY)
def expire_reservations():
    """Give back the stock of unpaid orders whose reservation ran out."""
    return _swept(orders.expire_reservations(), "reservations: %s unpaid order(s) released")


@shared_task(name="workers.tasks.auto_deliver", ignore_result=True, **RETRY)
def auto_deliver():
    """Beat sweep: count as delivered the parts shipped AUTO_DELIVERED_AFTER_DAYS ago and not confirmed."""
    return _swept(orders.auto_deliver(), "delivery: %s shipped part(s) counted as delivered")


@shared_task(name="workers.tasks.dispatch_outbox", ignore_result=True, **RETRY)
def dispatch_outbox():
    """Beat sweep: send the outbox tasks whose after-commit hand-off was lost (broker down, process died)."""
    return _swept(outbox.dispatch_waiting(), "outbox: %s task(s) sent again")


@shared_task(name="workers.tasks.send_refund", ignore_result=True, **RETRY)
def send_refund(part_id):
    """Send a cancelled part's requested card refund to Stripe (idempotent; retried while Stripe is unreachable)."""
    status = payments.send_refund(part_id)
    log.info("refund of part %s: %s", part_id, status)
    return status


@shared_task(name="workers.tasks.send_return_refund", ignore_result=True, **RETRY)
def send_return_refund(refund_id):
    """Send an accepted return's requested card refund to Stripe (idempotent; retried while Stripe is unreachable)."""
    status = payments.send_return_refund(refund_id)
    log.info("return refund %s: %s", refund_id, status)
    return status


@shared_task(name="workers.tasks.refund_late_payment", ignore_result=True, **RETRY)
def refund_late_payment(payment_id):
    """Give back a card payment that arrived after its order was released."""
    refund_id = payments.refund_late_payment(payment_id)
    log.info("late payment %s refunded: %s", payment_id, refund_id)
    return refund_id


@shared_task(name="workers.tasks.requeue_refunds", ignore_result=True, **RETRY)
def requeue_refunds():
    """Beat sweep: ask again for requested refunds that are still not sent (retries ran out)."""
    return _swept(len(payments.requeue_refunds()), "refunds: %s requested again")


@shared_task(name="workers.tasks.remind_ocop_expiry", ignore_result=True, **RETRY)
def remind_ocop_expiry():
    """Beat job: remind producers whose OCOP certificate expires within 30 days (each certificate once)."""
    return _swept(moderation.remind_expiring_ocop(), "OCOP expiry reminders sent to %s producer(s)")


@shared_task(name="workers.tasks.send_follow_digests", ignore_result=True, **RETRY)
def send_follow_digests():
    """Beat job: one digest per follower of the products their shops and villages listed since the last one."""
    return _swept(follows.send_digests(), "follow digests sent to %s follower(s)")


@shared_task(name="workers.tasks.flush_counters", ignore_result=True, **RETRY)
def flush_counters():
    """Beat job: add the product views and mark scans counted in Redis to their daily rows."""
    return _swept(tallies.flush(), "counters: %s view(s) and scan(s) written")
