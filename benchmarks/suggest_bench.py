"""Suggestions as you type on PostgreSQL: GET /api/v1/suggest against 100,000 listings.

    .venv/bin/python benchmarks/suggest_bench.py            # 100,000 listings of 2,000 producers
    .venv/bin/python benchmarks/suggest_bench.py --keep     # keep lnm_suggest_bench afterwards
    .venv/bin/python benchmarks/suggest_bench.py --reuse    # reuse a kept database (skips generation)

1. Drops and recreates the database (its name must contain "bench"), migrates it and loads the
   catalogue benchmark's synthetic data (``catalog_data.py``, COPY), suggestions included.
2. In-process, through the Flask test client (routing, SQL, serialising; no HTTP server),
   times ``--calls`` requests for each prefix after a warm-up, and the SQL statement alone.
3. Prints a Markdown report and writes it to ``benchmarks/results/suggest-<date>[-n].md``.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from catalog_bench import add_catalogue_options, bench_environment, prepare_catalogue, release_database, results_path  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/lnm_suggest_bench"
# One letter (the widest range), a village, a word inside titles, Vietnamese with diacritics, English, nothing.
PREFIXES = ["b", "bat", "bat tr", "phung x", "men l", "Lụa", "khan", "cera", "silver ne", "zzzz"]


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_catalogue_options(p, default_url=DEFAULT_URL)
    p.add_argument("--calls", type=int, default=200, help="timed requests per prefix (default 200)")
    return p.parse_args(argv)


def _ms(values):
    values = sorted(values)
    return statistics.median(values) * 1000, values[int(len(values) * 0.95) - 1] * 1000


def measure(app, calls):
    from sqlalchemy import event

    from marketplace.catalog import suggest
    from marketplace.extensions import db

    rows = []
    client = app.test_client()
    with app.app_context():
        for prefix in PREFIXES:
            for _ in range(10):
                client.get("/api/v1/suggest", query_string={"q": prefix, "lang": "en"})
            http, sql = [], []
            for _ in range(calls):
                t0 = time.perf_counter()
                response = client.get("/api/v1/suggest", query_string={"q": prefix, "lang": "en"})
                http.append(time.perf_counter() - t0)
            statements = []

            def listener(*_args, counted=statements):
                counted.append(1)

            event.listen(db.engine, "before_cursor_execute", listener)
            for _ in range(calls):
                t0 = time.perf_counter()
                suggest.lookup(db.session, prefix, "en")
                sql.append(time.perf_counter() - t0)
                db.session.rollback()
            event.remove(db.engine, "before_cursor_execute", listener)
            groups = response.get_json()["groups"]
            rows.append((prefix, sum(len(g["items"]) for g in groups), *_ms(http), *_ms(sql), len(statements) / calls))
    return rows


def report(rows, meta):
    lines = ["# GET /api/v1/suggest at scale", "", *[f"- {m}" for m in meta], "",
             "| prefix | items | request p50 ms | request p95 ms | lookup p50 ms | lookup p95 ms | SQL statements |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| `{p}` | {n} | {a:.1f} | {b:.1f} | {c:.1f} | {d:.1f} | {s:g} |" for p, n, a, b, c, d, s in rows]
    return "\n".join(lines) + "\n"


def main(argv=None):
    args = parse_args(argv)
    u, url, tmp, env = bench_environment(args, "lnm-suggest-bench-")
    meta = []
    try:
        counts, timings, _t_migrate, t_load = prepare_catalogue(args, u, env)
        meta.append(f"Data: {counts['listings']:,} listings of {counts['producers']:,} producers, "
                    f"{counts.get('search_suggestions', 0):,} suggestion keys, {counts.get('search_words', 0):,} "
                    "vocabulary words " + (f"(reused `{u.database}`)" if timings is None
                                           else f"(generated and loaded in {t_load:.0f} s)"))
        from marketplace import create_app

        app = create_app({"SQLALCHEMY_DATABASE_URI": url})
        meta.append(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} "
                    f"at the start; {args.calls} requests per prefix after 10 unmeasured")
        text_report = report(measure(app, args.calls), meta)
        print(text_report)
        results_path("suggest").write_text(text_report)
    finally:
        release_database(u, tmp, drop=not args.keep)


if __name__ == "__main__":
    main()
