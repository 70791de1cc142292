"""Product views and mark verification scans are counted in batches (Redis, or the process's
memory without it) and a flush adds them to daily rows; the product page itself writes nothing."""
import threading
import uuid

import pytest
from sqlalchemy import select

from marketplace.catalog.models import ListingViewDay
from marketplace.core import counters
from marketplace.reports import tallies
from marketplace.trademarks.models import MarkScanDay
from tests.factories import ListingFactory, ProductRightFactory

REDIS_URL = "redis://127.0.0.1:6379/12"
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(params=["redis", "memory"])
def app(make_app, request):
    """The app counting in Redis (under this test's own prefix), or in its own memory."""
    url = REDIS_URL if request.param == "redis" else ""
    app = make_app(COUNTER_REDIS_URL=url, CACHE_KEY_PREFIX=f"lnm-test-{uuid.uuid4().hex}:", COUNTER_FLUSH_SECONDS=3600)
    with app.app_context():
        yield app
        counters.take("views"), counters.take("scans")  # leave nothing in this test's keys


def _rows(db, model, count):
    return [(getattr(row, model.__table__.primary_key.columns.keys()[0]), getattr(row, count))
            for row in db.session.scalars(select(model).order_by(*model.__table__.primary_key.columns))]


def test_views_are_counted_then_flushed_into_daily_rows(client, db):
    """Do 3 views of one product and 2 of another become rows of 3 and 2 for today after a flush,
    and do 2 more views after it add up to 5 in the same row?"""
    vase, teapot = ListingFactory(), ListingFactory()
    db.session.commit()
    for listing, n in ((vase, 3), (teapot, 2)):
        for _ in range(n):
            assert client.get(f"/products/{listing.id}").status_code == 200

    assert _rows(db, ListingViewDay, "views") == []  # nothing written before the flush
    assert tallies.flush() == 5
    assert _rows(db, ListingViewDay, "views") == [(vase.id, 3), (teapot.id, 2)]
    assert {row.day for row in db.session.scalars(select(ListingViewDay))} == {counters.today()}

    client.get(f"/products/{vase.id}")
    client.get(f"/products/{vase.id}")
    assert tallies.flush() == 2
    assert tallies.flush() == 0  # a second flush finds nothing: no count doubled
    assert _rows(db, ListingViewDay, "views") == [(vase.id, 5), (teapot.id, 2)]


def test_the_product_page_runs_no_write_statement(client, db, count_queries):
    """Does showing a product page (and counting its view) run no INSERT, UPDATE or DELETE?"""
    vase = ListingFactory()
    db.session.commit()
    client.get(f"/products/{vase.id}")
    with count_queries() as queries:
        assert client.get(f"/products/{vase.id}").status_code == 200
    assert [q for q in queries if q.lstrip().upper().startswith(WRITES)] == []
    assert tallies.flush() == 2


def test_views_counted_during_concurrent_flushes_are_written_once(app, db):
    """With 4 threads counting 50 views each while 3 threads flush, are exactly 200 views written?"""
    vase = ListingFactory()
    db.session.commit()
    listing_id = vase.id

    def count():
        with app.app_context():
            for _ in range(50):
                counters.hit("views", listing_id)

    def flush():
        with app.app_context():
            for _ in range(5):
                tallies.flush()

    threads = [threading.Thread(target=count) for _ in range(4)] + [threading.Thread(target=flush) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tallies.flush()
    db.session.expire_all()
    assert _rows(db, ListingViewDay, "views") == [(listing_id, 200)]


def test_a_failed_write_keeps_the_counts_for_the_next_flush(db, monkeypatch):
    """When the upsert fails, are the taken counts put back and written by the next flush?"""
    vase = ListingFactory()
    db.session.commit()
    for _ in range(3):
        counters.hit("views", vase.id)

    def broken(*args):
        raise RuntimeError("database went away")

    monkeypatch.setattr(tallies, "_upsert", broken)
    with pytest.raises(RuntimeError):
        tallies.flush()
    monkeypatch.undo()
    assert tallies.flush() == 3
    assert _rows(db, ListingViewDay, "views") == [(vase.id, 3)]


def test_scans_of_a_marks_codes_are_counted_per_mark(client, db):
    """Do 2 verifications of one code and 1 of another code of the same mark count 3 scans of that mark,
    and an unknown code none?"""
    first = ProductRightFactory()
    second = ProductRightFactory(membership=first.membership, trademark=first.trademark)
    for code in (first.code, first.code.lower(), second.code):
        assert client.get(f"/verify/{code}").status_code == 200
    assert client.get("/verify/NOPE1234").status_code == 404

    assert tallies.flush() == 3
    assert _rows(db, MarkScanDay, "scans") == [(first.trademark_id, 3)]


def test_the_beat_task_flushes_the_counters(db, app):
    """Is the flush on the beat schedule, and does running its task write the counted views?"""
    from workers.tasks import flush_counters

    vase = ListingFactory()
    db.session.commit()
    for _ in range(4):
        counters.hit("views", vase.id)
    schedule = app.extensions["celery"].conf.beat_schedule["flush-counters"]
    assert schedule["task"] == "workers.tasks.flush_counters" and schedule["schedule"].total_seconds() == 3600

    flush_counters.delay()
    db.session.expire_all()
    assert _rows(db, ListingViewDay, "views") == [(vase.id, 4)]
