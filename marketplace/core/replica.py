"""Public catalogue reads on a read replica (``DATABASE_REPLICA_URL``), everything else on the primary.

A view decorated with :func:`routed` (the product list and page, the API's products and
search-box suggestions) runs its reads, lazy loads and template rendering included, on the
``replica`` bind; its writes, if it had any, still go to the primary (``core.routing``). Two
rules keep a reader from seeing the past:

- Read-your-writes: a reader who may have just changed something (``unless()``: by default a
  signed-in user or a visitor with a cart, ``caching.personal``) reads the primary. So a
  producer sees the listing they just saved, and carts, checkout, stock checks, dashboards
  and every other page are never routed at all.
- The replica serves only once it has replayed the latest catalogue change. After a commit
  that changed the catalogue, ``caching`` records the primary's WAL position here before it
  makes the cached answers stale; a routed read first asks the replica whether it has
  replayed that far (one small statement) and reads the primary while it has not, so an
  answer cached under the new generation is never an old one. A replica that does not answer
  sends the read to the primary too.

Unset ``DATABASE_REPLICA_URL`` (the default, SQLite included): no bind, every query on the primary.
"""
import logging
from contextlib import contextmanager
from functools import wraps

from sqlalchemy import text

from marketplace.core.routing import READING, REPLICA_BIND
from marketplace.extensions import cache, db

log = logging.getLogger(__name__)

PRIMARY_POSITION_KEY = "catalogue:primary-wal"  # the primary's WAL position after the latest catalogue commit
# Where the WAL has been inserted to, the commit just made included. Not pg_current_wal_lsn(), how far it
# has been *written*: with synchronous_commit off a commit returns before its record is written, so
# that position can stop short of it, and a replica replayed that far would still show the past.
_INSERTED = text("SELECT pg_current_wal_insert_lsn()::text")
_CAUGHT_UP = text("SELECT pg_last_wal_replay_lsn() IS NULL OR pg_last_wal_replay_lsn() >= CAST(:position AS pg_lsn)")


def configure(app):
    """Declare the ``replica`` bind from ``DATABASE_REPLICA_URL`` (before ``db.init_app``)."""
    url = app.config.get("DATABASE_REPLICA_URL")
    if not url:
        return
    options = {"url": url, "pool_pre_ping": True}
    if url.startswith("postgresql"):
        # Refuse writes even where the URL names a server that would take them (the same-server set-up).
        options["connect_args"] = {"options": "-c default_transaction_read_only=on"}
    app.config.setdefault("SQLALCHEMY_BINDS", {})[REPLICA_BIND] = options


def engine():
    """The replica's engine, or None when there is none."""
    return db.engines.get(REPLICA_BIND)


def note_primary_position():
    """Remember how far the primary's WAL is, right after a commit that changed the catalogue."""
    if engine() is None or db.engine.dialect.name != "postgresql":
        return
    try:
        with db.engine.connect() as conn:
            cache.set(PRIMARY_POSITION_KEY, conn.scalar(_INSERTED), timeout=0)
    except Exception:  # the next reads may be a replication lag old, as with no cache
        log.exception("could not record the primary's WAL position")


def caught_up():
    """Whether the replica answers and has replayed the latest catalogue change (any, when none is recorded)."""
    position = cache.get(PRIMARY_POSITION_KEY) or "0/0"
    try:
        with engine().connect() as conn:
            return bool(conn.scalar(_CAUGHT_UP, {"position": position}))
    except Exception:
        log.exception("the read replica did not answer: reading the primary")
        return False


class _Decision:
    """Whether to read the replica, asked of it at the first statement (an answer from the cache asks nothing)."""

    def __init__(self):
        self._answer = None

    def __bool__(self):
        if self._answer is None:
            self._answer = engine() is not None and caught_up()
        return self._answer


@contextmanager
def reads():
    """Inside the block, the session's reads go to the replica, if there is one and it is caught up."""
    session = db.session
    previous = session.info.get(READING)
    session.info[READING] = previous if previous is not None else _Decision()
    try:
        yield
    finally:
        if previous is None:
            session.info.pop(READING, None)
        else:
            session.info[READING] = previous


def routed(unless):
    """Decorate a public catalogue view: its reads go to the replica unless ``unless()`` (the reader may
    have just changed something, and must read the primary)."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if engine() is None or unless():
                return view(*args, **kwargs)
            with reads():
                return view(*args, **kwargs)

        return wrapper

    return decorate
