"""Throwaway PostgreSQL clusters for the tests.

Starts a private PostgreSQL server in a fresh temporary directory (trust
authentication, superuser ``voucher_admin``, no durability) on a free port
of 127.0.0.1, and removes it again afterwards.  Only the standard library is
needed to start and stop a cluster; the database/role helpers use psycopg.

As a library::

    with ThrowawayPostgres() as pg:
        url = pg.create_database("t_demo")   # postgresql://voucher_admin@127.0.0.1:PORT/t_demo

From the command line (used by ``.ci/run``)::

    python3 tests/pgserver.py start --datadir DIR   # prints VOUCHER_TEST_POSTGRES=postgresql://...
    python3 tests/pgserver.py stop --datadir DIR    # stops it and removes DIR

When running as root (as CI does), ``initdb``/``pg_ctl`` are run as the
``postgres`` system user, because the server refuses to run as root.
"""

from __future__ import annotations

import argparse
import atexit
import getpass
import glob
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from typing import ClassVar
from urllib.parse import quote, urlencode

SUPERUSER = "voucher_admin"
HOST = "127.0.0.1"
MAINTENANCE_DB = "postgres"
RUN_AS_USER = "postgres"  # system user that runs the server when we are root

_SETTINGS_FILE = "voucher_test.conf"
_STATE_FILE = "cluster.json"
_LOG_FILE = "postgres.log"
_SERVER_BINARIES = ("initdb", "pg_ctl", "postgres")


# --------------------------------------------------------------------------
# helpers


def find_bindir() -> str:
    """Directory holding initdb, pg_ctl and postgres.

    Order: $PG_BINDIR, ``pg_config --bindir``, the highest
    /usr/lib/postgresql/*/bin.  (On Debian ``pg_config`` may come from
    libpq-dev and name a version whose server is not installed, so every
    candidate is checked for the server binaries.)
    """
    candidates: list[str] = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(os.environ["PG_BINDIR"])
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=30)
            if out.returncode == 0 and out.stdout.strip():
                candidates.append(out.stdout.strip())
        except (OSError, subprocess.SubprocessError):
            pass

    def version_key(path: str) -> tuple[int, ...]:
        version = path.split("/")[-2]
        return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)

    candidates.extend(sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version_key, reverse=True))
    for bindir in candidates:
        if all(os.access(os.path.join(bindir, b), os.X_OK) for b in _SERVER_BINARIES):
            return bindir
    raise RuntimeError(
        "No PostgreSQL server binaries found (looked at $PG_BINDIR, `pg_config "
        "--bindir` and /usr/lib/postgresql/*/bin for initdb, pg_ctl and "
        "postgres; tried: %s). Install them, e.g. `apt-get install "
        "postgresql-15`, or point VOUCHER_TEST_POSTGRES at a running server." % (", ".join(candidates) or "nothing")
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def build_url(
    user: str | None,
    host: str | None,
    port: int | str | None,
    dbname: str,
    password: str | None = None,
    params: dict[str, str] | None = None,
) -> str:
    """A ``postgresql://`` URL; a socket-directory host goes in the query."""
    query = dict(params or {})
    netloc = ""
    if user:
        netloc = quote(user, safe="")
        if password:
            netloc += ":" + quote(password, safe="")
        netloc += "@"
    if host and host.startswith("/"):
        query["host"] = host
    elif host:
        netloc += f"[{host}]" if ":" in host else host
    if port:
        netloc += f":{port}"
    url = f"postgresql://{netloc}/{quote(dbname, safe='')}"
    if query:
        url += "?" + urlencode(query)
    return url


def _tail(path: str, lines: int = 40) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return "".join(fh.readlines()[-lines:])
    except OSError as exc:
        return f"(no log: {exc})"


# --------------------------------------------------------------------------
# operations shared by a throwaway cluster and an existing server


class _ServerAdmin:
    """Admin operations over a superuser connection to the maintenance db."""

    host: str | None
    port: int | None
    superuser: str
    password: str | None = None
    maintenance_db: str = MAINTENANCE_DB
    url_params: ClassVar[dict[str, str]] = {}

    def url(self, dbname: str, user: str | None = None, password: str | None = None) -> str:
        """URL of database ``dbname``, as the superuser unless ``user`` is given."""
        if user is None:
            user, password = self.superuser, self.password
        return build_url(user, self.host, self.port, dbname, password, self.url_params)

    def _connect(self):
        import psycopg

        return psycopg.connect(self.url(self.maintenance_db), autocommit=True, connect_timeout=15)

    def _execute(self, query, params=None) -> None:
        with self._connect() as conn:
            conn.execute(query, params)

    def check(self) -> str:
        """Connect once; returns the server version string."""
        with self._connect() as conn:
            return conn.execute("SHOW server_version").fetchone()[0]

    def create_database(self, name: str, owner: str | None = None) -> str:
        """CREATE DATABASE ``name`` (optionally OWNER ``owner``); returns its URL."""
        from psycopg import sql

        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if owner is not None:
            query += sql.SQL(" OWNER {}").format(sql.Identifier(owner))
        self._execute(query)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """DROP DATABASE IF EXISTS ``name`` WITH (FORCE): open sessions are ended."""
        from psycopg import sql

        self._execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def create_login_role(self, name: str, password: str | None = None) -> None:
        """CREATE ROLE ``name`` LOGIN: a plain role, not superuser, no CREATEDB/CREATEROLE.

        Connect as it with ``url(dbname, user=name)``.  Roles belong to the
        whole server: use unique names, and ``drop_role`` when done.
        """
        from psycopg import sql

        query = sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION").format(
            sql.Identifier(name)
        )
        if password is not None:
            query += sql.SQL(" PASSWORD {}").format(sql.Literal(password))
        self._execute(query)

    def drop_role(self, name: str) -> None:
        """DROP ROLE IF EXISTS ``name`` (drop the databases it has objects in first)."""
        from psycopg import sql

        self._execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


class ExistingPostgres(_ServerAdmin):
    """A server that is already running, given by a superuser URL to its maintenance db."""

    def __init__(self, url: str):
        from psycopg.conninfo import conninfo_to_dict

        info = {k: str(v) for k, v in conninfo_to_dict(url).items() if v is not None}
        self.host = info.pop("host", None)
        port = info.pop("port", None)
        self.port = int(port) if port else None
        self.superuser = info.pop("user", None) or getpass.getuser()
        self.password = info.pop("password", None)
        self.maintenance_db = info.pop("dbname", None) or MAINTENANCE_DB
        self.url_params = info  # sslmode and the like, kept for every URL

    def __repr__(self) -> str:
        return f"ExistingPostgres({self.url(self.maintenance_db, password=None)!r})"


# --------------------------------------------------------------------------
# the throwaway cluster


class ThrowawayPostgres(_ServerAdmin):
    """A private PostgreSQL cluster in a temporary directory.

    Layout of ``basedir``: ``data/`` (the cluster), ``postgres.log``, the
    unix socket, and ``cluster.json`` (port and bindir, for ``stop`` from
    another process).
    """

    def __init__(
        self, basedir: str | None = None, bindir: str | None = None, stop_at_exit: bool = True, durable: bool = False
    ):
        self.host = HOST
        self.port: int | None = None
        self.superuser = SUPERUSER
        self.password = None
        self.maintenance_db = MAINTENANCE_DB
        self.url_params = {}
        self.basedir = basedir
        self.bindir = bindir
        self.stop_at_exit = stop_at_exit
        self.durable = durable  # fsync and synchronous commit on: for benchmarks of durable writes
        self._owns_basedir = basedir is None
        self._running = False

    # paths -----------------------------------------------------------------
    @property
    def datadir(self) -> str:
        return os.path.join(self.basedir, "data")

    @property
    def logfile(self) -> str:
        return os.path.join(self.basedir, _LOG_FILE)

    # running commands ------------------------------------------------------
    @staticmethod
    def _as_root() -> bool:
        return os.geteuid() == 0

    def _command(self, argv: list[str]) -> list[str]:
        if not self._as_root():
            return argv
        if shutil.which("runuser"):
            return ["runuser", "-u", RUN_AS_USER, "--", *argv]
        return ["su", RUN_AS_USER, "-s", "/bin/sh", "-c", " ".join(map(_shquote, argv))]

    def _run(self, argv: list[str], what: str, timeout: float = 120) -> subprocess.CompletedProcess:
        try:
            result = subprocess.run(
                self._command(argv),
                cwd=self.basedir,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RuntimeError(f"{what} failed: {exc}\n--- log tail ---\n{_tail(self.logfile)}") from exc
        if result.returncode != 0:
            raise RuntimeError(
                f"{what} failed (exit {result.returncode}): {' '.join(argv)}\n"
                f"{result.stdout}{result.stderr}--- {self.logfile} (tail) ---\n{_tail(self.logfile)}"
            )
        return result

    def _give_to_server_user(self, path: str) -> None:
        if self._as_root():
            try:
                entry = pwd.getpwnam(RUN_AS_USER)
            except KeyError:
                raise RuntimeError(
                    f"Running as root, but there is no {RUN_AS_USER!r} system user to run "
                    "PostgreSQL as (the Debian postgresql package creates it)."
                ) from None
            os.chown(path, entry.pw_uid, entry.pw_gid)

    # lifecycle -------------------------------------------------------------
    def start(self) -> ThrowawayPostgres:
        if self._running:
            return self
        if self.bindir is None:
            self.bindir = find_bindir()
        if self.basedir is None:
            # /tmp rather than $TMPDIR: the postgres user must be able to reach it.
            self.basedir = tempfile.mkdtemp(prefix="voucher-pg-", dir="/tmp")
        os.makedirs(self.basedir, exist_ok=True)
        os.chmod(self.basedir, 0o700)
        self._give_to_server_user(self.basedir)
        if os.path.exists(self.datadir):
            raise RuntimeError(f"{self.datadir} already exists: use a fresh --datadir")
        try:
            self._initdb()
            self._start_server()
        except BaseException:
            self.stop()
            raise
        if self.stop_at_exit:
            atexit.register(self.stop)
        return self

    def _initdb(self) -> None:
        self._run(
            [
                os.path.join(self.bindir, "initdb"),
                "-D",
                self.datadir,
                "--auth=trust",
                "-U",
                SUPERUSER,
                "--no-sync",
                "--encoding=UTF8",
                "--locale=C",
                "--no-instructions",
            ],
            "initdb",
        )
        with open(os.path.join(self.datadir, "postgresql.conf"), "a", encoding="utf-8") as fh:
            fh.write(f"\ninclude '{_SETTINGS_FILE}'\n")

    def _write_settings(self) -> None:
        path = os.path.join(self.datadir, _SETTINGS_FILE)
        socket_dir = self.basedir.replace("'", "''")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(
                "# written by tests/pgserver.py: a throwaway cluster, speed over safety\n"
                f"listen_addresses = '{HOST}'\n"
                f"port = {self.port}\n"
                f"unix_socket_directories = '{socket_dir}'\n"
                + (
                    "fsync = on\nsynchronous_commit = on\nfull_page_writes = on\n"
                    if self.durable
                    else "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                )
                + "max_connections = 200\n"
            )
        os.chmod(path, 0o600)
        self._give_to_server_user(path)

    def _start_server(self) -> None:
        pg_ctl = os.path.join(self.bindir, "pg_ctl")
        for attempt in range(3):
            self.port = free_port()
            self._write_settings()
            self._save_state()
            try:
                self._run([pg_ctl, "start", "-w", "-t", "60", "-D", self.datadir, "-l", self.logfile], "pg_ctl start")
            except RuntimeError:
                # Someone may have taken the port between picking and binding it.
                if attempt < 2 and "already in use" in _tail(self.logfile, 10):
                    continue
                raise
            self._running = True
            return

    def _save_state(self) -> None:
        path = os.path.join(self.basedir, _STATE_FILE)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump({"port": self.port, "bindir": self.bindir}, fh)

    @classmethod
    def attach(cls, basedir: str) -> ThrowawayPostgres:
        """The cluster started earlier (maybe by another process) in ``basedir``."""
        pg = cls(basedir=basedir, stop_at_exit=False)
        pg._owns_basedir = True
        try:
            with open(os.path.join(basedir, _STATE_FILE), encoding="utf-8") as fh:
                state = json.load(fh)
            pg.port, pg.bindir = state["port"], state["bindir"]
        except (OSError, ValueError, KeyError):
            pass
        pg._running = os.path.exists(os.path.join(pg.datadir, "postmaster.pid"))
        return pg

    def stop(self, remove: bool = True) -> None:
        """Stop the server (immediate mode) and remove the directory. Idempotent."""
        if self.basedir is None:
            return
        pidfile = os.path.join(self.datadir, "postmaster.pid")
        if os.path.exists(pidfile):
            try:
                bindir = self.bindir or find_bindir()
                self._run(
                    [os.path.join(bindir, "pg_ctl"), "stop", "-w", "-t", "60", "-m", "immediate", "-D", self.datadir],
                    "pg_ctl stop",
                )
            except RuntimeError as exc:
                print(f"pgserver: {exc}", file=sys.stderr)
                self._kill_postmaster(pidfile)
        self._running = False
        if remove and self._owns_basedir:
            shutil.rmtree(self.basedir, ignore_errors=True)
            self.basedir = None

    @staticmethod
    def _kill_postmaster(pidfile: str) -> None:
        try:
            with open(pidfile, encoding="utf-8") as fh:
                pid = int(fh.readline().strip())
        except (OSError, ValueError):
            return
        for sig in (signal.SIGQUIT, signal.SIGKILL):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                return
            for _ in range(50):
                time.sleep(0.1)
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    return

    def __enter__(self) -> ThrowawayPostgres:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"ThrowawayPostgres(port={self.port}, basedir={self.basedir!r})"


def _shquote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


# --------------------------------------------------------------------------
# command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("start", help="start a cluster that keeps running")
    start.add_argument("--datadir", required=True, help="an empty directory under /tmp (e.g. from mktemp -d)")
    stop = sub.add_parser("stop", help="stop the cluster in --datadir and remove the directory")
    stop.add_argument("--datadir", required=True)
    stop.add_argument("--keep", action="store_true", help="stop, but keep the directory")
    args = parser.parse_args(argv)
    basedir = os.path.abspath(args.datadir)

    if args.command == "start":
        pg = ThrowawayPostgres(basedir=basedir, stop_at_exit=False)
        try:
            pg.start()
        except RuntimeError as exc:
            print(f"pgserver: {exc}", file=sys.stderr)
            return 1
        print(f"pgserver: PostgreSQL running in {basedir} on port {pg.port}", file=sys.stderr)
        print(f"VOUCHER_TEST_POSTGRES={pg.url(MAINTENANCE_DB)}", flush=True)
        return 0

    if not os.path.isdir(basedir):
        print(f"pgserver: {basedir} does not exist; nothing to stop", file=sys.stderr)
        return 0
    ThrowawayPostgres.attach(basedir).stop(remove=not args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
