"""The threaded-worker soak test (``benchmarks/soak_threads.py``) sees a worker that dies.

Its "0 crashes in 10,000 requests" is evidence only if it would have counted a crash: here a
real gunicorn with threaded workers serves an app whose ``/crash`` kills its own worker with
SIGSEGV, under the soak's own client, watcher and log check.
"""
import concurrent.futures
import os
import threading
import time

from benchmarks import soak_threads

CRASH_APP = '''
import os
import signal
import time
from pathlib import Path

from flask import Flask

app = Flask(__name__)
MARK = Path(__file__).with_name("crashed-once")


@app.get("/crash")
def crash():
    if MARK.exists():  # the client's retry of this request must not kill a second worker
        return "survived"
    MARK.touch()
    os.kill(os.getpid(), signal.SIGSEGV)
    time.sleep(60)  # the signal is delivered asynchronously: never answer (a 500) before the worker dies


@app.get("/", defaults={"path": ""})
@app.get("/<path:path>")
def hello(path):
    return "Hello"
'''


def _wait_for(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_soak_counts_a_threaded_worker_killed_by_sigsegv(tmp_path):
    """When a threaded worker dies of SIGSEGV under load, do the log check, the boot count and the pid watcher each count it once?"""
    # given: gunicorn -w 2 --threads 4 on an app whose /crash segfaults its worker, watched as the soak watches
    (tmp_path / "crash_wsgi.py").write_text(CRASH_APP)
    target = soak_threads.Target("crash", "crash", "threaded", ["-w", "2", "--threads", "4"])
    target.server = soak_threads.SoakServer("crash_wsgi:app", target.worker_args, tmp_path / "gunicorn.log", tmp_path)
    stop = threading.Event()
    watcher = threading.Thread(target=soak_threads.watch, args=([target], stop), daemon=True)
    try:
        target.server.start({**os.environ, "PYTHONFAULTHANDLER": "1"})
        watcher.start()
        assert _wait_for(lambda: len(target.pids) == 2)
        target.initial = set(target.pids)
        jobs = [(i, "/crash" if i == 20 else f"/page/{i}", "vi") for i in range(40)]

        # when: the soak's client sends 40 requests at 4 connections, one of them /crash
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            records, wall = soak_threads.send((pool, 1, str(tmp_path / "stop")), target.server.port, jobs, 4, 30)
        assert _wait_for(lambda: len(target.pids) == 3)
        stop.set()
        watcher.join()
        target.log_lines = (tmp_path / "gunicorn.log").read_text().splitlines()
    finally:
        stop.set()
        target.server.stop()

    # then: one worker lost by all three signs, and the crashing request shows as unanswered or retried
    found, extra_boots = soak_threads.crashes(target)
    assert [what for what, _ in found] == ["signal"]
    assert "was sent SIGSEGV" in found[0][1]
    assert extra_boots == 1
    assert len(set(target.pids) - target.initial) == 1
    crash_record = next(r for r in records if r[0] == 20)
    assert crash_record[3] != "" or not isinstance(crash_record[1], int)
    assert sorted(r[0] for r in records) == list(range(40))
    # the other requests are answered, but for those in flight on the dying worker whose one retry
    # also met a closing socket (at most one per connection, and only as a connection error)
    lost = [r for r in records if r[1] != 200 and r[0] != 20]
    assert len(lost) <= 4 - 1, lost
    assert all(not isinstance(r[1], int) for r in lost), lost
