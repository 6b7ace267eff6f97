"""What an operator needs around a serving process: logs as JSON lines (`NIYAM_LOG_FORMAT=json`), a readiness
check on its own port (`niyam serve … --health-port N`, `GET /healthz`), and a follower that polls the shared
active-index pointer so a new version is loaded within seconds of going live, before the next question."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from knowledge.errors import NiyamError

log = logging.getLogger("niyam.ops")

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message (and the exception's type, never its text: the
    rest of Niyam logs no question text, and a traceback's message could carry one)."""

    def format(self, record: logging.LogRecord) -> str:
        row = {"time": dt.datetime.fromtimestamp(record.created, dt.timezone.utc).isoformat(timespec="milliseconds"),
               "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        if record.exc_info and record.exc_info[0] is not None:
            row["exception"] = record.exc_info[0].__name__
        return json.dumps(row, ensure_ascii=False)


def configure_logging(fmt: str = "text", level: int = logging.INFO) -> None:
    """The root logger's one handler: JSON lines for `json`, else readable text."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def readiness(service) -> dict:
    """Whether `service` (a bot.service.Niyam) can answer now: its database answers, its index store answers and
    an index version is active. `{"ready": bool, "checks": {...}}`; reasons are one line each."""
    checks: dict[str, str] = {}
    store = service.index.store
    try:
        store.db.check()
        checks["database"] = "ok"
    except NiyamError as e:
        checks["database"] = e.user_message
    try:
        store.client.heartbeat()
        checks["index"] = "ok"
    except Exception as e:  # noqa: BLE001 - chromadb raises what its transport raises
        checks["index"] = f"the index store does not answer ({type(e).__name__})"
    if checks["database"] == "ok":
        try:
            p = store.active()
            checks["version"] = f"v{p.version}" if p else "no index has been built"
        except NiyamError as e:
            checks["version"] = e.user_message
    ready = checks["database"] == "ok" and checks["index"] == "ok" and checks.get("version", "").startswith("v")
    serving = service.index.pointer
    return {"ready": ready, "checks": checks, "serving": f"v{serving.version}" if serving else None}


def start_health_server(port: int, check: Callable[[], dict], host: str = "0.0.0.0") -> ThreadingHTTPServer:
    """`GET /healthz` (and `/readyz`): 200 with the checks when ready, 503 when not. Runs in a daemon thread."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            if self.path.split("?")[0] not in ("/healthz", "/readyz"):
                self.send_error(404)
                return
            try:
                result = check()
            except Exception as e:  # noqa: BLE001 - a failing check is "not ready", never a crash
                result = {"ready": False, "checks": {"error": type(e).__name__}}
            body = json.dumps(result).encode()
            self.send_response(200 if result.get("ready") else 503)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - probes every few seconds: not logged
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="niyam-health", daemon=True).start()
    log.info("health check on port %d at /healthz", server.server_address[1])
    return server


class Follower:
    """Polls the active-index pointer every `every` seconds and loads a new version off to the side (and its
    verdict model), so every replica serves an admin's change within seconds, idle or not.

    `stop()` sets its event and joins the thread, so a process that stops serving stops following before its
    service and modules are torn down (a daemon thread left running would poll a closed service at exit)."""

    def __init__(self, service, every: float = 2.0):
        self.service, self.every = service, every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> "Follower":
        if getattr(getattr(self.service, "index", None), "refresh", None) is None:
            log.debug("the service has no index to follow")  # a stand-in service (tests)
            return self
        self._thread = threading.Thread(target=self._run, name="niyam-follow", daemon=True)
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 30.0) -> None:
        """Stops polling and waits (up to `timeout`) for a version being loaded to finish."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("the index follower did not stop within %.0f s", timeout)

    def _warm(self) -> None:
        warm = getattr(self.service, "warm", None)
        if warm is not None:
            warm()

    def _run(self) -> None:
        try:
            self._warm()  # the version served at start, before the first question
        except Exception as e:  # noqa: BLE001 - the first question reports it
            if not self._stop.is_set():
                log.warning("could not prepare the verdict model (%s)", type(e).__name__)
        while not self._stop.wait(self.every):
            try:
                if self.service.index.refresh():
                    log.info("now serving index v%s", self.service.index.pointer.version)
                    self._warm()
            except Exception as e:  # noqa: BLE001 - the next question reports it; keep following
                if self._stop.is_set():
                    return  # stopping: what failed is the shutdown's, not the index's
                log.warning("could not follow the active index (%s)", type(e).__name__)


def follow_pointer(service, every: float = 2.0) -> Follower:
    """A started `Follower` of `service`'s index; `stop()` it when the process stops serving."""
    return Follower(service, every).start()
