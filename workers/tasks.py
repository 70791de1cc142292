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


def _task(name, service, message, counted=None):
    """The task ``name``: it calls ``service`` with the task's arguments (ids) and logs ``message``
    with them and the outcome. With ``counted`` it is a beat sweep: the count of what it did
    (``counted(outcome)``) is its result, logged only when it did something."""
    def task(*ids):
        outcome = service(*ids)
        if counted is None:
            log.info(message, *ids, outcome)
            return outcome
        count = counted(outcome)
        if count:
            log.info(message, count)
        return count
    task.__name__ = task.__qualname__ = name
    task.__doc__ = service.__doc__
    return shared_task(name=f"workers.tasks.{name}", ignore_result=True, **RETRY)(task)


def _sweep(name, service, message, counted=int):
    """A beat sweep's task: ``service`` returns the count of what it did (or ``counted`` makes one)."""
    return _task(name, service, message, counted)


@shared_task(name="workers.tasks.deliver_outbox", ignore_result=True, **RETRY)
def deliver_outbox(message_ids=None):
    """Send pending outbox e-mails (the given ones, or every pending one)."""
    sent = notifications.deliver_pending(message_ids)
    log.info("outbox: %s message(s) sent", sent)
    return sent


# Card refunds recorded in the outbox, each sent once to Stripe (idempotent; retried while it is unreachable).
send_refund = _task("send_refund", payments.send_refund, "refund of part %s: %s")
send_return_refund = _task("send_return_refund", payments.send_return_refund, "return refund %s: %s")
refund_late_payment = _task("refund_late_payment", payments.refund_late_payment, "late payment %s refunded: %s")

# The beat sweeps (schedules in workers/celery_app.py), and what each one's count means in the log.
expire_reservations = _sweep("expire_reservations", orders.expire_reservations,
                              "reservations: %s unpaid order(s) released")
auto_deliver = _sweep("auto_deliver", orders.auto_deliver, "delivery: %s shipped part(s) counted as delivered")
dispatch_outbox = _sweep("dispatch_outbox", outbox.dispatch_waiting, "outbox: %s task(s) sent again")
requeue_refunds = _sweep("requeue_refunds", payments.requeue_refunds, "refunds: %s requested again", len)
remind_ocop_expiry = _sweep("remind_ocop_expiry", moderation.remind_expiring_ocop,
                             "OCOP expiry reminders sent to %s producer(s)")
send_follow_digests = _sweep("send_follow_digests", follows.send_digests, "follow digests sent to %s follower(s)")
flush_counters = _sweep("flush_counters", tallies.flush, "counters: %s view(s) and scan(s) written")
