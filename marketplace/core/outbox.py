"""The outbox: the one after-commit hand-off for every side effect (e-mail, matching, refunds).

A service calls ``schedule("workers.tasks.x", arg, ...)`` inside its transaction. That writes
an ``OutboxTask`` row in the same transaction, so the intent commits or rolls back with the
change that causes it. Once the transaction commits, the task is sent to Celery by name (or,
with ``CELERY_TASK_ALWAYS_EAGER``, run in-process by Celery itself) and the row marked
dispatched. If the broker is down, or the process dies between commit and send, the row stays
undispatched and the beat job ``dispatch-outbox`` sends it later. Tasks are safe to run twice.

Services never import ``workers``: they name the task, and Celery finds it.
"""
import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import JSON, Integer, String, Text, delete, event, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from marketplace.core.columns import Keyed
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db

log = logging.getLogger(__name__)

_SCHEDULED = "outbox_scheduled"  # OutboxTask rows added in the session's current transaction
_READY = "outbox_ready"  # (id, task, args) of those rows, read just before the commit
KEEP_DISPATCHED = timedelta(days=7)  # dispatched rows are kept this long, for looking into


class OutboxTask(Keyed, db.Model):
    """A task to send once the transaction that wrote this row has committed."""

    __tablename__ = "outbox_tasks"

    # The Celery task's registered name, e.g. "workers.tasks.deliver_outbox".
    task: Mapped[str] = mapped_column(String(120))
    args: Mapped[list] = mapped_column(JSON, default=list)
    created_at = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Set when the broker accepted the task (or eager mode ran it); NULL rows are swept.
    dispatched_at = mapped_column(UTCDateTime, nullable=True, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


def schedule(task, *args):
    """Send ``task(*args)`` after the current transaction commits; nothing if it rolls back."""
    row = OutboxTask(task=task, args=list(args))
    db.session.add(row)
    db.session.info.setdefault(_SCHEDULED, []).append(row)
    return row


def schedule_batch(task, items):
    """Like ``schedule(task, [items])``, but one task per transaction gathers every item.

    For e-mail: each notification adds its message id, and one delivery task sends them all.
    """
    for row in db.session.info.get(_SCHEDULED, ()):
        if row.task == task and row in db.session:
            row.args = [[*row.args[0], *items]]  # a new list, so that the change is flushed
            return row
    return schedule(task, list(items))


@event.listens_for(Session, "before_commit")
def _read_scheduled(session):
    rows = session.info.pop(_SCHEDULED, None)
    if not rows:
        return
    session.flush()
    ready = [(row.id, row.task, list(row.args)) for row in rows if row in session and row.id is not None]
    session.info.setdefault(_READY, []).extend(ready)


@event.listens_for(Session, "after_commit")
def _dispatch_committed(session):
    ready = session.info.pop(_READY, None)
    if ready:
        _dispatch(ready)


@event.listens_for(Session, "after_soft_rollback")
def _forget(session, previous_transaction):
    """The whole transaction rolled back: what it scheduled never happened. (A savepoint's
    rollback leaves the rest; its rows are no longer in the session and are skipped.)"""
    if previous_transaction.parent is None:
        session.info.pop(_SCHEDULED, None)
        session.info.pop(_READY, None)


def _dispatch(ready):
    """Send each (id, task, args) to Celery; mark the sent ones dispatched in their own transaction."""
    celery = current_app.extensions["celery"]
    sent, failed = [], {}
    for row_id, task, args in ready:
        try:
            if current_app.config["CELERY_TASK_ALWAYS_EAGER"]:  # read now: config is the source of truth
                celery.loader.import_default_modules()
                celery.tasks[task].apply(args=args)
            else:
                celery.send_task(task, args=args, retry=False)
        except Exception as exc:  # broker down: the row waits for the sweep
            log.warning("could not send %s%s (outbox %s); the sweep will: %s", task, tuple(args), row_id, exc)
            failed[row_id] = str(exc)[:500]
        else:
            sent.append(row_id)
    with db.engine.begin() as connection:
        if sent:
            connection.execute(update(OutboxTask).where(OutboxTask.id.in_(sent)).values(dispatched_at=utcnow()))
        for row_id, error in failed.items():
            connection.execute(update(OutboxTask).where(OutboxTask.id == row_id)
                               .values(attempts=OutboxTask.attempts + 1, last_error=error))


def dispatch_waiting(older_than=timedelta(seconds=30), limit=500):
    """Beat sweep: send tasks whose after-commit hand-off was lost; returns how many were sent.

    Rows younger than ``older_than`` are left to the hand-off that is probably sending them now.
    """
    now = utcnow()
    rows = db.session.execute(
        select(OutboxTask.id, OutboxTask.task, OutboxTask.args)
        .where(OutboxTask.dispatched_at.is_(None), OutboxTask.created_at < now - older_than)
        .order_by(OutboxTask.id).limit(limit)
    ).all()
    db.session.execute(delete(OutboxTask).where(OutboxTask.dispatched_at < now - KEEP_DISPATCHED))
    db.session.commit()
    if rows:
        _dispatch([(row.id, row.task, list(row.args)) for row in rows])
    return len(rows)
