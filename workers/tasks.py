"""Thin Celery tasks: each takes ids and calls one service."""
import logging

from celery import shared_task

from marketplace.notifications import services as notifications

log = logging.getLogger(__name__)


@shared_task(name="workers.tasks.deliver_outbox", ignore_result=True)
def deliver_outbox(message_ids=None):
    """Send pending outbox e-mails (the given ones, or every pending one)."""
    sent = notifications.deliver_pending(message_ids)
    log.info("outbox: %s message(s) sent", sent)
    return sent
