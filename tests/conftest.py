"""Test fixtures: every test gets its own, freshly migrated database.

``--db=sqlite`` (default) copies a migrated template file per test; ``--db=postgresql``
migrates one database per run on the machine's server (``TEST_POSTGRES_URL``) and
truncates every table before each test. PostgreSQL is never skipped: if it is asked for
and missing, the run fails.
"""
import os
import shutil
import subprocess
import uuid
from contextlib import contextmanager
from pathlib import Path

os.environ["APP_ENV"] = "testing"

import pytest  # noqa: E402
from sqlalchemy import create_engine, event, text  # noqa: E402

POSTGRES_SERVER = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def pytest_addoption(parser):
    parser.addoption("--db", default=os.environ.get("TEST_DB", "sqlite"), choices=("sqlite", "postgresql"),
                     help="database backend for the suite")


def _make_app(database_url, tmp_path, **overrides):
    from marketplace import create_app

    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "MAIL_OUTBOX_DIR": str(tmp_path / "mail"),
        "WTF_CSRF_ENABLED": False,
        "CELERY_TASK_ALWAYS_EAGER": True,
        "CELERY_BROKER_URL": "memory://",
        "RATELIMIT_STORAGE_URI": "memory://",
        "LOGIN_RATE_LIMIT": "1000 per minute",
        # Limits stay out of the way of tests that are not about them (test_rate_limits.py sets its own).
        "REGISTER_RATE_LIMIT": "1000 per minute",
        "RESET_RATE_LIMIT": "1000 per minute",
        "RESET_EMAIL_RATE_LIMIT": "1000 per minute",
        "API_WRITE_RATE_LIMIT": "1000 per minute",
        "SERVER_NAME": "localhost",
        "SECRET_KEY": "test-secret",
        "SQLITE_SYNCHRONOUS": "OFF",  # each test's database is a throw-away file
        # The order and payment tests count a flat 30.000 ₫ per parcel; the zone and weight table is
        # tested by tests/test_shipping.py and the browser's shipping test, which set this to None.
        "SHIPPING_FEE_VND": 30000,
    }
    config.update(overrides)
    return create_app(config)


def _migrate(database_url, tmp_path):
    from flask_migrate import upgrade

    app = _make_app(database_url, tmp_path)
    with app.app_context():
        upgrade()
        from marketplace.extensions import db

        db.engine.dispose()


@pytest.fixture(scope="session")
def backend(request):
    return request.config.getoption("--db")


@pytest.fixture(scope="session")
def database_template(backend, tmp_path_factory):
    """A migrated database made once per run: a SQLite file, or a PostgreSQL database."""
    tmp = tmp_path_factory.mktemp("template")
    if backend == "sqlite":
        path = tmp / "template.sqlite"
        _migrate(f"sqlite:///{path}", tmp)
        yield path
        return
    name = f"lnm_test_{uuid.uuid4().hex[:10]}"
    server = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:  # fails loudly when PostgreSQL is not there
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"
    try:
        _migrate(url, tmp)
        yield url
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@pytest.fixture(scope="session")
def demo_database_template(backend, database_template, tmp_path_factory):
    """The demo catalogue loaded once (``flask demo-data --no-images``'s work), for the ``demo``
    tests to start from instead of loading it each time: a SQLite file to copy, or on PostgreSQL
    the run's database's rows as a data-only ``pg_dump`` to restore."""
    from demo.loader import load_demo_data
    from marketplace.extensions import db

    tmp = tmp_path_factory.mktemp("demo-template")
    if backend == "sqlite":
        url = f"sqlite:///{tmp / 'demo.sqlite'}"
        shutil.copy(database_template, tmp / "demo.sqlite")
    else:
        url = database_template
        _empty_postgres(url)  # it holds the previous test's rows
    app = _make_app(url, tmp)
    with app.app_context():
        load_demo_data(with_images=False)
        db.session.remove()
        db.engine.dispose()
    if backend == "sqlite":
        return tmp / "demo.sqlite"
    dump = tmp / "demo.sql"
    subprocess.run(["pg_dump", "--data-only", "--disable-triggers", "--no-owner",
                    "--exclude-table-data=alembic_version", "-f", str(dump), _libpq(url)], check=True, capture_output=True)
    return dump


def _libpq(url):
    """A SQLAlchemy PostgreSQL URL as libpq (psql, pg_dump) reads it."""
    return "postgresql://" + url.split("://", 1)[1]


def _empty_postgres(url):
    """Every table emptied and every sequence back at 1, as TRUNCATE … RESTART IDENTITY would, but
    by DELETE with foreign-key triggers off: TRUNCATE makes new files for each of the ~70 tables
    and their indexes, about 20 times slower on these near-empty tables."""
    engine = create_engine(url)
    with engine.begin() as conn:
        tables = conn.scalars(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")).all()
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("; ".join(f'DELETE FROM "{table}"' for table in tables)))
        conn.execute(text("SELECT setval(c.oid, 1, false) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                          "WHERE c.relkind = 'S' AND n.nspname = 'public'"))
    engine.dispose()


@pytest.fixture
def database_url(request, backend, database_template, tmp_path):
    demo = request.getfixturevalue("demo_database_template") if request.node.get_closest_marker("demo") else None
    if backend == "sqlite":
        path = tmp_path / "test.sqlite"
        shutil.copy(demo or database_template, path)
        return f"sqlite:///{path}"
    _empty_postgres(database_template)
    if demo:  # the loaded demo catalogue's rows, this test's own to change
        subprocess.run(["psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-f", str(demo), _libpq(database_template)],
                       check=True, capture_output=True)
    return database_template


@pytest.fixture
def make_app(database_url, tmp_path):
    """Build an app on this test's database with config overrides (e.g. a rate limit)."""
    built = []

    def factory(**overrides):
        app = _make_app(database_url, tmp_path, **overrides)
        built.append(app)
        return app

    yield factory
    from marketplace.extensions import db

    for app in built:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    app = make_app()
    with app.app_context():
        yield app


CACHE_REDIS_URL = "redis://127.0.0.1:6379/12"  # the caching tests' own Redis database


@pytest.fixture
def make_cached_app(make_app):
    """``make_cached_app(**config)``: an app with the production cache, RedisCache on 127.0.0.1:6379,
    under a key prefix of this test's own; its keys (counters included) are deleted after the test."""
    from marketplace.extensions import cache

    built = []

    def factory(**overrides):
        app = make_app(CACHE_TYPE="RedisCache", CACHE_REDIS_URL=CACHE_REDIS_URL,
                       CACHE_KEY_PREFIX=f"lnm-test-{uuid.uuid4().hex}:", **overrides)
        built.append(app)
        return app

    yield factory
    for app in built:
        with app.app_context():
            cache.clear()  # only this prefix's keys


@pytest.fixture
def db(app):
    from marketplace.extensions import db

    return db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login(client):
    """Log a user in on the test client, in English (the login form itself is tested in test_accounts).

    Tests that read messages do so in English; tests of the Vietnamese default say so themselves.
    """

    def do(user, lang="en"):
        from flask import g

        # Requests share the test's app context, where Flask-Login caches the user it loaded:
        # forget it, so that switching users within a test takes effect.
        g.pop("_login_user", None)
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
            session["lang"] = lang
        return client

    return do


@pytest.fixture
def english_client(client):
    """The test client with English chosen through the language switch."""
    with client.session_transaction() as session:
        session["lang"] = "en"
    return client


@pytest.fixture
def english(app):
    """Service calls in this test speak English (outside a request the default, Vietnamese, applies)."""
    from flask_babel import force_locale

    with force_locale("en"):
        yield


@pytest.fixture
def count_queries(db):
    """``with count_queries() as queries: ...`` then ``len(queries)`` is the SQL statements run."""

    @contextmanager
    def counter():
        statements = []

        def before(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", before)

    return counter


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def celery_worker(database_url, tmp_path):
    """A real Celery worker process on Redis, on this test's database and its own queue.

    Yields the config overrides an app needs to send it tasks: ``make_app(**celery_worker)``.
    """
    import subprocess
    import sys

    import redis

    redis.Redis.from_url(REDIS_URL).ping()  # fails loudly when Redis is not there
    queue = f"test-{uuid.uuid4().hex[:8]}"
    overrides = {
        "CELERY_BROKER_URL": REDIS_URL, "CELERY_QUEUE": queue, "CELERY_TASK_ALWAYS_EAGER": False,
        "MAIL_OUTBOX_DIR": str(tmp_path / "mail"),
    }
    env = dict(os.environ, APP_ENV="testing", DATABASE_URL=database_url, CELERY_BROKER_URL=REDIS_URL,
               CELERY_QUEUE=queue, CELERY_TASK_ALWAYS_EAGER="0", MAIL_OUTBOX_DIR=overrides["MAIL_OUTBOX_DIR"],
               UPLOAD_FOLDER=str(tmp_path / "uploads"), INSTANCE_PATH=str(tmp_path / "instance"),
               SQLITE_SYNCHRONOUS="OFF")
    log = open(tmp_path / "worker.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "workers.worker", "worker", "--pool=solo", "-Q", queue,
         "--without-gossip", "--without-mingle", "--loglevel=info"],
        cwd=Path(__file__).resolve().parent.parent, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        yield overrides
    finally:
        stop(process)
        log.close()


def stop(process, timeout=20):
    """End a server or worker this suite started: SIGTERM (a clean shutdown), SIGKILL if it hangs."""
    import signal
    import subprocess

    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_for(predicate, timeout=30.0, interval=0.2):
    """Poll until ``predicate()`` is truthy; returns its value or fails after ``timeout`` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright drives Debian's Chromium (Playwright cannot download its own here)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-gpu"],
    }


@pytest.fixture
def live_server(make_app):
    """The app served on 127.0.0.1 (a free port) from a thread, on this test's database.

    Yields (base_url, app); use ``with app.app_context():`` to set up data from the test.
    """
    import threading

    from werkzeug.serving import make_server

    app = make_app(SERVER_NAME=None)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def stripe_server(tmp_path_factory):
    """localstripe, the fake Stripe server, in its own process on 127.0.0.1; yields its base URL.

    Started by ``tests/stripe_server.py`` (memory-only state, OS-chosen port). Never skipped: if
    it does not answer within 30 s the run fails, with its log. localstripe quirks (1.15.10):
    - ``PaymentIntent.create(payment_method=..., confirm=True)`` works in one call, and so does
      create then ``confirm(id)`` with no arguments; ``confirm(id, payment_method=...)`` is a
      500 "Not implemented".
    - Idempotency-Key is ignored: the same key twice creates two objects.
    - A declined card (``pm_card_chargeCustomerFail``) is HTTP 402, which stripe-python raises as
      CardError, but the intent is stored anyway (status requires_payment_method).
    - Refunds are always "succeeded" at once and not checked against what was charged; only
      payment_intent.succeeded/payment_failed events are sent (no charge.* or refund events).
    - ``latest_charge`` comes back expanded (a Charge object), where Stripe sends the id string.
    - PaymentIntent.create refuses parameters it does not know with 400 "Unexpected ...":
      description, receipt_email, automatic_payment_methods... (metadata is accepted).
    - ``DELETE /_config/data`` keeps registered webhooks, and an event is sent 1 s late to the
      webhooks registered by then: our launcher adds ``DELETE /_config/webhooks`` to drop both.
    """
    import subprocess
    import sys

    from tests.stripe_helpers import FakeStripe

    tmp = tmp_path_factory.mktemp("localstripe")
    port_file, log_path = tmp / "port", tmp / "localstripe.log"
    log = open(log_path, "w")
    process = subprocess.Popen([sys.executable, "-m", "tests.stripe_server", str(port_file)],
                               cwd=Path(__file__).resolve().parent.parent, stdout=log, stderr=subprocess.STDOUT)

    def answering():
        if process.poll() is not None:
            raise AssertionError(f"localstripe exited with {process.returncode}:\n{log_path.read_text()}")
        if not port_file.exists():
            return None
        url = f"http://127.0.0.1:{port_file.read_text()}"
        try:
            FakeStripe(url).reset()
        except OSError:
            return None
        return url

    try:
        yield wait_for(answering, timeout=30)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def stripe(stripe_server):
    """A clean localstripe for this test (no objects, no webhooks): a ``FakeStripe`` with ``url``,
    the test keys, ``config`` (overrides for ``make_app(**stripe.config)``), ``client()`` and
    ``register_webhook(url)``. Import the SDK under another name in tests that use this fixture."""
    from tests.stripe_helpers import FakeStripe

    fake = FakeStripe(stripe_server)
    fake.reset()
    return fake


def pytest_collection_modifyitems(config, items):
    """``postgres_only`` tests (real concurrency: SQLite serialises writers, so it proves nothing there)
    belong to the ``--db=postgresql`` pass, which always runs them; the SQLite pass deselects them,
    as the PostgreSQL pass deselects the browser tests. Nothing is skipped."""
    if config.getoption("--db") == "postgresql":
        return
    postgres_only = [item for item in items if item.get_closest_marker("postgres_only")]
    if postgres_only:
        config.hook.pytest_deselected(items=postgres_only)
        items[:] = [item for item in items if not item.get_closest_marker("postgres_only")]


@pytest.fixture
def serve(make_app):
    """``serve(**config_overrides)``: like ``live_server``, but the app takes config (e.g. ``**stripe.config``).

    Serves a new app on 127.0.0.1 (a free port) from a thread, on this test's database; returns
    (base_url, app). Every server started is shut down after the test.
    """
    import threading

    from werkzeug.serving import make_server

    running = []

    def start(**overrides):
        app = make_app(**{"SERVER_NAME": None, **overrides})
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        running.append((server, thread))
        return f"http://127.0.0.1:{server.server_port}", app

    yield start
    for server, thread in running:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
