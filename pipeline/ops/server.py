"""Prefect servers that never outlive the process that started them.

Two kinds of server are started on 127.0.0.1:

- :func:`local_server`: a real ``prefect server start`` (API, UI, scheduler) for
  ``xlkb serve --start-server`` / ``make serve``, alive as long as the serving command. A
  deployment's schedule only produces runs on such a server (or on a long-lived one the user
  started, named by ``PREFECT_API_URL``); Prefect's temporary server runs no scheduler.
- Prefect's own temporary server, which a flow run starts when no ``PREFECT_API_URL`` is set
  (``make run``, ``python flows.py``). :func:`install_guard` (called by
  :func:`pipeline.prefect_env.configure_offline`) makes Prefect start it through
  :func:`guarded_app`.

No orphans: every server we start runs a thread (:func:`watch_parent`) that stops it (SIGTERM,
then SIGKILL after a grace period) as soon as its parent process is gone, ``kill -9`` included.
A parent-death check by ``getppid()`` is used rather than ``PR_SET_PDEATHSIG``, whose "parent"
is the *thread* that forked: Prefect starts its temporary server from whichever thread first
needs the API (its events worker, for one), and the signal would fire when that thread ends.
Each server is also recorded under ``$PREFECT_HOME/xlkb-servers/<pid>.json``; the next start
(:func:`reap_orphans`) stops a recorded server whose parent died, should the thread not have.

    python -m pipeline.ops.server --parent PID server start ...   # prefect CLI, parent-watched
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from pipeline.errors import ServerUnavailable

PARENT_ENV = "XLKB_SERVER_PARENT"
"""Environment variable naming the pid a guarded server watches."""
RECORDS_DIR = "xlkb-servers"
"""Folder under ``PREFECT_HOME`` with one JSON record per running server we started."""
MARKER = "pipeline.ops.server"
"""Appears in the command line of every server started here (checked before killing a pid)."""
PREFECT_SERVER_MODULE = "prefect.server.api.server"


def api_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/api"


def healthy(url: str) -> bool:
    """True when the Prefect API at ``url`` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            status: int = response.status
            return status == 200
    except OSError:
        return False


def port_in_use(port: int) -> bool:
    """True when something listens on 127.0.0.1:``port``."""
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def prefect_command() -> list[str]:
    """``prefect`` next to the running interpreter (the project's venv), else on PATH."""
    beside = Path(sys.executable).with_name("prefect")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("prefect")
    return [found] if found else [sys.executable, "-m", "prefect"]


def flow_runs(url: str, limit: int = 20) -> list[dict[str, Any]]:
    """The flow runs the Prefect API at ``url`` knows, by expected start time (raises OSError
    while the server does not answer)."""
    request = urllib.request.Request(
        f"{url}/flow_runs/filter",
        data=json.dumps({"sort": "EXPECTED_START_TIME_ASC", "limit": limit}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        runs: list[dict[str, Any]] = json.load(response)
        return runs


def prefect_env(home: Path, **extra: str) -> dict[str, str]:
    """This process's environment for a subprocess with its own ``PREFECT_HOME`` and no
    ``PREFECT_API_URL`` (it starts or finds its own server), plus ``extra``."""
    env = {**os.environ, "PREFECT_HOME": str(home), **extra}
    env.pop("PREFECT_API_URL", None)
    return env


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# --- processes ---------------------------------------------------------------------------------


def start_time(pid: int) -> int | None:
    """The kernel's start time of ``pid`` (clock ticks since boot), None when it is not running.

    A zombie (exited, not yet reaped) counts as not running. Start times tell a reused pid apart.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        if Path("/proc/self/stat").exists():
            return None
        try:  # no /proc (not Linux): alive or not, start time unknown
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return 0
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] in ("Z", "X"):
        return None
    return int(fields[19])


def running(pid: int, started: int | None = None) -> bool:
    """True when ``pid`` runs (and, given ``started``, is still the process that started then)."""
    now = start_time(pid)
    return now is not None and (started is None or now == started)


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def stop_process(pid: int, group: bool = False, grace: float = 10.0) -> None:
    """SIGTERM ``pid`` (its process group when ``group``), SIGKILL after ``grace`` seconds."""
    kill = os.killpg if group else os.kill
    with contextlib.suppress(ProcessLookupError, PermissionError):
        kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if running(pid):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            kill(pid, signal.SIGKILL)


def watch_parent(parent: int, poll: float = 0.5, grace: float = 5.0) -> threading.Thread:
    """Stop this process once ``parent`` is no longer its parent (the parent died).

    SIGTERM first (uvicorn shuts down cleanly on it), SIGKILL ``grace`` seconds later.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        print(
            f"xlkb: Prefect server pid {os.getpid()}: its parent (pid {parent}) is gone, stopping",
            file=sys.stderr,
            flush=True,
        )
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(grace)
        os.kill(os.getpid(), signal.SIGKILL)

    thread = threading.Thread(target=watch, name="xlkb-parent-watch", daemon=True)
    thread.start()
    return thread


def guarded_app() -> Any:
    """Uvicorn factory: Prefect's ``create_app()``, in a process that dies with its parent.

    The parent's pid comes from ``XLKB_SERVER_PARENT``.
    """
    parent = os.environ.get(PARENT_ENV)
    if parent:
        watch_parent(int(parent))
    from prefect.server.api.server import create_app

    return create_app()


# --- records of the servers we started --------------------------------------------------------


def prefect_home() -> Path:
    """``PREFECT_HOME`` as the Prefect settings of this process see it."""
    from prefect.settings import get_current_settings

    return Path(get_current_settings().home).expanduser()


def record_server(home: Path, pid: int, port: int | None, kind: str) -> Path:
    """Write ``home/xlkb-servers/<pid>.json`` for a server this process just started."""
    folder = home / RECORDS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    record = {
        "pid": pid,
        "pid_start": start_time(pid),
        "parent": os.getpid(),
        "parent_start": start_time(os.getpid()),
        "port": port,
        "kind": kind,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    path = folder / f"{pid}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record), encoding="utf-8")
    tmp.replace(path)
    return path


def forget_server(home: Path, pid: int) -> None:
    (home / RECORDS_DIR / f"{pid}.json").unlink(missing_ok=True)


def reap_orphans(home: Path) -> list[int]:
    """Stop the servers recorded under ``home`` whose parent died; drop records of dead servers.

    Returns the pids stopped. A server is only signalled when it is still the recorded process
    (same start time) and its command line shows it was started here.
    """
    stopped: list[int] = []
    folder = home / RECORDS_DIR
    if not folder.is_dir():
        return stopped
    for path in sorted(folder.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            pid, parent = int(record["pid"]), int(record["parent"])
        except (OSError, ValueError, KeyError, TypeError):
            path.unlink(missing_ok=True)
            continue
        if not running(pid, record.get("pid_start")) or MARKER not in command_line(pid):
            path.unlink(missing_ok=True)
            continue
        if running(parent, record.get("parent_start")):
            continue  # a live run's server
        print(
            f"xlkb: stopping Prefect server pid {pid} (port {record.get('port')}) left behind "
            f"by run pid {parent}, which died",
            file=sys.stderr,
            flush=True,
        )
        stop_process(pid, group=record.get("kind") == "local" and os.getpgid(pid) == pid)
        stopped.append(pid)
        path.unlink(missing_ok=True)
    return stopped


# --- Prefect's temporary server, guarded ------------------------------------------------------


def _guarded_run_uvicorn_command(self: Any) -> subprocess.Popen[Any]:
    """``SubprocessASGIServer._run_uvicorn_command`` of Prefect 3.8.8, through :func:`guarded_app`.

    The same command and environment as Prefect's, with two additions: the uvicorn factory is
    :func:`guarded_app` (the server stops when this process dies) and ``XLKB_SERVER_PARENT``.
    The server is recorded under ``PREFECT_HOME``; servers of dead runs are stopped first.
    """
    import prefect
    from prefect.settings import get_current_settings

    home = prefect_home()
    reap_orphans(home)
    previous = getattr(self, "server_process", None)
    if previous is not None:  # a retry on another port: the previous process exited
        forget_server(home, previous.pid)
    process = subprocess.Popen(
        args=[
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            str(prefect.__module_path__.parent),
            "--factory",
            f"{MARKER}:guarded_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "error",
            "--lifespan",
            "on",
        ],
        env={
            **os.environ,
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
            **get_current_settings().to_environment_variables(exclude_unset=True),
            PARENT_ENV: str(os.getpid()),
        },
    )
    record_server(home, process.pid, self.port, "temporary")
    self._xlkb_home = home
    return process


def _patch(module: ModuleType) -> None:
    cls = module.SubprocessASGIServer
    if getattr(cls, "_xlkb_guarded", False):
        return
    original_stop = cls.stop

    def stop(self: Any) -> None:
        process, home = self.server_process, getattr(self, "_xlkb_home", None)
        original_stop(self)
        if process is not None and home is not None:
            forget_server(home, process.pid)

    cls._run_uvicorn_command = _guarded_run_uvicorn_command
    cls.stop = stop
    cls._xlkb_guarded = True


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Patches ``prefect.server.api.server`` when it is first imported (it is heavy: ~2.5 s)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != PREFECT_SERVER_MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_patch(module: ModuleType) -> None:
            exec_module(module)
            _patch(module)

        loader.exec_module = exec_and_patch  # type: ignore[method-assign]
        return spec


def install_guard() -> None:
    """Make Prefect's temporary server stop when this process dies (idempotent)."""
    module = sys.modules.get(PREFECT_SERVER_MODULE)
    if module is not None:
        _patch(module)
    elif not any(isinstance(finder, _PatchOnImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PatchOnImport())


# --- a real local server -----------------------------------------------------------------------


@contextmanager
def _api_url_set(url: str) -> Iterator[None]:
    """``PREFECT_API_URL`` = ``url`` for this process: in its environment (child processes) and in
    Prefect's settings, which were read when ``prefect`` was imported."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = url
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous


@contextmanager
def local_server(
    port: int = 4200,
    prefect_home: Path | None = None,
    timeout: float = 180.0,
    log_path: Path | None = None,
) -> Iterator[str]:
    """A Prefect server (API, UI, scheduler) on 127.0.0.1:``port`` until the block ends.

    Runs ``prefect server start --host 127.0.0.1 --port PORT`` under a parent watch (it stops
    when this process dies, even by ``kill -9``). When a Prefect API already answers on that port
    (a server the user keeps running), it is used and left running. Yields the API URL;
    ``PREFECT_API_URL`` is set to it meanwhile, in the environment and in Prefect's settings.
    The server's output goes to ``log_path`` (default: discarded). Raises
    :class:`ServerUnavailable` when the port is taken by something else or the server does not
    become healthy within ``timeout`` seconds.
    """
    home = prefect_home or _home_from_environment()
    reap_orphans(home)
    url = api_url(port)
    if healthy(url):
        print(f"xlkb: using the Prefect server already running at {url}", file=sys.stderr)
        with _api_url_set(url):
            yield url
        return
    if port_in_use(port):
        raise ServerUnavailable(
            f"port {port} on 127.0.0.1 is taken by something that is not a Prefect server: "
            "stop it or pick another port with --port"
        )
    env = dict(os.environ)
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env["PREFECT_SERVER_API_HOST"] = "127.0.0.1"
    env.pop("PREFECT_API_URL", None)
    env["PREFECT_HOME"] = str(home)
    if log_path:
        log_path.parent.mkdir(parents=True, exist_ok=True)
    log_file = open(log_path, "wb") if log_path else None  # noqa: SIM115
    command = ["server", "start", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(
        [sys.executable, "-m", MARKER, "--parent", str(os.getpid()), *command],
        env=env,
        stdout=log_file if log_file is not None else subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    record_server(home, proc.pid, port, "local")
    try:
        deadline = time.monotonic() + timeout
        while not healthy(url):
            if proc.poll() is not None:
                where = f" (its log: {log_path})" if log_path else ""
                raise ServerUnavailable(
                    f"the Prefect server on port {port} exited with status {proc.returncode}{where}"
                )
            if time.monotonic() > deadline:
                raise ServerUnavailable(f"prefect server not healthy at {url} after {timeout:g} s")
            time.sleep(0.5)
        where = f" (log: {log_path})" if log_path else ""
        print(f"xlkb: started a Prefect server at {url}{where}", file=sys.stderr)
        with _api_url_set(url):
            yield url
    finally:
        if proc.poll() is None:
            stop_process(proc.pid, group=True, grace=20)
        proc.wait()
        forget_server(home, proc.pid)
        if log_file is not None:
            log_file.close()


def _home_from_environment() -> Path:
    """``PREFECT_HOME`` for a server we start: the environment's, else Prefect's setting."""
    if os.environ.get("PREFECT_HOME"):
        return Path(os.environ["PREFECT_HOME"]).expanduser()
    return prefect_home()


def require_api() -> str:
    """The URL of the Prefect API that schedules runs; :class:`ServerUnavailable` when none.

    Prefect's temporary server creates no scheduled runs, so serving needs ``PREFECT_API_URL``
    (environment or Prefect profile) naming a server that answers.
    """
    from prefect.settings import PREFECT_API_URL

    url: str | None = PREFECT_API_URL.value()
    if not url:
        raise ServerUnavailable(
            "scheduled runs need a Prefect server and PREFECT_API_URL is not set: run `make serve` "
            "(or `xlkb serve --start-server`) to start one with the deployment, or start "
            "`prefect server start --host 127.0.0.1 --port 4200` and "
            "`export PREFECT_API_URL=http://127.0.0.1:4200/api`"
        )
    if not healthy(url):
        raise ServerUnavailable(
            f"no Prefect server answers at PREFECT_API_URL={url}: start it "
            "(`prefect server start --host 127.0.0.1 --port 4200`) or run `make serve`"
        )
    return url


def main(argv: list[str] | None = None) -> int:
    """``python -m pipeline.ops.server --parent PID ARGS...``: ``prefect ARGS...`` in this
    process, stopped when process ``PID`` dies."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2 or args[0] != "--parent":
        print("usage: python -m pipeline.ops.server --parent PID PREFECT-ARGS...", file=sys.stderr)
        return 2
    watch_parent(int(args[1]))
    from prefect.cli import app

    sys.argv = ["prefect", *args[2:]]
    app()  # returns nothing: an error exits through SystemExit
    return 0


if __name__ == "__main__":
    sys.exit(main())
