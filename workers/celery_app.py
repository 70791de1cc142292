"""Celery wired to the Flask app: every task runs inside an app context.

``celery -A workers.worker worker`` imports ``workers.worker``, which builds the app.
"""
from datetime import timedelta
from pathlib import Path

from celery import Celery, Task


def celery_init_app(app):
    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    broker = app.config["CELERY_BROKER_URL"]
    if broker.startswith("sqla+sqlite:///"):
        Path(broker.removeprefix("sqla+sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.conf.update(
        broker_url=broker,
        task_ignore_result=True,  # results off: tasks write what they do to the database
        task_acks_late=True,  # a task whose worker dies is delivered again
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_always_eager=app.config["CELERY_TASK_ALWAYS_EAGER"],
        task_default_queue=app.config["CELERY_QUEUE"],
        broker_connection_retry_on_startup=True,
        imports=("workers.tasks", "workers.lead_tasks"),
        beat_schedule={
            # Sends outbox tasks whose after-commit hand-off was lost (broker down, process died).
            "dispatch-outbox": {"task": "workers.tasks.dispatch_outbox", "schedule": timedelta(seconds=30)},
            # Sends e-mails still pending, and tries again those SMTP refused for a while.
            "deliver-outbox": {"task": "workers.tasks.deliver_outbox", "schedule": timedelta(seconds=30)},
            # Requested card refunds whose task gave up (Stripe down for long) are asked for again.
            "requeue-refunds": {"task": "workers.tasks.requeue_refunds", "schedule": timedelta(minutes=10)},
            # Unpaid card and transfer orders give their stock back once their reservation ends.
            "expire-reservations": {"task": "workers.tasks.expire_reservations", "schedule": timedelta(minutes=1)},
            # Shipped parts the buyer never confirmed count as delivered after AUTO_DELIVERED_AFTER_DAYS.
            "auto-deliver": {"task": "workers.tasks.auto_deliver", "schedule": timedelta(hours=1)},
            # Re-queues inquiries whose matching request was lost (broker down at submit, worker died).
            "requeue-matching": {"task": "workers.lead_tasks.requeue_waiting_inquiries", "schedule": timedelta(seconds=60)},
            # Tells producers whose OCOP certificate expires within 30 days (once per certificate).
            "remind-ocop-expiry": {"task": "workers.tasks.remind_ocop_expiry", "schedule": timedelta(hours=6)},
            # Adds the product views and mark scans counted in Redis to their daily rows (core.counters).
            "flush-counters": {"task": "workers.tasks.flush_counters",
                               "schedule": timedelta(seconds=app.config["COUNTER_FLUSH_SECONDS"])},
            # Tells followers of shops and villages about their new products, one digest each (FOLLOW_DIGEST_HOURS).
            "send-follow-digests": {"task": "workers.tasks.send_follow_digests",
                                    "schedule": timedelta(hours=app.config["FOLLOW_DIGEST_HOURS"])},
        },
    )
    if broker.startswith(("redis://", "rediss://")):
        # A web request must not hang on a dead broker: fail fast, the outbox sweep catches up.
        celery_app.conf.broker_transport_options = {"socket_connect_timeout": 2, "socket_timeout": 5}
        celery_app.conf.broker_connection_timeout = 2
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app
