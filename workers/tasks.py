"""Thin Celery tasks: each takes ids and calls one service.

Tasks are acknowledged late (a task whose worker dies is delivered again) and safe to run
twice; they retry with exponential backoff only on errors that may pass (a database or
broker connection dropping), never on a bug.
"""
import logging

from celery import shared_task
from sqlalchemy.exc import OperationalError

from marketplace.notifications import services as notifications
from marketplace.orders import services as orders

log = logging.getLogger(__name__)

TRANSIENT = (OperationalError, ConnectionError, TimeoutError)
RETRY = {"autoretry_for": TRANSIENT, "retry_backoff": 2, "retry_backoff_max": 300, "retry_jitter": True,
         "max_retries": 8}


@shared_task(name="workers.tasks.deliver_outbox", ignore_result=True, **RETRY)
def deliver_outbox(message_ids=None):
    """Send pending outbox e-mails (the given ones, or every pending one)."""
    sent = notifications.deliver_pending(message_ids)
    log.info("outbox: %s message(s) sent", sent)
    return sent


@shared_task(name="workers.tasks.expire_reservations", ignore_result=True, **RETRY)
def expire_reservations():
    """Give back the stock of unpaid orders whose reservation ran out."""
    released = orders.expire_reservations()
    if released:
        log.info("reservations: %s unpaid order(s) released", released)
    return released
