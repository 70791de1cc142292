#!/usr/bin/env python
"""Soak test of gunicorn's threaded workers on the catalogue, with sync workers and hello-world beside it.

    .venv/bin/python benchmarks/soak_threads.py [--listings 100000] [--requests 10000] [--connections 32]
        [--rounds 4] [--time-limit 1800] [--reuse] [--keep] [--quick]

Why: on CPython 3.11 threaded workers (``-w 2 --threads 4``) crashed twice in 1,600 catalogue
requests (a corrupted pymalloc free list); this run is the evidence that the Python in ``.venv``
does not, and measures whether threads are worth having.

1. Builds the catalogue benchmark's PostgreSQL database with ``catalog_bench.py``'s generator
   (default 100,000 listings in ``lnm_bench``), or reuses one kept with ``--keep`` (``--reuse``).
2. Starts four gunicorn servers on free 127.0.0.1 ports with the same settings except the worker
   model: the marketplace with threaded workers (``-w 2 --threads 4``) and with sync workers
   (``-w 4``), and a hello-world Flask app (``hello_wsgi.py``) with each of the two.
3. Draws one seeded list of ``--requests`` requests over a mix of catalogue pages (``/products``,
   deep pages, craft filters), searches, near-miss searches, product pages and the JSON API, and
   sends that same list to every server from ``--client-processes`` processes holding
   ``--connections`` keep-alive connections in all. The list is cut into ``--rounds`` slices and
   the servers take turns slice by slice (the order reversed every other round), so that the
   machine's drifting load falls on all of them alike. Each server gets at most ``--time-limit``
   seconds of load in all; what is left unsent then is reported, and the run stops by itself.
4. Watches each server while it runs: its workers' pids (sampled from /proc every 0.25 s: a new
   pid is a worker that was replaced) and resident memory, and afterwards its log for
   ``Worker (pid:N) was sent SIGSEGV!`` (any signal), ``exited with code``, ``WORKER TIMEOUT`` and
   extra ``Booting worker`` lines. Workers run with PYTHONFAULTHANDLER=1, so a crash leaves its
   Python stacks in the log.
5. Writes a Markdown report to ``benchmarks/results/soak-<date>.md`` with the four gunicorn logs
   beside it (the folder is git-ignored), prints it, stops the servers and drops the database
   (unless ``--keep``) whatever happens.

Exit status 0 when no worker crashed or was replaced and every request got an HTTP answer; 1
otherwise (HTTP error statuses are reported but only fail the run with ``--fail-on-http-errors``).
Loopback only: every server binds 127.0.0.1.
"""
import argparse
import concurrent.futures
import http.client
import multiprocessing
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from catalog_bench import (  # noqa: E402  (the benchmarks folder is put on the path just above)
    Server, add_catalogue_options, bench_environment, fmt, free_port, log, percentile, pg_connect, pick_listings,
    prepare_catalogue, release_database, report_table, results_path, venv_bin,
)

REQUEST_TIMEOUT = 60  # seconds one request may take before it counts as unanswered
SAMPLE_EVERY = 0.25  # seconds between samples of a server's worker pids

# Kinds of request, with their share of the mix. Product pages dominate real traffic; the slow
# catalogue-wide pages and searches are still over a third of it, so the mix is no flattering one.
SEARCHES = ["bat trang", "lua van phuc", "gốm sứ Bát Tràng", "do go", "khăn lụa", "may tre dan", "binh hoa"]
NEAR_MISSES = ["bat trng", "lua van phucc", "gom su bat trangg", "vasse", "khan lua van phuk"]
MIX = [  # kind, weight (per cent)
    ("product page", 45),
    ("catalogue", 12),
    ("search", 18),
    ("near-miss search", 7),
    ("API", 18),
]

# What in a gunicorn log says a worker died. Signals other than the SIGTERM of a graceful stop count.
CRASH_PATTERNS = {
    "signal": re.compile(r"Worker \(pid:(\d+)\) was sent (SIG\w+|signal \d+)"),
    "exit code": re.compile(r"Worker \(pid:(\d+)\) exited with code (\d+)"),
    "timeout": re.compile(r"WORKER TIMEOUT \(pid:(\d+)\)"),
}
BOOT_PATTERN = re.compile(r"Booting worker with pid: (\d+)")


# --- the requests ---------------------------------------------------------------------------


def build_requests(n, seed, listing_ids, crafts):
    """``n`` seeded requests ``(kind, path, language)`` over the mix, the same list for every server."""
    rng = random.Random(seed)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    out = []
    for _ in range(n):
        kind = rng.choices(kinds, weights)[0]
        lid = listing_ids[rng.randrange(len(listing_ids))]
        if kind == "product page":
            path = f"/products/{lid}"
        elif kind == "catalogue":
            args = rng.choice([{}, {}, {"page": str(rng.randint(2, 40))}, {"craft": rng.choice(crafts)}])
            path = "/products" + ("?" + urlencode(args) if args else "")
        elif kind == "search":
            args = {"q": rng.choice(SEARCHES)}
            if rng.random() < 0.25:
                args["craft"] = rng.choice(crafts)
            if rng.random() < 0.15:
                args["ocop"] = str(rng.randint(3, 5))
            path = "/products?" + urlencode(args)
        elif kind == "near-miss search":
            path = "/products?" + urlencode({"q": rng.choice(NEAR_MISSES)})
        else:
            path = rng.choice([f"/api/v1/products/{lid}", f"/api/v1/products/{lid}",
                               "/api/v1/products?" + urlencode({"q": rng.choice(SEARCHES)}),
                               "/api/v1/products?" + urlencode({"page": str(rng.randint(1, 20))})])
        out.append((kind, path, "vi" if rng.random() < 0.7 else "en"))
    return out


# --- the client (runs in --client-processes processes) --------------------------------------


def _client_thread(port, jobs, deadline, stopfile, out):
    """Send the jobs this thread pops over one keep-alive connection; append (index, outcome, seconds, retried)."""
    conn, fresh = None, True
    while time.monotonic() < deadline and not os.path.exists(stopfile):
        try:
            index, path, language = jobs.popleft()
        except IndexError:
            break
        accept = "application/json" if path.startswith("/api/") else "text/html"
        started = time.perf_counter()
        outcome, retried = None, ""
        for attempt in (1, 2):
            try:
                if conn is None:
                    conn, fresh = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT), True
                conn.request("GET", path, headers={"Accept-Language": language, "Accept": accept})
                response = conn.getresponse()
                response.read()
                outcome = response.status
                if response.will_close:
                    conn.close()
                    conn = None
                break
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = None
                # A kept-alive connection the server closed while idle: retry once on a new one, as
                # browsers do. A worker that died mid-request also shows as this; the pid and log
                # checks catch that independently.
                if attempt == 1 and not fresh and isinstance(exc, (http.client.RemoteDisconnected, ConnectionResetError,
                                                                   BrokenPipeError)):
                    retried = type(exc).__name__
                    continue
                outcome = type(exc).__name__
                break
        fresh = False
        out.append((index, outcome, time.perf_counter() - started, retried))
    if conn is not None:
        conn.close()


def drive(port, jobs, threads, deadline, stopfile):
    """One client process: ``threads`` connections share ``jobs``; returns (records, first start, last end).

    It stops early when ``stopfile`` exists: the parent's way to end it at once whatever happens.
    """
    queue = deque(jobs)
    outs = [[] for _ in range(threads)]
    workers = [threading.Thread(target=_client_thread, args=(port, queue, deadline, stopfile, outs[k]), daemon=True)
               for k in range(threads)]
    started = time.monotonic()  # CLOCK_MONOTONIC: comparable across processes on Linux
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return [r for o in outs for r in o], started, time.monotonic()


def send(client, port, jobs, connections, seconds):
    """Send indexed jobs to one server at ``connections`` from the client's processes; returns (records, wall s)."""
    pool, processes, stopfile = client
    deadline = time.monotonic() + seconds
    shares = [jobs[p::processes] for p in range(processes)]
    threads = [connections // processes + (1 if p < connections % processes else 0) for p in range(processes)]
    futures = [pool.submit(drive, port, share, n, deadline, stopfile) for share, n in zip(shares, threads) if share and n]
    results = [f.result() for f in futures]
    records = [r for rs, _, _ in results for r in rs]
    wall = max(end for _, _, end in results) - min(start for _, start, _ in results) if results else 0.0
    return records, wall


# --- the servers and what watches them -----------------------------------------------------


@dataclass
class Target:
    """One gunicorn server under load, and everything measured about it."""

    name: str
    app: str  # "marketplace" or "hello-world"
    model: str  # "threaded" or "sync"
    worker_args: list
    server: Server | None = None
    records: list = field(default_factory=list)
    wall: float = 0.0
    unsent: int = 0
    rounds: list = field(default_factory=list)  # (answered, wall s) per round
    pids: dict = field(default_factory=dict)  # pid -> {"first": monotonic, "rss": [first, last, max] in MB}
    initial: set = field(default_factory=set)
    log_lines: list = field(default_factory=list)

    @property
    def label(self):
        return f"{self.app}, {self.model} (`{' '.join(self.worker_args)}`)"


class SoakServer(Server):
    """catalog_bench's gunicorn runner with any app and worker arguments."""

    def __init__(self, app_spec, worker_args, logfile, pythonpath=None):
        self.port = free_port()
        self.app_spec = app_spec
        self.cmd = [venv_bin("gunicorn"), "--no-control-socket", *worker_args, "-b", f"127.0.0.1:{self.port}",
                    *(["--pythonpath", str(pythonpath)] if pythonpath else []), app_spec]
        self.logfile = logfile
        self.proc = None


def _children(pid):
    try:
        return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _rss_mb(pid):
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, IndexError, ValueError):
        return None


def watch(targets, stop):
    """Sample every server's worker pids and their memory until ``stop`` is set."""
    while not stop.is_set():
        for t in targets:
            if t.server is None or t.server.proc is None or t.server.proc.poll() is not None:
                continue
            for pid in _children(t.server.proc.pid):
                rss = _rss_mb(pid)
                seen = t.pids.setdefault(pid, {"first": time.monotonic(), "rss": [rss, rss, rss]})
                if rss is not None:
                    first, _, peak = seen["rss"]
                    seen["rss"] = [first if first is not None else rss, rss, max(peak or 0, rss)]
        stop.wait(SAMPLE_EVERY)


def crashes(target):
    """Log lines that say a worker died (a graceful stop's SIGTERM excluded), and extra worker boots."""
    found = []
    boots = []
    for line in target.log_lines:
        for what, pattern in CRASH_PATTERNS.items():
            m = pattern.search(line)
            if m and not (what == "signal" and m.group(2) == "SIGTERM"):
                found.append((what, line.strip()))
        m = BOOT_PATTERN.search(line)
        if m:
            boots.append(int(m.group(1)))
    workers = int(target.worker_args[target.worker_args.index("-w") + 1])
    return found, max(0, len(boots) - workers)


# --- the figures ----------------------------------------------------------------------------


def summarise(records):
    """Counts, statuses and latency percentiles (ms) of answered requests."""
    answered = [r for r in records if isinstance(r[1], int)]
    ms = sorted(r[2] * 1000 for r in answered)
    statuses = Counter(r[1] for r in answered)
    return {
        "sent": len(records),
        "answered": len(answered),
        "ok": statuses.get(200, 0),
        "statuses": {s: c for s, c in sorted(statuses.items()) if s != 200},
        "unanswered": Counter(r[1] for r in records if not isinstance(r[1], int)),
        "retried": Counter(r[3] for r in records if r[3]),
        "p50": percentile(ms, 50),
        "p95": percentile(ms, 95),
        "p99": percentile(ms, 99),
        "max": ms[-1] if ms else float("nan"),
        "mean": statistics.fmean(ms) if ms else float("nan"),
    }


def ratio(a, b):
    return a / b if b else float("nan")


def machine_lines():
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs ({cpu or platform.machine()}){mem}, {platform.system()} {platform.release()}"


def runtime_lines():
    """The Python the workers run and the native extensions the 3.11 crash hunt switched off one by one."""
    probe = (
        "import sys, psycopg, sqlalchemy, markupsafe, gunicorn, flask\n"
        "try:\n    from sqlalchemy.util import has_compiled_ext; cy = has_compiled_ext()\n"
        "except Exception:\n    cy = '?'\n"
        "try:\n    import markupsafe._speedups; ms = True\nexcept ImportError:\n    ms = False\n"
        "print(sys.version.split()[0], sys.executable, psycopg.__version__, psycopg.pq.__impl__, sqlalchemy.__version__,"
        " cy, markupsafe.__version__, ms, gunicorn.__version__, flask.__version__)\n"
    )
    out = subprocess.run([venv_bin("python"), "-c", probe], capture_output=True, text=True, timeout=60).stdout.split()
    if len(out) != 10:
        return "Python: could not be probed", "?"
    py, exe, pg, impl, sa, cy, ms, msc, gu, fl = out
    return (f"Workers' Python: CPython {py} (`{exe}`); gunicorn {gu}, Flask {fl}, psycopg {pg} ({impl} "
            f"implementation), SQLAlchemy {sa} (compiled extensions: {cy}), MarkupSafe {ms} (speedups: {msc})"), py


def report(meta, targets, requests, args):
    by = {(t.app, t.model): t for t in targets}
    s = {t.name: summarise(t.records) for t in targets}
    lost = {t.name: crashes(t) for t in targets}
    replaced = {t.name: sorted(set(t.pids) - t.initial) for t in targets}
    # Each of the three signs counts every lost worker once: the largest is the number lost.
    dead = {t.name: max(len(lost[t.name][0]), lost[t.name][1], len(replaced[t.name])) for t in targets}
    rps = {t.name: ratio(s[t.name]["answered"], t.wall) for t in targets}
    total_crashes = sum(dead.values())
    unanswered = sum(sum(v["unanswered"].values()) for v in s.values())
    thr, syn = by[("marketplace", "threaded")], by[("marketplace", "sync")]
    hthr, hsyn = by[("hello-world", "threaded")], by[("hello-world", "sync")]

    lines = [f"# Threaded-worker soak test, {meta['started']}", ""]
    verdict = (f"**{dead[thr.name]} worker crashes** in {s[thr.name]['sent']:,} catalogue requests at "
               f"{args.connections} connections on threaded workers ({dead[syn.name]} on sync workers, "
               f"{dead[hthr.name] + dead[hsyn.name]} on hello-world); {unanswered} requests without an HTTP answer in all.")
    speed = ratio(rps[thr.name], rps[syn.name])
    lines += [f"- {verdict}",
              f"- Catalogue mix: threaded workers answer **{fmt(speed, 2)}×** the throughput of sync workers "
              f"(p50 {fmt(ratio(s[thr.name]['p50'], s[syn.name]['p50']), 2)}×, "
              f"p95 {fmt(ratio(s[thr.name]['p95'], s[syn.name]['p95']), 2)}× the latency).",
              f"- Catalogue mix as a share of hello-world under the same settings: threaded "
              f"{fmt(100 * ratio(rps[thr.name], rps[hthr.name]), 2)} %, sync {fmt(100 * ratio(rps[syn.name], rps[hsyn.name]), 2)} %."]
    lines += report_table(meta["lines"], "Servers under the same load",
                          "| server | sent | answered | 200 | other statuses | no answer | retried | workers lost "
                          "| crash lines / extra boots / new pids | load s | req/s | mean ms | p50 ms | p95 ms | p99 ms "
                          "| max ms | worker RSS MB first → last (max) |",
                          "|---|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for t in targets:
        v = s[t.name]
        found, extra = lost[t.name]
        other = ", ".join(f"{k}: {c}" for k, c in v["statuses"].items()) or "–"
        rss = [p["rss"] for p in t.pids.values() if p["rss"][0] is not None]
        mem = (f"{sum(r[0] for r in rss):,.0f} → {sum(r[1] for r in rss):,.0f} ({max(r[2] for r in rss):,.0f} one worker)"
               if rss else "–")
        unsent = f" (+{t.unsent:,} unsent: time limit)" if t.unsent else ""
        lines.append(f"| {t.label} | {v['sent']:,}{unsent} | {v['answered']:,} | {v['ok']:,} | {other} | "
                     f"{sum(v['unanswered'].values())} | {sum(v['retried'].values())} | {dead[t.name]} | "
                     f"{len(found)} / {extra} / {len(replaced[t.name])} | {t.wall:,.1f} | {fmt(rps[t.name])} | {fmt(v['mean'])} | {fmt(v['p50'])} | "
                     f"{fmt(v['p95'])} | {fmt(v['p99'])} | {fmt(v['max'])} | {mem} |")
    lines += ["", "Ratios (same run, same requests):", "",
              "| ratio | req/s | p50 | p95 |", "|---|---:|---:|---:|"]
    for name, a, b in (("marketplace threaded / marketplace sync", thr, syn),
                       ("marketplace threaded / hello-world threaded", thr, hthr),
                       ("marketplace sync / hello-world sync", syn, hsyn),
                       ("hello-world threaded / hello-world sync", hthr, hsyn)):
        lines.append(f"| {name} | {fmt(ratio(rps[a.name], rps[b.name]), 3)} | "
                     f"{fmt(ratio(s[a.name]['p50'], s[b.name]['p50']), 2)} | {fmt(ratio(s[a.name]['p95'], s[b.name]['p95']), 2)} |")

    lines += ["", "Throughput by round (req/s; the servers took turns, so a round's figures share the machine's load):", "",
              "| server | " + " | ".join(f"round {k + 1}" for k in range(args.rounds)) + " |",
              "|---|" + "---:|" * args.rounds]
    for t in targets:
        lines.append(f"| {t.name} | " + " | ".join(fmt(ratio(n, w)) for n, w in t.rounds) + " |")
    wins = sum(1 for a, b in zip(thr.rounds, syn.rounds) if ratio(*a) > ratio(*b))
    lines += ["", f"Threaded workers outran sync workers on the marketplace in {wins} of {min(len(thr.rounds), len(syn.rounds))} rounds."]

    lines += ["", "## Marketplace latency by kind of request (ms)", "",
              "| kind | requests | threaded p50 | threaded p95 | sync p50 | sync p95 | threaded non-200 | sync non-200 |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for kind, _ in MIX:
        cells = []
        bad = []
        for t in (thr, syn):
            rs = [r for r in t.records if requests[r[0]][0] == kind]
            ms = sorted(r[2] * 1000 for r in rs if isinstance(r[1], int))
            cells += [fmt(percentile(ms, 50)), fmt(percentile(ms, 95))]
            errs = Counter(r[1] for r in rs if r[1] != 200)
            bad.append(", ".join(f"{k}: {c}" for k, c in sorted(errs.items(), key=str)) or "0")
        count = sum(1 for r in thr.records if requests[r[0]][0] == kind)
        lines.append(f"| {kind} | {count:,} | " + " | ".join(cells) + f" | {bad[0]} | {bad[1]} |")

    errors = []
    for t in (thr, syn):
        by_path = Counter((requests[r[0]][1], r[1]) for r in t.records if r[1] != 200)
        errors += [f"- {t.name}: `{path}` → {outcome} × {n}" for (path, outcome), n in by_path.most_common(15)]
    if errors:
        lines += ["", "## Requests that did not answer 200 (most frequent first)", "", *errors]
    lines += ["", "## Crash evidence", ""]
    for t in targets:
        found, extra = lost[t.name]
        lines.append(f"- **{t.name}**: {len(found)} crash lines in its log, {extra} extra worker boots, "
                     f"pids seen {len(t.pids)} (started with {len(t.initial)}: {', '.join(map(str, sorted(t.initial)))})"
                     + (f", replaced: {', '.join(map(str, replaced[t.name]))}" if replaced[t.name] else ""))
        lines += [f"  - {what}: `{line}`" for what, line in found[:20]]
    lines += ["", "Commands (each with `-b 127.0.0.1:<free port>`; environment PYTHONFAULTHANDLER=1):", ""]
    lines += [f"- {t.name}: `gunicorn --no-control-socket {' '.join(t.worker_args)} "
              f"{'--pythonpath benchmarks ' if t.app == 'hello-world' else ''}{t.server.app_spec if t.server else ''}`"
              for t in targets]
    ok = total_crashes == 0 and unanswered == 0
    if args.fail_on_http_errors:
        ok = ok and all(not v["statuses"] for v in s.values())
    return "\n".join(lines) + "\n", ok


# --- main -----------------------------------------------------------------------------------


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    add_catalogue_options(p)
    p.add_argument("--requests", type=int, default=10_000, help="requests sent to each server (default 10000)")
    p.add_argument("--connections", type=int, default=32, help="concurrent keep-alive connections (default 32)")
    p.add_argument("--client-processes", type=int, default=2,
                   help="client processes sharing the connections, so the client is not held to one core by its GIL (default 2)")
    p.add_argument("--rounds", type=int, default=4, help="slices the servers take turns on (default 4)")
    p.add_argument("--warmup", type=int, default=100, help="unmeasured requests per server first (default 100)")
    p.add_argument("--time-limit", type=float, default=1800,
                   help="seconds of load at most per server, over all rounds (default 1800)")
    p.add_argument("--threaded", default="2x4", help="threaded workers as WORKERSxTHREADS (default 2x4)")
    p.add_argument("--sync-workers", type=int, default=4, help="sync workers (default 4)")
    p.add_argument("--quick", action="store_true",
                   help="a quick check: 5,000 listings over 200 producers, 1,000 requests, 2 rounds (explicit options win)")
    p.add_argument("--fail-on-http-errors", action="store_true", help="exit 1 on any answer other than 200 too")
    args = p.parse_args(argv)
    if args.quick:
        given = set(a.split("=")[0] for a in (argv if argv is not None else sys.argv[1:]))
        for option, value in (("--listings", 5_000), ("--producers", 200), ("--requests", 1_000), ("--rounds", 2)):
            if option not in given:
                setattr(args, option[2:], value)
    m = re.fullmatch(r"(\d+)x(\d+)", args.threaded)
    if not m or int(m.group(2)) < 2:
        p.error("--threaded must be WORKERSxTHREADS with at least 2 threads, e.g. 2x4")
    args.threaded_workers, args.threads = int(m.group(1)), int(m.group(2))
    if not 1 <= args.connections <= 256:
        p.error("--connections must be between 1 and 256")
    if not 1 <= args.client_processes <= args.connections:
        p.error("--client-processes must be between 1 and --connections")
    if args.requests < 1 or args.rounds < 1 or args.rounds > args.requests:
        p.error("--requests and --rounds must be positive, with no more rounds than requests")
    if args.time_limit <= 0:
        p.error("--time-limit must be positive")
    return args


def main(argv=None):
    args = parse_args(argv)
    u, url, tmp, env = bench_environment(args, "lnm-soak-")

    started = datetime.now(timezone.utc)
    targets = [
        Target("marketplace threaded", "marketplace", "threaded",
               ["-w", str(args.threaded_workers), "--threads", str(args.threads)]),
        Target("marketplace sync", "marketplace", "sync", ["-w", str(args.sync_workers)]),
        Target("hello-world threaded", "hello-world", "threaded",
               ["-w", str(args.threaded_workers), "--threads", str(args.threads)]),
        Target("hello-world sync", "hello-world", "sync", ["-w", str(args.sync_workers)]),
    ]
    stop = threading.Event()
    stopfile = Path(tmp.name) / "stop-clients"
    watcher, pool, loaded = None, None, False
    meta_lines = []
    try:
        # 1. database
        counts, timings, _t_migrate, t_load = prepare_catalogue(args, u, env)
        meta_lines.append(f"Data: reused database `{u.database}`" if timings is None
                          else f"Data generated in {t_load:.0f} s by `catalog_data.py`")
        loaded = True
        meta_lines[-1] += ": " + ", ".join(f"{counts[t]:,} {t}" for t in (
            "listings", "producers", "villages", "crafts", "trademarks", "variants", "wholesale_tiers"))
        listing_ids, _ = pick_listings(u, args.seed, n=500)
        with pg_connect(u) as conn:
            crafts = [r[0] for r in conn.execute("SELECT slug FROM crafts ORDER BY slug")]
            server_version = conn.execute("SHOW server_version").fetchone()[0]
        requests = build_requests(args.requests, args.seed, listing_ids, crafts)
        warmup = build_requests(args.warmup, args.seed + 1, listing_ids, crafts) if args.warmup else []
        mix = Counter(k for k, _, _ in requests)
        meta_lines.append("Mix: " + ", ".join(f"{k} {mix[k]:,}" for k, _ in MIX)
                          + f" (seed {args.seed}; product pages over {len(listing_ids)} random public listings; "
                            "70 % Vietnamese, 30 % English)")

        # 2. servers
        for t in targets:
            spec, pythonpath = ("wsgi:app", None) if t.app == "marketplace" else ("hello_wsgi:app", HERE)
            t.server = SoakServer(spec, t.worker_args, Path(tmp.name) / f"{t.name.replace(' ', '-')}.log", pythonpath)
            log(f"starting {t.name}: {' '.join(t.server.cmd[1:])}")
            warning = t.server.start(env)
            if warning:
                meta_lines.append(f"{t.name}: {warning}")
        watcher = threading.Thread(target=watch, args=(targets, stop), daemon=True)
        watcher.start()
        pool = concurrent.futures.ProcessPoolExecutor(args.client_processes, mp_context=multiprocessing.get_context("spawn"))
        client = (pool, args.client_processes, str(stopfile))

        # 3. load: warm-up, then the rounds
        for t in targets:
            if warmup:
                send(client, t.server.port, [(i, p, lang) for i, (_, p, lang) in enumerate(warmup)],
                     args.connections, args.time_limit)
            time.sleep(2 * SAMPLE_EVERY)
            t.initial = set(t.pids)
        indexed = [(i, p, lang) for i, (_, p, lang) in enumerate(requests)]
        size = -(-len(indexed) // args.rounds)
        load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        spent = defaultdict(float)
        for r in range(args.rounds):
            chunk = indexed[r * size:(r + 1) * size]
            for t in (targets if r % 2 == 0 else targets[::-1]):
                budget = args.time_limit - spent[t.name]
                if budget <= 0:
                    t.unsent += len(chunk)
                    continue
                records, wall = send(client, t.server.port, chunk, args.connections, budget)
                t.records += records
                t.wall += wall
                t.unsent += len(chunk) - len(records)
                spent[t.name] += wall
                v = summarise(records)
                t.rounds.append((v["answered"], wall))
                log(f"round {r + 1}/{args.rounds} {t.name}: {v['answered']:,}/{len(chunk):,} answered in {wall:.1f}s "
                    f"({ratio(v['answered'], wall):.1f} req/s, p50 {v['p50']:.0f} ms, p95 {v['p95']:.0f} ms), "
                    f"non-200 {sum(v['statuses'].values())}, no answer {sum(v['unanswered'].values())}, "
                    f"workers seen {len(t.pids)}")
        load_after = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        time.sleep(2 * SAMPLE_EVERY)
        stop.set()
        watcher.join()
        for t in targets:  # the log up to here: the shutdown's own lines are not crashes
            t.log_lines = Path(t.server.logfile).read_text(errors="replace").splitlines()

        runtime, _ = runtime_lines()
        meta_lines += [
            runtime,
            f"Machine: {machine_lines()}; shared by the client, the four servers and PostgreSQL {server_version}, and by "
            f"other developers' work: load average {load_before} before the measured load, {load_after} after. "
            "Absolute figures drift with that load; the ratios, measured in the same rounds, are what count.",
            f"Client: {args.connections} keep-alive connections from {args.client_processes} processes (http.client, "
            f"threads), {args.requests:,} requests per server in {args.rounds} rounds taken in turn, "
            f"{args.warmup} unmeasured warm-up requests per server; latency counts every HTTP answer. Sync workers "
            "close the connection after each answer (gunicorn's sync worker has no keep-alive); threaded workers keep it.",
            f"Threaded: {args.threaded_workers} workers × {args.threads} threads; sync: {args.sync_workers} workers; "
            "otherwise gunicorn's defaults (timeout 30 s, keep-alive 2 s).",
        ]
        meta = {"started": started.strftime("%Y-%m-%d %H:%M UTC"), "lines": meta_lines}
        text, ok = report(meta, targets, requests, args)
        path = results_path("soak")
        path.write_text(text, encoding="utf-8")
        for t in targets:
            path.with_name(f"{path.stem}-{t.name.replace(' ', '-')}.log").write_bytes(Path(t.server.logfile).read_bytes())
        print(text)
        log(f"report written to {path.relative_to(ROOT)} (the gunicorn logs beside it); "
            + ("no crash" if ok else "FAILED: see the report"))
        return 0 if ok else 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        stop.set()
        stopfile.touch()  # the client processes end their current share at once
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        for t in targets:
            if t.server is not None:
                t.server.stop()
        release_database(u, tmp, drop=not (args.keep and loaded))


if __name__ == "__main__":
    sys.exit(main())
