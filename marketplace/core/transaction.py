"""The unit of work: a service owns its transaction, and SQLite's mean what PostgreSQL's mean.

A public service function decorated with ``@transactional`` commits when it returns and rolls
back everything it did when it raises; helpers it calls never commit or roll back. Called from
another transactional service, it joins the caller's transaction instead.
"""
from functools import wraps

from sqlalchemy import event

from marketplace.extensions import db

_DEPTH = "transactional_depth"


def transactional(fn):
    """Run ``fn`` as one transaction: commit on return, roll back on any exception."""

    @wraps(fn)
    def run(*args, **kwargs):
        session = db.session
        depth = session.info.get(_DEPTH, 0)
        session.info[_DEPTH] = depth + 1
        try:
            result = fn(*args, **kwargs)
            if depth == 0:
                session.commit()
            return result
        except BaseException:
            if depth == 0:
                session.rollback()
            raise
        finally:
            session.info[_DEPTH] = depth

    return run


def configure_sqlite(engine, synchronous="FULL"):
    """Make a savepoint on SQLite live inside the transaction, as on PostgreSQL.

    pysqlite (in its default, legacy mode) opens a transaction only before the first INSERT,
    UPDATE or DELETE. A SAVEPOINT issued before any write therefore starts the transaction
    itself, and its RELEASE commits it: a row added in ``begin_nested()`` would survive the
    session's rollback. Beginning the transaction just before the first savepoint keeps it
    open. SQLAlchemy's full recipe (``isolation_level = None`` and BEGIN on every checkout)
    was tried and not kept: every read then opens a snapshot transaction, so a long-lived
    session (a test's, a worker's loop) stops seeing other connections' commits, and a read
    followed by a write fails with "database is locked" instead of waiting when the worker
    writes at the same moment. Reads outside a write keep seeing committed data, which is
    what PostgreSQL's READ COMMITTED gives.
    """

    @event.listens_for(engine, "connect")
    def _durability(dbapi_connection, record):
        # FULL (SQLite's own default) in use; the test suite's throw-away files take OFF.
        dbapi_connection.execute(f"PRAGMA synchronous = {synchronous}")

    @event.listens_for(engine, "savepoint")
    def _begin_before_savepoint(connection, name):
        dbapi_connection = connection.connection.dbapi_connection
        if not dbapi_connection.in_transaction:
            dbapi_connection.execute("BEGIN")
