"""Start and stop real PostgreSQL, Redis and scrapyd servers on free loopback ports in temp dirs."""
from __future__ import annotations

import glob
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
START_TIMEOUT = 30.0  # seconds a server may take to accept connections
PG_USER = "filmcat"  # superuser of the throw-away cluster
PG_OS_USER = "postgres"  # initdb refuses root: the cluster runs as this account when we are root


class ServerUnavailable(RuntimeError):
    """The server's binaries are not installed here (a skip locally, a failure in CI)."""


def free_port() -> int:
    """A TCP port on the loopback interface that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen | None = None, timeout: float = START_TIMEOUT) -> None:
    """Block until something accepts TCP connections on port (or the process died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server process exited with status {proc.returncode} before listening")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {HOST}:{port} after {timeout:.0f} s")


def stop_process(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if the process does not exit in time."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout)


# --- PostgreSQL ------------------------------------------------------------------------------


def postgres_bindir() -> Path | None:
    """The newest installed PostgreSQL bin directory (Debian layout first, then PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _version_key(path: str) -> tuple[int, ...]:
    part = Path(path).parent.parent.name
    return tuple(int(p) for p in part.split(".") if p.isdigit())


@dataclass
class PostgresServer:
    """A throw-away PostgreSQL cluster with password authentication on a free port."""

    bindir: Path
    root: Path = field(default_factory=lambda: _cluster_dir())
    port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_hex(8))

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres", password: str | None = None) -> str:
        """SQLAlchemy URL of one database on this server."""
        secret = self.password if password is None else password
        return f"postgresql+psycopg://{PG_USER}:{secret}@{HOST}:{self.port}/{database}"

    def start(self) -> PostgresServer:
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n")
        self._hand_over(self.root)
        self._run("initdb", "-D", str(self.datadir), "-U", PG_USER, f"--pwfile={pwfile}",
                  "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8")
        pwfile.unlink()
        # fsync off and a small WAL: the cluster is thrown away after the test session.
        options = (f"-p {self.port} -c listen_addresses={HOST} -c unix_socket_directories={self.root}"
                   " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.datadir), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", str(int(START_TIMEOUT)), "start")
        return self

    def stop(self) -> None:
        if (self.datadir / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self, name: str) -> str:
        """CREATE DATABASE name; returns its URL."""
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(host=HOST, port=self.port, user=PG_USER, password=self.password,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def _run(self, tool: str, *args: str, check: bool = True) -> None:
        command = [str(self.bindir / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", PG_OS_USER, "--", *command]
        result = subprocess.run(command, check=False, capture_output=True, text=True, cwd=self.root)
        if check and result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{tool} failed ({result.returncode}): {result.stderr.strip()} {tail}")

    def _hand_over(self, path: Path) -> None:
        """As root, give the cluster directory to the postgres account (initdb refuses root)."""
        if os.geteuid() != 0:
            return
        try:
            account = pwd.getpwnam(PG_OS_USER)
        except KeyError as exc:
            raise ServerUnavailable(f"running as root but there is no '{PG_OS_USER}' account") from exc
        os.chown(path, account.pw_uid, account.pw_gid)


def _cluster_dir() -> Path:
    # as root the cluster runs as postgres, which must reach the folder: /tmp, not a private $TMPDIR
    return Path(tempfile.mkdtemp(prefix="filmcat-pg-", dir="/tmp" if os.geteuid() == 0 else None))


def start_postgres() -> PostgresServer:
    """Start a cluster, or raise ServerUnavailable if PostgreSQL is not installed."""
    bindir = postgres_bindir()
    if bindir is None:
        raise ServerUnavailable("PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin "
                                "or on PATH; `apt-get install postgresql`)")
    server = PostgresServer(bindir)
    try:
        return server.start()
    except Exception:
        server.stop()
        raise


# --- Redis -----------------------------------------------------------------------------------


@dataclass
class RedisServer:
    """A redis-server without persistence on a free port."""

    binary: str
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="filmcat-redis-")))
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://{HOST}:{self.port}/{db}"

    def start(self) -> RedisServer:
        log = open(self.root / "redis.log", "wb")  # noqa: SIM115 - lives as long as the server
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", HOST, "--dir", str(self.root),
             "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes"],
            stdout=log, stderr=subprocess.STDOUT, cwd=self.root,
        )
        wait_for_port(self.port, self.proc)
        return self

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)
        shutil.rmtree(self.root, ignore_errors=True)


def start_redis() -> RedisServer:
    """Start redis-server, or raise ServerUnavailable if it is not installed."""
    binary = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists()
                                               else None)
    if binary is None:
        raise ServerUnavailable("redis-server is not installed (`apt-get install redis-server`)")
    return RedisServer(binary).start()


# --- scrapyd ---------------------------------------------------------------------------------

SCRAPYD_CONF = """\
[scrapyd]
bind_address = {host}
http_port = {port}
eggs_dir = {root}/eggs
logs_dir = {root}/logs
items_dir =
dbs_dir = {root}/dbs
jobstorage = scrapyd.jobstorage.SqliteJobStorage
max_proc = 4
poll_interval = 0.5
finished_to_keep = 100
runner = {runner}
"""


@dataclass
class ScrapydServer:
    """A scrapyd daemon with its own config, eggs, logs and on-disk job list in a temp dir."""

    binary: str
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="filmcat-scrapyd-")))
    port: int = field(default_factory=free_port)
    env: dict[str, str] = field(default_factory=dict)
    runner: str = "scraper.schedule.scrapyd_runner"   # jobs run as recorded `filmcat crawl`s
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def start(self) -> ScrapydServer:
        # scrapyd reads ./scrapyd.conf from its working directory.
        conf = SCRAPYD_CONF.format(host=HOST, port=self.port, root=self.root, runner=self.runner)
        (self.root / "scrapyd.conf").write_text(conf)
        log = open(self.root / "scrapyd.out", "wb")  # noqa: SIM115 - lives as long as the server
        self.proc = subprocess.Popen([self.binary], cwd=self.root, stdout=log, stderr=subprocess.STDOUT,
                                     env={**os.environ, **self.env})
        wait_for_port(self.port, self.proc)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "daemonstatus.json", timeout=2) as resp:
                    if json.load(resp).get("status") == "ok":
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"scrapyd at {self.url} did not become ready")

    def log_tail(self, chars: int = 3000) -> str:
        out = self.root / "scrapyd.out"
        return out.read_text(errors="replace")[-chars:] if out.exists() else ""

    def stop(self, keep_files: bool = False) -> None:
        """Stop the daemon; keep_files leaves eggs, logs and the job database for a restart."""
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None
        if not keep_files:
            shutil.rmtree(self.root, ignore_errors=True)


def start_scrapyd(env: dict[str, str] | None = None) -> ScrapydServer:
    """Start the scrapyd of this interpreter's environment."""
    binary = shutil.which("scrapyd", path=str(Path(sys.executable).parent)) or shutil.which("scrapyd")
    if binary is None:
        raise ServerUnavailable("scrapyd is not installed (`pip install -e .[dev]`)")
    return ScrapydServer(binary, env=env or {}).start()
