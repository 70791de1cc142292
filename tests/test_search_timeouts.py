"""Search under a busy PostgreSQL: a search the database cancels is a 503 with a message, never a 500.

A statement waiting for a lock counts against ``statement_timeout``, so another connection
holding ``listing_images`` (read only by the page's image query, never by the counts) makes
the page query slow on demand, without timing guesses about CPU speed.
"""
import threading
import time

import pytest
from sqlalchemy import create_engine, text

from tests.factories import ListingFactory, ProducerFactory, VillageFactory

pytestmark = pytest.mark.postgres_only


def _bat_trang_listings():
    producer = ProducerFactory(name="Gốm Minh Long", village=VillageFactory(name="Bát Tràng", slug="bat-trang"))
    return [ListingFactory(producer=producer, title_vi="Bình gốm men lam", title_en="Blue glaze vase"),
            ListingFactory(producer=producer, title_vi="Bát gốm men rạn", title_en="Crackle glaze bowl")]


class _ImagesLocked:
    """Hold an exclusive lock on listing_images from another connection for ``seconds``, or, ``to_the_end``,
    until the block ends (at most ``seconds``): however slow a busy machine makes the request, it meets it."""

    def __init__(self, database_url, seconds, to_the_end=False):
        self.engine = create_engine(database_url)
        self.seconds = seconds
        self.locked = threading.Event()
        self.released = threading.Event() if to_the_end else None

    def _hold(self):
        with self.engine.begin() as conn:
            conn.execute(text("LOCK TABLE listing_images IN ACCESS EXCLUSIVE MODE"))
            self.locked.set()
            if self.released is not None:
                self.released.wait(self.seconds)
            else:
                time.sleep(self.seconds)

    def __enter__(self):
        self.thread = threading.Thread(target=self._hold)
        self.thread.start()
        assert self.locked.wait(10)
        return self

    def __exit__(self, *exc):
        if self.released is not None:
            self.released.set()
        self.thread.join(timeout=30)
        self.engine.dispose()


def test_a_search_the_database_cancels_is_a_503_with_a_message(make_app, database_url):
    """Given a server-side statement timeout of 300 ms, when a search's page query waits longer
    (a lock held until the request is answered), do the page and the API answer 503 with a message, not a 500?"""
    app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True,
                                              "connect_args": {"options": "-c statement_timeout=300"}})
    with app.app_context():
        _bat_trang_listings()
    client = app.test_client()
    with client.session_transaction() as session:
        session["lang"] = "en"
    with _ImagesLocked(database_url, seconds=20, to_the_end=True):
        page = client.get("/products?q=bat+trang")
    with _ImagesLocked(database_url, seconds=20, to_the_end=True):
        api = client.get("/api/v1/products?q=bat+trang")
    assert page.status_code == 503
    assert "The search took too long. Please try again in a moment, or narrow it with a filter." in page.get_data(as_text=True)
    assert api.status_code == 503
    assert api.get_json() == {"error": {"status": 503, "message": "The search took too long. Please try again in a moment, "
                                                                  "or narrow it with a filter."}}
    with app.app_context():
        assert client.get("/products?q=bat+trang").status_code == 200  # the next search, unhindered, works
