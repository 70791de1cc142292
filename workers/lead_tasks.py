"""Thin Celery tasks for export leads: each takes ids and calls one service."""
import logging

from celery import shared_task

from marketplace.leads import services as leads

log = logging.getLogger(__name__)


@shared_task(name="workers.lead_tasks.match_inquiry", ignore_result=True)
def match_inquiry(inquiry_id):
    """Match one inquiry (idempotent: a re-delivered message updates the same matches)."""
    result = leads.run_matching(inquiry_id)
    if result is not None:
        log.info("inquiry %s: %s match(es), consortium: %s", inquiry_id, len(result.ranked), result.consortium is not None)


@shared_task(name="workers.lead_tasks.requeue_waiting_inquiries", ignore_result=True)
def requeue_waiting_inquiries():
    """Beat sweep: queue again inquiries whose matching request was lost."""
    ids = leads.requeue_waiting_inquiries()
    if ids:
        log.info("matching re-queued for inquiries %s", ids)
    return len(ids)
