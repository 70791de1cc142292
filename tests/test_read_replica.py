"""Public catalogue reads on a streaming read replica; writes and read-your-writes on the primary.

The replica tests run a real primary and hot standby of their own (``tests/replica_cluster.py``,
127.0.0.1:5433 and :5434) and belong to the ``--db=postgresql`` pass.
"""
from contextlib import contextmanager

import pytest
from flask import g
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.exc import InternalError

from marketplace.accounts.models import Role
from marketplace.core import caching, replica
from marketplace.extensions import db
from marketplace.villages.models import Craft
from tests.conftest import _make_app, _migrate, wait_for
from tests.factories import CraftFactory, ListingFactory, ProducerFactory, UserFactory
from tests.replica_cluster import Cluster

DATABASE = "lnm_replica"


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    """The primary and its standby, with the migrated schema replayed on both."""
    pair = Cluster()
    try:
        pair.start()
        server = create_engine(pair.url(pair.primary_port), isolation_level="AUTOCOMMIT")
        with server.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{DATABASE}"'))
        server.dispose()
        _migrate(pair.url(pair.primary_port, DATABASE), tmp_path_factory.mktemp("replica-migrate"))
        yield pair
    finally:
        pair.stop()


def _replayed(standby, primary):
    """Wait until the standby has replayed everything the primary has committed."""
    with primary.connect() as conn:
        position = conn.scalar(text("SELECT pg_current_wal_insert_lsn()::text"))  # synchronous_commit is off here
    with standby.connect() as conn:
        wait_for(lambda: conn.scalar(text("SELECT pg_last_wal_replay_lsn() >= CAST(:p AS pg_lsn)"), {"p": position}),
                 timeout=30, interval=0.05)


@pytest.fixture
def pair_engines(cluster):
    """Direct engines on the primary and the standby (for setting up and looking behind the app's back)."""
    primary = create_engine(cluster.url(cluster.primary_port, DATABASE))
    standby = create_engine(cluster.url(cluster.standby_port, DATABASE), isolation_level="AUTOCOMMIT")
    with primary.begin() as conn:
        tables = [row[0] for row in conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"))]
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    _replayed(standby, primary)
    yield primary, standby
    with standby.connect() as conn:
        conn.execute(text("SELECT pg_wal_replay_resume()"))
    primary.dispose()
    standby.dispose()


@pytest.fixture
def replica_app(cluster, pair_engines, tmp_path):
    """``replica_app(**config)``: an app on the primary with DATABASE_REPLICA_URL naming the standby."""
    built = []

    def make(**overrides):
        app = _make_app(cluster.url(cluster.primary_port, DATABASE), tmp_path,
                        DATABASE_REPLICA_URL=cluster.url(cluster.standby_port, DATABASE), **overrides)
        built.append(app)
        return app

    yield make
    for app in built:
        with app.app_context():
            db.session.remove()
            for engine in db.engines.values():
                engine.dispose()


@contextmanager
def statements():
    """(primary, replica): the SQL statements each of the app's engines ran inside the block."""
    ran = {None: [], "replica": []}
    listeners = []
    for key, engine in db.engines.items():
        def before(conn, cursor, statement, parameters, context, executemany, key=key):
            ran[key].append(statement)
        event.listen(engine, "before_cursor_execute", before)
        listeners.append((engine, before))
    try:
        yield ran[None], ran["replica"]
    finally:
        for engine, before in listeners:
            event.remove(engine, "before_cursor_execute", before)


def _pause_replay(standby):
    with standby.connect() as conn:
        conn.execute(text("SELECT pg_wal_replay_pause()"))
        wait_for(lambda: conn.scalar(text("SELECT pg_get_wal_replay_pause_state()")) == "paused")


def _title_on(engine, listing_id):
    with engine.connect() as conn:
        return conn.scalar(text("SELECT title_en FROM listings WHERE id = :id"), {"id": listing_id})


@pytest.mark.postgres_only
def test_a_listing_created_on_the_primary_is_listed_from_the_replica_once_replayed(replica_app, pair_engines):
    """Does a new listing reach buyers through the replica, with every catalogue SELECT run there?"""
    primary, standby = pair_engines
    app = replica_app()
    with app.app_context():
        listing = ListingFactory(title_en="Bat Trang crackle glaze vase", title_vi="Bình men rạn Bát Tràng",
                                 price_vnd=1250000)
        listing_id = listing.id
        db.session.remove()
        _replayed(standby, primary)
        client = app.test_client()

        with statements() as (on_primary, on_replica):
            listed = client.get("/products?q=men+ran&lang=en")
            page = client.get(f"/products/{listing_id}?lang=en")
            api = client.get("/api/v1/products?q=bat+trang")
            one = client.get(f"/api/v1/products/{listing_id}")
            typed = client.get("/api/v1/suggest?q=binh+men")
            typo = client.get("/products?q=crackleglaze&lang=en")  # near misses: two words run together

    assert [r.status_code for r in (listed, page, api, one, typed, typo)] == [200, 200, 200, 200, 200, 200]
    assert "Bat Trang crackle glaze vase" in listed.get_data(as_text=True)
    assert "Bat Trang crackle glaze vase" in page.get_data(as_text=True)
    assert "Bat Trang crackle glaze vase" in typo.get_data(as_text=True)  # found as "crackle glaze"
    assert [(item["id"], item["price_vnd"]) for item in api.get_json()["items"]] == [(listing_id, 1250000)]
    assert one.get_json()["price_vnd"] == 1250000
    assert any(item["label"] == "Bình men rạn Bát Tràng" for group in typed.get_json()["groups"]
               for item in group["items"])
    assert on_primary == []
    assert sum("FROM listings" in s for s in on_replica) >= 5
    assert any("FROM search_words" in s for s in on_replica)  # the near misses' vocabulary too


@pytest.mark.postgres_only
def test_the_replica_refuses_writes_and_a_write_during_routed_reads_goes_to_the_primary(replica_app, pair_engines):
    """Can anything be written through the replica? (No: it is a hot standby, and the router never tries.)"""
    primary, _standby = pair_engines
    app = replica_app()
    with app.app_context():
        with pytest.raises(InternalError, match="read-only transaction"), replica.engine().begin() as conn:
            conn.execute(text("INSERT INTO crafts (slug, name_vi, name_en) VALUES ('x', 'x', 'x')"))

        with statements() as (on_primary, on_replica), replica.reads():
            count = db.session.scalar(select(db.func.count(Craft.id)))
            db.session.add(Craft(slug="son-mai", name_vi="Sơn mài", name_en="Lacquer"))
            db.session.commit()

    with primary.connect() as conn:
        assert conn.execute(text("SELECT slug, name_en FROM crafts")).all() == [("son-mai", "Lacquer")]
    assert count == 0
    assert [s.split()[0] for s in on_replica] == ["SELECT", "SELECT"]  # the caught-up check, the count
    assert any(s.startswith("INSERT INTO crafts") for s in on_primary)


@pytest.mark.postgres_only
def test_a_producer_sees_their_edit_at_once_while_the_replica_lags(replica_app, pair_engines):
    """Does a producer see the listing they just saved, and a visitor too, while the replica is behind?"""
    primary, standby = pair_engines
    app = replica_app(CACHE_TYPE="SimpleCache")  # the primary's WAL position after a change is kept in the cache
    with app.app_context():
        owner = UserFactory(role=Role.PRODUCER)
        producer = ProducerFactory(owner=owner)
        listing = ListingFactory(producer=producer, craft=CraftFactory(), title_en="Lacquer tray", price_vnd=600000)
        listing_id, craft_id, owner_id = listing.id, listing.craft_id, owner.get_id()
        db.session.remove()
        _replayed(standby, primary)
        _pause_replay(standby)
        producer_client, visitor = app.test_client(), app.test_client()
        with producer_client.session_transaction() as session:
            session["_user_id"], session["_fresh"], session["lang"] = owner_id, True, "en"

        saved = producer_client.post(f"/dashboard/listings/{listing_id}/edit", data={
            "title_vi": "Khay sơn mài khảm trai", "title_en": "Mother-of-pearl lacquer tray", "craft_id": str(craft_id),
            "price_vnd": "720000", "stock": "10", "unit": "piece", "lead_time_days": "7", "moq": "1", "weight_grams": "900",
            "status": "active"})
        g.pop("_login_user", None)
        with statements() as (on_primary, on_replica):
            own = producer_client.get(f"/products/{listing_id}")
            g.pop("_login_user", None)
            seen = visitor.get(f"/products/{listing_id}?lang=en")

        assert _title_on(standby, listing_id) == "Lacquer tray"  # the replica has not replayed the edit
        with standby.connect() as conn:
            conn.execute(text("SELECT pg_wal_replay_resume()"))
        _replayed(standby, primary)
        with statements() as (cached_primary, cached_replica):
            cached = visitor.get(f"/products/{listing_id}?lang=en")  # the page built for `seen`, from the cache
        caching.bump()  # as the next catalogue change would: the page is built again, on the replica now
        with statements() as (after_primary, after_replica):
            later = visitor.get(f"/products/{listing_id}?lang=en")

    assert saved.status_code == 302
    assert own.status_code == seen.status_code == cached.status_code == later.status_code == 200
    assert cached_primary == cached_replica == []
    for response in (own, seen, cached, later):
        assert "Mother-of-pearl lacquer tray" in response.get_data(as_text=True)
        assert "720.000" in response.get_data(as_text=True) or "720,000" in response.get_data(as_text=True)
    assert not any("FROM listings" in s for s in on_replica)  # both read the primary
    assert any("FROM listings" in s for s in on_primary)
    assert any("FROM listings" in s for s in after_replica) and after_primary == []


def test_without_a_replica_url_every_query_uses_the_primary(app, client, count_queries):
    """Is the default (no DATABASE_REPLICA_URL) unchanged: one engine, the catalogue read from it?"""
    ListingFactory(title_en="Van Phuc silk scarf")
    with count_queries() as queries:
        response = client.get("/products?q=silk&lang=en")
    assert list(db.engines) == [None]
    assert replica.engine() is None
    assert response.status_code == 200 and "Van Phuc silk scarf" in response.get_data(as_text=True)
    assert any("FROM listings" in q for q in queries)


def test_a_replica_that_does_not_answer_sends_catalogue_reads_to_the_primary(make_app):
    """Does the catalogue keep working when the replica is down? (It reads the primary.)"""
    app = make_app(DATABASE_REPLICA_URL="postgresql+psycopg://postgres@127.0.0.1:5139/nothing_here")
    with app.app_context():
        ListingFactory(title_en="Phu Vinh rattan basket", price_vnd=280000)
        response = app.test_client().get("/api/v1/products?q=rattan")
    assert response.status_code == 200
    assert [item["price_vnd"] for item in response.get_json()["items"]] == [280000]
