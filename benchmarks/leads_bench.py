"""Export-lead matching on PostgreSQL: one inquiry against 10,000 producers and 100,000 listings.

    .venv/bin/python benchmarks/leads_bench.py                 # 10,000 producers, 100,000 listings, 20 runs per inquiry
    .venv/bin/python benchmarks/leads_bench.py --keep          # keep lnm_leads_bench afterwards
    .venv/bin/python benchmarks/leads_bench.py --reuse         # reuse a kept database (skips generation)

1. Drops and recreates the database (its name must contain "bench"), migrates it and loads
   the catalogue benchmark's synthetic data (``catalog_data.py``, COPY) with 10,000 producers.
2. In-process, for each sample inquiry, times ``leads.services.run_matching`` (what the Celery
   task runs: candidate SQL, scoring, consortium, upserting matches, notifications, commit)
   ``--runs`` times, and counts its SQL statements. The first run creates the matches, the
   others update them in place. As in production, the e-mails' delivery task is handed to the
   broker after the commit (an in-memory one here), not run: it is another task of the worker,
   which the importer does not wait for. ``--eager`` runs it in-process inside the timing
   (Celery's eager mode, as the benchmark did before: four more statements and the SMTP send).
3. Prints a Markdown report and writes it to ``benchmarks/results/leads-<date>.md``.
"""
import argparse
import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from catalog_bench import add_catalogue_options, bench_environment, log, prepare_catalogue, release_database  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/lnm_leads_bench"

# name, description, quantity, days until required, target VND, craft slug, OCOP stars, trademark slug
INQUIRIES = [
    ("broad English", "blue glaze ceramic vases", 5_000, 90, 150_000, None, None, None),
    ("Vietnamese, no diacritics", "khan lua to tam", 2_000, 60, 400_000, None, None, None),
    ("craft + OCOP 4", "do go", 300, 45, None, "furniture", 4, None),
    ("consortium (mark)", "bat gom", 60_000, 30, None, None, None, "gom-su-bat-trang"),
    ("nobody makes it", "titanium bicycle frames", 100, 60, None, None, None, None),
]


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_catalogue_options(p, default_url=DEFAULT_URL, producers=10_000)
    p.add_argument("--runs", type=int, default=20, help="matching runs per inquiry (default 20)")
    p.add_argument("--eager", action="store_true",
                   help="run the e-mail delivery task in-process after each commit, inside the timing")
    p.add_argument("--cold", action="store_true",
                   help="no warm-up inquiries first: each row's first run pays its shape's first use in the process")
    return p.parse_args(argv)


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


# A worker that has been running has matched inquiries of every shape before: SQLAlchemy compiles a
# statement once per shape (a craft, OCOP stars, a mark, a consortium to store and tell) and caches it.
# One inquiry of each shape the table measures, in other words, runs first and is not in the table.
WARM_UPS = [
    ("warm-up", "lacquered wooden jewellery boxes", 500, 60, None, None, None, None),
    ("warm-up, craft + OCOP", "lacquer trays", 200, 45, None, "lacquer", 3, None),
    ("warm-up, mark", "dia gom men ran", 40_000, 30, None, None, None, "gom-su-bat-trang"),
]


def measure(app, runs, warm_up=True):
    from sqlalchemy import event, select

    from marketplace.accounts.models import Role, User
    from marketplace.extensions import db
    from marketplace.leads import services as leads
    from marketplace.leads.models import Inquiry, MatchingStatus
    from marketplace.trademarks.models import Trademark
    from marketplace.villages.models import Craft

    rows = []
    with app.app_context():
        importer = db.session.scalar(select(User).where(User.email == "bench-importer@example.com"))
        if importer is None:
            importer = User(email="bench-importer@example.com", name="Bench Importer", role=Role.IMPORTER, password_hash="-")
            db.session.add(importer)
            db.session.commit()
        importer_id = importer.id
        statements = []
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        # A worker's first task after it starts also compiles and caches every statement and loads the
        # vocabulary: timed apart (``warm_up`` row), so that the rows are what importers wait for from a
        # worker that is running, as production's are.
        for name, text, quantity, days, target, craft, ocop, mark in (WARM_UPS if warm_up else []) + INQUIRIES:
            inquiry = Inquiry(
                importer_id=importer_id, description=text, quantity=quantity, unit="piece", target_price_vnd=target,
                destination_country="DE", incoterm="FOB", required_by=date.today() + timedelta(days=days),
                craft=db.session.scalar(select(Craft).where(Craft.slug == craft)) if craft else None,
                required_ocop_stars=ocop,
                required_trademark=db.session.scalar(select(Trademark).where(Trademark.slug == mark)) if mark else None,
                matching_status=MatchingStatus.QUEUED,
            )
            db.session.add(inquiry)
            db.session.commit()
            inquiry_id = inquiry.id
            timings, counts = [], []
            for _ in range(runs):
                db.session.remove()  # each run starts like a task: a fresh session
                statements.clear()
                t0 = time.perf_counter()
                result = leads.run_matching(inquiry_id)
                timings.append((time.perf_counter() - t0) * 1000)
                counts.append(len(statements))
            inquiry = db.session.get(Inquiry, inquiry_id)
            consortium = inquiry.consortium
            rows.append({
                "name": name, "text": text, "quantity": quantity, "first": timings[0], "min": min(timings[1:] or timings),
                "p50": statistics.median(timings[1:] or timings), "p95": _percentile(timings[1:] or timings, 0.95),
                "max": max(timings), "statements": f"{counts[0]} / {counts[-1]}",
                "matches": len([m for m in inquiry.matches if m.active]), "status": inquiry.matching_status,
                "consortium": f"{len(consortium.members)} members" if consortium is not None and consortium.active else "—",
                "top": inquiry.matches[0].score if inquiry.matches else None,
                "result": result,
            })
            log(f"{name}: p50 {rows[-1]['p50']:.0f} ms, first {timings[0]:.0f} ms, {rows[-1]['matches']} matches")
    return rows


def report(rows, meta):
    lines = [
        f"# Export-lead matching benchmark ({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC)", "", *meta, "",
        "| inquiry | quantity | outcome | matches | consortium | first run ms | p50 ms | p95 ms | max ms | SQL (first / later) |",
        "|---|---:|---|---:|---|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(f"| {r['name']}: `{r['text']}` | {r['quantity']:,} | {r['status']} | {r['matches']} | {r['consortium']} "
                     f"| {r['first']:.0f} | {r['p50']:.0f} | {r['p95']:.0f} | {r['max']:.0f} | {r['statements']} |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    args = parse_args(argv)
    u, url, tmp, env = bench_environment(args, "lnm-leads-bench-", CELERY_TASK_ALWAYS_EAGER="1")
    # Not eager: the after-commit hand-off publishes the delivery task to an in-process broker, as the
    # worker publishes it to Redis in production, and nothing consumes it.
    celery = {"CELERY_TASK_ALWAYS_EAGER": True} if args.eager else {
        "CELERY_TASK_ALWAYS_EAGER": False, "CELERY_BROKER_URL": "memory://"}
    meta = []
    try:
        counts, timings, _t_migrate, t_load = prepare_catalogue(args, u, env)
        meta.append(f"Data: {counts['producers']:,} producers, {counts['listings']:,} listings, "
                    f"{counts['memberships']:,} memberships, {counts['wholesale_tiers']:,} wholesale tiers "
                    + (f"(reused `{u.database}`)" if timings is None else f"(generated and loaded in {t_load:.0f} s)"))
        from marketplace import create_app

        app = create_app({"SQLALCHEMY_DATABASE_URI": url, **celery})
        import logging

        logging.getLogger().setLevel(logging.WARNING)
        with app.app_context():
            from sqlalchemy import text

            from marketplace.extensions import db

            version = db.session.execute(text("SHOW server_version")).scalar()
        meta.append(f"PostgreSQL {version}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
                    f"`run_matching` in-process (what the Celery task runs), {args.runs} runs per inquiry; "
                    "p50/p95 over the re-runs (matches updated in place), the first run creates them; "
                    + ("e-mail delivery run in-process (`--eager`)." if args.eager
                       else "e-mail delivery handed to the broker after the commit, not run (as in production)."))
        rows = measure(app, args.runs, warm_up=not args.cold)
        if not args.cold:
            warm, rows = rows[:len(WARM_UPS)], rows[len(WARM_UPS):]
            meta.append("Warm-up inquiries ran first, one of each shape the table measures, as a running worker has "
                        "long before an importer's inquiry arrives (its statements compiled and cached, the vocabulary "
                        "loaded): " + ", ".join(f"`{w['text']}` {w['first']:.0f} ms ({w['status']}, consortium {w['consortium']})"
                                               for w in warm)
                        + " on their first runs; `--cold` leaves them out, so that each row pays its own shape's first use.")
        text_report = report(rows, meta)
        print(text_report)
        out = HERE / "results"
        out.mkdir(exist_ok=True)
        (out / f"leads-{date.today():%Y-%m-%d}.md").write_text(text_report)
    finally:
        release_database(u, tmp, drop=not args.keep)


if __name__ == "__main__":
    main()
