"""Batched counters: a page adds one to a counter without touching the database; a beat task
takes every counter at once (read and reset in one step) and writes the sums (reports.tallies).

Each counter is one field ``<id>:<YYYY-MM-DD>`` (Hanoi's date) of the hash ``<prefix>counter:<kind>``.
Where: Redis at ``COUNTER_REDIS_URL`` (by default the cache's ``CACHE_REDIS_URL``), shared by
every web worker and read by the Celery worker: ``HINCRBY`` to count, and a MULTI/EXEC of
``HGETALL`` + ``DEL`` to take, so a view counted during a flush lands in this flush or the next,
never both, never neither. Without Redis (development on SQLite) the counters live in the web
process's memory behind a lock and that process writes them itself, at most once per
``COUNTER_FLUSH_SECONDS``, after a request that counted (the Celery worker cannot see them).
"""
import threading
import time
from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import redis
from flask import current_app

_EXTENSION = "counters"


class _Memory:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}  # kind -> Counter of field -> n
        self.flushed_at = time.monotonic()

    def add(self, kind, field):
        with self.lock:
            self.counts.setdefault(kind, Counter())[field] += 1

    def take(self, kind):
        with self.lock:
            return dict(self.counts.pop(kind, {}))

    def give_back(self, kind, counts):
        with self.lock:
            self.counts.setdefault(kind, Counter()).update(counts)


class _Redis:
    def __init__(self, url, prefix):
        self.client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self.prefix = prefix

    def _key(self, kind):
        return f"{self.prefix}counter:{kind}"

    def add(self, kind, field):
        self.client.hincrby(self._key(kind), field, 1)

    def take(self, kind):
        pipe = self.client.pipeline(transaction=True)
        pipe.hgetall(self._key(kind))
        pipe.delete(self._key(kind))
        counts, _deleted = pipe.execute()
        return {field.decode(): int(n) for field, n in counts.items()}

    def give_back(self, kind, counts):
        pipe = self.client.pipeline(transaction=True)
        for field, n in counts.items():
            pipe.hincrby(self._key(kind), field, n)
        pipe.execute()


def _store():
    app = current_app._get_current_object()
    store = app.extensions.get(_EXTENSION)
    if store is None:
        url = app.config.get("COUNTER_REDIS_URL") or app.config.get("CACHE_REDIS_URL")
        store = _Redis(url, app.config.get("CACHE_KEY_PREFIX", "")) if url else _Memory()
        app.extensions[_EXTENSION] = store
    return store


def in_memory():
    return isinstance(_store(), _Memory)


def today():
    return datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


def hit(kind, subject_id):
    """Count one ``kind`` event (``"views"``, ``"scans"``) of ``subject_id`` today; never raises."""
    try:
        _store().add(kind, f"{int(subject_id)}:{today().isoformat()}")
    except redis.RedisError:
        current_app.logger.warning("counter %s of %s lost: Redis unreachable", kind, subject_id)


def take(kind):
    """Every counted ``kind`` event since the last take, as {(subject id, date): n}; the counters restart at 0."""
    return {_parse(field): n for field, n in _store().take(kind).items()}


def give_back(kind, counts):
    """Put back counts taken with ``take`` that could not be written (the next take has them again)."""
    _store().give_back(kind, {f"{subject}:{day.isoformat()}": n for (subject, day), n in counts.items()})


def flush_due():
    """In memory mode, whether this process should write its counters now (and note that it does)."""
    store = _store()
    if not isinstance(store, _Memory):
        return False
    with store.lock:
        if time.monotonic() - store.flushed_at < current_app.config.get("COUNTER_FLUSH_SECONDS", 60):
            return False
        store.flushed_at = time.monotonic()
        return True


def _parse(field):
    subject, day = field.rsplit(":", 1)
    return int(subject), datetime.strptime(day, "%Y-%m-%d").date()
