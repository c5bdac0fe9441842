"""Start, stop and inspect a local Neo4j server built from Maven Central jars.

Why this exists: our machines have Java 17 and Maven but no Docker engine, and the
Neo4j tarball is not on Maven Central. `org.neo4j:neo4j` + `org.neo4j.app:neo4j-server`
at 5.26.x, copied with `mvn dependency:copy-dependencies`, make a complete `lib/` that
`org.neo4j.server.CommunityEntryPoint` runs. The launcher script that would normally
apply `server.jvm.additional` is skipped, so the JVM flags are passed here.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

NEO4J_VERSION = "5.26.30"
POM = Path(__file__).with_name("pom.xml")
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BASE = Path(os.environ.get("CRMGRAPH_NEO4J_DIR", PROJECT_ROOT / ".neo4j"))

# Flags from Neo4j 5.26's default neo4j.conf (server.jvm.additional), which the
# launcher would have added for us.
JVM_FLAGS = [
    "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC", "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
]

# Netty's graceful shutdown waits a "quiet period" (5 s) for new tasks, once for the Bolt
# boss and once for the worker event loop group: 10 of the 11 s a `stop()` took, with no
# connection left to serve (measured: 10.8 s → 1.0 s; neo4j.log shows both waits). The
# database checkpoint and shutdown are unaffected; `--initial` stops the server mid-load.
FAST_SHUTDOWN = ["internal.dbms.bolt.netty_server_shutdown_quiet_period=0"]


class Neo4jUnavailable(RuntimeError):
    """The local server could not be assembled or started; the message says why."""


def free_port() -> int:
    """Ask the kernel for a free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.3)
        return s.connect_ex(("127.0.0.1", port)) == 0


def java_bin() -> str:
    """The Java 17 binary: Neo4j 5.26 runs on 17 or 21 (newer JDKs are not supported)."""
    candidates = [os.environ.get("CRMGRAPH_JAVA", ""), "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"]
    for c in candidates:
        if c and Path(c).exists():
            return c
    found = shutil.which("java")
    if not found:
        raise Neo4jUnavailable("no java found: Neo4j 5.26 needs Java 17 or 21 (set CRMGRAPH_JAVA)")
    return found


class LocalNeo4j:
    """One local server: jars in `<base>/lib`, its home (conf, data, logs) in `home`.

    :param base: cache folder holding `lib/` (shared by every home).
    :param home: server home; defaults to `<base>/home` (the persistent `make run` server).
    :param port: Bolt port; read from an existing conf, else 7687.
    """

    def __init__(self, base: Path | None = None, home: Path | None = None, port: int | None = None,
                 heap: str = "1g", pagecache: str = "512m"):
        self.base = Path(base or DEFAULT_BASE)
        self.lib = self.base / "lib"
        self.home = Path(home or self.base / "home")
        self.heap = heap
        self.pagecache = pagecache
        self._port = port

    # -- paths and facts -------------------------------------------------------
    @property
    def conf_file(self) -> Path:
        return self.home / "conf" / "neo4j.conf"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "crmgraph-neo4j.pid"

    @property
    def port(self) -> int:
        if self._port:
            return self._port
        if self.conf_file.exists():
            for line in self.conf_file.read_text().splitlines():
                if line.startswith("server.bolt.listen_address="):
                    return int(line.rsplit(":", 1)[1])
        return int(os.environ.get("CRMGRAPH_NEO4J_PORT", "7687"))

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def password(self) -> str:
        return self.password_file.read_text().strip()

    def pid(self) -> int | None:
        """The server's process id if it is running, else None."""
        try:
            pid = int(self.pid_file.read_text())
            os.kill(pid, 0)
            return pid
        except (OSError, ValueError):
            return None

    # -- assembling ------------------------------------------------------------
    def assemble(self, echo=print) -> None:
        """Copy the server's jars from Maven Central into `lib/` once (cached after)."""
        marker = self.lib / f".complete-{NEO4J_VERSION}"
        if marker.exists():
            return
        if not shutil.which("mvn"):
            raise Neo4jUnavailable("Maven (mvn) is needed to fetch Neo4j from Maven Central")
        echo(f"Fetching Neo4j {NEO4J_VERSION} Community from Maven Central (first run only)…")
        tmp = self.base / "lib.partial"
        shutil.rmtree(tmp, ignore_errors=True)
        cmd = ["mvn", "-B", "-q", "-f", str(POM), "dependency:copy-dependencies",
               f"-DoutputDirectory={tmp}", "-DincludeScope=runtime"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise Neo4jUnavailable("mvn could not assemble Neo4j:\n" + (proc.stdout + proc.stderr)[-2000:])
        shutil.rmtree(self.lib, ignore_errors=True)
        tmp.rename(self.lib)
        marker.touch()

    def configure(self, port: int | None = None) -> None:
        """Write `conf/neo4j.conf` and a generated password, once per home."""
        for sub in ("conf", "data", "logs", "plugins", "run", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        if not self.conf_file.exists():
            bolt = port or self._port or int(os.environ.get("CRMGRAPH_NEO4J_PORT", "7687"))
            h = self.home
            self.conf_file.write_text("\n".join([
                f"server.bolt.listen_address=127.0.0.1:{bolt}",
                f"server.bolt.advertised_address=127.0.0.1:{bolt}",
                "server.http.enabled=false",
                "server.https.enabled=false",
                f"server.directories.data={h / 'data'}",
                f"server.directories.logs={h / 'logs'}",
                f"server.directories.plugins={h / 'plugins'}",
                f"server.directories.run={h / 'run'}",
                f"server.directories.import={h / 'import'}",
                f"server.memory.heap.initial_size={self.heap}",
                f"server.memory.heap.max_size={self.heap}",
                f"server.memory.pagecache.size={self.pagecache}",
                "dbms.security.auth_enabled=true",
                "dbms.usage_report.enabled=false",
                "db.tx_log.rotation.retention_policy=1 files",
                *FAST_SHUTDOWN,
                "",
            ]))
            self._port = bolt
        else:
            text = self.conf_file.read_text()
            missing = [line for line in FAST_SHUTDOWN if line.split("=", 1)[0] not in text]
            if missing:   # homes configured before the setting existed
                self.conf_file.write_text(text.rstrip("\n") + "\n" + "\n".join(missing) + "\n")
        if not self.password_file.exists():
            password = secrets.token_urlsafe(18)
            while password.startswith("-"):   # neo4j-admin would parse it as an option (1 in 32 runs)
                password = secrets.token_urlsafe(18)
            self.admin("dbms", "set-initial-password", password)
            self.password_file.write_text(password + "\n")
            self.password_file.chmod(0o600)

    def admin(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run `neo4j-admin` (org.neo4j.cli.AdminTool) against this home."""
        env = dict(os.environ, NEO4J_HOME=str(self.home), NEO4J_CONF=str(self.home / "conf"))
        cmd = [java_bin(), "-Xmx2g", *JVM_FLAGS, "-cp", f"{self.lib}/*", "org.neo4j.cli.AdminTool", *args]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if check and proc.returncode != 0:
            raise Neo4jUnavailable(f"neo4j-admin {' '.join(args[:3])} failed:\n{(proc.stdout + proc.stderr)[-3000:]}")
        return proc

    # -- running ---------------------------------------------------------------
    def start(self, timeout: float = 120, echo=print) -> None:
        """Start the server in the background and wait until Bolt answers."""
        self.assemble(echo=echo)
        self.configure()
        if self.pid():
            return
        if _port_open(self.port):
            raise Neo4jUnavailable(f"port {self.port} is taken by another process (set CRMGRAPH_NEO4J_PORT)")
        heap = self.heap
        cmd = [java_bin(), f"-Xms{heap}", f"-Xmx{heap}", *JVM_FLAGS, "-cp", f"{self.lib}/*",
               "org.neo4j.server.CommunityEntryPoint", f"--home-dir={self.home}",
               f"--config-dir={self.home / 'conf'}"]
        log = self.home / "logs" / "neo4j.log"
        log_size = log.stat().st_size if log.exists() else 0
        console = open(self.home / "logs" / "console.log", "ab")
        env = dict(os.environ, NEO4J_HOME=str(self.home), NEO4J_CONF=str(self.home / "conf"))
        proc = subprocess.Popen(cmd, stdout=console, stderr=subprocess.STDOUT, env=env,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        self.pid_file.write_text(str(proc.pid))
        self._log_offset = log_size
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise Neo4jUnavailable(f"Neo4j exited with {proc.returncode}; see {self.home / 'logs'}")
            if _port_open(self.port) and self._bolt_ready():
                return
            time.sleep(0.5)
        self.stop()
        raise Neo4jUnavailable(f"Neo4j did not answer on {self.uri} within {timeout:.0f}s")

    def _bolt_ready(self) -> bool:
        log = self.home / "logs" / "neo4j.log"
        if not log.exists():
            return False
        with open(log, "rb") as f:
            f.seek(getattr(self, "_log_offset", 0))
            return b"Started." in f.read()

    def stop(self, timeout: float = 60) -> bool:
        """Stop the server (SIGTERM, then SIGKILL after `timeout`); True if one was running."""
        pid = self.pid()
        if not pid:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except OSError:
                break
            try:  # reap if we are its parent
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.2)
        else:
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> dict:
        """What a person asks: is it running, where, which version, where are the files."""
        return {"running": bool(self.pid()), "pid": self.pid(), "uri": self.uri,
                "version": NEO4J_VERSION, "home": str(self.home)}
