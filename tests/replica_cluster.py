"""A PostgreSQL primary and its streaming hot standby, started for the read-replica tests.

The machine's own server (127.0.0.1:5432) takes no replication connections and may not be
restarted, so the tests run their own pair: ``initdb`` a primary on 127.0.0.1:5433 that
accepts replication from 127.0.0.1, ``pg_basebackup -R`` it into a standby on 127.0.0.1:5434
(``REPLICA_TEST_PORTS=primary,standby`` to move them), both in a throw-away folder. The
standby is a real hot standby: it replays the primary's WAL as it streams and refuses every
write. As root (PostgreSQL refuses to run as root) the servers run as the ``postgres`` user.

The server binaries come from Debian's ``postgresql`` package (``scripts/install.sh``). Where
they are missing the tests fail, saying so (never a skip).
"""
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

PORTS = tuple(int(p) for p in os.environ.get("REPLICA_TEST_PORTS", "5433,5434").split(","))


def server_binaries():
    """The folder of initdb, pg_ctl and pg_basebackup (the newest installed PostgreSQL), or None."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(f.split("/")[-2]), reverse=True):
        if all(os.access(Path(folder) / name, os.X_OK) for name in ("initdb", "pg_ctl", "pg_basebackup")):
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_basebackup") else None


def missing(reason):
    """Fail, never skip, as for PostgreSQL, Redis and localstripe: scripts/install.sh --replica (run by
    `make test`) installs the server binaries, so their absence is a broken set-up."""
    pytest.fail(reason)


class Cluster:
    """The primary and standby servers; ``url(port, database)`` names a database on either."""

    def __init__(self):
        self.bin = server_binaries()
        if self.bin is None:
            missing("PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) are not installed: scripts/install.sh")
        self.primary_port, self.standby_port = PORTS
        self.folder = Path(tempfile.mkdtemp(prefix="lnm-replica-"))
        self.user = None
        if os.geteuid() == 0:
            try:
                self.user = pwd.getpwnam("postgres")
            except KeyError:
                missing("running as root needs a 'postgres' user to run the test servers as")
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        self.started = []

    def _run(self, *args):
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user.pw_name, "--", *command]
        result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
        if result.returncode:
            raise AssertionError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")

    def _start(self, name):
        data = self.folder / name
        self._run("pg_ctl", "-D", str(data), "-l", str(self.folder / f"{name}.log"), "-w", "-t", "60", "start")
        self.started.append(data)

    def start(self):
        primary, standby = self.folder / "primary", self.folder / "standby"
        self._run("initdb", "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        with open(primary / "postgresql.conf", "a") as conf:
            conf.write(f"listen_addresses = '127.0.0.1'\nport = {self.primary_port}\n"
                       f"unix_socket_directories = '{self.folder}'\nmax_connections = 60\n"
                       "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")  # throw-away data
        with open(primary / "pg_hba.conf", "a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        self._start("primary")
        # -R writes standby.signal and primary_conninfo: the copy starts as a streaming hot standby.
        self._run("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.primary_port), "-U", "postgres",
                  "-D", str(standby), "-R", "-X", "stream")
        with open(standby / "postgresql.conf", "a") as conf:
            conf.write(f"port = {self.standby_port}\n")
        self._start("standby")
        return self

    def url(self, port, database="postgres"):
        return f"postgresql+psycopg://postgres@127.0.0.1:{port}/{database}"

    def stop(self):
        for data in reversed(self.started):
            try:
                self._run("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
            except AssertionError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)
