#!/usr/bin/env python
"""Catalogue and search benchmark on PostgreSQL, through gunicorn.

    .venv/bin/python benchmarks/catalog_bench.py [--listings 100000] [--producers 2000]
        [--duration 20] [--concurrency 8] [--database-url URL] [--keep] [--reuse] [--explain]

1. (Re)creates the database (default ``lnm_bench`` on 127.0.0.1:5432) and builds the schema
   with the project's migrations (``flask --app wsgi db upgrade``).
2. Generates the catalogue (``catalog_data.py``) and loads it with COPY; VACUUM ANALYZE.
3. In-process (an app on the same database, Flask test client): checks a sample of
   ``search_text`` against the app's own ``searchable_text``, finds out which pages render,
   counts the SQL queries of each page at several page sizes and times each query.
4. Starts gunicorn on a free 127.0.0.1 port, waits for /healthz, and measures latency and
   throughput of each scenario with N keep-alive client threads for a fixed duration.
5. Prints a Markdown report and writes it to ``benchmarks/results/catalog-<date>.md``;
   stops gunicorn and drops the database (unless ``--keep``) whatever happens.

The database is dropped and recreated: its name must contain "bench".
"""
import argparse
import http.client
import logging
import math
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/lnm_bench"
BROKER_URL = "redis://127.0.0.1:6379/15"
PAGE_SIZES = (1, 24, 100)
SLOW_LIMIT = 2.0  # seconds: a "slow" scenario whose single call takes longer is not sent through gunicorn


def venv_bin(name):
    for candidate in (ROOT / ".venv" / "bin" / name, Path(sys.executable).parent / name):
        if candidate.exists():
            return str(candidate)
    raise SystemExit(f"{name} not found in .venv/bin")


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- database -------------------------------------------------------------------------------


def normalise_url(url):
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.get_backend_name() != "postgresql":
        raise SystemExit("the benchmark needs a PostgreSQL --database-url")
    if u.drivername != "postgresql+psycopg":
        u = u.set(drivername="postgresql+psycopg")
    if "bench" not in (u.database or ""):
        raise SystemExit(f"refusing to use database {u.database!r}: it is dropped and recreated, so its name must contain 'bench'")
    return u


def pg_connect(u, dbname=None, autocommit=False):
    import psycopg

    return psycopg.connect(host=u.host or "127.0.0.1", port=u.port or 5432, user=u.username or "postgres",
                           password=u.password, dbname=dbname or u.database, autocommit=autocommit)


def recreate_database(u):
    from psycopg import sql

    with pg_connect(u, "postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(u.database)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(u.database)))


def drop_database(u):
    from psycopg import sql

    with pg_connect(u, "postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(u.database)))


def has_catalogue(u):
    """True when the database exists and holds listings (a finished earlier run kept with --keep)."""
    with pg_connect(u, "postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (u.database,)).fetchone() is None:
            return False
    with pg_connect(u) as conn:
        if conn.execute("SELECT to_regclass('listings')").fetchone()[0] is None:
            return False
        return conn.execute("SELECT EXISTS (SELECT 1 FROM listings)").fetchone()[0]


def migrate(env):
    result = subprocess.run([venv_bin("flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    if result.returncode:
        raise RuntimeError(f"flask db upgrade failed:\n{result.stdout}\n{result.stderr}")


def load_catalogue(u, listings, producers, seed):
    """Generate and COPY the catalogue; returns (counts per table, timings)."""
    from psycopg import sql

    from catalog_data import COLUMNS, Catalogue

    timings = {}
    t0 = time.perf_counter()
    cat = Catalogue(listings, producers, seed=seed)

    def copy(cur, table, rows):
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, COLUMNS[table])))
        n = 0
        with cur.copy(statement) as cp:
            for row in rows:
                cp.write_row(row)
                n += 1
        return n

    counts = {}
    with pg_connect(u) as conn, conn.cursor() as cur:
        for table in ("crafts", "villages", "village_crafts", "associations", "trademarks", "trademark_villages",
                      "producers", "memberships"):
            counts[table] = copy(cur, table, cat.rows[table])
        counts["listings"] = copy(cur, "listings", cat.listings())
        timings["generate + COPY listings"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        for table in ("product_rights", "listing_images", "variants", "wholesale_tiers", "search_words", "search_suggestions"):
            counts[table] = copy(cur, table, cat.rows[table])
        for table, columns in COLUMNS.items():
            if columns[0] == "id":
                cur.execute(sql.SQL("SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM {}))")
                            .format(sql.Identifier(table)), (table,))
        conn.commit()
        timings["COPY rights, images, variants, tiers"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    with pg_connect(u, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    timings["VACUUM ANALYZE"] = time.perf_counter() - t2
    return counts, timings


def table_counts(u):
    from catalog_data import COLUMNS

    with pg_connect(u) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COLUMNS}


def pick_listings(u, seed, n=200):
    """Random public listing ids, plus a 'rich' one (images, variants, tiers, a mark) and a bare one."""
    with pg_connect(u) as conn:
        ids = [r[0] for r in conn.execute(
            "SELECT l.id FROM listings l JOIN producers p ON p.id = l.producer_id "
            "WHERE l.status = 'active' AND p.status = 'approved'")]
        rich = conn.execute(
            "SELECT l.id FROM listings l JOIN producers p ON p.id = l.producer_id "
            "WHERE l.status = 'active' AND p.status = 'approved' "
            "AND (SELECT count(*) FROM listing_images i WHERE i.listing_id = l.id) >= 2 "
            "AND EXISTS (SELECT 1 FROM variants v WHERE v.listing_id = l.id) "
            "AND EXISTS (SELECT 1 FROM wholesale_tiers t WHERE t.listing_id = l.id) "
            "AND EXISTS (SELECT 1 FROM product_rights r WHERE r.listing_id = l.id AND r.status = 'active') "
            "ORDER BY l.id LIMIT 1").fetchone()
        bare = conn.execute(
            "SELECT l.id FROM listings l JOIN producers p ON p.id = l.producer_id "
            "WHERE l.status = 'active' AND p.status = 'approved' "
            "AND NOT EXISTS (SELECT 1 FROM listing_images i WHERE i.listing_id = l.id) "
            "AND NOT EXISTS (SELECT 1 FROM variants v WHERE v.listing_id = l.id) "
            "AND NOT EXISTS (SELECT 1 FROM product_rights r WHERE r.listing_id = l.id) "
            "ORDER BY l.id LIMIT 1").fetchone()
    if not ids:
        raise RuntimeError("no public listings in the database")
    sample = random.Random(seed).sample(ids, min(n, len(ids)))
    return sample, [r[0] for r in (rich, bare) if r] or sample[:2]


# --- scenarios ------------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    path: str  # "/products", "/products/{id}" or an API path
    args: dict = field(default_factory=dict)
    kind: str = "search"  # "search", "detail", "api"
    slow: bool = False  # may be very slow: one timed call first; load-tested only if it takes under SLOW_LIMIT
    # Filled in by the probe:
    mode: str = ""  # "html", "json (fallback)", "api", "not available", "error"
    note: str = ""
    queries: list = field(default_factory=list)  # [(label, count)]
    result: dict | None = None
    breakdown: dict | None = None

    def url(self, listing_id=None, **extra):
        path = self.path.format(id=listing_id) if "{id}" in self.path else self.path
        if self.mode == "json (fallback)":
            path = "/_bench" + path
        args = {**self.args, **extra}
        return path + ("?" + urlencode(args) if args else "")

    @property
    def shown(self):
        path = self.path if "{id}" not in self.path else self.path.replace("{id}", "<id>")
        return path + ("?" + "&".join(f"{k}={v}" for k, v in self.args.items()) if self.args else "")


def scenarios():
    return [
        Scenario("catalogue", "/products"),
        Scenario("catalogue, page 50", "/products", {"page": "50"}),
        Scenario("search 'bat trang'", "/products", {"q": "bat trang"}),
        Scenario("search 'lua van phuc' (no diacritics)", "/products", {"q": "lua van phuc"}),
        Scenario("search + facets", "/products", {"q": "binh", "craft": "ceramics", "ocop": "4"}),
        Scenario("search 'do go' (broad)", "/products", {"q": "do go"}),
        Scenario("search with a typo 'bat trng' (its respelling's results)", "/products", {"q": "bat trng"}, slow=True),
        Scenario("search no listing holds whole 'khan lua theu tay' (those missing one word)", "/products",
                 {"q": "khan lua theu tay"}),
        Scenario("search with a word nothing is near 'blue glazzzz' (the rest's results)", "/products", {"q": "blue glazzzz"}),
        Scenario("search with two words run together 'crackleglaze'", "/products", {"q": "crackleglaze"}),
        Scenario("best rated", "/products", {"sort": "rating"}),
        Scenario("product page", "/products/{id}", kind="detail"),
        Scenario("API search 'do go'", "/api/v1/products", {"q": "do go"}, kind="api"),
    ]


# --- in-process: probe, count and time the SQL --------------------------------------------


class ErrorCatcher(logging.Handler):
    """Keeps the exception the app's error handler logged (it turns everything into a 500 page)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.last = None

    def emit(self, record):
        if record.exc_info and record.exc_info[1] is not None:
            self.last = record.exc_info[1]


class QueryLog:
    def __init__(self, engine):
        from sqlalchemy import event

        self.active = False
        self.entries = []
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        if self.active:
            conn.info.setdefault("bench_started", []).append(time.perf_counter())

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        if self.active and conn.info.get("bench_started"):
            started = conn.info["bench_started"].pop()
            self.entries.append((statement, parameters, time.perf_counter() - started))

    @contextmanager
    def capture(self):
        self.entries = []
        self.active = True
        try:
            yield self.entries
        finally:
            self.active = False


def label(statement):
    s = " ".join(statement.split()).lower()
    if "from catalogue_counts" in s:
        return "stored counts"
    if "with hits as" in s:
        return "total + facets"
    if "as part" in s and "union all" in s:
        return "ranked ids"
    if "group by crafts.slug" in s:
        return "facet craft"
    if "group by villages.slug" in s:
        return "facet village"
    if "group by trademarks.slug" in s:
        return "facet mark"
    if "group by producers.ocop_stars" in s:
        return "facet ocop"
    if s.startswith("select count("):
        return "count"
    for table, name in (("listing_images", "images"), ("product_rights", "rights"), ("variants", "variants"),
                        ("wholesale_tiers", "tiers")):
        if s.startswith(f"select {table}."):
            return name
    if s.startswith("select listings."):
        return "page rows"
    return s[:40]


def make_app(url):
    from marketplace import create_app

    from bench_routes import add_bench_routes

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    add_bench_routes(app)
    logging.getLogger().setLevel(logging.WARNING)
    return app


def check_search_text(app, ids):
    """The stored search_text of sample listings equals what the app computes for them."""
    from marketplace.catalog.models import Listing
    from marketplace.catalog.search import searchable_text
    from marketplace.extensions import db

    bad = []
    with app.app_context():
        for listing_id in ids:
            listing = db.session.get(Listing, listing_id)
            if searchable_text(listing) != listing.search_text:
                bad.append(listing_id)
    return bad


def probe(app, qlog, scenario, detail_ids, catcher):
    """Decide how a scenario is measured and count its SQL queries at several page sizes."""
    client = app.test_client()

    def get(url):
        catcher.last = None
        with qlog.capture() as entries:
            response = client.get(url, headers={"Accept-Language": "vi"})
        return response, len(entries), catcher.last

    scenario.mode = {"api": "api"}.get(scenario.kind, "html")
    response, _, exc = get(scenario.url(detail_ids[0]))
    if response.status_code != 200:
        if scenario.kind == "api" and response.status_code == 404:
            scenario.mode, scenario.note = "not available", "404: the API route does not exist yet"
            return
        reason = f"{type(exc).__name__}: {exc}" if exc else f"HTTP {response.status_code}"
        if scenario.kind == "api":
            scenario.mode, scenario.note = "error", reason
            return
        scenario.mode = "json (fallback)"
        scenario.note = f"HTML page failed ({reason}); measured the same service call through /_bench JSON"
        response, _, exc = get(scenario.url(detail_ids[0]))
        if response.status_code != 200:
            scenario.mode, scenario.note = "error", f"{scenario.note}; fallback failed too: {exc or response.status_code}"
            return
    if scenario.kind == "detail":
        scenario.queries = [(f"id {i}", get(scenario.url(i))[1]) for i in detail_ids[:2]]
    else:
        scenario.queries = [(f"per_page {n}", get(scenario.url(per_page=n))[1]) for n in PAGE_SIZES]


def time_service(app, qlog, scenario, detail_ids, iterations, warmup=2):
    """Median time of the service call behind a page (fresh session each call) and of each of its queries."""
    from marketplace.catalog import services

    totals, per_label, total_rows, sample = [], defaultdict(list), None, None
    for i in range(iterations + warmup):
        with app.app_context(), qlog.capture() as entries:
            started = time.perf_counter()
            if scenario.kind == "detail":
                services.public_listing(detail_ids[i % len(detail_ids)])
            else:
                page = services.search_listings(services.SearchParams.from_args(scenario.args))
                total_rows = page.total
            elapsed = time.perf_counter() - started
        if i < warmup:
            continue
        totals.append(elapsed)
        grouped = defaultdict(float)
        for statement, _params, seconds in entries:
            grouped[label(statement)] += seconds
        for name, seconds in grouped.items():
            per_label[name].append(seconds)
        sample = list(entries)
    client = app.test_client()
    request_ms, request_sql = [], []
    for i in range(iterations + warmup):  # the whole uncached request (CACHE_TYPE=NullCache): routing, SQL, template
        with qlog.capture() as entries:
            started = time.perf_counter()
            response = client.get(scenario.url(detail_ids[i % len(detail_ids)]), headers={"Accept-Language": "vi"})
            elapsed = time.perf_counter() - started
        if i >= warmup and response.status_code == 200:
            request_ms.append(elapsed * 1000)
            request_sql.append(sum(seconds for _s, _p, seconds in entries) * 1000)
    scenario.breakdown = {
        "request": statistics.median(request_ms) if request_ms else float("nan"),
        "request_sql": statistics.median(request_sql) if request_sql else float("nan"),
        "total": statistics.median(totals) * 1000,
        "sql": {name: statistics.median(v) * 1000 for name, v in per_label.items()},
        "matches": total_rows,
        "statements": sample,
        "iterations": iterations,
    }


def explain(app, scenario, limit=2):
    """EXPLAIN (ANALYZE, BUFFERS) of the slowest statements of the last timed call."""
    from marketplace.extensions import db

    out = []
    statements = sorted(scenario.breakdown["statements"], key=lambda e: -e[2])[:limit]
    with app.app_context():
        conn = db.session.connection()
        for statement, params, seconds in statements:
            rows = conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, params).all()
            out.append((label(statement), seconds * 1000, statement, "\n".join(r[0] for r in rows)))
        db.session.rollback()
    return out


# --- gunicorn and the load generator ------------------------------------------------------


PORTS = range(int(os.environ.get("BENCH_PORT_FIRST", "5110")), int(os.environ.get("BENCH_PORT_LAST", "5129")) + 1)


def free_port():
    """The first free port of PORTS (BENCH_PORT_FIRST..BENCH_PORT_LAST, default 5110-5129)."""
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


class Server:
    def __init__(self, env, workers, threads, fallback, logfile, app_spec=None):
        self.port = free_port()
        app_spec = app_spec or (["--pythonpath", str(HERE), "bench_wsgi:app"] if fallback else ["wsgi:app"])
        self.app_spec = app_spec[-1]
        self.cmd = [venv_bin("gunicorn"), "--no-control-socket", "-w", str(workers), "--threads", str(threads),
                    "-b", f"127.0.0.1:{self.port}", *app_spec]
        self.logfile = logfile
        self.proc = None

    def start(self, env, timeout=60):
        """Start gunicorn and wait for /healthz (hello-world answers every path)."""
        with open(self.logfile, "wb") as out:
            self.proc = subprocess.Popen(self.cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                response = conn.getresponse()
                body = response.read().decode()
                conn.close()
                if response.status == 200:
                    return None
                if response.status == 503 and '"database":"ok"' in body.replace(" ", ""):
                    return f"/healthz answered 503 (broker down?): {body.strip()}"
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz within {timeout}s:\n{self.log_tail()}")

    def log_tail(self, n=40):
        try:
            return "\n".join(Path(self.logfile).read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)  # our own session: the master and its workers
            self.proc.wait(timeout=5)


STOP = threading.Event()
SAMPLING = threading.Event()


def sample_load(into, every=5.0):
    """Append the 1-minute load average every ``every`` seconds until SAMPLING is set."""
    while not SAMPLING.wait(every):
        try:
            into.append(float(Path("/proc/loadavg").read_text().split()[0]))
        except OSError:
            return


def hammer(port, urls, seconds, concurrency, seed):
    """N keep-alive client threads requesting random urls from the list for ``seconds``."""
    latencies, statuses, errors = [], Counter(), Counter()
    lock = threading.Lock()
    started = time.perf_counter()
    deadline = started + seconds

    def worker(k):
        rng = random.Random(seed * 1000 + k)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, my_status, my_errors = [], Counter(), Counter()
        fresh = True  # a request on a reused keep-alive connection may meet a close: retry it once, like browsers do
        while not STOP.is_set() and time.perf_counter() < deadline:
            url = urls[rng.randrange(len(urls))]
            t0 = time.perf_counter()
            for attempt in (1, 2):
                try:
                    conn.request("GET", url, headers={"Accept-Language": "vi", "Accept": "text/html,application/json"})
                    response = conn.getresponse()
                    response.read()
                    break
                except (OSError, http.client.HTTPException) as exc:
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    if attempt == 1 and not fresh:
                        my_errors[f"retried after {type(exc).__name__}"] += 1
                        fresh = True
                        continue
                    my_errors[type(exc).__name__] += 1
                    response = None
                    break
            if response is None:
                continue
            fresh = False
            elapsed = time.perf_counter() - t0
            my_status[response.status] += 1
            if response.status == 200:
                mine.append(elapsed)
            if response.will_close:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                fresh = True
        conn.close()
        with lock:
            latencies.extend(mine)
            statuses.update(my_status)
            errors.update(my_errors)

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        while t.is_alive():
            t.join(0.5)
    wall = time.perf_counter() - started
    return latencies, statuses, errors, wall


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def run_http(server, scenario, detail_ids, args):
    urls = [scenario.url(i) for i in detail_ids] if scenario.kind == "detail" else [scenario.url()]
    if args.warmup > 0:
        hammer(server.port, urls, args.warmup, args.concurrency, args.seed)
    latencies, statuses, errors, wall = hammer(server.port, urls, args.duration, args.concurrency, args.seed + 1)
    single = sorted(hammer(server.port, urls, args.single_seconds, 1, args.seed + 2)[0]) if args.single_seconds > 0 else []
    latencies.sort()
    ms = [v * 1000 for v in latencies]
    scenario.result = {
        "ok": len(ms),
        "rps": len(ms) / wall if wall else 0.0,
        "mean": statistics.fmean(ms) if ms else float("nan"),
        "p50": percentile(ms, 50),
        "p95": percentile(ms, 95),
        "p99": percentile(ms, 99),
        "max": ms[-1] if ms else float("nan"),
        "p50_1": percentile(single, 50) * 1000 if single else float("nan"),
        "bad": sum(c for s, c in statuses.items() if s != 200) + sum(c for e, c in errors.items() if not e.startswith("retried")),
        "detail": ", ".join([f"HTTP {s}: {c}" for s, c in sorted(statuses.items()) if s != 200]
                            + [f"{e}: {c}" for e, c in errors.items()]),
    }


# --- report ---------------------------------------------------------------------------------


def fmt(value, digits=1):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}"


def report_table(meta_lines, title, *header):
    """A report's list of facts (``meta_lines``), then the Markdown section ``title`` opening a table
    with the ``header`` lines (its column names, then its alignment row)."""
    return [*(f"- {line}" for line in meta_lines), "", f"## {title}", "", *header]


def report(meta, items, explains):
    lines = [f"# Catalogue benchmark, {meta['started']}", ""]
    lines += report_table(meta["lines"], "HTTP (gunicorn)",
                          "| Scenario | Request | Measured as | Requests | Req/s | Share of hello-world | p50 ms | p95 ms "
                          "| p99 ms | Non-200 | p50 ms, 1 client | In-process request ms | of which SQL ms | SQL queries |",
                          "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for s in items:
        q = " / ".join(f"{n}" for _, n in s.queries) if s.queries else "–"
        if s.queries:
            q += " (" + ("ids " + ", ".join(k.split()[-1] for k, _ in s.queries) if s.kind == "detail"
                        else "per_page " + "/".join(k.split()[-1] for k, _ in s.queries)) + ")"
        r = s.result
        if r is None:
            lines.append(f"| {s.name} | `{s.shown}` | {s.mode} | – | – | – | – | – | – | – | – | – | – | {q} |")
            continue
        b = s.breakdown or {}
        share = f"{r['share'] * 100:.1f} %" if "share" in r else "–"
        lines.append(f"| {s.name} | `{s.shown}` | {s.mode} | {r['ok']:,} | {fmt(r['rps'])} | {share} | "
                     f"{fmt(r['p50'])} | {fmt(r['p95'])} | {fmt(r['p99'])} | {r['bad']} | {fmt(r['p50_1'])} | "
                     f"{fmt(b.get('request'))} | {fmt(b.get('request_sql'))} | {q} |")
    notes = [f"- **{s.name}**: {s.note}" for s in items if s.note]
    notes += [f"- **{s.name}** non-200 answers or retries: {s.result['detail']}" for s in items if s.result and s.result["detail"]]
    if notes:
        lines += ["", *notes]
    timed = [s for s in items if s.breakdown]
    if timed:
        columns = []
        for s in timed:
            for name in s.breakdown["sql"]:
                if name not in columns:
                    columns.append(name)
        lines += ["", "## Where the time goes (in-process, one thread, median of "
                  f"{meta['iterations']} calls unless noted, ms)", "",
                  "Service call only (`search_listings` / `public_listing`, fresh session each call), no HTTP or template.", "",
                  "| Scenario | Matches | Service total | " + " | ".join(columns) + " |",
                  "|---|---:|---:|" + "---:|" * len(columns)]
        for s in timed:
            b = s.breakdown
            cells = [fmt(b["sql"].get(c)) for c in columns]
            matches = f"{b['matches']:,}" if b["matches"] is not None else "–"
            name = s.name + (f" ({b['iterations']} call)" if b["iterations"] != meta["iterations"] else "")
            lines.append(f"| {name} | {matches} | {fmt(b['total'])} | " + " | ".join(cells) + " |")
    if explains:
        lines += ["", "## EXPLAIN ANALYZE of the slowest statements", ""]
        for name, rows in explains:
            for lbl, ms, statement, plan in rows:
                lines += [f"### {name}: {lbl} ({ms:.1f} ms)", "", "```sql", statement.strip(), "```", "", "```", plan, "```", ""]
    return "\n".join(lines) + "\n"


def results_path(kind="catalog"):
    """A new report file, benchmarks/results/<kind>-<date>[-n].md."""
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    stem = f"{kind}-{datetime.now().strftime('%Y-%m-%d')}"
    path, n = out / f"{stem}.md", 2
    while path.exists():
        path, n = out / f"{stem}-{n}.md", n + 1
    return path


# --- main -----------------------------------------------------------------------------------


def add_catalogue_options(p, default_url=DEFAULT_URL, producers=2_000):
    """The options of every benchmark over the generated catalogue: its size, seed and database."""
    p.add_argument("--listings", type=int, default=100_000, help="listings to generate (default 100000)")
    p.add_argument("--producers", type=int, default=producers, help=f"producers to generate (default {producers})")
    p.add_argument("--seed", type=int, default=20240705)
    p.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", default_url),
                   help=f"database to create and fill; its name must contain 'bench' (default {default_url})")
    p.add_argument("--keep", action="store_true", help="keep the database afterwards")
    p.add_argument("--reuse", action="store_true",
                   help="reuse a database kept by --keep (any benchmark's) instead of generating it")


def bench_environment(args, prefix, **extra):
    """The database URL (parsed and as text), a temporary instance folder and the environment the
    app and its servers run with; the in-process app reads the same settings (config.py reads them
    at import time), so they go into os.environ too."""
    u = normalise_url(args.database_url)
    url = u.render_as_string(hide_password=False)
    tmp = tempfile.TemporaryDirectory(prefix=prefix)
    env = {**os.environ, "DATABASE_URL": url, "CELERY_BROKER_URL": BROKER_URL, "INSTANCE_PATH": tmp.name,
           "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1", **extra}  # a crashing worker leaves its stacks in the log
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "CELERY_BROKER_URL", "INSTANCE_PATH", *extra)})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # killed: clean up as on Ctrl-C
    return u, url, tmp, env


def prepare_catalogue(args, u, env):
    """Reuse the kept catalogue (``--reuse``), or make the database, migrate it and fill it.

    Returns the table counts, the loader's timings by table and the seconds spent migrating and
    loading (all None when reused)."""
    if args.reuse and has_catalogue(u):
        log(f"reusing database {u.database}, migrated to the code's head first")
        migrate(env)  # a database kept by an older checkout lacks the newer tables
        return table_counts(u), None, None, None
    log(f"creating database {u.database}")
    recreate_database(u)
    t0 = time.perf_counter()
    migrate(env)
    t_migrate = time.perf_counter() - t0
    log(f"migrated in {t_migrate:.1f}s; generating {args.listings:,} listings over {args.producers:,} producers")
    t0 = time.perf_counter()
    counts, timings = load_catalogue(u, args.listings, args.producers, args.seed)
    t_load = time.perf_counter() - t0
    log(f"loaded in {t_load:.1f}s (" + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()) + ")")
    return counts, timings, t_migrate, t_load


def release_database(u, tmp, drop, kept=""):
    """Every benchmark's last step, whatever happened: drop its database (or say it is kept,
    ``kept`` adding how to reach it) and remove its temporary instance folder."""
    if drop:
        log(f"dropping database {u.database}")
        try:
            drop_database(u)
        except Exception as exc:  # reported, the run's own outcome matters more
            log(f"could not drop {u.database}: {exc}")
    else:
        log(f"kept database {u.database}{kept}; rerun with --reuse to skip generation")
    tmp.cleanup()


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    add_catalogue_options(p)
    p.add_argument("--duration", type=float, default=20, help="seconds measured per scenario (default 20)")
    p.add_argument("--warmup", type=float, default=2, help="seconds of unmeasured warm-up per scenario (default 2)")
    p.add_argument("--concurrency", type=int, default=32, help="client threads (default 32)")
    p.add_argument("--cache", choices=("none", "redis"), default="none",
                   help="none (default): CACHE_TYPE=NullCache, every request reaches PostgreSQL; redis: the production "
                        "catalogue cache on redis://127.0.0.1:6379/14")
    p.add_argument("--single-seconds", type=float, default=5,
                   help="seconds per scenario with one client, for latency without queueing (default 5; 0 skips)")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    p.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (default 4)")
    p.add_argument("--explain", action="store_true", help="add EXPLAIN ANALYZE of the slowest statements to the report")
    p.add_argument("--iterations", type=int, default=20, help="in-process timed calls per scenario (default 20)")
    p.add_argument("--only", default="", help="comma-separated substrings: run only scenarios whose name matches")
    args = p.parse_args(argv)
    if args.concurrency < 1 or args.concurrency > 64:
        p.error("--concurrency must be between 1 and 64")
    if args.duration <= 0 or args.duration > 600:
        p.error("--duration must be between 0 and 600 seconds")
    return args


def main(argv=None):
    args = parse_args(argv)
    cache = ({"CACHE_TYPE": "NullCache"} if args.cache == "none"
             else {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": "redis://127.0.0.1:6379/14"})
    u, url, tmp, env = bench_environment(args, "lnm-bench-", **cache)

    started = datetime.now(timezone.utc)
    server, app, loaded = None, None, False
    meta_lines, explains = [], []
    try:
        # 1-2. database, schema, data
        counts, timings, t_migrate, t_load = prepare_catalogue(args, u, env)
        if timings is None:
            meta_lines.append(f"Data: reused database `{u.database}` (generation not timed in this run)")
        else:
            meta_lines.append(f"Generation: **{t_load:.1f} s** (" + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
                              + f"); migrations {t_migrate:.1f} s")
        loaded = True
        meta_lines.insert(0, "Data: " + ", ".join(f"{counts[t]:,} {t}" for t in (
            "listings", "producers", "villages", "crafts", "trademarks", "memberships", "product_rights",
            "listing_images", "variants", "wholesale_tiers")) + " (listings all active, producers all approved)")
        detail_ids, probe_ids = pick_listings(u, args.seed)

        # 3. in-process checks, query counts and timings
        app = make_app(url)
        catcher = ErrorCatcher()
        logging.getLogger("marketplace.core.errors").addHandler(catcher)
        logging.getLogger("marketplace.core.errors").propagate = False
        from marketplace.extensions import db

        with app.app_context():
            # COPY and scale_to_1m.sql bypass the ORM: store the counts the unfiltered catalogue reads
            from marketplace.catalog import counts as stored_counts
            stored_counts.refresh(db.session)
            db.session.commit()
            qlog = QueryLog(db.engine)
            server_version = db.session.execute(db.text("SHOW server_version")).scalar()
        bad = check_search_text(app, detail_ids[:100])
        if bad:
            raise RuntimeError(f"search_text differs from the app's searchable_text for listings {bad[:10]}")
        log("search_text of 100 sample listings matches the app's searchable_text()")
        items = scenarios()
        if args.only:
            wanted = [w.strip().lower() for w in args.only.split(",") if w.strip()]
            items = [s for s in items if any(w in s.name.lower() for w in wanted)]
        for s in items:
            if s.slow:
                time_service(app, qlog, s, detail_ids, 1, warmup=0)
                if s.breakdown["total"] > SLOW_LIMIT * 1000:
                    s.mode = "in-process only"
                    s.queries = [("per_page 24", len(s.breakdown["statements"]))]
                    s.note = (f"one call takes {s.breakdown['total'] / 1000:.1f} s, so it is not load-tested "
                              "through gunicorn; see the breakdown below")
                else:
                    s.slow = False
            if not s.slow:
                probe(app, qlog, s, probe_ids, catcher)
            if s.mode in ("html", "json (fallback)", "api"):
                time_service(app, qlog, s, detail_ids, args.iterations)
            log(f"{s.name}: {s.mode}; SQL queries {s.queries}"
                + (f"; service {s.breakdown['total']:.1f} ms" if s.breakdown else "") + (f" [{s.note}]" if s.note else ""))
            if args.explain and s.breakdown:
                explains.append((s.name, explain(app, s)))
        templates = sorted(p.name for p in (ROOT / "templates" / "catalog").glob("*.html")) if (ROOT / "templates" / "catalog").is_dir() else []
        meta_lines.append("Templates in `templates/catalog/`: " + (", ".join(templates) if templates else "none yet"))

        # 4. gunicorn + load
        fallback = any(s.mode == "json (fallback)" for s in items)
        server = Server(env, args.workers, args.threads, fallback, Path(tmp.name) / "gunicorn.log")
        log(f"starting gunicorn ({server.app_spec}) on 127.0.0.1:{server.port}")
        warning = server.start(env)
        if warning:
            log(warning)
            meta_lines.append(warning)
        hello = Server(env, args.workers, args.threads, False, Path(tmp.name) / "hello.log",
                       app_spec=["--pythonpath", str(HERE), "hello_wsgi:app"])
        hello.start(env)
        hello_runs = []

        def measure_hello():
            s = Scenario("hello-world (same gunicorn settings)", "/products", kind="hello", mode="hello")
            log(f"measuring hello-world for {args.duration:g}s with {args.concurrency} clients")
            run_http(hello, s, detail_ids, args)
            hello_runs.append(s)
            log(f"  {s.result['rps']:.1f} req/s, p50 {s.result['p50']:.1f} ms, p95 {s.result['p95']:.1f} ms")

        load_before = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
        loads = []
        sampler = threading.Thread(target=sample_load, args=(loads,), daemon=True)
        sampler.start()
        measure_hello()
        for s in items:
            if s.mode in ("html", "json (fallback)", "api") and not s.slow:
                log(f"measuring {s.name} for {args.duration:g}s with {args.concurrency} clients")
                run_http(server, s, detail_ids, args)
                r = s.result
                log(f"  {r['rps']:.1f} req/s, p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, p99 {r['p99']:.1f} ms, non-200 {r['bad']}")
        measure_hello()
        SAMPLING.set()
        hello.stop()
        ceiling = statistics.fmean(h.result["rps"] for h in hello_runs)
        for s in items:
            if s.result:
                s.result["share"] = s.result["rps"] / ceiling if ceiling else float("nan")
        items = [hello_runs[0], *items, hello_runs[1]]

        import gunicorn

        meta_lines += [
            f"Server: gunicorn {gunicorn.__version__} `{server.app_spec}`, {args.workers} workers × {args.threads} threads, "
            f"PostgreSQL {server_version} on 127.0.0.1, broker {BROKER_URL}",
            f"Client: {args.concurrency} keep-alive threads (http.client), {args.duration:g} s measured per scenario "
            f"after {args.warmup:g} s warm-up; product page rotates over {len(detail_ids)} random public listings",
            f"Machine: {os.cpu_count()} CPUs shared by client, gunicorn and PostgreSQL; Python {platform.python_version()}"
            + (f"; load average before/after the HTTP runs {' '.join(load_before)} / "
               f"{' '.join(Path('/proc/loadavg').read_text().split()[:3])}" if load_before else "")
            + (f"; 1-minute load average sampled every 5 s during them: min {min(loads):.2f}, median "
               f"{statistics.median(loads):.2f}, max {max(loads):.2f}" if loads else ""),
            f"Hello-world ceiling: `gunicorn --pythonpath benchmarks hello_wsgi:app` with the same workers and threads, "
            f"measured before and after the marketplace scenarios ({' and '.join(fmt(h.result['rps']) for h in hello_runs)} req/s; "
            f"their mean is the \"share of hello-world\" denominator)",
            f"Cache: `CACHE_TYPE={env.get('CACHE_TYPE', 'default')}` (NullCache: every request reaches PostgreSQL)",
        ]
        server.stop()
        server_log = Path(server.logfile).read_text(errors="replace")
        crashes = Counter(m for m in ("was sent SIGSEGV", "WORKER TIMEOUT", "was sent SIGKILL", "exited with code")
                          for line in server_log.splitlines() if m in line)
        meta_lines.append("gunicorn workers lost during the run: " + (
            ", ".join(f"{n} × \"{m}\"" for m, n in crashes.items()) if crashes else "none")
            + " (stacks, if any, in the -gunicorn.log beside this report)")
        meta = {"started": started.strftime("%Y-%m-%d %H:%M UTC"), "lines": meta_lines, "iterations": args.iterations}
        text = report(meta, items, explains)
        path = results_path()
        path.write_text(text, encoding="utf-8")
        gunicorn_log = path.with_name(path.stem + "-gunicorn.log")
        gunicorn_log.write_bytes(Path(server.logfile).read_bytes())
        print(text)
        log(f"report written to {path.relative_to(ROOT)} (gunicorn's log beside it)")
        return 0
    except KeyboardInterrupt:
        STOP.set()
        log("interrupted")
        return 130
    finally:
        STOP.set()
        if server is not None:
            log("stopping gunicorn")
            server.stop()
        if app is not None:
            from marketplace.extensions import db

            with app.app_context():
                db.engine.dispose()
        release_database(u, tmp, drop=not (args.keep and loaded), kept=f" ({url})")


if __name__ == "__main__":
    sys.exit(main())
